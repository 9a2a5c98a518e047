"""Per-article features for story clustering: the event date, a lede embedding, names, a fingerprint.

A story is one real-world event, so three kinds of evidence are kept apart:
- *when*: the publication date (or, failing that, a date the URL carries);
- *who/where*: capitalised names in the title and lede, matched by exact token;
- *what*: a WordLlama embedding of the title and lede (the fast embedding path).
Only the title and the first ``LEDE_CHARS`` characters are read. News puts the event in the
lede; later paragraphs give background that different events on the same topic share
(the same leaders, the same earlier summit), so reading more makes distinct events look
alike. On the dev set, 600 characters separated events better than 1,200 or 2,500, and
bounding the text keeps featurising at thousands of articles per second.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..model import Article
from ..text import CONCEPT_STOP_WORDS, WORD, stable_shingles, stem, url_date

LEDE_CHARS = 600  # title + the first paragraph or two
WORD_CHARS = 1500  # the event's words and figures are read a little further than the lede
SHINGLE_CHARS = 4000  # copies are detected on this much body text
TERM_CHARS = 20_000  # whole-text terms for regrouping (stories/regroup.py), bounded per article
TERM_SPACE = 2**20  # hashed term ids: no vocabulary to keep or ship between processes
_TERM = re.compile(r"\w\w+")  # a word of two or more letters or digits, as scikit-learn's default token
# A capitalised run: "Kim Jong-un", "North Korea", "C.I.A." (a name may carry inner dots/hyphens).
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[\w](?:\s+(?:[A-Z][\w'’.-]*[\w]|of|de|la|al|bin|von|van))*")
_WORD = WORD
# Capitalised for grammar, not because they name something in this event.
_NOT_NAMES = frozenset(
    """a an the this that these those there their they them then than he she it its his her him we
    our us you your i me my mr mrs ms dr sen rep gov gen president said says but and or if in on at
    of for to by as with from after before about over under when while what who why how where which
    not no yes so also all some many most more one two three new last first next monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec today
    yesterday tomorrow week year reuters ap associated press news update photo video getty images
    read more advertisement share""".split()
)


@dataclass(slots=True)
class Features:
    """What the story index needs from one article. Small and picklable."""

    id: str
    date: dt.date | None
    vector: np.ndarray  # L2-normalised float32 embedding of title + lede
    names: frozenset[str]  # lower-cased name tokens ("kim", "pompeo", "singapore")
    outlet: str | None = None
    title: str = ""
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    words: dict[str, float] = field(default_factory=dict)  # content word or figure -> 1 + log(count)
    terms: tuple[np.ndarray, np.ndarray] | None = None  # hashed term ids and counts of the whole text (regrouping)
    empty: bool = False  # no usable text: clustered on date/title alone, never opens a copy


def event_date(article: Article) -> dt.date | None:
    """The publication date; if missing, a date written in the URL (common in news paths)."""
    return article.published or url_date(article.url)


def body_text(article: Article) -> str:
    """Cleaned body when the cleaning stage ran, else the raw text (one place to switch)."""
    return "\n\n".join(article.body) if article.body else (article.text or "")


def lede(article: Article, chars: int | None = None) -> str:
    title = (article.title or "").strip()
    text = body_text(article)[: chars or LEDE_CHARS]
    return f"{title}.\n{text}" if title else text


def names(text: str) -> frozenset[str]:
    """Lower-cased tokens of capitalised runs that are not sentence-initial function words."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        for tok in _WORD.findall(m.group(0).lower().replace("’s", "").replace("'s", "")):
            if len(tok) > 1 and tok not in _NOT_NAMES and not tok.isdigit():
                out.add(tok)
    return frozenset(out)


def words(text: str) -> dict[str, float]:
    """Content words (crudely stemmed) and figures, with sublinear counts: the event's *what*.

    Figures stay in: a score (31-24), a toll or a magnitude tells one incident from its twin.
    """
    counts: dict[str, int] = {}
    for w in _WORD.findall(text.lower().replace("’s", "").replace("'s", "")):
        if w in CONCEPT_STOP_WORDS or (len(w) < 3 and not w.isdigit()):
            continue
        w = w if w.isdigit() else stem(w)
        counts[w] = counts.get(w, 0) + 1
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


def shingles(text: str, k: int = 5) -> np.ndarray:
    """crc32 of word k-grams: a stable (process-independent) fingerprint for MinHash."""
    grams = stable_shingles(text[:SHINGLE_CHARS], k)
    return np.fromiter(grams, dtype=np.uint32, count=len(grams))


def terms(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Hashed term counts of each text (words of two or more letters, stop words out): the bag
    TF-IDF weighs when stories are regrouped. Hashing (crc32, stable across processes) needs no
    fitted vocabulary, so workers agree without one. Written here rather than with
    scikit-learn's HashingVectorizer, whose import adds ~90 MiB to every featurising worker."""
    out = []
    for text in texts:
        counts = Counter(_TERM.findall(text[:TERM_CHARS].lower()))
        by_id: dict[int, int] = {}
        for w, c in counts.items():
            if w not in CONCEPT_STOP_WORDS:
                h = zlib.crc32(w.encode("utf-8")) & (TERM_SPACE - 1)
                by_id[h] = by_id.get(h, 0) + c  # two words on one id (rare) add up
        out.append((np.fromiter(by_id, np.int32, len(by_id)), np.fromiter(by_id.values(), np.float32, len(by_id))))
    return out


class Featurizer:
    """Article batch -> Features batch. Picklable; the embedder loads once per process/worker."""

    # a pool's server loads the embedder once and its workers fork with it (``LocalEngine.warm``)
    preload = ("storyweave.engines.warm.embedder",)

    def __init__(self, models=None, words: bool = False, terms: bool = False) -> None:
        self._models = models
        # the content-word bags cost a third of the throughput: read only when weighed
        # (``[stories] word_weight`` > 0); the whole-text terms only when stories are regrouped
        self._words = words
        self._terms = terms

    @classmethod
    def for_config(cls, config, models=None) -> "Featurizer":
        """The features a ``StoriesConfig`` weighs, and no others."""
        return cls(models, words=config.word_weight > 0, terms=config.regroup_threshold > 0)

    def __getstate__(self) -> dict:
        return {"words": self._words, "terms": self._terms}

    def __setstate__(self, state: dict) -> None:
        self._models = None
        self._words = state.get("words", False)
        self._terms = state.get("terms", False)

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self._models is None:
            self._models = _process_models()
        return self._models.embedder.embed(texts)

    def __call__(self, articles: list[Article]) -> list[Features]:
        ledes = [lede(a) for a in articles]
        vecs = self._embed([t if t.strip() else "(empty)" for t in ledes])
        bags = terms([f"{a.title or ''}\n{body_text(a)}" for a in articles]) if self._terms else [None] * len(articles)
        out = []
        for a, text, v, bag in zip(articles, ledes, vecs, bags):
            empty = not text.strip()
            out.append(
                Features(
                    id=a.id,
                    date=event_date(a),
                    vector=np.zeros_like(v) if empty else v,
                    names=names(text),
                    outlet=a.outlet,
                    title=(a.title or _first_line(body_text(a)))[:160],
                    shingles=shingles(body_text(a)),
                    words=words(lede(a, WORD_CHARS)) if self._words else {},
                    terms=bag,
                    empty=empty,
                )
            )
        return out


def _process_models():
    """One Models per process: a Featurizer unpickled per task (pool, Ray) must not reload
    the embedder each time. The models are read-only, so sharing them changes no result."""
    from ..nlp.models import Models

    return Models.shared()


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
