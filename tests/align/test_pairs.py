"""The same claim in other words, differing only in a value (align/pairs.py), on stories we write here."""
import datetime as dt

import pytest

from storyweave.config import Config
from storyweave.model import Article
from storyweave.pipeline import Pipeline

NO_NER = Config().with_overrides({"brief": {"ner": False}})
FILLER = ("The harbour authority said repairs to the northern quay would take most of the summer. "
          "Local traders complained that the closure had cut their takings by half.")


LONGER = ("The northern quay has been closed since the storm. Repairs will take most of the summer. "
          "Traders say their takings have halved. The ferry to Skerrow still sails twice a day. "
          "Insurers have sent assessors to the harbour. The council meets again next month. "
          "Two trawlers were moved to the southern basin. The lifeboat station was not damaged. ")


def _brief(models, a: str, b: str, pa=None, pb=None, longer: bool = False):
    """Two outlets' articles around sentences a and b; ``longer`` gives each eight more sentences
    (a rare word's weight grows with the story: a two-sentence story has none)."""
    rest_a = LONGER if longer else FILLER
    rest_b = LONGER.replace("Repairs", "Builders say repairs") if longer else \
        "Fishermen moved their boats to the southern basin for the season."
    arts = [Article(id="o0", text=a + "\n" + rest_a, outlet="Outlet A", published=pa),
            Article(id="o1", text=b + "\n" + rest_b, outlet="Outlet B", published=pb)]
    return Pipeline(NO_NER, models).analyse(arts)


def _statement_story(models, a: str, b: str):
    return _brief(models, a, b, dt.date(2019, 3, 5), dt.date(2019, 3, 5), longer=True)


def _contradiction(an, attribute: str):
    """The story's first divergence on ``attribute``, which must be a contradiction."""
    found = [d for d in an.divergences if d.attribute == attribute]
    assert found and found[0].kind == "contradiction"
    return found[0]


def test_a_paraphrased_year_conflict_is_found(models):
    an = _brief(models,
                "The mayor of Tollmouth, Irena Vasquez, signed the harbour bylaw into law in 2011, officials recalled.",
                "Irena Vasquez, then Tollmouth's mayor, put her name to the harbour bylaw back in 2014.")
    dates = [d for d in an.divergences if d.attribute == "date"]
    assert dates and dates[0].kind == "contradiction"
    assert {v.value for v in dates[0].variants} == {"2011", "2014"}
    assert {c for v in dates[0].variants for c in v.citations} == {"o0", "o1"}


def test_a_paraphrased_count_conflict_is_found(models):
    an = _brief(models,
                "Customs officers at Tollmouth seized three container ships carrying counterfeit medicines.",
                "At the port of Tollmouth, five container ships loaded with fake medicines were seized by customs.")
    figs = [d for d in an.divergences if d.attribute == "count"]
    assert figs and figs[0].kind == "contradiction"


def test_same_values_in_other_words_are_no_divergence(models):
    an = _brief(models,
                "Customs officers at Tollmouth seized three container ships carrying counterfeit medicines in 2019.",
                "At the port of Tollmouth, three container ships loaded with fake medicines were seized in 2019.")
    assert an.divergences == []


def test_different_claims_with_different_values_are_left_alone(models):
    an = _brief(models,
                "The ferry company Skerrow Lines was founded in 1987 by two brothers from Kelby.",
                "Tollmouth's new lighthouse keeper started work in 2020 after the old keeper retired.")
    assert an.divergences == []


def test_a_scheduled_date_moved_in_a_later_report_is_an_update(models):
    an = _brief(models,
                "Harbour master Odile Fenn will step down on February 28, the port board said.",
                "Harbour master Odile Fenn will now step down on January 1, the port board said.",
                pa=dt.date(2018, 12, 20), pb=dt.date(2018, 12, 23))
    dates = [d for d in an.divergences if d.attribute == "date"]
    assert dates and dates[0].kind == "update"
    assert dates[0].variants[0].citations == ["o1"], "the later report's value first: it replaces the earlier"



def test_a_past_year_differing_in_a_later_report_stays_a_contradiction(models):
    an = _brief(models,
                "The mayor of Tollmouth, Irena Vasquez, signed the harbour bylaw into law in 2011, officials recalled.",
                "Irena Vasquez, then Tollmouth's mayor, put her name to the harbour bylaw back in 2014.",
                pa=dt.date(2018, 12, 20), pb=dt.date(2018, 12, 23))
    assert [d.kind for d in an.divergences if d.attribute == "date"] == ["contradiction"]


def test_the_demo_finds_its_planted_rain_conflict(models, demo_dir):
    from storyweave.ingest import read_articles

    arts, _ = read_articles([demo_dir])
    an = Pipeline(NO_NER, models).analyse(arts)
    rain = [d for d in an.divergences if d.attribute == "duration"]
    assert rain and rain[0].kind == "contradiction"
    assert {v.value for v in rain[0].variants} == {"36 hours", "more than 2 days"}


