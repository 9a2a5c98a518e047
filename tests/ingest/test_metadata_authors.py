"""Who wrote a page (storyweave.ingest.metadata_authors): names from byline fragments. Invented names."""
import pytest

from storyweave.ingest.metadata_authors import desk_credit, people


@pytest.mark.parametrize("value, source, expected", [
    ("By Pell Andersen and Rue Kaminski", "byline", ["Pell Andersen", "Rue Kaminski"]),
    ("PELL ANDERSEN, Harbor Writer", "author", ["PELL ANDERSEN"]),
    ("Rue Kaminski, rue_k", "author", ["Rue Kaminski"]),
    ("Pell Andersen Associated Press", "byline", ["Pell Andersen"]),
    ("Mary Jane Efe", "byline", ["Mary Jane Efe"]),  # a surname, not the agency's tag (EFE)
    ("Maria da Silva", "byline", ["Maria da Silva"]),
    ("The harbor and river authorities", "byline", []),
    ("Contributors to the Valmora Atlas", "json-ld organisation", ["Contributors to the Valmora Atlas"]),
    ("Contributors", "byline", []),
    ("gto", "author", []),
    ("https://social.example/janeroe", "article:author", []),
])
def test_people(value, source, expected):
    assert people(value, source) == expected


def test_the_outlet_written_after_the_name_is_cut():
    assert people("Oda Lindqvist, Riverside Post", "byline", "Riverside Post") == ["Oda Lindqvist"]
    assert people("Riverside Post", "byline", "Riverside Post") == ["Riverside Post"]  # all there is


def test_desk_credit():
    assert desk_credit("Harbor Desk Staff Published 3:04 p.m.") == "Harbor Desk Staff"
    assert desk_credit("Staff Reports") is None and desk_credit("Pell Andersen") is None


@pytest.mark.parametrize("value, expected", [
    ("Oda Lindqvist (avec Pell Andersen et Rue Kaminski)", ["Oda Lindqvist", "Pell Andersen", "Rue Kaminski"]),
    ("Oda Lindqvist with Pell Andersen", ["Oda Lindqvist", "Pell Andersen"]),
    ("Oda Lindqvist (Reuters)", ["Oda Lindqvist"]),
    ("Oda Lindqvist in Portavel and Pell Andersen in Valmora", ["Oda Lindqvist", "Pell Andersen"]),
    ("Oda Lindqvist for The Harbor Courier", ["Oda Lindqvist"]),
    ("Oda Lindqvist | Harbor Advance Media for Courier.example", ["Oda Lindqvist"]),
    ("Oda Lindqvist is a reporter for Harbor News.", []),
    ("Con Ortega", ["Con Ortega"]),  # a capitalised "Con" is a name, not Spanish "with"
])
def test_co_writers_places_and_byline_fields(value, expected):
    assert people(value, "byline") == expected


@pytest.mark.parametrize("value, expected", [
    ("作者：林小雨 来源：海港日报", ["林小雨"]),  # the source after the name is no writer
    ("记者 林小雨", ["林小雨"]),
    ("文・森川葵", ["森川葵"]),
    ("責任編集：森川葵", []),  # the editor in charge, not the writer
    ("한가람 기자", ["한가람"]),
    ("Текст: Ольга Линдквист", ["Ольга Линдквист"]),
    ("BY: Oda Lindqvist", ["Oda Lindqvist"]),
    ("By ODA LINDQVIST Associated Press Writer", ["ODA LINDQVIST"]),
    ("Par Oda Lindqvist avec AFP", ["Oda Lindqvist"]),
])
def test_lead_ins_and_tails_in_every_script(value, expected):
    assert people(value, "byline") == expected


@pytest.mark.parametrize("value, expected", [
    ("by Oda Lindqvist @odalind", ["Oda Lindqvist"]),  # a handle beside the name (a tune-half byline's form)
    ("Oda Lindqvist (oda.lindqvist@courier.example)", ["Oda Lindqvist"]),
    ("@odalind", []),
    ("José Antonio de la Torre Martínez", ["José Antonio de la Torre Martínez"]),  # particles do not count
])
def test_contacts_beside_a_name_and_long_names_with_particles(value, expected):
    assert people(value, "byline") == expected


def test_one_word_in_brackets_inside_a_name_is_a_nickname_not_a_co_writer():
    assert people("Pell (P.J.) Andersen", "author") == ["Pell Andersen"]
    assert people("(Reuters)", "author") == ["Reuters"]


@pytest.mark.parametrize("value", ["By Pell Andersen · Published 3 March 2026", "By Pell Andersen • 4 min read",
                                   "Pell Andersen | 12-minute read", "Pell Andersen ·"])
def test_a_separator_or_a_reading_time_after_the_name_is_no_part_of_it(value):
    assert people(value, "byline") == ["Pell Andersen"]

