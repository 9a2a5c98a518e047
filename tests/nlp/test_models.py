"""The embedder's fast path against WordLlama's own embedding."""
from __future__ import annotations

import numpy as np
import pytest

from storyweave.nlp.models import Models


@pytest.fixture(scope="module")
def embedder():
    return Models().embedder


TEXTS = [
    "Blinken met Qin Gang in Beijing for five and a half hours on Sunday.",
    "Talks ended; talks resumed.",
    "Café owners in Zürich said the €2.5bn plan was \"unworkable\" — twice.",
    "数字 and emoji 🙂 mixed with ASCII, plus a soft\u00adhyphen.",
    "x'ab12 don't O'Neill's 1,200 U.S.-China",
    "  leading and trailing spaces, doubled  inside  ",
    "one",
]


def test_equals_wordllama_to_float_rounding(embedder):
    ours = embedder.embed(TEXTS)
    ref = np.asarray(embedder._wl.embed(TEXTS, norm=True), dtype=np.float32)
    assert ours.shape == (len(TEXTS), embedder.dim)
    np.testing.assert_allclose(ours, ref, atol=1e-6)
    # the second call reads the cached word sums: the same vectors
    np.testing.assert_array_equal(embedder.embed(TEXTS), ours)


def test_reads_wordllamas_own_files_without_importing_it():
    import subprocess
    import sys

    code = ("import sys; from storyweave.nlp.models import Models; e = Models().embedder; "
            "print(e.embed(['a b']).shape, 'wordllama' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["(1,", "256)", "False"]


def test_texts_with_odd_spaces_get_wordllamas_own_floats(embedder):
    odd = [t for t in TEXTS if "" in t.split(" ")] + [" a window cut mid-sentence ", "two  spaces", " "]
    ours = embedder.embed(odd)
    ref = np.asarray(embedder._wl.embed(odd, norm=True), dtype=np.float32)
    np.testing.assert_array_equal(ours, ref)  # NaN for the text without tokens, as WordLlama's
    many = [f"  window {k} of a long  text " for k in range(70)]  # two of WordLlama's batches
    np.testing.assert_array_equal(embedder.embed(many), np.asarray(embedder._wl.embed(many, norm=True), dtype=np.float32))


def test_the_same_table_and_tokens_as_wordllama(embedder):
    wl = embedder._wl
    np.testing.assert_array_equal(embedder._table, wl.embedding)
    for text in TEXTS:
        assert embedder._tokenizer.encode(text, add_special_tokens=False).ids == \
            wl.tokenizer.encode(text, add_special_tokens=False).ids


def test_cache_starts_over_when_full(embedder, monkeypatch):
    monkeypatch.setattr(type(embedder), "max_words", 8)
    embedder._reset_words()
    try:
        out = embedder.embed(TEXTS[:3])  # more distinct words than the cache holds
        ref = np.asarray(embedder._wl.embed(TEXTS[:3], norm=True), dtype=np.float32)
        np.testing.assert_allclose(out, ref, atol=1e-6)
        np.testing.assert_allclose(embedder.embed(TEXTS[3:5]), embedder._wl.embed(TEXTS[3:5], norm=True), atol=1e-6)
        assert len(embedder._row) <= max(8, len({w for t in TEXTS[3:5] for w in t.split(" ")}))
    finally:
        monkeypatch.undo()
        embedder._reset_words()


def test_threads_share_the_word_cache(embedder, monkeypatch):
    # A server embeds from several threads at once; the cache also starts over under them.
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(type(embedder), "max_words", 40)
    embedder._reset_words()
    texts = [f"Story {k} says the council voted {k} times on flood wall number {k * 7}." for k in range(60)]
    ref = np.asarray(embedder._wl.embed(texts, norm=True), dtype=np.float32)
    try:
        with ThreadPoolExecutor(4) as pool:
            out = list(pool.map(lambda k: embedder.embed(texts[k : k + 3]), range(0, 60, 3)))
        np.testing.assert_allclose(np.vstack(out), ref, atol=1e-6)
    finally:
        monkeypatch.undo()
        embedder._reset_words()


def test_spacy_runs_the_ner_alone_with_the_same_entities():
    """The ner has its own embedding layers: dropping the shared tok2vec changes no entity."""
    import spacy

    from storyweave.nlp.models import SPACY_PACKAGE, SPACY_UNUSED, load_spacy

    nlp = load_spacy()
    assert nlp.pipe_names == ["ner"]
    with_tok2vec = spacy.load(SPACY_PACKAGE, exclude=[p for p in SPACY_UNUSED if p != "tok2vec"])
    assert "tok2vec" in with_tok2vec.pipe_names
    texts = [TEXTS[0], "Maria Okafor told Reuters on Tuesday that the Lagos plant would close in May.",
             "The European Commission and Google met in Brussels, a spokesman for Apple said."]
    ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    assert ents == [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in with_tok2vec.pipe(texts)]
    assert any(label == "PERSON" for _, _, label in ents[1])
