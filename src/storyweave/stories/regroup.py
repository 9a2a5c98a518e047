"""Regrouping: the articles an undated article may belong with, clustered again as a whole.

The index places each article once, against the stories as they were when it arrived. A
dated article is held by time: a story only takes articles within ``max_days`` of its span.
An undated one can join any story, so its place depends on which article of its kind came
first: twin incidents (two earthquakes, two castings of one role, years apart and undated)
merge as soon as one twin article joins the other's story, and the rest follow the
centroid. Average link over all of them is order-free and asks every pair, not the first.

So the index keeps the features of recent articles, and when undated articles have come in
(checked at each settling, at the end of a batch of several articles, and at ``flush``) it
clusters again, by average link, every kept article that an undated one could end up with:
the single-link component around the undated articles at the threshold, closed over the
stories its articles are in. No average-link cluster reaches outside that component (an
average at or above the threshold needs one pair at or above it), so the result is the
same as average link over everything kept; a stream without undated articles is never
regrouped (it pays only for the word bags and the kept features).

The similarity is ``regroup_text_weight`` x the TF-IDF cosine of the whole texts (hashed
terms, sublinear counts, IDF over every article the index has kept since it started) + the
rest x the cosine of the ledes' names (IDF over the stream); two dated articles more than
``max_days`` apart are never close. Clusters are cut at an average similarity of
``regroup_threshold``. Each new cluster keeps the id of the story most of its articles were
in; a story left empty resolves, through the index's ``merged`` map, to where most of its
articles went; every moved article is reported in the batch's outcome, so the store records
the move. A story with an article whose features were let go (beyond the ``regroup_limit``
latest) is left as it is. Measured in docs/stories.md.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .features import TERM_SPACE, Features

if TYPE_CHECKING:
    from .incremental import AddOutcome, StoryIndex


# The similarity of two dated articles more than ``max_days`` apart: so far below any other
# that no average including it reaches the threshold (the single pass, too, only lets a story
# take an article within ``max_days`` of it).
APART = 1e6


@dataclass(slots=True)
class Kept:
    """What regrouping needs, held by the index and saved with its state (stories/index_state.py)."""

    feats: dict[str, Features] = field(default_factory=dict)  # by arrival
    df: np.ndarray | None = None  # documents per hashed term, over every article kept so far
    docs: int = 0
    undated: bool = False  # an undated article came in since the last regrouping


def keep(index: "StoryIndex", f: Features) -> None:
    """Hold an article's features for regrouping (only when they carry its terms)."""
    if f.terms is None:
        return
    k = index._kept
    k.feats[f.id] = f
    if k.df is None:
        k.df = np.zeros(TERM_SPACE, dtype=np.int32)
    k.df[f.terms[0]] += 1
    k.docs += 1
    if f.date is None:
        k.undated = True


def regroup(index: "StoryIndex", out: "AddOutcome", force: bool = False) -> int:
    """Cluster again what undated articles may belong with; returns the number of articles moved."""
    k = index._kept
    _let_go(index)
    if not (k.undated or force):
        return 0
    k.undated = False
    pool = _pool(index)
    if len(pool) < 2 or all(f.date is not None for f in pool):
        return 0
    region, sim = _region(index, pool, _Similarity(index, pool))
    stories = sorted({index._by_id[index.assignments[pool[i].id]] for i in region})
    feats = [pool[i] for i in region]
    roots = {f.id: _root(index, f.id) for f in feats}
    # a copy stays with its original: only articles that copy nothing in the region are clustered
    ids = {f.id for f in feats}
    lead = [i for i in region if roots[pool[i].id] == pool[i].id or roots[pool[i].id] not in ids]
    at = {i: j for j, i in enumerate(region)}
    keep_rows = [at[i] for i in lead]
    labels = _cluster(index, sim[np.ix_(keep_rows, keep_rows)])
    clusters: dict[int, list[Features]] = {}
    for i, c in zip(lead, labels):
        clusters.setdefault(int(c), []).append(pool[i])
    groups = list(clusters.values())
    was = {f.id: index._by_id[index.assignments[f.id]] for g in groups for f in g}
    target = _claims(groups, was)
    if all(t is not None and all(was[f.id] == t for f in g) for g, t in zip(groups, target)):
        return 0  # every story kept exactly its articles
    followers: dict[str, list[Features]] = {}
    for i in set(region) - set(lead):
        followers.setdefault(roots[pool[i].id], []).append(pool[i])
    groups = [g + [c for f in g for c in followers.get(f.id, ())] for g in groups]
    return _apply(index, stories, groups, target, out)


