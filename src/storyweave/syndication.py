"""Copy between outlets (wire stories): sentence-level shingles, then article pairs.

Outlets that run the same agency copy edit it lightly: a word changed, a clause cut. Word
3-gram shingles with containment (share of the shorter sentence's shingles found in the
other) survive such edits, and a sentence pair above ``copy_overlap`` is a copy. Two
articles sharing copied sentences are syndicated; corroboration then counts them once.
"""
from __future__ import annotations

from collections import defaultdict

from .model import Sentence, Syndication
from .text import sentence_shingles


def find_copies(
    sentences: list[Sentence], tokens: list[set[str]], threshold: float
) -> tuple[dict[tuple[int, int], float], dict[tuple[str, str], list[tuple[int, int]]]]:
    """Copied sentence pairs across articles, and the article pairs they make syndicated."""
    sh = [sentence_shingles(s.text) for s in sentences]
    # candidate pairs through an inverted index on shingles: only pairs that share some
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sh):
        for h in s:
            index[h].append(i)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        if len(postings) > 50:  # a shingle in very many sentences is a stock phrase
            continue
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                i, j = postings[x], postings[y]
                if sentences[i].article_id != sentences[j].article_id:
                    counts[(i, j)] += 1
    copies: dict[tuple[int, int], float] = {}
    syndicated: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (i, j), c in counts.items():
        if min(len(sh[i]), len(sh[j])) < 5:
            continue  # too short to tell a copy from a coincidence
        ov = c / min(len(sh[i]), len(sh[j]))
        if ov >= threshold:
            copies[(i, j)] = ov
            a, b = sorted((sentences[i].article_id, sentences[j].article_id))
            syndicated[(a, b)].append((i, j) if sentences[i].article_id == a else (j, i))
    return copies, dict(syndicated)


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
