from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "stories-dev.jsonl"


@pytest.fixture(scope="session")
def dev_path() -> Path:
    if not DEV.is_file():
        pytest.skip(f"shared dev data missing at {DEV}")
    return DEV


@pytest.fixture(scope="session")
def dev(dev_path):
    """(articles, gold labels, features) for the dev set, featurised once per session."""
    from storyweave.eval.stories import load_gold
    from storyweave.stories.features import Featurizer

    arts, gold, _ = load_gold(str(dev_path))
    return arts, gold, Featurizer()(arts)
