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

import re
from functools import lru_cache

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
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


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
