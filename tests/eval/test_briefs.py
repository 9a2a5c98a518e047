"""Quality gate: briefs of the held-out gold stories against hand-made gold; the scorer itself."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from storyweave.eval.briefs import load_gold, score_story, split_of

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GOLD = SHARED / "briefs-dev-gold.json"
STORIES = SHARED / "stories-dev.jsonl"


@pytest.mark.skipif(not (GOLD.is_file() and STORIES.is_file()),
                    reason=f"the briefs gold and stories are read from {SHARED} at run time, absent here")
def test_held_out_briefs_keep_their_floors(capsys):
    from storyweave.cli import main

    assert main(["eval", "briefs", str(GOLD), str(STORIES), "--split", "held-out", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    part = result["parts"]["held-out"]
    assert part["stories"] == 4 and list(result["parts"]) == ["held-out"]
    misses = [m for m in result["misses"] if m["part"] == "quote"]
    # pinned floors, below the measured held-out figures (1.00, 0.93, 1.00, 0.89)
    assert part["speaker_precision"] >= 0.95, misses
    assert part["speaker_recall"] >= 0.85, misses
    assert part["quote_recall"] >= 0.95, misses
    assert part["timeline_accuracy"] >= 0.8, [m for m in result["misses"] if m["part"] == "timeline"]


def test_the_split_is_fixed_by_sorted_id():
    ids = ["h", "b", "f", "a", "d", "c", "g", "e"]
    parts = split_of(ids)
    assert [i for i in sorted(ids) if parts[i] == "tune"] == ["a", "b", "c", "d"]
    assert [i for i in sorted(ids) if parts[i] == "held-out"] == ["e", "f", "g", "h"]


GOLD_STORY = {
    "story": "s", "articles": ["s_1", "s_2"],
    "quotes": [
        {"speaker": "Marta Lind", "aliases": ["Ms. Lind"], "pattern": "bridge will open", "docs": ["s_1"]},
        {"speaker": "Marta Lind", "aliases": [], "pattern": "toll stays low", "docs": ["s_1"]},
        {"speaker": "Tomas Berg", "aliases": [], "pattern": "nobody asked us", "docs": ["s_2"]},
        {"speaker": "unknown", "required": False, "pattern": "ferries will stop", "docs": ["s_2"]},
        {"speaker": "Tomas Berg", "aliases": [], "pattern": "I asked him", "docs": ["s_2"]},
        {"speaker": "Kai Holm", "required": False, "pattern": "I cannot sign", "docs": ["s_2"]},
    ],
    "timeline": [{"date": "2019-02-15", "pattern": "deadline", "docs": ["s_1"]},
                 {"date": "2019-03", "pattern": "opening", "docs": ["s_2"]}],
    "unique": [{"pattern": "toll", "doc": "s_1"}],
    "agreements": [{"id": "open", "pattern_by_doc": {"s_1": "bridge opens", "s_2": "bridge will open in"}}],
}


def _brief():
    q = lambda speaker, text, arts: NS(speaker=speaker, text=text, citations=arts)  # noqa: E731
    sent = lambda i, text: NS(id=i, text=text)  # noqa: E731
    return NS(
        quotes=[q("Marta Lind", "The bridge will open in May,", ["s_1"]),
                q("Tomas Berg", "The toll stays low for residents", ["s_1"]),  # wrong speaker
                q("unknown", "Nobody asked us about the ferries", ["s_2"]),  # found, no speaker
                q("Tomas Berg", "The ferries will stop running", ["s_2"]),  # a name on an anonymous quote
                q("Tomas Berg", "I asked him. He said, 'I cannot sign this,' and left", ["s_2"])],  # nested
        timeline=[NS(date="2019-02-15", text="The deadline passed.", citations=["s_1"]),
                  NS(date="2018-03", text="The opening was in March.", citations=["s_2"])],
        unique=[NS(text="The toll stays low.", citations=["s_1"], sentence_ids=["s_1#2"]),
                NS(text="The bridge opens in May.", citations=["s_1"], sentence_ids=["s_1#0"])],
        agreements=[NS(text="The bridge opens.", citations=["s_1", "s_2"], sentence_ids=["s_1#0", "s_2#0"])],
        sentences=[sent("s_1#0", "The bridge opens in May."), sent("s_2#0", "The bridge will open in May."),
                   sent("s_1#2", "The toll stays low.")],
    )


def test_scores_count_what_a_reader_would_see():
    c = score_story(GOLD_STORY, _brief())
    assert (c.quotes, c.quotes_found) == (4, 4)  # optional entries are not required
    # given: Lind (right), toll (wrong), ferries (a name where the gold has none: wrong), Berg
    # (right); the nested optional line is found inside Berg's quote and not judged again
    assert (c.speakers_given, c.speakers_right, c.speakers_recalled, c.speakers_known) == (4, 2, 2, 4)
    assert (c.timeline, c.timeline_right, c.timeline_wrong_year) == (2, 1, 1)
    assert (c.unique, c.unique_found, c.unique_reported, c.unique_false) == (1, 1, 2, 1)
    assert (c.agreements, c.agreements_found, c.agreement_pairs, c.agreement_pairs_found) == (1, 1, 1, 1)
    assert c.ratios()["speaker_precision"] == 0.5


def test_a_citation_is_right_in_any_outlets_gold_wording_of_the_fact():
    brief = _brief()
    # s_2's cited sentence repeats s_1's wording of the agreement, not the sentence the gold picked in s_2
    brief.sentences[1] = NS(id="s_2#0", text="As reported, the bridge opens at last.")
    c = score_story(GOLD_STORY, brief)
    assert (c.cited_checkable, c.cited_right) == (1, 1)
    brief.sentences[1] = NS(id="s_2#0", text="The toll stays low for residents.")  # another fact
    c = score_story(GOLD_STORY, brief)
    assert (c.cited_checkable, c.cited_right) == (1, 0)


def test_bad_gold_names_the_story_and_the_reason(tmp_path):
    from storyweave.errors import InputError

    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps({"stories": [{"story": "x", "quotes": [{"pattern": "(unclosed"}], "timeline": [],
                                            "unique": [], "agreements": []}]}))
    with pytest.raises(InputError, match="bad quote pattern"):
        load_gold(bad)
