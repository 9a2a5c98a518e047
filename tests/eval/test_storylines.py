import json

from storyweave.config import Config
from storyweave.eval.storyline_gold import STORYLINES, UNSCORED, gold_storyline
from storyweave.eval.storylines import evaluate, render


def test_every_gold_story_names_one_dev_story(dev_path):
    stories = {json.loads(line)["story"] for line in dev_path.read_text().splitlines() if line.strip()}
    for prefix in [p for members in STORYLINES.values() for p in members] + sorted(UNSCORED):
        assert sum(1 for s in stories if s == prefix or s.startswith(prefix + "-")) == 1, prefix
    assert gold_storyline("wcl-3") is None and gold_storyline("wcl-5") == "wcl-5"


def test_storylines_on_dev_link_with_precision(dev_path):
    report = evaluate(str(dev_path), Config())
    s = report.configured
    assert s.predicted_pairs >= 2 and s.precision >= 0.9
    assert s.in_order >= 2  # the right pairs between two gold stories are in gold's order
    assert "pair P" in render(report)


def test_hard_negatives_name_dev_stories_in_different_storylines(dev_path):
    from storyweave.eval.storyline_gold import HARD_NEGATIVES, hard_negative

    stories = {json.loads(line)["story"] for line in dev_path.read_text().splitlines() if line.strip()}
    for a, b, why in HARD_NEGATIVES:
        full = [next(s for s in stories if s == p or s.startswith(p + "-")) for p in (a, b)]
        assert gold_storyline(full[0]) != gold_storyline(full[1]) and why
        assert hard_negative(full[1], full[0])
    assert not hard_negative("wcl-0", "wcl-2")


def test_storylines_split_into_tune_and_held_out(dev_path):
    tune = evaluate(str(dev_path), Config(), split="tune")
    held = evaluate(str(dev_path), Config(), split="held-out")
    assert tune.split == "tune" and tune.configured.gold_pairs == 2  # the shutdown, Ryan's budget
    assert held.configured.gold_pairs >= 10  # the Russia inquiry and the Korea run-up
    assert tune.configured.precision >= 0.9 and held.configured.precision >= 0.9
