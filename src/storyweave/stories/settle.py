"""Settling: a second look at the articles that founded a story and are still alone in it.

The index is single-pass: an article is placed against the stories as they were when it
arrived, weighed with the name statistics (IDF) known then. In a shuffled stream an article
often arrives before the others of its event, founds a story, and the others then found
or join another one beside it (or the IDF of its names has moved since). Every
``settle_every`` new articles the index takes each article of that group that is still alone
in its story and scores it against the stories as they are now (the same score and rules as
a new article); when it qualifies for one it moves there. Its emptied story is recorded in
the index's ``merged`` map (the old id resolves to where the article went) and the move is
reported in the batch's outcome, so the store updates the article and records the move.

Only lone founders are revisited, once each: they are where arrival order shows most, and
the cost stays small (at most ~5% more CPU at 100k). Revisiting every recent
article (two passes over the last two groups) gained a little more agreement between
shuffled and batch runs but not a smaller gap in quality, for over twice the CPU
(docs/stories.md has the numbers).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .features import Features

if TYPE_CHECKING:
    from .incremental import AddOutcome, StoryIndex


def settle(index: "StoryIndex", out: "AddOutcome") -> int:
    """Revisit the lone founders among the articles placed since the last settling; returns
    the number of moves."""
    group, index._recent, index._arrived = index._recent, [], 0
    return sum(_revisit(index, f, out) for f in group if f.id in index.assignments)


def _revisit(index: "StoryIndex", f: Features, out: "AddOutcome") -> bool:
    s = index._by_id[index.assignments[f.id]]
    if index._size[s] != 1:
        return False
    # the article's own story is itself: any other story it qualifies for is scored exactly
    others = [(score, t) for score, t in index._qualified(f) if t != s]
    if not others:
        return False
    target = max(reversed(others), key=lambda st: st[0])[1]  # ties: the later candidate, as placing does
    _retire(index, s, target, out)
    index._join(target, f)
    index._members[target].append(f.id)
    sid = index.story_ids[target]
    index.assignments[f.id] = sid
    out.assignments[f.id] = sid
    return True


def _retire(index: "StoryIndex", gone: int, keep: int, out: "AddOutcome") -> None:
    """Story ``gone`` loses its one article to ``keep``: it is no longer a candidate, and its
    id resolves to ``keep``."""
    index._empty(gone)
    gid, kid = index.story_ids[gone], index.story_ids[keep]
    index.merged[gid] = kid
    out.merged[gid] = kid
