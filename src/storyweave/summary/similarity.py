"""Similarity rows among the sentences the summary considers: the analysis's full matrix
when there is one, computed on demand on the light path."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the analysis imports heavy modules; only its type is needed here
    from ..analysis import StoryAnalysis


class Similarity:
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
