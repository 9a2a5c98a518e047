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
