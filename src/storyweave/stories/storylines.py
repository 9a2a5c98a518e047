"""Storylines: stories (events) that continue each other over days and weeks, linked in order.

A story is one event (a shutdown begins; a deal ends it; a bombing; an arrest). A storyline
is the chain of such events about one ongoing matter. Steps:
1. each story's profile from the story index: its text centroid, its date span and its
   IDF-weighted names (who/where: a president who is in every story weighs little, a
   senator, a programme or a town weighs a lot);
2. stories in order of their first date; each one is scored against the earlier stories that
   began before it and ended at most ``storyline_days`` before it began — the ``2 * top_k``
   closest by text — that share at least ``storyline_names`` of its *central* names (those a
   majority of each story's articles carry: one shared president or town is not one matter);
   score = text cosine of the centroids, blended half and half with the name overlap;
3. it continues the best-scoring earlier story at or above ``storyline_threshold``, else it
   begins a storyline of its own; the links form chains (and forks), whose connected groups
   are the storylines, their events in date order.

The gate is what keeps false links down on the synthetic stream of bench/bench_stories.py
(no storylines in it: 1,338 links among 13,972 stories at 100k articles without it, 21 with
it), where stories of one kind look alike by text and share a name token by chance.

Undated stories (no publication date nor a URL date) are never linked: a storyline is an
order in time, and an event whose time is unknown cannot be placed in one. Twin incidents
of one kind (two earthquakes years apart) stay apart for the same reason when dated.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

import numpy as np

from ..config import StoriesConfig
from ..unionfind import UnionFind
from .incremental import StoryIndex

NAME_SHARE = 0.5  # share of the story-to-story score given to the names (the rest: text)
CENTRAL = 0.5  # a story's central names: those more than this share of its articles name


def central_names(bag, size: int) -> frozenset[str]:
    """The names more than ``CENTRAL`` of a story's ``size`` articles carry — a majority; every
    name of a one-article story (a story's name bag counts the articles naming each token):
    who and where the event is about, not a name one article mentions in passing."""
    need = max(1, math.floor(CENTRAL * size) + 1)
    return frozenset(t for t, c in bag.items() if c >= need)


@dataclass(slots=True)
class Event:
    story_id: str
    first_date: str | None
    last_date: str | None
    title: str
    size: int
    follows: str | None = None  # the earlier story this one continues
    score: float = 0.0  # its link score (0 for a storyline's first event)


@dataclass(slots=True)
class Storyline:
    id: str
    events: list[Event] = field(default_factory=list)  # in order of first date

    @property
    def story_ids(self) -> list[str]:
        return [e.story_id for e in self.events]


def storyline_id_for(story_id: str) -> str:
    """Stable storyline id from its first event's story id."""
    return "l-" + hashlib.blake2b(story_id.encode("utf-8"), digest_size=5).hexdigest()


def link_storylines(index: StoryIndex, config: StoriesConfig | None = None, min_events: int = 1) -> list[Storyline]:
    """Every story of ``index`` in one storyline (a story no other continues is a storyline of
    one event, kept only when ``min_events`` is 1)."""
    p = config or index.params
    centroids, first, last, names = index.story_profiles()
    summaries = index.summaries()
    live = [s for s in range(len(summaries)) if summaries[s].size > 0]
    dated = np.array(sorted((s for s in live if first[s]), key=lambda s: (int(first[s]), summaries[s].id)), dtype=np.int64)
    starts = first[dated].astype(np.int64)
    # a story that ended within storyline_days began at most that plus the longest span before
    reach = p.storyline_days + int((last[dated] - first[dated]).max()) if len(dated) else 0
    follows: dict[int, tuple[int, float]] = {}
    central: dict[int, frozenset[str]] = {}

    def central_of(s: int) -> frozenset[str]:
        got = central.get(s)
        if got is None:
            got = central[s] = central_names(names.bags[s], summaries[s].size)
        return got

    for pos, b in enumerate(dated.tolist()):
        lo = int(np.searchsorted(starts, int(first[b]) - reach, side="left"))
        earlier = dated[lo:pos]
        # ended at most storyline_days before b began, and began before it (a same-day story is
        # a parallel event, not an earlier step)
        earlier = earlier[(int(first[b]) - last[earlier].astype(np.int64) <= p.storyline_days)
                          & (first[earlier].astype(np.int64) < int(first[b]))]
        if not len(earlier):
            continue
        cos = centroids[earlier] @ centroids[b]
        top = np.argsort(-cos)[: 2 * p.top_k]  # names are compared for the closest texts only
        best, best_score = None, p.storyline_threshold
        mine = central_of(b) if p.storyline_names else frozenset()
        for j in top:
            a = int(earlier[j])
            if p.storyline_names and len(mine & central_of(a)) < p.storyline_names:
                continue  # one shared name (a president, a town) is not one matter
            score = (1.0 - NAME_SHARE) * float(cos[j]) + NAME_SHARE * names.sim(names.bags[b], a)
            if score >= best_score:
                best, best_score = a, score
        if best is not None:
            follows[b] = (best, best_score)
    groups = UnionFind(live)
    for b, (a, _) in follows.items():
        groups.union(a, b)
    order = {s: i for i, s in enumerate(dated)}
    out = []
    for members in groups.groups():
        if len(members) < min_events:
            continue
        members.sort(key=lambda s: (order.get(s, len(order)), summaries[s].id))
        events = []
        for s in members:
            sm = summaries[s]
            a, score = follows.get(s, (None, 0.0))
            events.append(Event(sm.id, sm.first_date, sm.last_date, sm.title, sm.size,
                                summaries[a].id if a is not None else None, round(score, 4)))
        out.append(Storyline(storyline_id_for(events[0].story_id), events))
    out.sort(key=lambda line: (-len(line.events), line.events[0].first_date or "9999", line.id))
    return out


def storyline_of(lines: list[Storyline]) -> dict[str, str]:
    """Story id -> storyline id."""
    return {e.story_id: line.id for line in lines for e in line.events}


def as_records(lines: list[Storyline]) -> list[dict]:
    """Plain rows for JSON output and the store: one per event, in order."""
    return [{"storyline": line.id, "position": i, "story": e.story_id, "follows": e.follows, "score": e.score,
             "first_date": e.first_date, "last_date": e.last_date, "title": e.title, "size": e.size}
            for line in lines for i, e in enumerate(line.events)]


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of linking, over the events both label: a predicted pair
    (two events in one storyline) is right when gold puts them in one storyline too.
    Returns precision, recall, predicted pairs, gold pairs."""
    keys = sorted(set(gold) & set(pred))
    pred_pairs = {(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if pred[a] == pred[b]}
    gold_pairs = {(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if gold[a] == gold[b]}
    hit = len(pred_pairs & gold_pairs)
    precision = hit / len(pred_pairs) if pred_pairs else 1.0
    recall = hit / len(gold_pairs) if gold_pairs else 1.0
    return precision, recall, len(pred_pairs), len(gold_pairs)


def link_stored(store, config: StoriesConfig) -> list[Storyline]:
    """Link the stories of a store's index and keep the storylines in the store (replacing
    the ones there): ``storyweave cluster --storylines --db``."""
    from ..store.storylines import save_storylines
    from .assign import STATE_KEY

    blob = store.load_state(STATE_KEY)
    if not blob:
        return []
    lines = link_storylines(StoryIndex.from_bytes(blob, config), config)
    save_storylines(store, as_records(lines))
    return lines


def storyline_table(lines: list[Storyline], width: int = 60) -> str:
    """Storylines of two events or more, each event on its own line in order."""
    out = []
    linked = [line for line in lines if len(line.events) > 1]
    for line in linked:
        out.append(f"storyline {line.id} ({len(line.events)} events)")
        for e in line.events:
            span = e.first_date if e.first_date == e.last_date else f"{e.first_date}..{e.last_date}"
            out.append(f"  {span or '-':<23} {e.story_id:<13} {e.size:>4}  {' '.join(e.title.split())[:width]}")
    out.append(f"{len(linked)} storylines of 2+ events; {len(lines) - len(linked)} stories continue no other")
    return "\n".join(out)
