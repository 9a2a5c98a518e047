"""The cheap part of a story's analysis, as steps: clean, split, embed, copies, similarity,
fact groups; and the spaCy annotation that entities, quotes and dates need.

``prepare`` runs what every consumer needs (the brief, the summarizer, the evaluations);
``light`` is the summarizer's path — no copies, similarity matrix or fact groups (each
sentence its own group) — at a third of the cost.
"""
from __future__ import annotations

import numpy as np

from ..clean import clean_article
from ..config import Config
from ..model import Article
from ..nlp.sentences import split_article
from ..syndication import find_copies, rewrites
from ..text import content_tokens, number_tokens, quoted_share
from ..unionfind import UnionFind
from .record import StoryAnalysis
from .step import Step, Steps


class Clean(Step):
    """Boilerplate out, kept paragraphs in ``body`` (a no-op on articles already cleaned)."""

    name, reads, adds = "clean", ("articles",), ()

    def __init__(self, config: Config) -> None:
        self.config = config.clean

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        for a in an.articles:
            clean_article(a, self.config)
        return an


class Split(Step):
    name, reads, adds = "sentences", ("articles",), ("sentences", "tokens")

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.sentences = [s for a in an.articles for s in split_article(a)]
        an.tokens = [content_tokens(s.text) for s in an.sentences]
        return an


class Embed(Step):
    name, reads, adds = "embed", ("sentences",), ("vectors",)

    def setup(self, models) -> None:
        self.embedder = models.embedder

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.vectors = self.embedder.embed([s.text for s in an.sentences])
        return an


class Copies(Step):
    """Sentences copied between outlets (wire copy), and the article pairs they join."""

    name, reads, adds = "copies", ("sentences", "tokens"), ("copies", "syndicated")

    def __init__(self, config: Config) -> None:
        self.threshold = config.align.copy_overlap

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.copies, an.syndicated = find_copies(an.sentences, an.tokens, self.threshold)
        return an


class Similarity(Step):
    name, reads, adds = "similarity", ("sentences", "tokens", "vectors"), ("similarity",)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.similarity = similarity_matrix(an.vectors, an.tokens, [number_tokens(s.text) for s in an.sentences])
        return an


class FactGroups(Step):
    """Sentences of different outlets stating the same fact, and their independent sources."""

    name, reads, adds = ("fact groups", ("sentences", "similarity", "copies"),
                         ("groups", "group_of", "rewrites", "independent"))

    def __init__(self, config: Config) -> None:
        self.threshold = config.align.same_fact
        self.cite_bars = (config.align.cite_similar, config.align.cite_claim)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.same_fact, an.cite_bars = self.threshold, self.cite_bars
        an.groups, an.group_of = fact_groups(an.sentences, an.similarity, self.threshold)
        shared = shared_copy(an.sentences, an.copies)
        an.rewrites = rewrites(an.sentences, an.similarity, shared)
        an.independent = [independent_sources(g, an.sentences, an.copies, an.similarity, syndicated=shared,
                                              rewritten=an.rewrites) for g in an.groups]
        return an


class SingletonGroups(Step):
    """The light path: each sentence its own group, no copies (the summarizer alone)."""

    name, reads, adds = "singletons", ("sentences",), ("copies", "syndicated", "groups", "group_of", "independent")

    def __init__(self, config: Config) -> None:
        self.threshold = config.align.same_fact

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        n = len(an.sentences)
        an.same_fact, an.light = self.threshold, True
        an.copies, an.syndicated = {}, {}
        an.groups, an.group_of, an.independent = [[i] for i in range(n)], list(range(n)), [1] * n
        return an


class Annotate(Step):
    """spaCy docs per sentence: what entities, quotes and dates need.

    The docs carry tokens and named entities only (tok2vec + ner): no POS tags, lemmas or
    dependency parses, which would triple the time of a brief. Steps must not rely on them.
    """

    name, reads, adds = "annotate", ("sentences",), ("docs",)

    def setup(self, models) -> None:
        self.models = models  # the spaCy model loads on first use: a brief without NER never pays

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        if an.docs is None:
            texts = an.distinct_texts()  # a sentence copied between outlets is tagged once; docs are read-only
            docs = dict(zip(texts, self.models.spacy.pipe(texts, batch_size=64)))
            an.docs = [docs[s.text] for s in an.sentences]
        return an


class Meaning(Step):
    """The citation check's sentence meaning (MiniLM), embedded only where a citation asks."""

    name, reads, adds = "meaning", ("sentences",), ("meaning",)

    def __init__(self, config: Config) -> None:
        self.bar, self.sure = config.align.cite_meaning, config.align.cite_sure

    def setup(self, models) -> None:
        self.models = models

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        from ..align.agreements import citation_sentences  # align builds on this module
        from ..nlp.meaning import MeaningCache

        an.meaning = MeaningCache([s.text for s in an.sentences], lambda: self.models.meaning, self.bar, self.sure)
        # the fact groups' citations are known now: embed them (and load the model) while NER runs
        an.meaning.warm_in_background(citation_sentences(an))
        return an


def preparation_steps(config: Config, light: bool = False) -> list[Step]:
    if light:
        return [Clean(config), Split(), Embed(), SingletonGroups(config)]
    return [Clean(config), Split(), Embed(), Copies(config), Similarity(), FactGroups(config), Meaning(config)]