def test_a_disputed_sentence_is_never_a_unique_fact(models, demo_dir):
    from storyweave.ingest import read_articles

    arts, _ = read_articles([demo_dir])
    an = Pipeline(NO_NER, models).analyse(arts)
    disputed = {sid for d in an.divergences for v in d.variants for sid in v.sentence_ids}
    assert disputed and not disputed & {sid for u in an.unique for sid in u.sentence_ids}


@pytest.mark.parametrize("a, b, attribute, values", [
    # the second outlet's year stands in the last sentence of a quotation kept whole: its other
    # sentences dilute the pair's shared words, its own clause states the claim (align/clauses.py)
    ("Critics note that former governor Marta Quill signed a similar harbour fishing law in 2004, and nine "
     "other ports have such rules.",
     "\u201cI would never close the quay to anyone. As harbour master I answer to the traders of Tollmouth first. "
     "Our bylaw has no word about licences at all. It simply copies the harbour fishing law that governor Marta "
     "Quill signed in 2007,\u201d Fenn said.",
     "date", {"2004", "2007"}),
    # the one rank two parallel enumerations disagree on
    ("Councillor Ada Brill kept the No. 2 job of deputy leader, and Tomas Reyl remained in the No. 3 position of "
     "treasurer on the Tollmouth council.",
     "The Tollmouth council re-elected Councillor Ada Brill as deputy leader, the No. 2 position, as well as Tomas "
     "Reyl in the No. 5 spot as treasurer.",
     "rank", {"No. 3", "No. 5"}),
])
def test_a_paraphrased_conflict_inside_a_longer_sentence_is_found(models, a, b, attribute, values):
    an = _brief(models, a, b)
    assert {v.value for v in _contradiction(an, attribute).variants} == values


def test_a_year_that_names_a_thing_is_not_the_time_of_another_clause(models):
    an = _brief(models,
                "The 2015 harbour accord signed by mayor Irena Vasquez with the fishing fleet still holds, the port "
                "board said.",
                "As traders in 2016 attacked mayor Irena Vasquez's harbour accord with the fishing fleet, the port "
                "board kept it.")
    assert [d for d in an.divergences if d.attribute == "date"] == []


def test_one_quoted_statement_dated_two_ways_is_a_conflict(models):
    # the same words of the same speaker are one statement: the days of saying cannot both be right
    an = _statement_story(models,
                          "\u201cI am deeply sorry for the fishermen of Kelby,\u201d Harbour master Odile Fenn said on Monday.",
                          "On Wednesday, Odile Fenn said she was \u201cdeeply sorry\u201d for the fishermen, whose boats "
                          "were seized on Friday.")
    assert {v.citations[0] for v in _contradiction(an, "date").variants} == {"o0", "o1"}


def test_the_same_words_of_two_speakers_are_two_statements(models):
    an = _statement_story(models,
                          "\u201cI am deeply sorry for the fishermen of Kelby,\u201d Harbour master Odile Fenn said on Monday.",
                          "On Wednesday, mayor Irena Vasquez said she was \u201cdeeply sorry\u201d for the fishermen.")
    assert [d for d in an.divergences if d.attribute == "date"] == []


def test_one_person_given_two_ages_is_a_conflict(models):
    from storyweave.align.ages import age_divergences

    an = _statement_story(models,
                          "Harbour master Odile Fenn, 54, said the quay would stay shut until the summer.",
                          "The 56-year-old harbour master, Odile Fenn, said the quay would remain closed until summer.")
    ages = _contradiction(an, "age")
    assert {v.value for v in ages.variants} == {"54", "56"}
    assert [v.value for d in age_divergences(an) for v in d.variants] == [v.value for v in ages.variants]


def test_ages_one_year_apart_in_reports_months_apart_are_left_alone(models):
    an = _brief(models, "Harbour master Odile Fenn, 54, said the quay would stay shut.",
                "Harbour master Odile Fenn, 55, said the quay would reopen.",
                dt.date(2019, 3, 5), dt.date(2019, 9, 5), longer=True)
    assert [d for d in an.divergences if d.attribute == "age"] == []


def test_two_reports_of_one_moment_that_disagree_on_the_hour_are_a_conflict(models):
    an = _brief(models,
                "The fire at the Kelby boatyard was reported at about 9:40 p.m. on Tuesday, the fire chief said.",
                "Firefighters were called to the Kelby boatyard at about 10:40 p.m. Tuesday, the fire chief said.",
                dt.date(2019, 3, 20), dt.date(2019, 3, 20), longer=True)
    assert {v.value for v in _contradiction(an, "date").variants} == {"2019-03-19T21:40", "2019-03-19T22:40"}


def test_the_same_date_written_alike_and_read_against_other_days_is_no_conflict(models):
    # "June 21" in two articles of other years: only the dates they were read against differ
    an = _brief(models, "Simpson has been held without bond at the Tollmouth jail since his arrest on June 21.",
                "A newspaper says Simpson has been held without bond at the Tollmouth jail since his arrest on June 21.",
                dt.date(2012, 7, 1), dt.date(2013, 7, 1), longer=True)
    assert [d for d in an.divergences if d.attribute == "date"] == []

