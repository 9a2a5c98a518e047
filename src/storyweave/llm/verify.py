"""Check each model-written sentence against the source sentences it cites.

A sentence is supported when (1) it is close in meaning to what it cites - embedding
similarity to the best cited sentence, or to their combination for a sentence that fuses
several - and (2) every checkable specific in it - numbers (digits or words), dates (years,
months, weekdays) and names and places (capitalised words) - appears in the cited sentences.
Similarity alone lets "talks lasted seven hours" pass for "talks lasted five hours"; the
specifics check is what catches an invented figure or a swapped name. (3) Most of its content
words come from the cited sentences: a paraphrase may change a few words, but "rose four
metres higher than the previous day" adds a claim made of ordinary words that (1) and (2)
do not see (a real SmolLM2 output on the test story).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..nlp.sentences import split_text
from ..text import CONCEPT_STOP_WORDS, WORD, stem

_MARK = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_NUMBER_WORDS = {
    w: str(k) for k, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split())
}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                      "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
                      "million": "million", "billion": "billion", "half": "half", "dozen": "12"})
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Capitalised for grammar, not because they name something.
_COMMON = frozenset(
    "a an the and or but of to in on at for with from by as is are was were be it its this that these those "
    "he she they we you i his her their our my mr mrs ms dr after before while when where which who what "
    "however meanwhile also both some many most several according".split()
)


def _norm_number(tok: str) -> str:
    return tok.replace(",", "").rstrip(".")


def specifics(text: str) -> set[str]:
    """Numbers, date words and capitalised names in ``text``, normalised for comparison."""
    out: set[str] = set()
    toks = _TOKEN.findall(text)
    for k, tok in enumerate(toks):
        low = tok.lower().strip(".")
        if tok[0].isdigit():
            out.add(_norm_number(tok))
        elif low in _NUMBER_WORDS:
            out.add(_NUMBER_WORDS[low])
        elif low in _DATE_WORDS:
            out.add(low)
        elif tok[0].isupper() and low not in _COMMON and not (k == 0 and low in _COMMON):
            out.add(low.replace("’", "'").removesuffix("'s"))
    return out


def parse_output(text: str) -> list[tuple[str, list[int]]]:
    """Model text -> sentences with the 1-based source numbers they cite ([1], [2][3], [1, 3])."""
    out: list[tuple[str, list[int]]] = []
    for sent in split_text(text.replace("\n", " ")):
        cited = [int(n) for m in _MARK.finditer(sent) for n in re.split(r"[,;]\s*", m.group(1))]
        clean = _MARK.sub("", sent).strip()
        if not re.search(r"[A-Za-z]", clean):  # a lone "[2]" split off after the full stop
            if out:
                out[-1][1].extend(cited)
            continue
        out.append((clean, cited))
    return out


class Embeds(Protocol):
    def embed(self, texts: list[str]) -> np.ndarray: ...


@dataclass(slots=True)
class Unsupported:
    text: str
    reason: str
    cited: list[int]


@dataclass(slots=True)
class Verdict:
    text: str
    cited: list[int]  # 1-based source numbers the sentence is checked against
    supported: bool
    reason: str = ""
    similarity: float = 0.0
    inferred: bool = False  # the model gave no citation: checked against its nearest sources


class Verifier:
    def __init__(self, embedder: Embeds, min_similarity: float = 0.55, infer_top: int = 2,
                 max_new_words: float = 0.25) -> None:
        self.embedder = embedder
        self.min_similarity = min_similarity
        self.max_new_words = max_new_words  # share of content words allowed to be new (rewording)
        self.infer_top = infer_top

    def check(self, sentences: list[tuple[str, list[int]]], sources: list[str]) -> list[Verdict]:
        if not sentences:
            return []
        vec = self.embedder.embed([t for t, _ in sentences] + list(sources))
        out_vecs, src_vecs = vec[: len(sentences)], vec[len(sentences):]
        return [self._one(t, cited, out_vecs[k], src_vecs, sources) for k, (t, cited) in enumerate(sentences)]

    def _one(self, text: str, cited: list[int], v: np.ndarray, src_vecs: np.ndarray, sources: list[str]) -> Verdict:
        bad = [c for c in cited if not 1 <= c <= len(sources)]
        if bad:
            return Verdict(text, cited, False, f"cites [{bad[0]}], which is not one of the {len(sources)} sources")
        inferred = not cited
        if inferred:  # weak models forget markers: hold the sentence to its nearest sources
            cited = [int(k) + 1 for k in np.argsort(-(src_vecs @ v))[: self.infer_top]]
        idx = [c - 1 for c in dict.fromkeys(cited)]
        combined = src_vecs[idx].sum(axis=0)
        combined /= np.linalg.norm(combined) or 1.0
        sim = float(max((src_vecs[idx] @ v).max(), combined @ v))
        reasons = []
        if sim < self.min_similarity:
            reasons.append(f"meaning too far from the cited sources (similarity {sim:.2f})")
        support = set().union(*(specifics(sources[i]) for i in idx))
        support_text = " ".join(sources[i] for i in idx).lower()
        # whole-word fallback for spellings the token sets normalise apart ("U.S.", "al-Sadr")
        missing = sorted(s for s in specifics(text) - support if not re.search(rf"\b{re.escape(s)}\b", support_text))
        if missing:
            reasons.append("not in the cited sources: " + ", ".join(missing))
        words = _content_words(text)
        known = set().union(*(_content_words(sources[i]) for i in idx))
        new = sorted(w for stem, w in words.items() if stem not in known)
        if words and len(new) / len(words) > self.max_new_words:
            reasons.append("words not in the cited sources: " + ", ".join(new))
        return Verdict(text, cited, not reasons, "; ".join(reasons), sim, inferred)


def _content_words(text: str) -> dict[str, str]:
    """Stem -> word as written, for the content words of ``text``."""

    return {stem(w): w for w in WORD.findall(text.lower()) if w not in CONCEPT_STOP_WORDS and len(w) > 2}  # as the summary's concepts
