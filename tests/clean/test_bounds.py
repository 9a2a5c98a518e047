"""Size bounds: pieces never over the cap, cut at line breaks, sentence ends, then spaces."""
from __future__ import annotations

import pytest

from storyweave.clean.bounds import cap_text, chunks, cut_point, split_long_lines

PROSE = ("The river rose overnight. Crews worked until dawn to shore up the banks! "
         "Residents were told to stay away from the quay. ") * 40


@pytest.mark.parametrize("limit", [50, 200, 999])
def test_chunks_stay_under_the_limit_and_lose_nothing_but_spaces(limit):
    pieces = chunks(PROSE, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert " ".join(pieces) == PROSE.strip()


def test_cuts_prefer_sentence_ends_then_spaces():
    pieces = chunks(PROSE, 200)
    assert all(p.endswith((".", "!")) for p in pieces)
    words = chunks("alpha beta gamma delta " * 50, 30, sentences=True)
    assert all(not p.startswith(" ") and len(p) <= 30 for p in words)
    assert set(" ".join(words).split()) == {"alpha", "beta", "gamma", "delta"}


def test_cut_point_prefers_a_line_break():
    text = "First paragraph is here.\nSecond one goes on and on without a break"
    assert cut_point(text, 40) == text.index("\n")
    assert cut_point("short", 40) == 5


def test_cap_text_and_long_lines():
    assert len(cap_text(PROSE, 1000)) <= 1000 and cap_text(PROSE, 1000).endswith((".", "!"))
    text = "Headline\n" + PROSE + "\nLast line."
    out, split = split_long_lines(text, 500)
    assert split == 1
    lines = out.split("\n")
    assert lines[0] == "Headline" and lines[-1] == "Last line." and max(map(len, lines)) <= 500
    assert split_long_lines("a\nb", 500) == ("a\nb", 0)


def test_a_bound_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        chunks("text", 0)
