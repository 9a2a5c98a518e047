"""One fact in other words: sentences of two outlets that mean the same by a contextual encoder.

The fact groups (static vectors and shared words) and the claim pairs (rare shared words) find
facts worded alike. Outlets often word a fact apart ("Officials in Hawaii have certified that
Obama was born in that state" / "state officials ... have confirmed his birth"), and then only a
contextual encoder (MiniLM, ``nlp/meaning.py``) sees that the two say one thing. A pair counts
when each sentence is the other's closest in meaning in the other outlet, above
``align.agree_meaning``, shares the claim's rarer words (``align.agree_claim``), and neither
reports another event (``clash``) or the other end of it (``phases_apart``). Only pairs sharing some words or static-vector closeness
(``align.agree_prefilter``) are asked, so the encoder reads a part of the story, not all of it.
"""
from __future__ import annotations

import numpy as np

from ..analysis import StoryAnalysis
from ..config import Config


def meaning_pairs(an: StoryAnalysis, config: Config, candidates: list[int]) -> list[tuple[int, int, float]]:
    """Mutual-best pairs by meaning among ``candidates`` (sentence indices), with their cosine."""
    bar, pre = config.align.agree_meaning, config.align.agree_prefilter
    if an.meaning is None or an.similarity is None or bar <= 0 or len(candidates) < 2:
        return []
    arts = np.array([an.sentences[i].article_id for i in candidates])
    idx = np.array(candidates)
    sim = an.similarity[np.ix_(idx, idx)]
    claim = an.claim_matrix()[np.ix_(idx, idx)]
    asked = (sim >= pre) & (claim >= config.align.agree_claim) & (arts[:, None] != arts[None, :])
    rows, cols = np.nonzero(np.triu(asked, 1))
    if not len(rows):
        return []
    an.meaning.warm(sorted({int(idx[k]) for k in np.concatenate([rows, cols])}))
    cos = np.full(sim.shape, -1.0)
    for a, b in zip(rows, cols):
        cos[a, b] = cos[b, a] = an.meaning.cosine(int(idx[a]), int(idx[b]))
    out = []
    for a, b in zip(rows, cols):
        if cos[a, b] < bar:
            continue
        # each the other's best in the other's outlet
        if cos[a, arts == arts[b]].max() > cos[a, b] or cos[arts == arts[a], b].max() > cos[a, b]:
            continue
        i, j = int(idx[a]), int(idx[b])
        if same_fact(an, config, i, j):
            out.append((i, j, float(cos[a, b])))
    return out


def same_fact(an: StoryAnalysis, config: Config, i: int, j: int) -> bool:
    """Close in meaning and sharing the claim's rarer words (``align.agree_claim``: meaning alone
    joins a reaction with its event, or one person's two acts), and no other event or phase."""
    return (an.meaning.cosine(i, j) >= config.align.agree_meaning and an.claim(i, j) >= config.align.agree_claim
            and not an.clash(i, j) and not an.phases_apart(i, j))


def specific_pairs(an: StoryAnalysis, config: Config, candidates: list[int],
                   specifics) -> list[tuple[int, int, float]]:
    """Pairs of two outlets' sentences that share a specific — the same figure of one kind
    ("33 Democrats" / "33 Senate Democrats", "$10,000") or four quoted words — and a word of
    the claim, close in meaning above ``align.agree_specific``, each the other's closest among
    the other outlet's sentences sharing a specific with it, about the same event and phase."""
    bar = config.align.agree_specific
    if an.meaning is None or bar <= 0 or len(candidates) < 2:
        return []
    claim, _ = an.claim_words()
    keys = {i: set(specifics(an, i)) for i in candidates}
    by_key: dict[tuple, list[int]] = {}
    for i, ks in keys.items():
        for k in ks:
            by_key.setdefault(k, []).append(i)
    pairs = {(min(i, j), max(i, j)) for members in by_key.values() for i in members for j in members
             if an.sentences[i].article_id != an.sentences[j].article_id and claim[i] & claim[j]}
    if not pairs:
        return []
    an.meaning.warm(sorted({k for p in pairs for k in p}))
    cos = {p: an.meaning.cosine(*p) for p in pairs}
    best: dict[tuple[int, str], float] = {}  # (sentence, other outlet) -> its closest there
    for (i, j), c in cos.items():
        for a, b in ((i, j), (j, i)):
            key = (a, an.sentences[b].article_id)
            best[key] = max(best.get(key, -1.0), c)
    out = []
    for (i, j), c in sorted(cos.items()):
        if c < bar or best[(i, an.sentences[j].article_id)] > c or best[(j, an.sentences[i].article_id)] > c:
            continue
        if not an.clash(i, j) and not an.phases_apart(i, j):
            out.append((i, j, c))
    return out
