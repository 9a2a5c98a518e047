"""bench/quote_speakers.py: a quote judged once is scored again when its speaker changes."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "quote_speakers.py"
SPEC = importlib.util.spec_from_file_location("quote_speakers", BENCH)
qs = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(qs)


def test_a_changed_speaker_is_judged_against_the_one_the_text_names():
    missing = {"label": "missing", "speaker_then": None, "should": "Ravi Sethi"}
    assert qs.judge(missing, None) == "missing"
    assert qs.judge(missing, "Ravi Sethi") == "right"
    assert qs.judge(missing, "Sethi") == "right"  # named more or less fully
    assert qs.judge(missing, "Owen Hale") == "wrong"
    wrong = {"label": "wrong", "speaker_then": "Owen Hale", "should": "unknown"}
    assert qs.judge(wrong, None) == "none_ok" and qs.judge(wrong, "Owen Hale") == "wrong"
    right = {"label": "right", "speaker_then": "Ravi Sethi", "should": None}
    assert qs.judge(right, "Ravi Sethi") == "right" and qs.judge(right, None) == "missing"


def test_the_labels_hold_no_article_text():
    for line in qs.LABELS.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) <= {"story", "quote", "split", "label", "speaker_then", "should"}