def prepare(articles: list[Article], models, config: Config, light: bool = False) -> StoryAnalysis:
    """Clean, split, embed; then (unless ``light``) copies, similarity and fact groups."""
    return Steps(preparation_steps(config, light), models).run(StoryAnalysis(articles=articles))


def annotate(analysis: StoryAnalysis, models) -> StoryAnalysis:
    return Steps([Annotate()], models, given=StoryAnalysis.field_names()).run(analysis)


# ---- the computations behind the steps ----------------------------------------------------------

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
    inter = overlap_counts(tokens)
    if numbers is not None:
        inter = inter + np.where(inter > 0, overlap_counts(numbers), 0)
    size = np.array([len(t) for t in tokens], dtype=np.float32)
    lo = np.minimum(size[:, None], size[None, :])
    hi = np.maximum(size[:, None], size[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        lex = np.where(lo > 0, inter / np.sqrt(lo * hi), 0.0)
    lex = np.minimum(lex, 1.0).astype(np.float32)
    np.fill_diagonal(lex, 0.0)
    return (0.5 * np.clip(cos, 0, 1) + 0.5 * lex).astype(np.float32)


def overlap_counts(sets: list[set[str]]) -> np.ndarray:
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


def fact_groups(sentences, sim: np.ndarray, threshold: float) -> tuple[list[list[int]], list[int]]:
    """Average-linkage clustering of sentences across articles; same-article pairs never merge."""
    n = len(sentences)
    if n == 0:
        return [], []
    if n == 1:
        return [[0]], [0]
    dist = 1.0 - sim.astype(np.float64)
    art = np.array([hash(s.article_id) for s in sentences])
    same = art[:, None] == art[None, :]
    dist[same] = 2.0  # a story repeats itself, but one article is one source: never a group of its own lines
    np.fill_diagonal(dist, 0.0)
    dist = np.clip(dist, 0.0, 2.0)
    labels = _average_linkage(dist, 1.0 - threshold)
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


# Up to this many sentences the clusters are merged here in numpy; a story's brief rarely has
# more, and importing SciPy's clustering costs a one-shot brief ~0.15 s of CPU. Larger inputs
# use SciPy's linkage (its nearest-neighbour chain scales better), with the same result.
_NUMPY_LINKAGE_MAX = 400


def _average_linkage(dist: np.ndarray, cut: float) -> np.ndarray:
    """Flat clusters of average linkage cut at ``cut`` (scipy's linkage(method="average") and
    fcluster(criterion="distance")): average linkage never merges at a smaller distance than
    before, so merging the closest pair while it is within the cut gives the same clusters."""
    n = len(dist)
    if n > _NUMPY_LINKAGE_MAX:
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        return fcluster(linkage(squareform(dist, checks=False), method="average"), t=cut, criterion="distance")
    d = dist.copy()
    np.fill_diagonal(d, np.inf)
    size = np.ones(n)
    label = np.arange(n)
    while True:
        k = int(np.argmin(d))
        i, j = divmod(k, n)
        if d[i, j] > cut:
            break
        merged = (size[i] * d[i] + size[j] * d[j]) / (size[i] + size[j])
        d[i], d[:, i] = merged, merged
        d[i, i] = np.inf
        d[j], d[:, j] = np.inf, np.inf
        size[i] += size[j]
        label[label == j] = i
    return label


def shared_copy(sentences, copies: dict[tuple[int, int], float]) -> set[tuple[str, str]]:
    """Article pairs that share copy beyond quotations (both orders): everyone quotes a public
    statement word for word, and that alone is no shared copy."""
    out: set[tuple[str, str]] = set()
    for (x, y) in copies:
        if quoted_share(sentences[x].text) < 0.5 and quoted_share(sentences[y].text) < 0.5:
            a, b = sentences[x].article_id, sentences[y].article_id
            out |= {(a, b), (b, a)}
    return out


def independent_sources(group: list[int], sentences, copies: dict[tuple[int, int], float],
                        sim: np.ndarray | None = None, rewrite: float = 0.75,
                        syndicated: set[tuple[str, str]] | None = None,
                        rewritten: set[tuple[str, str]] = frozenset()) -> int:
    """Outlets carrying the fact, counting those that have it from one source once.

    Two outlets that share copy (``shared_copy``; pass it when counting many groups of one
    story) are one source for a fact when one's sentence is copied into the other (the
    sentence lies inside the passage they share, even if the copy sits outside this group;
    a quotation copied within shared copy is copy too), or when they state this fact in
    nearly the same words (``rewrite``): an agency story lightly rewritten is still one report;
    and an article that retells another sentence by sentence (``rewritten``,
    ``syndication.rewrites``) is one report with it for every fact both carry.
    """
    if syndicated is None:
        syndicated = shared_copy(sentences, copies)
    arts = {sentences[i].article_id for i in group}
    uf = UnionFind(sorted(arts))
    members = set(group)
    for a, b in rewritten:
        if a in arts and b in arts:
            uf.union(a, b)
    for (x, y) in copies:
        a, b = sentences[x].article_id, sentences[y].article_id
        if (x in members or y in members) and a in arts and b in arts and (a, b) in syndicated:
            uf.union(a, b)
    if sim is not None:
        for x in group:
            for y in group:
                a, b = sentences[x].article_id, sentences[y].article_id
                if x < y and (a, b) in syndicated and sim[x, y] >= rewrite:
                    uf.union(a, b)
    return len(uf)
