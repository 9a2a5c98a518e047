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

    dense_limit = 4_000_000  # sentences x words (an upper bound): beyond, ~16 MB of matrix or more

    def __init__(self, analysis: "StoryAnalysis") -> None:
        self.analysis = analysis
        self.full = analysis.similarity
        self.size = np.array([len(t) for t in analysis.tokens], dtype=np.float64)
        self._rows: dict[int, np.ndarray] = {}
        self._words: np.ndarray | None = None

    def _shared(self, rows, cols) -> np.ndarray:
        """Content words shared, for each pair of a row and a column sentence: a product of
        rows of a dense sentence x word matrix (a summary's story has ~70 sentences and ~900
        words); set intersections per pair when that matrix would be large."""
        tokens = self.analysis.tokens
        if self._words is None:
            n, total = len(tokens), int(self.size.sum())
            if n * total > self.dense_limit:
                cols = [tokens[j] for j in cols]
                return np.array([[len(a & b) for b in cols] for a in (tokens[i] for i in rows)], dtype=np.float64).reshape(
                    len(rows), len(cols)
                )
            vocab: dict[str, int] = {}
            column = [vocab.setdefault(t, len(vocab)) for toks in tokens for t in toks]
            self._words = np.zeros((n, len(vocab)), dtype=np.float32)
            self._words[np.repeat(np.arange(n), self.size.astype(np.int64)), column] = 1.0
        words = self._words
        return (words[list(rows)] @ words[list(cols)].T).astype(np.float64)

    def row(self, i: int) -> np.ndarray:
        if self.full is not None:
            return self.full[i]
        row = self._rows.get(i)
        return row if row is not None else self.rows([i])[0]

    def rows(self, idx) -> np.ndarray:
        """Rows for the sentences ``idx``; on the light path those not yet known are computed
        together."""
        if self.full is not None:
            return np.asarray(self.full)[list(idx)]
        missing = [int(i) for i in dict.fromkeys(idx) if i not in self._rows]
        if missing:
            vectors = self.analysis.vectors
            inter = self._shared(missing, range(len(self.size)))
            out = _combine(inter, self.size[missing][:, None], self.size[None, :], vectors[missing] @ vectors.T)
            for r, i in enumerate(missing):
                out[r, i] = 0.5 * min(1.0, max(0.0, float(vectors[i] @ vectors[i])))  # no word overlap with itself
                self._rows[i] = out[r]
        return np.array([self._rows[int(i)] for i in idx]).reshape(len(idx), -1)

    def block(self, idx: np.ndarray) -> np.ndarray:
        """The similarity among the sentences ``idx`` (rows and columns), as ``row`` gives it."""
        if self.full is not None:
            return np.asarray(self.full)[np.ix_(idx, idx)]
        size = self.size[idx]
        vectors = self.analysis.vectors[idx]
        out = _combine(self._shared(idx, idx), size[:, None], size[None, :], vectors @ vectors.T)
        np.fill_diagonal(out, 0.5 * np.clip(np.einsum("ij,ij->i", vectors, vectors), 0, 1))  # no overlap with itself
        return out

    def support(self, i: int) -> list[int]:
        """Sentence i and each other outlet's closest sentence stating its fact (see
        StoryAnalysis.support); on the light path, from i's similarity row."""
        an = self.analysis
        if not an.light:
            return an.support(i)
        row = self.row(i)
        own = an.sentences[i].article_id
        best: dict[str, int] = {}
        for j in np.flatnonzero(row >= an.same_fact).tolist():
            a = an.sentences[j].article_id
            if a != own and (a not in best or row[j] > row[best[a]]):
                best[a] = j
        return [i, *best.values()]


def _combine(inter: np.ndarray, size_a, size_b, cosine: np.ndarray) -> np.ndarray:
    """The analysis's sentence similarity without the shared-figure bonus: cosine and content
    word overlap (shared words / geometric mean of the two sizes), averaged."""
    lo, hi = np.minimum(size_a, size_b), np.maximum(size_a, size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        lex = np.minimum(np.where(lo > 0, inter / np.sqrt(lo * hi), 0.0), 1.0)
    return 0.5 * np.clip(cosine, 0, 1) + 0.5 * lex
