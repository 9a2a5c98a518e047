"""Extraction quality gate on the shared article-extraction benchmark (read at run time, never copied)."""
from pathlib import Path

import pytest

from storyweave.eval.extraction import evaluate, page_counts, scores, url_date

BENCH = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "article-extraction-benchmark"
needs_bench = pytest.mark.skipif(not (BENCH / "ground-truth.json").is_file(), reason="shared benchmark not present")

# Pinned floors. The subset is the first 40 pages by id: measured at storyweave F1 0.978,
# trafilatura 0.962 (full set: 0.971 vs 0.960). A drop below the floor is a regression, not noise.
SUBSET = 40
SUBSET_FLOOR = 0.965
FULL_FLOOR = 0.965


def test_scoring_matches_the_benchmark_definition():
    gold = "one two three four five six"
    assert page_counts(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = page_counts(gold, "one two three four five six seven")
    # 3 gold shingles all found, 1 extra shingle: normalised to sum to one
    assert (tp, fp, fn) == (0.75, 0.25, 0.0)
    assert scores([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]) == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}
    # tokens are \w+ and case matters, as in the benchmark
    assert page_counts("Hello, World! a b", "hello world a b")[0] == 0.0


def test_url_date():
    assert url_date("https://x.example/2019/11/19/story").isoformat() == "2019-11-19"
    assert url_date("https://x.example/story-11574168580") is None


@needs_bench
def test_subset_quality_gate():
    results, _ = evaluate(BENCH, limit=SUBSET)
    by = {r.name: r.summary() for r in results}
    assert by["storyweave"]["f1"] >= SUBSET_FLOOR
    assert by["storyweave"]["f1"] > by["trafilatura"]["f1"]


@pytest.mark.slow
@needs_bench
def test_full_benchmark_meets_target():
    results, _ = evaluate(BENCH)
    by = {r.name: r.summary() for r in results}
    assert by["storyweave"]["pages"] == 181
    assert by["storyweave"]["f1"] >= FULL_FLOOR
    assert by["storyweave"]["f1"] > by["trafilatura"]["f1"]
