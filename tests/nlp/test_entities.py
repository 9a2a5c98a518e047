"""Entities: alias merging on the real example and on stories written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from storyweave.analysis import annotate, prepare
from storyweave.config import Config
from storyweave.model import Article
from storyweave.nlp.entities import build_entities


def analyse(models, *articles: Article):
    return annotate(prepare(list(articles), models, Config()), models)


def by_name(entities):
    return {e.name: e for e in entities}


# ---- the real example story ------------------------------------------------------------------------

def test_example_people_merge_their_aliases(example_brief):
    ents = by_name(example_brief.entities)
    blinken = ents["Antony Blinken"]
    assert blinken.type == "person" and "Mr Blinken" in blinken.aliases and len(blinken.citations) == 5
    assert "Mr Xi" in ents["Xi Jinping"].aliases
    assert {"Mr Gang", "Mr Qin"} <= set(ents["Qin Gang"].aliases)  # the given name used as a surname
    assert ents["Wang Yi"].type == "person"  # spaCy calls "Wang" an organisation
    assert "Mr Biden" in ents["Joe Biden"].aliases


def test_example_places_and_bodies_normalise(example_brief):
    ents = by_name(example_brief.entities)
    us = ents["United States"]
    assert us.type == "place" and {"US", "America"} <= set(us.aliases)
    dept = [e for e in example_brief.entities if "State Department" in e.name]
    assert len(dept) == 1 and dept[0].type == "organisation" and len(dept[0].citations) >= 3


def test_example_has_no_junk_and_no_split_people(example_brief):
    names = [e.name for e in example_brief.entities]
    for junk in ("State", "state", "Image", "Blinken", "Xi", "Wang", "Xi Blinken", "Chinese"):
        assert junk not in names
    assert names[:2] and {"Antony Blinken", "Xi Jinping"} <= set(names[:6])  # salience order
    assert all(e.type in {"person", "organisation", "place", "group", "other"} for e in example_brief.entities)


# ---- stories written for the tests -------------------------------------------------------------------

HEALTH = """\
Kenyan Health Minister Amara Okafor announced a national vaccination drive in Nairobi on Tuesday.

Dr Okafor told reporters that the World Health Organization would supply the first doses.

Opposition leader Peter Mwangi said the plan came too late. Mr Mwangi's party wants an inquiry.
"""
HEALTH_B = """\
Amarah Okafor, Kenya's health minister, launched the campaign in Nairobi on Tuesday.

The WHO has pledged technical support, Ms Okafor said. The U.S. will send funding.
"""


@pytest.fixture(scope="module")
def health(models):
    an = analyse(models, Article(id="health.txt", published=dt.date(2024, 5, 16), text=HEALTH),
                 Article(id="health-b.txt", text=HEALTH_B))
    return an, build_entities(an)


def test_misspelling_honorifics_and_possessives_merge(health):
    _, index = health
    ents = by_name(index.entities)
    okafor = ents["Amara Okafor"]
    assert {"Dr Okafor", "Ms Okafor", "Amarah Okafor"} <= set(okafor.aliases)
    assert okafor.citations == ["health.txt", "health-b.txt"]
    assert ents["Peter Mwangi"].aliases == ["Mr Mwangi"]  # "Mr Mwangi's": possessive stripped
    assert index.gender["Amara Okafor"] == "f" and index.gender["Peter Mwangi"] == "m"
    assert "minister" in index.roles["Amara Okafor"]


def test_acronym_joins_the_long_name(health):
    _, index = health
    who = by_name(index.entities)["World Health Organization"]
    assert who.type == "organisation" and "WHO" in who.aliases and len(who.citations) == 2


@pytest.mark.parametrize("surface, name", [
    ("Mrs Okafor", "Amara Okafor"),
    ("Health Minister Okafor", "Amara Okafor"),
    ("Amra Okafor", "Amara Okafor"),  # an unseen misspelling
    ("Okafor’s", "Amara Okafor"),
    ("the WHO", "World Health Organization"),
    ("U.S.", "United States"),
    ("America", "United States"),
    ("Mr Mwangi", "Peter Mwangi"),
    ("Mr Smith", None),
])
def test_canonical_resolves_surfaces(health, surface, name):
    assert health[1].canonical(surface) == name


def test_by_sentence_lists_canonical_mentions(health):
    an, index = health
    assert len(index.by_sentence) == len(an.sentences)
    first = index.by_sentence[0]
    assert ("Amara Okafor", "person") in first and ("Nairobi", "place") in first
    assert all(len(ms) == len(set(ms)) for ms in index.by_sentence)


def test_family_name_first_and_country_prefixed_bodies(models):
    art = Article(id="a.txt", published=dt.date(2024, 1, 9), text="""\
Chinese Premier Li Qiang met business leaders in Davos on Tuesday, the first such trip by a premier in years.

Mr Li said the Chinese Foreign Ministry had prepared the visit for months.

The foreign ministry said later that Li would return to Beijing on Thursday.
""")
    index = build_entities(analyse(models, art))
    ents = by_name(index.entities)
    assert "Mr Li" in ents["Li Qiang"].aliases
    assert index.canonical("the foreign ministry") == index.canonical("Chinese Foreign Ministry") is not None


def test_works_without_spacy_docs(models):
    an = analyse(models, Article(id="a.txt", text="Prime Minister Keir Starmer met Emmanuel Macron in Paris. "
                                                  "Mr Starmer said the talks with Mr Macron went well."))
    an.docs = None
    ents = by_name(build_entities(an).entities)
    assert "Mr Starmer" in ents["Keir Starmer"].aliases and "Mr Macron" in ents["Emmanuel Macron"].aliases