def _root(index: "StoryIndex", aid: str) -> str:
    """The article a copy (of a copy ...) goes back to."""
    seen = {aid}
    while aid in index.copies and index.copies[aid] not in seen:
        aid = index.copies[aid]
        seen.add(aid)
    return aid


# -- what is regrouped ------------------------------------------------------------------------
def _let_go(index: "StoryIndex") -> None:
    """Beyond ``regroup_limit`` kept articles, the earliest are let go. Only the count bounds
    what is kept: an undated article may join a story of any age, so letting go by date would
    make what can be regrouped depend on arrival order."""
    feats = index._kept.feats
    for aid in list(feats)[: max(0, len(feats) - index.params.regroup_limit)]:
        del feats[aid]


def _pool(index: "StoryIndex") -> list[Features]:
    """Kept articles of the stories whose every article is kept, in arrival order."""
    held: Counter = Counter()
    for aid in index._kept.feats:
        if aid in index.assignments:
            held[index.assignments[aid]] += 1
    whole = {sid for sid, n in held.items() if n == len(index._members[index._by_id[sid]])}
    return [f for aid, f in index._kept.feats.items() if index.assignments.get(aid) in whole]


def _region(index: "StoryIndex", pool: list[Features], sims: "_Similarity") -> tuple[list[int], np.ndarray]:
    """Pool positions joined to an undated article through pairs at or above the threshold or
    through a shared story (whole components, so average link inside them is average link over
    the pool), and their similarities among themselves. Each article's row of similarities is
    computed once, when the search reaches it: a few undated articles cost a few rows."""
    story_of = [index.assignments[f.id] for f in pool]
    by_story: dict[str, list[int]] = {}
    for i, sid in enumerate(story_of):
        by_story.setdefault(sid, []).append(i)
    inside = np.zeros(len(pool), dtype=bool)
    rows: dict[int, np.ndarray] = {}
    frontier = sorted({j for i, f in enumerate(pool) if f.date is None for j in by_story[story_of[i]]})
    while frontier:
        inside[frontier] = True
        block = sims.rows(frontier)
        rows.update(zip(frontier, block))
        near = np.flatnonzero((block >= index.params.regroup_threshold).any(axis=0) & ~inside)
        frontier = sorted({j for i in near.tolist() for j in by_story[story_of[i]] if not inside[j]})
    region = sorted(rows)
    return region, np.stack([rows[i] for i in region])[:, np.array(region, dtype=np.int64)]


# -- similarity -------------------------------------------------------------------------------
class _Similarity:
    """Blended similarity of pool articles: TF-IDF of the whole texts (IDF over every article
    kept) and IDF-weighted names; dated pairs more than ``max_days`` apart far below any other."""

    def __init__(self, index: "StoryIndex", pool: list[Features]) -> None:
        from scipy.sparse import csr_matrix

        self.weight = index.params.regroup_text_weight
        k = index._kept
        ids = np.concatenate([f.terms[0] for f in pool])
        idf = np.log((1.0 + k.docs) / (1.0 + k.df[ids])) + 1.0
        tf = 1.0 + np.log(np.concatenate([f.terms[1] for f in pool]))
        used, col = np.unique(ids, return_inverse=True)  # the pool's terms, not the hashed space
        self.text = _unit(csr_matrix(((tf * idf).astype(np.float32), col, np.cumsum([0] + [len(f.terms[0]) for f in pool])),
                                     shape=(len(pool), len(used))))
        vocab = {t: i for i, t in enumerate(sorted({t for f in pool for t in f.names}))}
        rows = [i for i, f in enumerate(pool) for _ in f.names]
        cols = [vocab[t] for f in pool for t in f.names]
        vals = np.array([index._names.idf(t) for f in pool for t in f.names], dtype=np.float32)
        self.names = _unit(csr_matrix((vals, (rows, cols)), shape=(len(pool), max(1, len(vocab)))))
        self.days = np.array([f.date.toordinal() if f.date else 0 for f in pool])
        self.max_days = index.params.max_days

    def rows(self, which: list[int]) -> np.ndarray:
        """Similarity of the pool articles ``which`` to every pool article."""
        sim = (self.text[which] @ self.text.T).toarray()
        sim *= self.weight
        sim += (1.0 - self.weight) * (self.names[which] @ self.names.T).toarray()
        mine, every = self.days[which][:, None], self.days[None, :]
        sim[(mine > 0) & (every > 0) & (np.abs(mine - every) > self.max_days)] = -APART
        return sim


