"""The summary: whole source sentences that cover what the outlets agree on, each cited.

One summarizer for the brief and for ``storyweave summarize``. It reads a
:class:`~storyweave.analysis.StoryAnalysis` (cleaned bodies, sentences, vectors; the brief's
full analysis adds fact groups, the light one of ``summarize`` does not need them) and picks
the set of sentences with the best score within a word budget: exactly, as a small integer
programme (``_select_exact``), or greedily (``_select_greedy``). What decides (each measured with
``storyweave eval summaries``, see docs/summaries.md):

* **shared concepts** - the word pairs of a sentence, each weighted by how many independent
  sources use it. A term in one source is that outlet's angle; a term in most of them is the
  story. Counting only terms not yet covered by the chosen sentences makes the greedy pass
  move on to the story's other sub-events instead of restating the lead fact (the
  concept-coverage idea of Gillick & Favre's ICSI summarizer). This was the largest gain.
* **centrality** - cosine of the sentence to the story's mean vector.
* **position** - news puts its main facts first: a prior that decays with the index.
* **one sentence per fact** - near-duplicates, sentences similar enough to align with a
  chosen one (the analysis's ``same_fact`` threshold) and, with the full analysis, the rest
  of its fact group are never chosen as well.
* **self-contained** - a sentence that opens on a pronoun or a connective refers to
  something outside itself: it is a candidate right after its predecessor in the same
  article, or together with it as one unit, so its referent is in the summary. Fragments
  (a dangling quotation mark, no final punctuation, very short) are not candidates.

Sentences appear in source order, article by article, starting with the article of the first
pick (the story's main fact), and cite every outlet that carries the fact.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .errors import StoryweaveError
from .model import Article, SummarySentence

if TYPE_CHECKING:  # the analysis imports heavy modules; only its type is needed here
    from .analysis import StoryAnalysis
    from .config import Config
    from .nlp.models import Models


@dataclass(frozen=True, slots=True)
class SummaryParams:
    """Weights of the sentence score. Defaults are the measured ones (docs/summaries.md)."""

    concept: float = 1.0  # weight of new shared concepts per word
    centrality: float = 1.0
    position: float = 0.5  # prior 1/sqrt(1 + index in article)
    corroboration: float = 0.0  # independent sources of the fact group (measured: no gain)
    redundancy: float = 0.0  # MMR penalty: max similarity to a chosen sentence
    duplicate: float = 0.85  # a candidate this similar to a chosen sentence is skipped
    same_fact: bool = True  # skip candidates that align with a chosen sentence (analysis.same_fact)
    one_per_group: bool = True
    pairs: bool = True  # a pronoun opener may come in together with its antecedent
    # Choose the whole selection at once (an integer programme, see ``_select_exact``) rather
    # than greedily: +0.4 R-2 on Multi-News for ~0.02 s more per cluster (docs/summaries.md).
    exact: bool = True
    # The programme's size: the best candidates by greedy value. 25 scores as all of them
    # (R-2 17.24 vs 17.25 with no bound) in 60 % of the time; 15 loses 0.35.
    max_candidates: int = 25
    time_limit: float = 5.0  # seconds; a safety valve only (the largest measured solve is 1.2 s)
    gap: float = 1e-4  # relative optimality gap at which the solver may stop (HiGHS's default)
    min_words: int = 8
    # Longer units are mostly quotations of several sentences that the splitter keeps whole.
    # Without the cap: +0.5 R-2 on the development sample, -0.02 on the other 200 clusters;
    # kept, since a 100-word quotation would crowd a brief's summary.
    max_words: int | None = 70


# Openers that refer back to something earlier in the article: pronouns, demonstratives and
# connectives. Such a sentence is self-contained only if its predecessor is in the summary.
_DEPENDENT_OPENER = re.compile(
    r"^[\"“‘']?(he|she|it|they|them|his|her|hers|its|their|theirs|him|this|that|these|those|"
    r"such|but|and|so|also|however|still|yet|then|meanwhile|instead|moreover|furthermore|"
    r"besides|otherwise|there,|here)\b",
    re.IGNORECASE,
)
_FINAL = frozenset(".!?…")
_CLOSERS = "\"'”’)]"
_TOKEN = re.compile(r"[a-z0-9]+")
_QUOTES = re.compile(r"[\"“”]")
# Words too common to be a concept alone (a pair of them is no concept either).
_STOP = frozenset(
    "a an the and or but of to in on at for with from by as is are was were be been being has have had do does "
    "did it its this that these those he she they we you i me my our your his her their them him us not no "
    "will would can could should may might must shall said says say told tell also just only than then there "
    "here which who whom whose what when where why how while if so up out about into over after before more "
    "most some any all each both other such very one new".split()
)


# ---- sentence features ---------------------------------------------------------------------

def cluster_row(line: str, n: int) -> tuple[str, list[str], dict]:
    """One ``{id, documents[]}`` JSONL line -> (id, non-empty document texts, the row).

    Raises ValueError (JSON), KeyError or TypeError on a malformed line; callers decide
    whether that skips the line (``summarize``) or stops the run (the evaluation).
    """
    import json

    row = json.loads(line)
    docs = [d for d in row["documents"] if isinstance(d, str) and d.strip()]
    return str(row.get("id", n)), docs, row


@lru_cache(maxsize=65536)  # pure: a function of the word alone; a story repeats its words
def _stem(word: str) -> str:
    # Crude suffix stripping: enough to let "talks"/"talked"/"talking" count as one concept.
    for suf in ("ing", "ed", "es", "s"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def concepts(text: str) -> set[tuple[str, str]]:
    """Adjacent word pairs, not both function words, lower-cased and stemmed.

    Pairs rather than single words: "Qin Gang", "five hours", "talks ended" name a fact;
    single words also match sentences about something else (measured: pairs alone score
    higher than pairs plus words).
    """
    words = [_stem(w) for w in _TOKEN.findall(text.lower())]
    return {(a, b) for a, b in zip(words, words[1:]) if not (a in _STOP and b in _STOP)}


def _independent_source(analysis: "StoryAnalysis", matrix, share: float = 0.6) -> dict[str, str]:
    """Article id -> id of its independent source: articles that copy each other (wire copy)
    for at least ``share`` of the smaller one's sentences are one source, so a term that
    only a wire story and its reprint use does not count as corroborated.

    Copied sentences come from the analysis (word 3-gram shingles) or, on the light path,
    from the concept matrix: two sentences of different articles sharing at least ``share``
    of the smaller one's word pairs (at least 5 of them).
    """
    counts: dict[str, int] = {}
    for s in analysis.sentences:
        counts[s.article_id] = counts.get(s.article_id, 0) + 1
    parent = {a: a for a in counts}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    syndicated = analysis.syndicated if not analysis.light else _copied_pairs(analysis, matrix, share)
    for (a, b), pairs in syndicated.items():
        if a in parent and b in parent and len(pairs) >= share * min(counts[a], counts[b]):
            parent[find(a)] = find(b)
    return {a: find(a) for a in parent}


def _copied_pairs(analysis: "StoryAnalysis", matrix, share: float) -> dict[tuple[str, str], list[tuple[int, int]]]:
    from scipy.sparse import triu

    size = np.diff(matrix.indptr)
    shared = triu(matrix @ matrix.T, k=1).tocoo()
    i, j = shared.row, shared.col
    articles = {a: k for k, a in enumerate(dict.fromkeys(s.article_id for s in analysis.sentences))}
    art = np.array([articles[s.article_id] for s in analysis.sentences])
    smaller = np.minimum(size[i], size[j])
    copied = (art[i] != art[j]) & (smaller >= 5) & (shared.data >= share * np.maximum(smaller, 1))
    out: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for x, y in zip(i[copied].tolist(), j[copied].tolist()):
        a, b = analysis.sentences[x].article_id, analysis.sentences[y].article_id
        out.setdefault((min(a, b), max(a, b)), []).append((x, y))
    return out


def _concept_matrix(texts: list[str]):
    """Sparse sentence x concept matrix (0/1): ``concepts`` of every sentence, built with
    array operations on word ids (a set of string pairs per sentence costs more than the
    rest of the selection)."""
    from scipy.sparse import csr_matrix

    tokens: list[str] = []
    bounds = [0]
    for text in texts:
        tokens.extend(_TOKEN.findall(text.lower()))
        bounds.append(len(tokens))
    n = len(texts)
    if len(tokens) < 2:
        return csr_matrix((n, 0))
    word_id: dict[str, int] = {}  # stem -> id; each distinct token is stemmed once
    token_id = {t: word_id.setdefault(_stem(t), len(word_id)) for t in dict.fromkeys(tokens)}
    word = np.fromiter(map(token_id.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    stop = np.array([w in _STOP for w in word_id])
    sentence = np.repeat(np.arange(n), np.diff(bounds))
    first, second = word[:-1], word[1:]
    keep = (sentence[:-1] == sentence[1:]) & ~(stop[first] & stop[second])
    pair = first[keep] * len(word_id) + second[keep]
    vocab, column = np.unique(pair, return_inverse=True)
    # each concept once per sentence; sorted cells are in row order, as CSR wants them
    cell = np.unique(sentence[:-1][keep] * len(vocab) + column)
    rows, cols = np.divmod(cell, max(1, len(vocab)))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    return csr_matrix((np.ones(len(cell)), cols, indptr), shape=(n, len(vocab)))


def _concept_weights(matrix, sources: list[str]) -> np.ndarray:
    """Each concept's weight: the number of independent sources using it; with several
    sources, a concept of one source only is that outlet's angle and weighs nothing."""
    codes = {a: k for k, a in enumerate(dict.fromkeys(sources))}
    rows = np.repeat(np.array([codes[a] for a in sources]), np.diff(matrix.indptr))
    pairs = np.unique(rows.astype(np.int64) * matrix.shape[1] + matrix.indices)
    df = np.bincount(pairs % matrix.shape[1], minlength=matrix.shape[1]).astype(np.float64)
    min_df = 2 if len(codes) > 1 else 1
    return np.where(df >= min_df, df, 0.0)


