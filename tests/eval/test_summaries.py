"""Summary evaluation: the harness's parts, ``storyweave summarize``, and a ROUGE quality gate
against LexRank measured in the same run (fast: 15 clusters; slow: all 250)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sumy")
pytest.importorskip("rouge_score")

from storyweave.cli import main  # noqa: E402
from storyweave.config import Config  # noqa: E402
from storyweave.errors import InputError  # noqa: E402
from storyweave.eval.summaries import (  # noqa: E402
    Rouge, SumyBaseline, evaluate, fit_budget, format_table, lead, load_clusters, oracle,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "multinews-validation.jsonl"

DOCS = [
    "Flood waters rose to four metres in Valmora on Tuesday. \n \n Two thousand residents left their homes.",
    "Officials opened three shelters in Valmora schools. \n \n Flood waters rose to four metres on Tuesday night.",
]


@pytest.fixture(scope="module")
def data_file() -> Path:
    if not DATA.is_file():
        pytest.fail(f"{DATA} is missing: the summary evaluation reads Multi-News from ../shared/data")
    return DATA


def test_fit_budget_cuts_or_skips():
    ranked = ["one two three four five.", "six seven eight.", "nine ten."]
    assert fit_budget(ranked, 7, truncate=True) == ["one two three four five.", "six seven"]
    assert fit_budget(ranked, 7, truncate=False) == ["one two three four five.", "nine ten."]
    assert fit_budget(ranked, 0, truncate=True) == []


def test_lead_takes_each_document_in_turn():
    out = lead(DOCS, 100, truncate=True)
    assert out[:2] == ["Flood waters rose to four metres in Valmora on Tuesday.",
                       "Officials opened three shelters in Valmora schools."]


@pytest.mark.parametrize("name", ["lexrank", "textrank", "lsa"])
def test_sumy_baselines_rank_without_nltk_data(name, tmp_path, monkeypatch):
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))  # no punkt anywhere: our tokenizer must be used
    out = SumyBaseline(name)(DOCS, 12, truncate=False)
    assert out and sum(len(s.split()) for s in out) <= 12
    assert all(any(s in d for d in DOCS) for s in out)


def test_oracle_finds_the_reference_sentence():
    rouge = Rouge()
    ref = ["Officials opened three shelters in Valmora schools."]
    out = oracle(DOCS, ref, 8, truncate=False, rouge=rouge)
    assert out == ref
    assert rouge.score(out, ref)["rouge2"] == pytest.approx(100.0)


def test_malformed_line_names_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "x", "documents": ["a"], "summary": "b"}\n{"id": "y"}\n')
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        load_clusters(f)


def test_summarize_command_batch(data_file, tmp_path, capsys):
    rows = [json.loads(line) for line in data_file.open(encoding="utf-8")][:2]
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"id": r["id"], "documents": r["documents"]}) + "\n" for r in rows)
                 + "not json\n", encoding="utf-8")
    assert main(["summarize", str(f), "--words", "80"]) == 0
    captured = capsys.readouterr()
    out = [json.loads(line) for line in captured.out.splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]
    for o in out:
        assert o["summary"] and len(o["summary"].split()) <= 80
        assert all(s["citations"] and not s["model_written"] for s in o["sentences"])
    assert "in.jsonl:3" in captured.err, "the bad line is named"


def _gate(clusters, floor_r1: float, margin_r2: float):
    report = evaluate(clusters, 250, ["storyweave", "lead", "lexrank"], truncate=True, config=Config(), show_progress=False)
    table = format_table(report)
    s = report["systems"]
    assert s["storyweave"]["rouge1"] >= floor_r1, table
    assert s["storyweave"]["rouge2"] >= s["lexrank"]["rouge2"] + margin_r2, table
    assert s["storyweave"]["rouge2"] > s["lead"]["rouge2"], table
    return report


def test_quality_gate_15_clusters(data_file):
    # The last 15 clusters: never part of the development samples (the first 100).
    # Floors below what was measured in the same run against LexRank (R-1 48.3, R-2 +3.05;
    # see docs/summaries.md), with room for the noise of 15 clusters.
    _gate(load_clusters(data_file, limit=15, start=235), floor_r1=46.0, margin_r2=2.0)


@pytest.mark.slow
def test_quality_full_multinews_validation(data_file):
    # measured: R-1 46.69, R-2 17.24 vs LexRank 14.20 (+3.04, paired standard error 0.47)
    report = _gate(load_clusters(data_file), floor_r1=46.0, margin_r2=2.9)
    s = report["systems"]
    # speed is printed, never asserted here (bench/ measures it); the table goes to the log
    print(format_table(report), s["storyweave"]["seconds_per_cluster"])
