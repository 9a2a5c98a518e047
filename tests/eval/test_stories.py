import json
from pathlib import Path

import pytest

from storyweave.cli import main
from storyweave.eval.stories import baseline, bcubed, part_of, score, source_of, tune_baseline
from storyweave.model import Article

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "stories-dev.jsonl"

TEXTS = [
    "volcano erupts ash lava village evacuated", "lava volcano eruption ash villages evacuated",
    "central bank interest rates inflation", "inflation central bank raises rates",
]


def test_bcubed_known_values():
    assert bcubed(["a", "a", "b"], ["x", "x", "y"]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(["a", "a", "b", "b"], ["x", "x", "x", "x"])
    assert (p, r) == (0.5, 1.0) and abs(f - 2 / 3) < 1e-9
    p, r, _ = bcubed(["a", "a"], ["x", "y"])
    assert (p, r) == (1.0, 0.5)
    with pytest.raises(ValueError):
        bcubed(["a"], [])


def test_per_source_rows_judge_each_item_against_the_whole_run():
    # a basil item merged with an ecb item: both sources lose precision, though each alone is one story
    gold = ["basil-1", "ecb-1", "ecb-2", "ecb-2"]
    pred = ["x", "x", "y", "y"]
    rows = {r.source: r for r in score("s", gold, pred, 0.0, [source_of(g) for g in gold])}
    assert set(rows) == {"all", "basil", "ecb"}
    assert rows["basil"].precision == 0.5 and rows["basil"].recall == 1.0
    assert abs(rows["ecb"].precision - 5 / 6) < 1e-9 and rows["all"].precision == 0.75


def test_split_is_by_sorted_story_id_halves():
    parts = part_of(["s3", "s1", "s2", "s4", "s1"])
    assert parts == {"s1": "tune", "s2": "tune", "s3": "held-out", "s4": "held-out"}


def test_baseline_separates_unrelated_texts_and_tunes_its_cut():
    arts = [Article(id=str(i), text=t) for i, t in enumerate(TEXTS)]
    labels = baseline(arts)
    assert labels[0] == labels[1] != labels[2] == labels[3]
    cut = tune_baseline(arts, ["a", "a", "b", "b"])
    tuned = baseline(arts, cut)
    assert tuned[0] == tuned[1] != tuned[2] == tuned[3]
    assert baseline(arts, 0.3)[0] != baseline(arts, 0.3)[1]  # the cut is honoured


def test_eval_cli_prints_all_systems_per_part_and_meets_the_floor(capsys):
    if not DEV.is_file():
        pytest.skip(f"shared dev data missing at {DEV}")
    assert main(["eval", "stories", str(DEV), "--json", "--min-f1", "0.95"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {(r["system"], r["source"]): r for r in out["results"]}
    assert {s for s, _ in rows} == {"storyweave", "storyweave-shuffled", "tfidf+agglomerative"}
    assert {src for _, src in rows} == {"all", "basil", "wcl"}
    assert out["articles"] == 200 and out["gold_stories"] == 60
    assert rows[("storyweave", "all")]["f1"] >= 0.95
    assert 0.0 < out["agreement"] <= 1.0 and out["baseline_tuned_on"] == "tune"
    assert main(["eval", "stories", str(DEV), "--json", "--split", "held-out"]) == 0
    held = json.loads(capsys.readouterr().out)
    assert held["gold_stories"] == 30 and held["split"] == "held-out"


def test_eval_cli_refuses_a_file_without_gold(tmp_path, capsys):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"id": "1", "text": "no label"}) + "\n")
    assert main(["eval", "stories", str(f)]) == 2
    assert "gold 'story'" in capsys.readouterr().err


ECB = DEV.parent / "stories-dev-ecbplus.jsonl"


@pytest.mark.slow
def test_two_streams_together_per_source_beside_the_baseline(capsys):
    """Both dev files in one run (over 64 stories, so the index grows its tables)."""
    if not (DEV.is_file() and ECB.is_file()):
        pytest.skip(f"shared dev data missing at {DEV.parent}")
    assert main(["eval", "stories", str(DEV), str(ECB), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = {(r["system"], r["source"]): r for r in out["results"]}
    assert {src for _, src in rows} == {"all", "basil", "wcl", "ecb"}
    assert out["articles"] == 696 and out["gold_stories"] == 102
    # floors from 4 December 2026 (0.901 all, 1.000 basil, agreement 0.997); 0.95 is not met yet
    assert rows[("storyweave", "all")]["f1"] >= 0.89
    assert rows[("storyweave", "basil")]["f1"] > rows[("tfidf+agglomerative", "basil")]["f1"]
    assert out["agreement"] >= 0.98


def test_held_out_part_is_above_the_baseline_on_every_source_and_shuffled_stays_with_batch(capsys):
    """The issue's gates on the part nobody tuned on, in one run (4 December: 0.888 against
    TF-IDF's 0.873; ECB+ 0.843 against 0.831; shuffled 0.886)."""
    if not (DEV.is_file() and ECB.is_file()):
        pytest.skip(f"shared dev data missing at {DEV.parent}")
    assert main(["eval", "stories", str(DEV), str(ECB), "--json", "--split", "held-out"]) == 0
    out = json.loads(capsys.readouterr().out)
    f1 = {(r["system"], r["source"]): r["f1"] for r in out["results"]}
    for source in ("all", "basil", "wcl", "ecb"):
        assert f1[("storyweave", source)] > f1[("tfidf+agglomerative", source)], source
    assert abs(f1[("storyweave-shuffled", "all")] - f1[("storyweave", "all")]) <= 0.01
