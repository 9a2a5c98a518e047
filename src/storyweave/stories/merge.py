"""Merging: a late article that bridges two stories of one event (``merge_threshold``, off by default).

A single pass founds stories in arrival order, so one event can be split when its first
articles happen to differ. An article that qualifies for two stories alike as stories
merges them (docs/stories.md has the measures; held-out quality fell, so it is off).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .incremental import StoryIndex


def bridge(index: "StoryIndex", best: int, others: list[int], day: int | None) -> int:
    """The article qualifies for several stories. Those within ``max_days`` of each other
    (counting the article's ``day`` in) and alike as stories (text centroids and names, scored like an article against a
    story, >= ``merge_threshold``) are one event that arrival order split: merge them
    into the larger. Returns the story the article joins."""
    for other in others:
        if index._size[other] == 0 or _span_gap(index, best, other, day) > index.params.max_days:
            continue
        if _story_sim(index, best, other) >= index.params.merge_threshold:
            keep, gone = (best, other) if index._size[best] >= index._size[other] else (other, best)
            _merge(index, keep, gone)
            best = keep
    return best


def _span_gap(index: "StoryIndex", a: int, b: int, day: int | None) -> int:
    """Days between story ``b``'s span and story ``a``'s with ``day`` added (0 if one is undated)."""
    if index._first[b] == 0 or (index._first[a] == 0 and day is None):
        return 0
    days = [d for d in (int(index._first[a]), int(index._last[a]), day) if d]
    return max(0, min(days) - int(index._last[b]), int(index._first[b]) - max(days))


def _story_sim(index: "StoryIndex", a: int, b: int) -> float:
    p = index.params
    cos = float(index._sums[a] @ index._sums[b]) / max(float(index._norms[a] * index._norms[b]), 1e-9)
    return (1.0 - p.name_weight) * cos + p.name_weight * index._names.sim(index._names.bags[b], a)


def _merge(index: "StoryIndex", keep: int, gone: int) -> None:
    """Story ``gone`` joins ``keep``; its id is recorded in ``merged`` (and its articles'
    new story reported to the batch's outcome), so the old id stays resolvable."""
    index._sums[keep] += index._sums[gone]
    index._norms[keep] = float(np.linalg.norm(index._sums[keep]))
    index._size[keep] += index._size[gone]
    index._names.join(keep, index._names.bags[gone])
    index._words.join(keep, index._words.bags[gone])
    index._names.empty(gone)
    index._words.empty(gone)
    index._outlets[keep].update(index._outlets[gone])
    index._ncopies[keep] += index._ncopies[gone]
    if index._first[gone]:
        index._extend_span(keep, int(index._first[gone]))
        index._extend_span(keep, int(index._last[gone]))
        for d in range(int(index._first[gone]), int(index._last[gone]) + 1):
            index._days[d].remove(gone)
    index._undated.discard(gone)
    index._sums[gone] = 0.0
    index._norms[gone] = index._size[gone] = index._first[gone] = index._last[gone] = 0
    kid, gid = index.story_ids[keep], index.story_ids[gone]
    index.merged[gid] = kid
    for aid in index._members[gone]:
        index.assignments[aid] = kid
        if index._out is not None:
            index._out.assignments[aid] = kid
    index._members[keep] += index._members[gone]
    index._members[gone] = []
    if index._out is not None:
        index._out.merged[gid] = kid
