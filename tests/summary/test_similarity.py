"""Similarity rows and blocks on the light path: the dense word matrix and the per-pair set
intersections (large clusters) give the same numbers, and the formula matches the analysis's."""
from __future__ import annotations

import numpy as np
import pytest

from storyweave.analysis import prepare
from storyweave.config import Config
from storyweave.model import Article
from storyweave.summary.similarity import Similarity


@pytest.fixture(scope="module")
def light(example_dir, models):
    articles = [Article(id=p.name, text=p.read_text("utf-8")) for p in sorted(example_dir.glob("*.txt"))]
    return prepare(articles, models, Config(), light=True)


def test_dense_and_set_paths_agree(light, monkeypatch):
    idx = np.arange(0, len(light.sentences), 3)
    dense = Similarity(light)
    rows, block = dense.rows(idx[:6]), dense.block(idx)
    monkeypatch.setattr(Similarity, "dense_limit", 0)
    sets = Similarity(light)
    np.testing.assert_allclose(sets.rows(idx[:6]), rows)
    np.testing.assert_allclose(sets.block(idx), block)
    assert sets._words is None and dense._words is not None


def test_overlap_is_shared_content_words(light):
    s = Similarity(light)
    i, j = 0, 1
    shared = len(light.tokens[i] & light.tokens[j])
    assert s._shared([i], [j])[0, 0] == shared
    assert s.rows([i])[0, j] == pytest.approx(s.block(np.array([i, j]))[0, 1])
