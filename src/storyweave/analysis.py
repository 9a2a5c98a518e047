"""Story analysis: cleaned articles -> sentences, vectors, fact groups and copies.

``prepare`` is the cheap part every consumer needs (the brief, the summarizer, the eval):
sentence splitting, WordLlama vectors, syndication and fact groups. ``annotate`` adds the
spaCy docs that entities, quotes and dates need; it is the slow part and only the brief
runs it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .clean import clean_article
from .config import Config
from .dedup import find_copies
from .model import Article, Sentence
from .nlp.models import Models
from .nlp.sentences import split_article
from .unionfind import UnionFind

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been being has have had it its "
    "this that these those he she they we you i his her their our not no will would can could said says say "
    "after before about over into than then there which who whom what when where while more most also than "
    "mr mrs ms dr s t also just only other such some any each both all if so up out one who's its".split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion dozen dozens half".split()
)


def content_tokens(text: str) -> set[str]:
    """Lower-cased content words, crudely stemmed, for lexical overlap.

    Numbers are left out on purpose: two reports of one fact with different figures must
    still align, so that the figures can be compared (see align.py).
    """
    cache = _CONTENT_WORD
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    try:
        out = set(map(cache.__getitem__, words))
    except KeyError:  # new words: look each up once (another thread may clear the cache meanwhile)
        if len(cache) > 200_000:  # bounded: a long-running server meets new words forever
            cache.clear()
        out = set()
        for w in set(words):
            c = cache.get(w, _UNSEEN)
            if c is _UNSEEN:
                c = cache[w] = _content_word(w)
            out.add(c)
    out.discard(None)
    return out


_UNSEEN = object()


# token -> its content word or None: a pure function of the token, cached because a story
# repeats its words and this runs for every sentence of every article
_CONTENT_WORD: dict[str, str | None] = {}


def _content_word(w: str) -> str | None:
    w = w.split("'")[0]
    if w in _STOP or len(w) < 2 or w in _NUMBER_WORDS or w[0].isdigit():
        return None
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


_WORD_VALUES = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def number_tokens(text: str) -> set[str]:
    """The figures of a sentence, normalised ("seven" -> "7", "2,000" -> "2000")."""
    out = set()
    for w in _TOKEN.findall(text.lower().replace(",", "")):
        if w[0].isdigit():
            out.add(w.rstrip("stndrh") or w)
        elif w in _WORD_VALUES:
            out.add(_WORD_VALUES[w])
    return out


@dataclass
class StoryAnalysis:
    articles: list[Article]
    sentences: list[Sentence]
    vectors: np.ndarray  # (n, 256) unit vectors, row i = sentences[i]
    tokens: list[set[str]]  # content tokens per sentence
    groups: list[list[int]]  # fact groups: sentence indices stating the same fact
    group_of: list[int]  # sentence index -> group index
    independent: list[int]  # per group: independent sources (copies count once)
    copies: dict[tuple[int, int], float]  # (i, j) sentence pairs that are copies -> overlap
    syndicated: dict[tuple[str, str], list[tuple[int, int]]]  # article pair -> copied sentence pairs
    docs: list[Any] | None = None  # spaCy Doc per sentence (after annotate)
    anchors: dict[str, tuple[dt.date, bool]] = field(default_factory=dict)  # article -> (date, inferred)
    entity_index: Any = None  # nlp.entities.EntityIndex (after annotate)
    same_fact: float = 0.52  # the alignment threshold the groups were built with
    # prepare(light=True): no copies, similarity matrix or fact groups (each sentence is its
    # own group); what the summarizer alone needs, at a third of the cost
    light: bool = False

    # -- helpers -----------------------------------------------------------------------------
    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.articles}
        self._sent_range: dict[str, list[int]] = {}
        for i, s in enumerate(self.sentences):
            self._sent_range.setdefault(s.article_id, []).append(i)

    def sentence_indices(self, article_id: str) -> list[int]:
        return self._sent_range.get(article_id, [])

    def group_articles(self, g: int) -> list[str]:
        seen: dict[str, None] = {}
        for i in self.groups[g]:
            seen.setdefault(self.sentences[i].article_id, None)
        return list(seen)

    def citations(self, i: int, threshold: float | None = None) -> list[str]:
        """Articles that carry what sentence i says (its own article first).

        A fact group is built by average linkage, so a member may share the fact but not
        every detail of sentence i; an article is cited only when one of its sentences in
        the group is itself close to sentence i.
        """
        own = self.sentences[i].article_id
        sim = getattr(self, "similarity", None)
        thr = self.same_fact if threshold is None else threshold
        rest: dict[str, None] = {}
        for j in self.groups[self.group_of[i]]:
            a = self.sentences[j].article_id
            if a != own and (sim is None or sim[i, j] >= thr):
                rest.setdefault(a, None)
        return [own, *rest]


def similarity_matrix(vectors: np.ndarray, tokens: list[set[str]], numbers: list[set[str]] | None = None) -> np.ndarray:
    """Semantic (cosine) and lexical (overlap of content words) similarity, averaged.

    Static embeddings alone rate any two sentences of one story as alike; the lexical
    part requires that the same specifics (names, verbs) are shared. A shared figure adds
    to the overlap, a differing one takes nothing away: reports of one fact that disagree
    on a number must still align.
    """
    n = len(tokens)
    cos = vectors @ vectors.T if n else np.zeros((0, 0))
    # word overlap as a sparse product: a Python loop over pairs costs more than the rest of
    # the analysis on a 300-sentence cluster
    inter = _overlap_counts(tokens)
    if numbers is not None:
        inter = inter + np.where(inter > 0, _overlap_counts(numbers), 0)
    size = np.array([len(t) for t in tokens], dtype=np.float32)
    lo = np.minimum(size[:, None], size[None, :])
    hi = np.maximum(size[:, None], size[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        lex = np.where(lo > 0, inter / np.sqrt(lo * hi), 0.0)
    lex = np.minimum(lex, 1.0).astype(np.float32)
    np.fill_diagonal(lex, 0.0)
    return (0.5 * np.clip(cos, 0, 1) + 0.5 * lex).astype(np.float32)


def _overlap_counts(sets: list[set[str]]) -> np.ndarray:
    """|a ∩ b| for every pair of sets, through a sparse incidence matrix."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, toks in enumerate(sets):
        for t in toks:
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
    n = len(sets)
    if not rows:
        return np.zeros((n, n), dtype=np.float32)
    m = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, len(vocab)))
    return (m @ m.T).toarray().astype(np.float32)