class _Similarity:
    """Rows of the analysis's sentence similarity (cosine and word overlap, averaged), for the
    sentences the summary picks. The full analysis has the matrix; the light one computes a
    row on demand with the same formula, less the shared-figure bonus."""

    def __init__(self, analysis: "StoryAnalysis") -> None:
        self.analysis = analysis
        self.full = getattr(analysis, "similarity", None)
        self.size = np.array([len(t) for t in analysis.tokens], dtype=np.float64)
        self._rows: dict[int, np.ndarray] = {}
        self._postings: dict[str, list[int]] | None = None

    def _overlap(self, i: int) -> np.ndarray:
        """Content words sentence i shares with every sentence, through an inverted index."""
        if self._postings is None:
            self._postings = {}
            for k, toks in enumerate(self.analysis.tokens):
                for t in toks:
                    self._postings.setdefault(t, []).append(k)
        hits = [self._postings[t] for t in self.analysis.tokens[i]]
        n = len(self.size)
        if not hits:
            return np.zeros(n)
        return np.bincount(np.concatenate(hits), minlength=n).astype(np.float64)

    def row(self, i: int) -> np.ndarray:
        if self.full is not None:
            return self.full[i]
        if i not in self._rows:
            vectors = self.analysis.vectors
            row = _combine(self._overlap(i), self.size[i], self.size, vectors @ vectors[i])
            row[i] = 0.5 * min(1.0, max(0.0, float(vectors[i] @ vectors[i])))  # no word overlap with itself
            self._rows[i] = row
        return self._rows[i]

    def block(self, idx: np.ndarray) -> np.ndarray:
        """The similarity among the sentences ``idx`` (rows and columns), as ``row`` gives it."""
        if self.full is not None:
            return np.asarray(self.full)[np.ix_(idx, idx)]
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        cols = [vocab.setdefault(t, len(vocab)) for i in idx for t in self.analysis.tokens[i]]
        size = self.size[idx]
        indptr = np.concatenate([[0], np.cumsum(size)]).astype(np.int64)
        t = csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(idx), max(1, len(vocab))))
        vectors = self.analysis.vectors[idx]
        out = _combine((t @ t.T).toarray(), size[:, None], size[None, :], vectors @ vectors.T)
        np.fill_diagonal(out, 0.5 * np.clip(np.einsum("ij,ij->i", vectors, vectors), 0, 1))  # no overlap with itself
        return out

    def citations(self, i: int) -> list[str]:
        """Articles that carry what sentence i says, its own first (see StoryAnalysis.citations)."""
        an = self.analysis
        if not an.light:
            return an.citations(i)
        row = self.row(i)
        own = an.sentences[i].article_id
        rest = dict.fromkeys(an.sentences[j].article_id for j in np.flatnonzero(row >= an.same_fact))
        rest.pop(own, None)
        return [own, *rest]


