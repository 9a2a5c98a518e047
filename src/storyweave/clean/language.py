"""Language of an article (ISO 639-1), offline.

We use py3langid: a naive-Bayes byte n-gram model over ~97 languages that ships inside
the package (no download), classifies a page in about a millisecond and was trained on
varied web and news text. Below a few dozen letters any detector guesses, so short texts
get ``None`` ("unknown") rather than a confident-looking wrong label; so do texts where
the model is unsure.

The model loads once per process, lazily, on first use (not at import: ``storyweave --help``
stays instant), each worker process loads its own copy.
"""
from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import tempfile
from array import array
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import StoryweaveError

# Fewer letters than this is too little text to tell a language.
MIN_LETTERS = 40
# Normalised probability below which the answer is "unknown".
MIN_CONFIDENCE = 0.6
# Enough text to decide; classifying the whole of a long article only costs time.
_SAMPLE_CHARS = 5000
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid import langid
    except ImportError:  # pragma: no cover - a declared dependency
        raise StoryweaveError("language detection needs py3langid: run  pip install py3langid") from None
    model = _unpacked_model(langid)
    if model is None:
        return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = model
    return langid.LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


# The package ships its model LZMA-compressed: unpacking it costs ~0.45 s of CPU in every process
# (a quarter of a one-shot brief). It is unpacked once into the user's cache folder and read
# from there as plain arrays, the large table memory-mapped; any failure falls back to the
# package's own loader.
_MODEL_PARTS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _cache_folder(langid) -> Path | None:
    try:
        src = Path(langid.MODEL_DIR) / langid.MODEL_FILE
        stat = src.stat()
        root = Path(os.environ.get("STORYWEAVE_CACHE") or os.environ.get("XDG_CACHE_HOME")
                    or Path.home() / ".cache") / "storyweave"
        return root / f"langid-{importlib.metadata.version('py3langid')}-{stat.st_size}-{int(stat.st_mtime)}"
    except (OSError, RuntimeError, importlib.metadata.PackageNotFoundError):
        return None


def _unpacked_model(langid):
    folder = _cache_folder(langid)
    if folder is None:
        return None
    try:
        if not (folder / "complete").exists():
            _unpack(langid, folder)
        parts = {k: np.load(folder / f"{k}.npy", mmap_mode="r" if k == "ptc" else None) for k in _MODEL_PARTS}
        nextmove, row = array("I"), array("H")
        nextmove.frombytes(parts["nextmove"].tobytes())
        row.frombytes(parts["row"].tobytes())
        return (parts["ptc"], parts["pc"], parts["classes"].tolist(), nextmove, row, parts["output"].tolist())
    except (OSError, ValueError):
        return None


def _unpack(langid, folder: Path) -> None:
    """Write the model's arrays into ``folder`` (via a temporary folder renamed into place, so
    two processes unpacking at once never read half a model)."""
    ptc, pc, classes, nextmove, row, output = langid._load_model_file(Path(langid.MODEL_DIR) / langid.MODEL_FILE)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name + "."))
    try:
        for name, value in zip(_MODEL_PARTS, (ptc, pc, np.array(classes), np.frombuffer(nextmove, dtype=np.uint32),
                                              np.frombuffer(row, dtype=np.uint16), np.array(output, dtype=np.int64))):
            np.save(tmp / f"{name}.npy", np.asarray(value), allow_pickle=False)
        (tmp / "complete").touch()
        try:
            os.replace(tmp, folder)
        except OSError:  # another process got there first: theirs is as good
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load() -> None:
    """Load the identifier now (a pool's server does, so its workers fork with it)."""
    _identifier()


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence). None when the text is too short or unclear."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    if prob < MIN_CONFIDENCE:
        return None, float(prob)
    return str(lang), float(prob)


def detect_language(text: str) -> str | None:
    return detect(text)[0]


def is_analysis_language(language: str | None, analysis: str = "en") -> bool:
    """True when an article can go through the analysis-language steps (unknown counts as yes:
    a short or mixed text is better analysed than silently dropped)."""
    return language is None or language == analysis
