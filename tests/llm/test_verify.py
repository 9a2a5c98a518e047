"""The verifier, deterministically: crafted model sentences against known sources, with the
real WordLlama embedder. Each invented specific must be caught; faithful rewording must pass."""
from __future__ import annotations

import pytest

from storyweave.llm.verify import Verifier, parse_output, specifics

SOURCES = [
    "The talks with Qin Gang lasted seven and a half hours on Sunday, the State Department said.",
    "Antony Blinken met Xi Jinping in Beijing on Monday for about 35 minutes.",
    "Both sides agreed to stabilise relations but made no progress on military channels.",
]


@pytest.fixture(scope="module")
def verifier(models):
    return Verifier(models.embedder)


def test_parse_output_reads_citation_markers():
    out = parse_output("Blinken met Xi in Beijing [2]. The talks were long. [1][3] Nothing agreed [1, 3].")
    assert [c for _, c in out] == [[2], [1, 3], [1, 3]]
    assert all("[" not in t for t, _ in out)


def test_specifics_normalise_numbers_and_names():
    s = specifics("Blinken spent seven hours with Qin Gang on Sunday, June 18, 2023, and 1,200 staff.")
    assert {"blinken", "qin", "gang", "7", "sunday", "june", "18", "2023", "1200"} <= s
    assert "and" not in s


@pytest.mark.parametrize("sentence, cited, ok, why", [
    ("Antony Blinken met Xi Jinping in Beijing on Monday.", [2], True, ""),
    ("Blinken and Qin Gang talked for seven and a half hours on Sunday.", [1, 2], True, ""),
    ("Antony Blinken met Xi Jinping in Shanghai on Monday.", [2], False, "shanghai"),
    ("The talks with Qin Gang lasted five hours on Sunday.", [1], False, "5"),
    ("Antony Blinken met Xi Jinping in Beijing on Tuesday.", [2], False, "tuesday"),
    ("Antony Blinken met Xi Jinping in Beijing on Monday for 5 minutes.", [2], False, "5"),  # not "35"
    ("Antony Blinken met Joe Biden in Beijing on Monday.", [2], False, "biden"),
    ("Antony Blinken met Xi Jinping in Beijing on Monday.", [7], False, "not one of the 3 sources"),
    ("Heavy rain flooded the football stadium before the cup final.", [3], False, "similarity"),
    # no new name or number, close in meaning, but a claim of its own made of ordinary words
    ("Both sides agreed to stabilise relations and sharply expand trade and tourism.", [3], False, "words not in"),
])
def test_each_sentence_is_checked_against_what_it_cites(verifier, sentence, cited, ok, why):
    (v,) = verifier.check([(sentence, cited)], SOURCES)
    assert v.supported is ok, v
    assert why in v.reason


def test_a_name_only_in_an_uncited_source_is_caught(verifier):
    # "Blinken" is in source 2, but the sentence cites only source 1
    (v,) = verifier.check([("Antony Blinken held talks with Qin Gang on Sunday.", [1])], SOURCES)
    assert not v.supported and "blinken" in v.reason


def test_citing_the_wrong_source_is_caught(verifier):
    # true in source 2, but the model cites source 1: the claim is held to what it cites
    (v,) = verifier.check([("Antony Blinken met Xi Jinping in Beijing on Monday.", [1])], SOURCES)
    assert not v.supported


def test_uncited_sentence_is_held_to_its_nearest_sources(verifier):
    good, bad = verifier.check([
        ("Both sides agreed to stabilise relations.", []),
        ("Both sides agreed to stabilise relations by 2030.", []),
    ], SOURCES)
    assert good.supported and good.inferred and 3 in good.cited
    assert not bad.supported and "2030" in bad.reason