def _combine(inter: np.ndarray, size_a, size_b, cosine: np.ndarray) -> np.ndarray:
    """The analysis's sentence similarity without the shared-figure bonus: cosine and content
    word overlap (shared words / geometric mean of the two sizes), averaged."""
    lo, hi = np.minimum(size_a, size_b), np.maximum(size_a, size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        lex = np.minimum(np.where(lo > 0, inter / np.sqrt(lo * hi), 0.0), 1.0)
    return 0.5 * np.clip(cosine, 0, 1) + 0.5 * lex


def is_dependent(text: str) -> bool:
    """Does the sentence open by pointing back at something it does not say itself?"""
    return bool(_DEPENDENT_OPENER.match(text))


def is_fragment(text: str, params: SummaryParams) -> bool:
    """Not a usable summary sentence on its own: too short/long, unfinished, a broken quote."""
    n = len(text.split())
    if n < params.min_words or (params.max_words is not None and n > params.max_words):
        return True
    if text.endswith("?") or text[:1].islower():
        return True
    if text.rstrip(_CLOSERS)[-1:] not in _FINAL:  # no final punctuation before closing marks
        return True
    # An odd number of straight/curly double quotes: the splitter cut inside a quotation.
    return len(_QUOTES.findall(text)) % 2 == 1


# ---- selection -----------------------------------------------------------------------------

@dataclass(slots=True)
class _Features:
    """What both selections read, computed once per story."""

    length: np.ndarray  # words per sentence
    base: np.ndarray  # centrality + position (+ corroboration) per sentence
    matrix: object  # sparse sentence x concept (0/1)
    weight: np.ndarray  # concept weights (independent sources; 0 for one outlet's terms)
    previous: np.ndarray  # the sentence before it in the same article, or -1
    dependent: np.ndarray  # opens by pointing back (pronoun, connective)
    candidate: np.ndarray  # not a fragment
    group_of: np.ndarray


def _features(analysis: "StoryAnalysis", params: SummaryParams) -> _Features:
    sents = analysis.sentences
    n = len(sents)
    texts = [s.text for s in sents]
    length = np.maximum(1, np.array([len(t.split()) for t in texts]))
    vectors = analysis.vectors
    centre = vectors.mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    position = np.array([s.index for s in sents], dtype=np.float64)
    independent = np.array([analysis.independent[analysis.group_of[i]] for i in range(n)], dtype=np.float64)
    n_articles = len({s.article_id for s in sents})
    base = (
        params.centrality * (vectors @ centre)
        + params.position / np.sqrt(1.0 + position)
        + params.corroboration * (independent - 1) / max(1, n_articles - 1)
    )
    # Concept weight: number of independent sources that use it; with several sources, terms
    # of one source only are not the story and weigh nothing.
    matrix = _concept_matrix(texts)
    source = _independent_source(analysis, matrix)
    weight = _concept_weights(matrix, [source[s.article_id] for s in sents])
    previous = np.full(n, -1)
    for i in range(1, n):
        if sents[i].article_id == sents[i - 1].article_id:
            previous[i] = i - 1
    return _Features(
        length=length, base=base, matrix=matrix, weight=weight, previous=previous,
        dependent=np.array([is_dependent(t) for t in texts], dtype=bool),
        candidate=np.array([not is_fragment(t, params) for t in texts], dtype=bool),
        group_of=np.asarray(analysis.group_of),
    )


def rank(
    analysis: "StoryAnalysis", words: int, params: SummaryParams = SummaryParams(), fill: bool = False,
    similarity: "_Similarity | None" = None,
) -> list[int]:
    """Sentence indices of the summary, the most central first, within ``words``.

    ``fill``: also return the best sentence that did not fit, last (the caller may cut it to
    fill the budget exactly; only evaluations do that).
    """
    if not analysis.sentences or words <= 0:
        return []
    similarity = similarity or _Similarity(analysis)
    f = _features(analysis, params)
    if params.exact:
        chosen = _select_exact(analysis, f, words, params, similarity)
        if chosen is not None:
            return chosen + (_overflow(analysis, f, chosen, words, params, similarity) if fill else [])
    return _select_greedy(analysis, f, words, params, fill, similarity)


def _select_exact(
    analysis: "StoryAnalysis", f: _Features, words: int, params: SummaryParams, similarity: "_Similarity",
) -> list[int] | None:
    """The selection as one integer programme (Gillick & Favre's concept coverage, with the
    greedy pass's sentence scores): maximise

        sum_c weight_c * covered_c  +  sum_i words_i * base_i * chosen_i

    subject to: at most ``words`` words; a concept is covered only if a chosen sentence has
    it; no two chosen sentences state the same fact (near-duplicates, sentences that align,
    one fact group); a sentence that points back only with its predecessor. The greedy pass
    maximises the same sum step by step and stops short of the optimum on most stories (2 %
    of the objective on Multi-News), mostly by preferring short dense sentences to longer ones
    that cover more. Solved with HiGHS (highspy). None if the solver gives no solution; the
    caller then falls back to the greedy pass.
    """
    ok = f.candidate & (f.length <= words)
    # a sentence that points back needs its predecessor among the candidates (transitively)
    while True:
        orphan = ok & f.dependent & ((f.previous < 0) | ~ok[np.maximum(f.previous, 0)])
        if not orphan.any():
            break
        ok &= ~orphan
    cand = np.flatnonzero(ok)
    if len(cand) > params.max_candidates:  # bound the programme: the best by greedy value
        value = f.base + (f.matrix @ f.weight) / f.length
        keep = np.zeros(len(ok), dtype=bool)
        keep[cand[np.argsort(-value[cand], kind="stable")[: params.max_candidates]]] = True
        while True:  # keep predecessors of kept dependents
            need = keep & f.dependent & ~keep[np.maximum(f.previous, 0)]
            if not need.any():
                break
            keep &= ~need
        cand = np.flatnonzero(keep)
    if len(cand) == 0:
        return []
    gain, cover, weight = _reduced_coverage(f, cand, params)
    # conflicts: x_a + x_b <= 1
    vectors = analysis.vectors[cand]
    clash = vectors @ vectors.T >= params.duplicate
    if params.same_fact:
        clash |= similarity.block(cand) >= analysis.same_fact
    if params.one_per_group:
        g = f.group_of[cand]
        clash |= g[:, None] == g[None, :]
    pos = {int(i): a for a, i in enumerate(cand)}
    deps = [(pos[int(i)], pos[int(f.previous[i])]) for i in cand if f.dependent[i]]
    for a, b in deps:  # a sentence and the one it points back to come together
        clash[a, b] = clash[b, a] = False
    x = _solve(gain, f.length[cand], words, cover, weight, np.argwhere(np.triu(clash, 1)), deps, params)
    if x is None:
        return None
    chosen = [int(i) for i in cand[x]]
    # most central first; a sentence that points back right after its predecessor
    root = {}
    for i in chosen:
        r = i
        while f.dependent[r] and f.previous[r] in chosen:
            r = int(f.previous[r])
        root[i] = r
    return sorted(chosen, key=lambda i: (-f.base[root[i]], root[i], i))


def _reduced_coverage(f: _Features, cand: np.ndarray, params: SummaryParams):
    """The programme's coverage part, made small without changing its optimum: a concept that
    only one candidate has is covered exactly when that sentence is chosen, so its weight
    joins the sentence's own score; concepts that the same candidates share are one column
    with their weights summed. About 70 concept columns per Multi-News story become 20, and
    the solver is about twice as fast.

    Returns (score per candidate, candidates x shared-concept 0/1 matrix, column weights).
    """
    sub = f.matrix[cand].tocsc()
    weight = params.concept * f.weight
    holders = np.diff(sub.indptr)  # candidates having each concept
    gain = f.base[cand] * f.length[cand] + sub[:, holders == 1] @ weight[holders == 1]
    shared = np.flatnonzero((holders >= 2) & (weight > 0))
    if len(shared) == 0:
        return gain, np.zeros((len(cand), 0), dtype=bool), np.zeros(0)
    cover = sub[:, shared].toarray().T > 0  # one row per concept
    support, column = np.unique(cover, axis=0, return_inverse=True)
    return gain, support.T, np.bincount(column.ravel(), weights=weight[shared], minlength=len(support))


def _solve(
    gain: np.ndarray, length: np.ndarray, words: int, cover: np.ndarray, weight: np.ndarray,
    clashes: np.ndarray, deps: list[tuple[int, int]], params: SummaryParams,
) -> np.ndarray | None:
    """max gain.x + weight.y  s.t.  length.x <= words;  y_c <= sum of x over cover[:, c];
    x_a + x_b <= 1 for each clash;  x_dependent <= x_predecessor;  x binary, y in [0, 1].
    Returns the chosen mask, or None if HiGHS gives no solution."""
    try:
        import highspy
    except ImportError as e:  # pragma: no cover - part of the default install
        raise StoryweaveError("highspy is missing: run  make setup  (or pip install highspy)") from e
    from scipy.sparse import coo_matrix

    m, k = cover.shape
    rows: list[np.ndarray] = [np.zeros(m, dtype=np.int64)]  # row 0: the word budget
    cols: list[np.ndarray] = [np.arange(m)]
    vals: list[np.ndarray] = [length.astype(np.float64)]
    upper: list[float] = [float(words)]
    # y_c - sum_i x_i <= 0
    ci, cc = np.nonzero(cover)
    rows += [1 + cc, 1 + np.arange(k)]
    cols += [ci, m + np.arange(k)]
    vals += [-np.ones(len(ci)), np.ones(k)]
    upper += [0.0] * k
    r = 1 + k
    for pairs, coef, bound in ((clashes, (1.0, 1.0), 1.0), (np.array(deps).reshape(-1, 2), (1.0, -1.0), 0.0)):
        n = len(pairs)
        rows.append(np.repeat(np.arange(r, r + n), 2))
        cols.append(np.asarray(pairs, dtype=np.int64).ravel())
        vals.append(np.tile(coef, n))
        upper += [bound] * n
        r += n
    a = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(r, m + k)).tocsc()

    h = highspy.Highs()
    for name, value in _HIGHS_OPTIONS.items():
        h.setOptionValue(name, value)
    h.setOptionValue("time_limit", float(params.time_limit))
    h.setOptionValue("mip_rel_gap", float(params.gap))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = m + k, r
    lp.col_cost_ = -np.concatenate([gain, weight])  # HiGHS minimises
    lp.col_lower_, lp.col_upper_ = np.zeros(m + k), np.ones(m + k)
    lp.row_lower_, lp.row_upper_ = np.full(r, -highspy.kHighsInf), np.array(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    lp.integrality_ = [highspy.HighsVarType.kInteger] * m + [highspy.HighsVarType.kContinuous] * k
    h.passModel(lp)
    h.run()
    if h.getInfo().primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return None
    return np.asarray(h.getSolution().col_value[:m]) > 0.5


# HiGHS's defaults are tuned for large programmes. On ours (25 binaries, ~20 continuous) the
# feasibility-jump heuristic alone costs ~10 ms per solve and never helps; restarts, symmetry
# detection, reliability branching and the other primal heuristics cost more than they find.
# Measured on the 250 Multi-News programmes: 23 -> 20 ms per solve, identical optima.
_HIGHS_OPTIONS: dict[str, object] = {
    "output_flag": False,
    "mip_heuristic_run_feasibility_jump": False,
    "mip_detect_symmetry": False,
    "mip_allow_restart": False,
    "mip_pscost_minreliable": 0,
    "mip_heuristic_effort": 0.0,
}


def _overflow(
    analysis: "StoryAnalysis", f: _Features, chosen: list[int], words: int, params: SummaryParams,
    similarity: "_Similarity",
) -> list[int]:
    """The best sentence left out, to cut so the summary fills the budget exactly: one that
    does not restate a chosen fact and does not point back at something not chosen."""
    left = words - int(f.length[chosen].sum())
    if left <= 0 or not chosen:
        return []
    uncovered = f.weight.copy()
    for i in chosen:
        uncovered[f.matrix.indices[f.matrix.indptr[i]:f.matrix.indptr[i + 1]]] = 0.0
    open_ = f.candidate & ~f.dependent
    vectors = analysis.vectors
    for i in chosen:
        open_ &= vectors @ vectors[i] < params.duplicate
        if params.same_fact:
            open_ &= similarity.row(i) < analysis.same_fact
        if params.one_per_group:
            open_ &= f.group_of != f.group_of[i]
    open_[chosen] = False
    if not open_.any():
        return []
    value = f.base + params.concept * (f.matrix @ uncovered) / f.length
    return [int(np.argmax(np.where(open_, value, -np.inf)))]


def _select_greedy(
    analysis: "StoryAnalysis", f: _Features, words: int, params: SummaryParams, fill: bool,
    similarity: "_Similarity",
) -> list[int]:
    """Sentence by sentence: the best value per word that still fits (``exact=False``, and the
    fallback when the solver gives no answer)."""
    n = len(analysis.sentences)
    length, base, matrix, weight, previous, dependent = f.length, f.base, f.matrix, f.weight, f.previous, f.dependent
    vectors = analysis.vectors
    open_ = f.candidate.copy()
    group_of = f.group_of
    is_chosen = np.zeros(n, dtype=bool)
    chosen: list[int] = []
    uncovered = weight.copy()  # weight of each concept not yet in the summary
    max_sim = np.zeros(n)
    left = words
    overflow: int | None = None

    # A sentence that points back may also come in together with its predecessor: the pair
    # is scored as one unit (its new concepts per word, the mean of their base scores).
    dep = np.flatnonzero(dependent & (previous >= 0)) if params.pairs else np.zeros(0, dtype=np.int64)
    pre = previous[dep]
    if len(dep):
        pair_matrix = (matrix[pre] + matrix[dep]).sign()
        pair_length = length[pre] + length[dep]
        pair_base = (base[pre] + base[dep]) / 2

    def take(i: int) -> None:
        nonlocal left, max_sim, open_
        open_[i] = False
        chosen.append(i)
        is_chosen[i] = True
        uncovered[matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]] = 0.0
        left -= int(length[i])
        sims = vectors @ vectors[i]
        max_sim = np.maximum(max_sim, sims)
        # one sentence per fact: drop near-duplicates, sentences that state the same fact
        # (similar enough to align), and the rest of its fact group
        open_ &= sims < params.duplicate
        if params.same_fact:
            open_ &= similarity.row(i) < analysis.same_fact
        if params.one_per_group:
            open_ &= group_of != group_of[i]

    while left > 0:
        # a sentence that points back is a candidate only right after its predecessor
        allowed = open_ & (~dependent | ((previous >= 0) & is_chosen[np.maximum(previous, 0)]))
        if not allowed.any():
            break
        gain = matrix @ uncovered / length  # per word: a long sentence must earn its space
        value = np.where(allowed, base + params.concept * gain - params.redundancy * max_sim, -np.inf)
        if fill and overflow is None:
            top = int(np.argmax(value))
            if length[top] > left:  # the best choice does not fit: the one to cut, if any
                overflow = top
        # too long for what is left: a shorter sentence may still fit
        fits = allowed & (length <= left)
        if not fits.any():
            break
        best = int(np.argmax(np.where(fits, value, -np.inf)))
        if len(dep):
            pair_ok = allowed[pre] & open_[dep] & (pair_length <= left)
            if pair_ok.any():
                pair_value = pair_base + params.concept * (pair_matrix @ uncovered) / pair_length
                k = int(np.argmax(np.where(pair_ok, pair_value, -np.inf)))
                if pair_value[k] > value[best]:
                    take(int(pre[k]))
                    if open_[dep[k]]:  # unless its predecessor already says the same
                        take(int(dep[k]))
                    continue
        take(best)
    if fill and left > 0:
        if overflow is None:  # every candidate was used up: fill from the best unused sentence
            rest = np.where(is_chosen, -np.inf, base + params.concept * (matrix @ uncovered) / length)
            overflow = int(np.argmax(rest)) if np.isfinite(rest).any() else None
        if overflow is not None:
            chosen.append(overflow)
    return chosen


