"""Shared fixtures. Models load once per test session (as they do once per process in use)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
EXAMPLE = SHARED / "examples" / "blinken-beijing"
DEMO = REPO / "demo" / "valmora-floods"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing beside the repo ({SHARED}): the tests read the example story and data there")
    return SHARED


@pytest.fixture(scope="session")
def example_dir(shared_dir) -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def models():
    from storyweave.nlp.models import Models

    return Models()


@pytest.fixture(scope="session")
def pipeline(models):
    from storyweave.config import Config
    from storyweave.pipeline import Pipeline

    return Pipeline(Config(), models)


@pytest.fixture(scope="session")
def example_brief(pipeline, example_dir):
    from storyweave.ingest import read_articles

    arts, probs = read_articles([example_dir])
    return pipeline.brief(arts, probs)


@pytest.fixture(scope="session")
def demo_brief(pipeline, demo_dir):
    from storyweave.ingest import read_articles

    arts, probs = read_articles([demo_dir])
    return pipeline.brief(arts, probs)


@pytest.fixture(scope="session")
def dev_path(shared_dir) -> Path:
    """The story-clustering dev set (gold `story` labels)."""
    path = shared_dir / "data" / "stories-dev.jsonl"
    if not path.is_file():
        pytest.fail(f"shared dev data missing at {path}")
    return path


@pytest.fixture(scope="session")
def dev(dev_path):
    """(articles, gold labels, features) for the dev set, featurised once per session."""
    from storyweave.eval.stories import load_gold
    from storyweave.stories.features import Featurizer

    arts, gold, _ = load_gold(str(dev_path))
    return arts, gold, Featurizer()(arts)