def prepare(articles: list[Article], models: Models, config: Config, light: bool = False) -> StoryAnalysis:
    """Clean, split, embed; then (unless ``light``) copies, similarity and fact groups.

    ``light`` is the summarizer's path (``storyweave summarize``, ``eval summaries``): the
    pairwise stages are most of the cost and the summary only needs rows of them, for the
    sentences it picks. The brief's stages need the full analysis.
    """
    for a in articles:
        clean_article(a, config.clean)
    sentences: list[Sentence] = []
    for a in articles:
        sentences.extend(split_article(a))
    texts = [s.text for s in sentences]
    vectors = models.embedder.embed(texts)
    tokens = [content_tokens(t) for t in texts]
    if light:
        return StoryAnalysis(
            articles=articles, sentences=sentences, vectors=vectors, tokens=tokens,
            groups=[[i] for i in range(len(sentences))], group_of=list(range(len(sentences))),
            independent=[1] * len(sentences), copies={}, syndicated={}, same_fact=config.align.same_fact, light=True,
        )
    copies, syndicated = find_copies(sentences, tokens, config.align.copy_overlap)
    sim = similarity_matrix(vectors, tokens, [number_tokens(t) for t in texts])
    groups, group_of = _fact_groups(sentences, sim, config.align.same_fact)
    independent = [_independent_sources(g, sentences, copies) for g in groups]
    an = StoryAnalysis(
        articles=articles, sentences=sentences, vectors=vectors, tokens=tokens, groups=groups,
        group_of=group_of, independent=independent, copies=copies, syndicated=syndicated,
        same_fact=config.align.same_fact,
    )
    an.similarity = sim  # type: ignore[attr-defined]  (kept for the aligners; not part of the contract)
    return an


def _fact_groups(sentences: list[Sentence], sim: np.ndarray, threshold: float) -> tuple[list[list[int]], list[int]]:
    """Average-linkage clustering of sentences across articles; same-article pairs never merge."""
    n = len(sentences)
    if n == 0:
        return [], []
    if n == 1:
        return [[0]], [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - sim.astype(np.float64)
    art = np.array([hash(s.article_id) for s in sentences])
    same = art[:, None] == art[None, :]
    dist[same] = 2.0  # a story repeats itself, but one article is one source: never a group of its own lines
    np.fill_diagonal(dist, 0.0)
    dist = np.clip(dist, 0.0, 2.0)
    z = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(z, t=1.0 - threshold, criterion="distance")
    order: dict[int, int] = {}
    groups: list[list[int]] = []
    group_of = [0] * n
    for i, lab in enumerate(labels):
        if lab not in order:
            order[lab] = len(groups)
            groups.append([])
        groups[order[lab]].append(i)
        group_of[i] = order[lab]
    return groups, group_of


def _independent_sources(group: list[int], sentences: list[Sentence], copies: dict[tuple[int, int], float]) -> int:
    """Articles in the group, counting articles whose sentences are copies of each other once."""
    uf = UnionFind(sentences[i].article_id for i in group)
    for x in group:
        for y in group:
            if x < y and (x, y) in copies:
                uf.union(sentences[x].article_id, sentences[y].article_id)
    return len(uf)


def annotate(analysis: StoryAnalysis, models: Models) -> StoryAnalysis:
    """spaCy docs per sentence: what entities, quotes and dates need.

    The docs carry tokens and named entities only (tok2vec + ner): no POS tags, lemmas or
    dependency parses, which would triple the time of a brief. Stages must not rely on them.
    """
    if analysis.docs is None:
        nlp = models.spacy
        analysis.docs = list(nlp.pipe((s.text for s in analysis.sentences), batch_size=64))
    return analysis
