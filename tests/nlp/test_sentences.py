"""Sentence splitting: quotation marks stay with the sentence they belong to, attribution
tails and titles stay joined, and nothing of the text is lost."""
from __future__ import annotations

import re

import pytest

from storyweave.model import Article
from storyweave.nlp.sentences import split_article, split_text


@pytest.mark.parametrize("text, expected", [
    # a PTB-style closing '' unbalances sentencex's quote pairing: the next opening mark
    # used to end the previous sentence ("told Matt Lauer. \"")
    ("\"We didn't have this great plan,'' mom Mona Lisa Harding told Matt Lauer. \"It just kind of happened. "
     "We started homeschooling.\"",
     ["\"We didn't have this great plan,'' mom Mona Lisa Harding told Matt Lauer.",
      "\"It just kind of happened.", "We started homeschooling.\""]),
    ("\"It's about survival,\" he said. \"We need it.\"", ["\"It's about survival,\" he said.", "\"We need it.\""]),
    ("“Being good is important,” he said. “We will do it.” Then he left.",
     ["“Being good is important,” he said.", "“We will do it.”", "Then he left."]),
    # spaced straight quotes: the leading mark opens the quotation, the trailing one closes it
    ('He said. " We need this. " Next.', ["He said.", '" We need this."', "Next."]),
    ("The judge found that Ms. Clifford had violated it. She said no.",
     ["The judge found that Ms. Clifford had violated it.", "She said no."]),
    # a state's AP abbreviation before a title modifies it; after "City," it may end the sentence
    ("The backlash grew, with Wash. Gov. Dana Whitcombe banning travel to the state. It spread.",
     ["The backlash grew, with Wash. Gov. Dana Whitcombe banning travel to the state.", "It spread."]),
    ("The fire started in Spokane, Wash. Police said no one was hurt.",
     ["The fire started in Spokane, Wash.", "Police said no one was hurt."]),
    # a party-and-state label cut between its initials ("R-S." + "C., said") is one sentence
    ("“We will not stop,” Sen. Ada Moss, R-S.C., said Tuesday night. The talks go on.",
     ["“We will not stop,” Sen. Ada Moss, R-S.C., said Tuesday night.", "The talks go on."]),
    ("He moved to Washington, D.C. He liked it there.", ["He moved to Washington, D.C.", "He liked it there."]),
    ("Sen. Ted Cruz spoke on Monday. Dr. Who met Prof. Smith.", ["Sen. Ted Cruz spoke on Monday.", "Dr. Who met Prof. Smith."]),
    ("It rained all day on the city of London. Then it stopped.", ["It rained all day on the city of London.", "Then it stopped."]),
])
def test_split_text(text, expected):
    assert split_text(text) == expected


def test_a_closing_mark_moves_back_to_its_sentence():
    parts = split_text("Kids have to be educated, she said, \"and they outdid me very young. \" Hannah was first.")
    assert not any(re.match(r'^"\s', p) or re.search(r'\s"$', p) for p in parts), parts


def test_no_text_is_lost():
    text = ("\"We didn't plan it,'' she told Matt Lauer. \"It happened. We homeschooled.\" "
            "Ms. Harding laughed. \"Really,\" he said.")
    assert re.sub(r"\s", "", " ".join(split_text(text))) == re.sub(r"\s", "", text)


def test_split_article_ids_and_paragraphs():
    a = Article(id="x", body=["One sentence here. Another one there.", "A second paragraph."])
    out = split_article(a)
    assert [s.id for s in out] == ["x#0", "x#1", "x#2"] and [s.paragraph for s in out] == [0, 0, 1]


def test_invisible_characters_inside_words_are_dropped():
    # a zero-width space inside "Arwa" made two words of it for every tokenizer after this one
    assert split_text("A\u200brwa Damon bit two medics\u00ad. It was late.") == ["Arwa Damon bit two medics.", "It was late."]


def test_no_sentence_is_longer_than_the_bound():
    # a run of words without a full stop (a flattened table, a scraped blob): spaCy must never
    # see it whole (E088 past a million characters); it is cut at word boundaries
    from storyweave.nlp.sentences import MAX_SENTENCE_CHARS

    blob = " ".join(f"Word{i}" for i in range(60_000))  # ~470,000 characters, no full stop
    out = split_text("The council met on Monday. " + blob + ". It ended late.")
    assert max(len(s) for s in out) <= MAX_SENTENCE_CHARS
    assert out[0] == "The council met on Monday." and out[-1] == "It ended late."
    assert all(not s.startswith(" ") and not s.endswith(" ") for s in out)
    # nothing but the spaces at the cuts is lost, and no word is cut in two
    assert " ".join(out[1:-1]) == blob + "."
    # one "word" longer than the bound: cut at the bound
    assert [len(s) for s in split_text("x" * (2 * MAX_SENTENCE_CHARS + 5))] == [MAX_SENTENCE_CHARS] * 2 + [5]


def test_a_clock_time_followed_by_a_day_or_zone_does_not_end_the_sentence():
    assert split_text("Crews were called at about 10:40 p.m. Tuesday, the chief said. It burned for hours.") == [
        "Crews were called at about 10:40 p.m. Tuesday, the chief said.", "It burned for hours."]
    assert split_text("It began at 7 a.m. EST and ended at noon.") == ["It began at 7 a.m. EST and ended at noon."]
    assert split_text("The talks ended at 9 p.m. The leaders then left.") == [
        "The talks ended at 9 p.m.", "The leaders then left."]


def test_a_sentence_in_parentheses_ends_at_its_closing_parenthesis():
    assert split_text("The film made $1 billion. (The first one also crossed that mark, but only after a "
                      "re-release in 2013.) Thanks to its success, a sequel is likely.") == [
        "The film made $1 billion.",
        "(The first one also crossed that mark, but only after a re-release in 2013.)",
        "Thanks to its success, a sequel is likely."]
    # an abbreviation in parentheses inside a sentence is no sentence of its own
    assert split_text("Sen. Rand Paul (R-Ky.) Thursday said the bill was dead. He left.") == [
        "Sen. Rand Paul (R-Ky.) Thursday said the bill was dead.", "He left."]
    assert split_text("(AP) The storm hit the coast on Monday.") == ["(AP) The storm hit the coast on Monday."]
