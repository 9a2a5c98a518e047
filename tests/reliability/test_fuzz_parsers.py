"""Property-based fuzzing of the text parsers: dates, quantities, quotes, sentences, cleaning.

Any text in, a well-formed answer out (spans inside the text, values of the right type), and
within the per-item bound — regexes over scraped text are where catastrophic backtracking
hides, so besides arbitrary text the inputs include long runs of one token (digits, quote
marks, month names, spaces), the shape that makes a backtracking regex go quadratic or worse.
"""
from __future__ import annotations

import datetime as dt

import reliability_kit as kit
from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.clean.boilerplate import clean_lines
from storyweave.config import CleanConfig
from storyweave.nlp.dates import find_dates
from storyweave.nlp.quantities import find_quantities
from storyweave.nlp.quotes import find_quote_spans
from storyweave.nlp.sentences import split_text

NEWSY = ["Jan", "January 5", "5 March 2031", "2031-01-05", "last Tuesday", "next week", "$1.5bn", "1,200", "3.5%",
         "½", "nine", "dozens of", "“", "”", '"', "‘", "’", "'", " said ", "—", "...", "\n", "\n\n", "(AP) —",
         "VALMORA, Jan 5 (Reuters) -", "km", "people", "per cent", "Mr.", "U.S.", "1", "0", ",", ".", " "]
TOKENS = st.sampled_from(NEWSY)
# a sentence of news-like pieces, arbitrary unicode, or one piece repeated thousands of times
TEXT = (st.lists(TOKENS | st.text(max_size=12), max_size=60).map("".join)
        | st.text(max_size=400)
        | st.builds(lambda t, n, glue: glue.join([t] * n), TOKENS, st.integers(500, 5000), st.sampled_from(["", " ", ","])))
ANCHOR = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@kit.FUZZ
@given(TEXT, ANCHOR, st.none() | st.booleans())
def test_find_dates(text, anchor, future):
    with kit.bounded(f"find_dates on {len(text)} chars", seconds=5):
        found = find_dates(text, anchor, future)
    for m in found:
        assert 0 <= m.start <= m.end <= len(text), m


@kit.FUZZ
@given(TEXT)
def test_find_quantities(text):
    with kit.bounded(f"find_quantities on {len(text)} chars", seconds=5):
        found = find_quantities(text)
    for q in found:
        assert isinstance(q.value, float), q


@kit.FUZZ
@given(TEXT)
def test_find_quote_spans(text):
    with kit.bounded(f"find_quote_spans on {len(text)} chars", seconds=5):
        spans = find_quote_spans(text)
    assert spans == sorted(spans)
    for s, e in spans:
        assert 0 <= s <= e <= len(text)


@kit.FUZZ
@given(TEXT)
def test_split_text(text):
    with kit.bounded(f"split_text on {len(text)} chars", seconds=5):
        parts = split_text(text)
    assert all(p and p == p.strip() for p in parts)


@kit.FUZZ
@given(TEXT)
def test_clean_lines(text):
    with kit.bounded(f"clean_lines on {len(text)} chars", seconds=5):
        result = clean_lines(text, CleanConfig())
    assert all(isinstance(line, str) for line in result.body)
    assert all(r.reason for r in result.removed)


@settings(kit.FUZZ, max_examples=max(3, kit.EXAMPLES // 4))  # spaCy per example: the costly one
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_extract_quotes_on_whole_stories(models, texts):
    """The full quote step (speakers need spaCy): sentences -> entities -> quotes."""
    from storyweave.analysis import annotate, prepare
    from storyweave.config import Config
    from storyweave.model import Article
    from storyweave.nlp.entities import build_entities
    from storyweave.nlp.quotes import extract_quotes

    arts = [Article(id=f"f{i}.txt", text=t, published=dt.date(2031, 1, 5)) for i, t in enumerate(texts) if t.strip()]
    if not arts:
        return
    with kit.bounded(f"extract_quotes on {sum(map(len, texts))} chars", seconds=30):
        an = annotate(prepare(arts, models, Config()), models)
        quotes = extract_quotes(an, build_entities(an))
    assert all(q.text for q in quotes)
    # a speaker is a name or None (``speaker: null``): never empty, never a placeholder word
    assert all(q.speaker is None or (q.speaker.strip() and q.speaker.lower() != "unknown") for q in quotes)
    assert all(None not in q.attributions.values() for q in quotes)
