"""Copy between outlets (wire stories): sentence-level shingles, then article pairs.

Outlets that run the same agency copy edit it lightly: a word changed, a clause cut. Word
3-gram shingles with containment (share of the shorter sentence's shingles found in the
other) survive such edits, and a sentence pair above ``copy_overlap`` is a copy. Two
articles sharing copied sentences are syndicated; corroboration then counts them once.
"""
from __future__ import annotations

import bisect
from collections import defaultdict

import numpy as np

from .model import Sentence, Syndication
from .text import sentence_shingles


def find_copies(
    sentences: list[Sentence], tokens: list[set[str]], threshold: float
) -> tuple[dict[tuple[int, int], float], dict[tuple[str, str], list[tuple[int, int]]]]:
    """Copied sentence pairs across articles, and the article pairs they make syndicated."""
    sh = [sentence_shingles(s.text) for s in sentences]
    counts = _shared_counts(sh, [s.article_id for s in sentences])
    copies: dict[tuple[int, int], float] = {}
    syndicated: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (i, j), c in counts:
        if min(len(sh[i]), len(sh[j])) < 5:
            continue  # too short to tell a copy from a coincidence
        ov = c / min(len(sh[i]), len(sh[j]))
        if ov >= threshold:
            copies[(i, j)] = ov
            a, b = sorted((sentences[i].article_id, sentences[j].article_id))
            syndicated[(a, b)].append((i, j) if sentences[i].article_id == a else (j, i))
    return copies, dict(syndicated)


def _shared_counts(sh: list[set[int]], articles: list[str]) -> list[tuple[tuple[int, int], int]]:
    """How many shingles each pair of sentences of different articles shares, for the pairs
    that share any, in (i, j) order: a sparse sentence-by-shingle product (a Python loop over
    the pairs of each shingle's sentences cost a tenth of a 10-article brief's analysis)."""
    from scipy.sparse import csr_matrix, triu

    postings: dict[int, int] = defaultdict(int)
    for s in sh:
        for h in s:
            postings[h] += 1
    # a shingle in very many sentences is a stock phrase; one in a single sentence pairs nothing
    column = {h: k for k, h in enumerate(h for h, c in postings.items() if 1 < c <= 50)}
    rows, cols = [], []
    for i, s in enumerate(sh):
        for h in s:
            k = column.get(h)
            if k is not None:
                rows.append(i)
                cols.append(k)
    if not rows:
        return []
    m = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sh), len(column)))
    shared = triu(m @ m.T, k=1).tocoo()
    ids: dict[str, int] = {}
    art = np.array([ids.setdefault(a, len(ids)) for a in articles])
    keep = art[shared.row] != art[shared.col]
    order = np.lexsort((shared.col[keep], shared.row[keep]))
    i, j, c = shared.row[keep][order], shared.col[keep][order], shared.data[keep][order]
    return [((int(a), int(b)), int(n)) for a, b, n in zip(i, j, c)]


# A rewrite: two articles that share copy word for word (some sentences at least), and the
# shorter one's sentences, in their order, each find a close sentence of the other (similarity
# >= REWRITE_SIMILAR) in the same order, for at least REWRITE_SHARE of them and REWRITE_MIN
# sentences. On the 60 dev stories (three or five outlets' own reports) no article pair comes
# near (none at 0.4); an agency release and a station's rewrite of it in its own words come at
# 0.7, with a fifth of the sentences verbatim. Without the shared copy two local reports that
# tell one fire in the order it happened would pass (4 of 7 in order, an ECB+ dev story).
REWRITE_SIMILAR, REWRITE_SHARE, REWRITE_MIN = 0.6, 0.5, 4


def rewrites(sentences: list[Sentence], similarity: np.ndarray | None,
             shared: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Article pairs (both orders) sharing copy (``shared``) where one retells the other sentence
    by sentence: one report, whatever the wording of the rest (an agency story rewritten by an
    outlet is not a second source)."""
    if similarity is None or not len(sentences) or not shared:
        return set()
    rows: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        rows[s.article_id].append(i)
    out: set[tuple[str, str]] = set()
    for a, b in shared:
        if a >= b or a not in rows or b not in rows:
            continue  # each pair once (``shared`` holds both orders)
        short, other = (rows[a], rows[b]) if len(rows[a]) <= len(rows[b]) else (rows[b], rows[a])
        bar = max(REWRITE_MIN, REWRITE_SHARE * len(short))
        sub = similarity[np.ix_(short, other)]
        if int((sub.max(axis=1) >= REWRITE_SIMILAR).sum()) >= bar and _in_order(sub) >= bar:
            out |= {(a, b), (b, a)}
    return out


def _in_order(sub: np.ndarray) -> int:
    """The most sentences of the shorter article whose closest sentence in the other is close
    enough and comes in the same order (the longest increasing run of their positions)."""
    best_at = sub.argmax(axis=1)
    keep = [int(j) for i, j in enumerate(best_at) if sub[i, j] >= REWRITE_SIMILAR]
    tails: list[int] = []  # patience sorting: tails[k] = least last position of a run of k+1
    for j in keep:
        k = bisect.bisect_left(tails, j)
        tails[k:k + 1] = [j]
    return len(tails)


def syndication_records(
    sentences: list[Sentence], syndicated: dict[tuple[str, str], list[tuple[int, int]]], min_sentences: int = 2
) -> list[Syndication]:
    """Article pairs sharing at least ``min_sentences`` copied sentences: wire copy."""
    per_article: dict[str, int] = defaultdict(int)
    for s in sentences:
        per_article[s.article_id] += 1
    out = []
    for (a, b), pairs in syndicated.items():
        firsts = sorted({i for i, _ in pairs})
        if len(firsts) < min_sentences:
            continue
        smaller = min(per_article[a], per_article[b]) or 1
        out.append(
            Syndication(
                articles=[a, b],
                shared_text=[sentences[i].text for i in firsts],
                overlap=round(len(firsts) / smaller, 3),
            )
        )
    out.sort(key=lambda s: -s.overlap)
    return out