def summarize(
    analysis: "StoryAnalysis", words: int, config: "Config | None" = None,
    params: SummaryParams = SummaryParams(), fill: bool = False,
) -> list[SummarySentence]:
    """Whole, cited source sentences within ``words`` words, in source order.

    ``fill`` (evaluation only): cut one more sentence so the summary has exactly ``words``
    words; its text ends with "…". ``config.brief.exact_summary = false`` switches to the
    greedy selection; the weights live in ``params``.
    """
    if config is not None and not config.brief.exact_summary and params.exact:
        params = replace(params, exact=False)
    similarity = _Similarity(analysis)
    picked = rank(analysis, words, params, fill=fill, similarity=similarity)
    if not picked:
        return []
    extra = picked[-1] if fill and sum(len(analysis.sentences[i].text.split()) for i in picked) > words else None
    # Lead with the outlet of the first pick (the most central, most shared fact); each outlet's
    # sentences stay in its own order, so the story unfolds as it was told.
    article_rank: dict[str, int] = {}
    for i in picked:
        article_rank.setdefault(analysis.sentences[i].article_id, len(article_rank))
    order = sorted(
        (i for i in picked if i != extra),
        key=lambda i: (article_rank.get(analysis.sentences[i].article_id, 0), analysis.sentences[i].index),
    )
    out = [_summary_sentence(analysis, i, similarity) for i in order]
    if extra is not None:
        used = sum(len(s.text.split()) for s in out)
        cut = _summary_sentence(analysis, extra, similarity)
        cut.text = " ".join(cut.text.split()[: words - used]) + "…"
        out.append(cut)
    return out


