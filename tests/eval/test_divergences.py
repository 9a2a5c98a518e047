"""Quality gate: conflicts injected into real multi-outlet stories must be caught."""
import json

from storyweave.cli import main


def test_injected_conflicts_are_caught(dev_path, capsys):
    assert main(["eval", "divergences", str(dev_path), "--limit", "5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["injected"] >= 5
    # pinned floor, below the measured 0.75 on the full dev set (README)
    assert result["recall"] >= 0.55, result["misses"]
    assert result["per_story"] <= 0.5


def test_the_injection_changes_one_outlet_only():
    from storyweave.eval.divergences import _changed_number

    assert _changed_number("about 2,000 people") == "about 3,200 people"
    assert _changed_number("12 soldiers") == "19 soldiers"
    assert _changed_number("four people") == "nine people"
    assert _changed_number("no figure here") is None