def _unit(x):
    from scipy.sparse import diags

    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return (diags(1.0 / np.maximum(norms, 1e-12)) @ x).tocsr()


def _cluster(index: "StoryIndex", sim: np.ndarray) -> np.ndarray:
    """Average-link labels, each single-link component at the threshold linked on its own
    (the same clusters as linking all at once, for less)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    threshold = index.params.regroup_threshold
    n_comp, comp = connected_components(csr_matrix(sim >= threshold), directed=False)
    labels = np.zeros(len(sim), dtype=np.int64)
    next_label = 0
    for c in range(n_comp):
        idx = np.flatnonzero(comp == c)
        if len(idx) == 1:
            labels[idx] = next_label
            next_label += 1
            continue
        dist = 1.0 - sim[np.ix_(idx, idx)].astype(np.float64)
        np.fill_diagonal(dist, 0.0)
        z = linkage(squareform(np.maximum(dist, 0.0), checks=False), method="average")
        sub = fcluster(z, t=1.0 - threshold, criterion="distance")
        labels[idx] = next_label + sub - 1
        next_label += int(sub.max())
    return labels


# -- applying -------------------------------------------------------------------------------
def _claims(clusters: list[list[Features]], was: dict[str, int]) -> list[int | None]:
    """For each cluster the story whose id it keeps: the one most of its articles were in,
    larger clusters choosing first; a story goes to one cluster; None opens a new story."""
    target: list[int | None] = [None] * len(clusters)
    taken: set[int] = set()
    for c in sorted(range(len(clusters)), key=lambda c: (-len(clusters[c]), min(was[f.id] for f in clusters[c]))):
        counts = Counter(was[f.id] for f in clusters[c])
        for s, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if s not in taken:
                target[c] = s
                taken.add(s)
                break
    return target


def _apply(index: "StoryIndex", stories: list[int], clusters: list[list[Features]], target: list[int | None],
           out: "AddOutcome") -> int:
    order = {a: i for i, a in enumerate(index._kept.feats)}  # arrival order
    before = {aid: index.assignments[aid] for s in stories for aid in index._members[s]}
    for s in stories:
        index._empty(s)
        index._undated.add(s)  # a candidate for undated articles again once its cluster joins
    for c, members in enumerate(clusters):
        members = sorted(members, key=lambda f: order[f.id])
        s = target[c]
        if s is None:
            s = index._open(members[0])
            out.new_stories.append(index.story_ids[s])
        index._titles[s] = next((f.title for f in members if f.title), "")
        sid = index.story_ids[s]
        for f in members:
            index._join(s, f)
            index._members[s].append(f.id)
            index.assignments[f.id] = sid
            if f.id in index.copies:
                index._ncopies[s] += 1
    moved = 0
    for aid, old in before.items():
        new = index.assignments[aid]
        if new != old:
            out.assignments[aid] = new
            moved += 1
    went: dict[str, Counter] = {}
    for aid, old in before.items():
        went.setdefault(old, Counter())[index.assignments[aid]] += 1
    for s in stories:
        if index._size[s] == 0:  # no cluster kept its id: it resolves to where its articles went
            sid = index.story_ids[s]
            index._undated.discard(s)
            index.merged[sid] = out.merged[sid] = went[sid].most_common(1)[0][0]
    return moved