def _summary_sentence(analysis: "StoryAnalysis", i: int, similarity: _Similarity) -> SummarySentence:
    s = analysis.sentences[i]
    return SummarySentence(text=s.text, citations=similarity.citations(i), sentence_ids=[s.id])


# ---- batch use -----------------------------------------------------------------------------

class Summarizer:
    """Raw texts -> summary, with models loaded once for a whole batch of clusters.

    ``light`` (the default here): the summarizer's own analysis path, without the brief's
    pairwise stages (see ``analysis.prepare``); ``light=False`` summarizes exactly as the
    brief does.
    """

    def __init__(
        self, models: "Models", config: "Config", params: SummaryParams = SummaryParams(), light: bool = True,
    ) -> None:
        self.models = models
        self.config = config
        self.params = params
        self.light = light

    def warm(self) -> None:
        """Load the models and the modules a first cluster would import, so that per-cluster
        timings do not include one-off loading."""
        import dateutil.parser  # noqa: F401  (the cleaner parses datelines)
        import highspy  # noqa: F401  (the exact selection)
        import scipy.sparse  # noqa: F401
        import scipy.cluster.hierarchy  # noqa: F401

        from . import analysis  # noqa: F401

        self.models.embedder

    def analyse(self, cluster_id: str, documents: Sequence[str]) -> "StoryAnalysis":
        from .analysis import prepare

        articles = [Article(id=f"{cluster_id}-{k}", text=d) for k, d in enumerate(documents)]
        return prepare(articles, self.models, self.config, light=self.light)

    def from_texts(self, cluster_id: str, documents: Sequence[str], words: int, fill: bool = False) -> list[SummarySentence]:
        return summarize(self.analyse(cluster_id, documents), words, self.config, self.params, fill=fill)
