import json
from pathlib import Path

import pytest

from storyweave.cli import main
from storyweave.eval.stories import baseline, bcubed
from storyweave.model import Article

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "stories-dev.jsonl"


def test_bcubed_known_values():
    assert bcubed(["a", "a", "b"], ["x", "x", "y"]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(["a", "a", "b", "b"], ["x", "x", "x", "x"])
    assert (p, r) == (0.5, 1.0) and abs(f - 2 / 3) < 1e-9
    p, r, _ = bcubed(["a", "a"], ["x", "y"])
    assert (p, r) == (1.0, 0.5)
    with pytest.raises(ValueError):
        bcubed(["a"], [])


def test_baseline_separates_unrelated_texts():
    arts = [Article(id=str(i), text=t) for i, t in enumerate([
        "volcano erupts ash lava village evacuated", "lava volcano eruption ash villages evacuated",
        "central bank interest rates inflation", "inflation central bank raises rates"])]
    labels = baseline(arts)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_eval_cli_prints_both_systems_and_meets_the_floor(capsys):
    if not DEV.is_file():
        pytest.skip(f"shared dev data missing at {DEV}")
    assert main(["eval", "stories", str(DEV), "--json", "--min-f1", "0.95"]) == 0
    out = json.loads(capsys.readouterr().out)
    systems = {r["system"]: r for r in out["results"]}
    assert set(systems) == {"storyweave", "tfidf+agglomerative"}
    assert out["articles"] == 200 and out["gold_stories"] == 60
    assert systems["storyweave"]["f1"] >= 0.95


def test_eval_cli_refuses_a_file_without_gold(tmp_path, capsys):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"id": "1", "text": "no label"}) + "\n")
    assert main(["eval", "stories", str(f)]) == 2
    assert "gold 'story'" in capsys.readouterr().err
