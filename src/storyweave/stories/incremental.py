"""The story index: assigns each new article to an existing story or opens a new one.

One event = time + names + text. For a new article the index
1. looks for a near-copy (MinHash LSH); a copy joins its original's story and is marked;
2. otherwise gathers candidate stories by *time blocking* (stories active within
   ``max_days`` of the article's date, held in per-day buckets) — so each article is
   compared with the stories of its week, not with the whole corpus, and cost grows
   linearly with the stream;
3. scores candidates by the cosine to the story's embedding centroid, blended with an
   IDF-weighted overlap of names (who/where: frequent names like a president's weigh
   little, a victim's or a town's weigh a lot), minus a small penalty per day outside the
   story's date span;
4. joins the best story above ``threshold``, else opens a story whose id is derived from
   the founding article's id — ids never change as stories grow.
5. every ``settle_every`` articles, those still alone in the story they founded are scored
   again against the grown stories and may move (stories/settle.py; the old id resolves);
6. then, and at the end of a batch of several articles, the stories that hold an undated
   article are clustered again as a whole, order-free (stories/regroup.py).

Articles without a date are compared with all stories, with a stricter bar (their time is
unknown, so the text and names must carry the decision alone). The batch clusterer is this
same index run over a date-sorted stream, so batch and incremental runs differ only by
arrival order and by the name statistics known at the time.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..config import StoriesConfig
from ..model import Problem
from .features import Features
from .near_duplicates import CopyIndex
from .profiles import Profiles, as_bag
from .merge import bridge
from .regroup import Kept, keep, regroup

MIN_NAMES_TO_JUDGE = 3  # with fewer names in its lede, an article's names prove nothing


@dataclass(slots=True)
class StorySummary:
    id: str
    title: str
    size: int
    outlets: list[str]
    first_date: str | None
    last_date: str | None
    copies: int = 0


@dataclass(slots=True)
class AddOutcome:
    assignments: dict[str, str] = field(default_factory=dict)  # article id -> story id
    copies: dict[str, str] = field(default_factory=dict)  # article id -> id of its original
    new_stories: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # story id -> the story it was merged into


def story_id_for(article_id: str) -> str:
    """Stable story id from the founding article: the same article founds the same id."""
    return "s-" + hashlib.blake2b(article_id.encode("utf-8"), digest_size=5).hexdigest()


class StoryIndex:
    def __init__(self, params: StoriesConfig | None = None, dim: int = 256) -> None:
        self.params = params or StoriesConfig()
        self.dim = dim
        cap = 64
        self._sums = np.zeros((cap, dim), dtype=np.float32)  # sum of member vectors
        self._norms = np.zeros(cap, dtype=np.float32)
        self._size = np.zeros(cap, dtype=np.int32)
        self._first = np.zeros(cap, dtype=np.int32)  # date ordinals; 0 = no date known
        self._last = np.zeros(cap, dtype=np.int32)
        self.story_ids: list[str] = []
        self._titles: list[str] = []
        self._outlets: list[Counter] = []
        self._names = Profiles()  # who/where
        self._words = Profiles()  # what: content words and figures
        self._ncopies: list[int] = []
        self._days: dict[int, list[int]] = {}
        self._undated: set[int] = set()  # stories with no dated member yet
        self._by_id: dict[str, int] = {}
        self.assignments: dict[str, str] = {}
        self.copies: dict[str, str] = {}
        self.merged: dict[str, str] = {}  # a story merged into another -> that one (ids stay resolvable)
        self._members: list[list[str]] = []  # article ids per story (a merge moves them)
        self._copy = CopyIndex()
        self._out: AddOutcome | None = None  # the batch being placed (a merge reports its moves there)
        self._recent: list[Features] = []  # founders since the last settling (stories/settle.py; not saved)
        self._arrived = 0  # articles placed since the last settling
        self._kept = Kept()  # the latest articles' features for regrouping (stories/regroup.py; saved)

    def __len__(self) -> int:
        return len(self.story_ids)

    # -- the public step ------------------------------------------------------------------
    def add(self, batch: list[Features]) -> AddOutcome:
        """Assign a batch of articles; earlier-dated first, undated last, else input order."""
        out = AddOutcome()
        fresh: list[Features] = []
        for f in batch:
            if f.id in self.assignments:
                out.problems.append(Problem(f.id, f"article id already clustered (story {self.assignments[f.id]}); kept the first"))
            elif f.empty:
                out.problems.append(Problem(f.id, "no title or text to cluster on; stored without a story"))
            else:
                fresh.append(f)
        seen: set[str] = set()
        unique = []
        for f in fresh:  # a repeated id inside one batch: the first wins
            if f.id in seen:
                out.problems.append(Problem(f.id, "article id repeated in the input; kept the first"))
                continue
            seen.add(f.id)
            unique.append(f)
        # Name and word statistics first, so every article of the batch is weighed with the same IDF.
        self._names.observe([as_bag(f.names) for f in unique])
        self._words.observe([f.words for f in unique])
        order = sorted(range(len(unique)), key=lambda i: (unique[i].date is None, unique[i].date or 0, i))
        self._out = out
        for i in order:
            f = unique[i]
            s, original = self._place(f)
            if s is None:
                s = self._open(f)
                out.new_stories.append(self.story_ids[s])
                if self.params.settle_every:
                    self._recent.append(f)
            self._join(s, f)
            sid = self.story_ids[s]
            self.assignments[f.id] = sid
            self._members[s].append(f.id)
            out.assignments[f.id] = sid
            if original is not None:
                self.copies[f.id] = original
                out.copies[f.id] = original
                self._ncopies[s] += 1
            if self.params.regroup_threshold:
                keep(self, f)
        self._out = None
        self._arrived += len(order)
        due = bool(self.params.settle_every) and self._arrived >= self.params.settle_every
        self._look_again(out, settling=due, regrouping=due or len(order) > 1 or not self.params.settle_every)
        return out

    def flush(self) -> AddOutcome:
        """The second looks now, for the articles since the last one (at a stream's end)."""
        out = AddOutcome()
        self._look_again(out, settling=bool(self._recent), regrouping=True, force=True)
        return out

    def _look_again(self, out: AddOutcome, settling: bool, regrouping: bool, force: bool = False) -> None:
        if settling:
            from .settle import settle

            settle(self, out)
        if regrouping and self.params.regroup_threshold:
            regroup(self, out, force)

    def resolve(self, story_id: str) -> str:
        """The live story a (possibly merged) story id now is."""
        seen = {story_id}
        while story_id in self.merged and self.merged[story_id] not in seen:
            story_id = self.merged[story_id]
            seen.add(story_id)
        return story_id

    # -- deciding -------------------------------------------------------------------------
    def _place(self, f: Features) -> tuple[int | None, str | None]:
        sig = self._copy.signature(f.shingles)
        if sig is not None:
            original = self._copy.find(sig)
            self._copy.add(f.id, sig)
            if original is not None:
                s = self._by_id[self.assignments[original]]
                if self._gap(s, f.date) <= self.params.max_days:
                    return s, original
        return self._best_story(f), None

    def _candidates(self, day: int | None) -> np.ndarray:
        n = len(self.story_ids)
        if day is None:
            return np.arange(n)
        k = self.params.max_days
        found = [self._days.get(d, ()) for d in range(day - k, day + k + 1)]
        found.append(self._undated)
        if not any(found):
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.fromiter((s for group in found for s in group), dtype=np.int64))

    def _best_story(self, f: Features) -> int | None:
        qualified = self._qualified(f)
        if not qualified:
            return None
        best = max(reversed(qualified), key=lambda t: t[0])[1]  # ties: the later candidate
        if self.params.merge_threshold:
            day = f.date.toordinal() if f.date else None
            best = bridge(self, best, [s for _, s in sorted(qualified, key=lambda t: -t[0]) if s != best], day)
        return best

    def _qualified(self, f: Features) -> list[tuple[float, int]]:
        """(score, story) for every candidate story the article may join."""
        p = self.params
        cand = self._candidates(f.date.toordinal() if f.date else None)
        if len(cand) == 0:
            return []
        cos = (self._sums[cand] @ f.vector) / np.maximum(self._norms[cand], 1e-9)
        # the names and words parts are at most their weights, so weaker texts cannot reach the threshold
        floor = (p.threshold - p.name_weight - p.word_weight) / (1.0 - p.name_weight - p.word_weight)
        keep = np.flatnonzero(cos >= floor)
        keep = keep[np.argsort(-cos[keep])[: p.top_k]]
        qualified: list[tuple[float, int]] = []
        bag = as_bag(f.names)  # once per article, not per candidate
        for j in keep:
            s = int(cand[j])
            if self._gap(s, f.date) > p.max_days:
                continue
            names = self._names.sim(bag, s)
            # One event has the same participants: similar wording about other people or
            # another place is a different event on the same topic, however close the text.
            if names < p.min_names and len(f.names) >= MIN_NAMES_TO_JUDGE:
                continue
            score = self._score(f, s, float(cos[j]), names)
            if score >= p.threshold:
                qualified.append((score, s))
        return qualified

    def _score(self, f: Features, s: int, cos: float, names: float) -> float:
        """The blended score of an article against story ``s`` (text, names, words, days apart)."""
        p = self.params
        words = self._words.sim(f.words, s) if p.word_weight else 0.0
        score = (1.0 - p.name_weight - p.word_weight) * cos + p.name_weight * names + p.word_weight * words
        score -= p.day_penalty * self._gap(s, f.date)
        if f.date is None or self._first[s] == 0:
            score -= p.undated_margin
        return score

    def _gap(self, s: int, date) -> int:
        """Days between a date and the story's span (0 inside it, or when either is unknown)."""
        if date is None or self._first[s] == 0:
            return 0
        o = date.toordinal()
        return max(0, int(self._first[s]) - o, o - int(self._last[s]))

    # -- updating -------------------------------------------------------------------------
    def _open(self, f: Features) -> int:
        s = len(self.story_ids)
        if s == len(self._sums):
            self._grow()
        sid = story_id_for(f.id)
        while sid in self._by_id:  # only if two founders' hashes collide
            sid = story_id_for(sid)
        self.story_ids.append(sid)
        self._by_id[sid] = s
        self._titles.append(f.title)
        self._outlets.append(Counter())
        self._names.open()
        self._words.open()
        self._ncopies.append(0)
        self._members.append([])
        self._undated.add(s)  # until a dated article joins
        return s

    def _grow(self) -> None:
        cap = len(self._sums) * 2
        # zeros, not np.resize: that repeats the old rows, and a new story would start from
        # another story's centroid
        sums = np.zeros((cap, self.dim), dtype=self._sums.dtype)
        sums[: len(self._sums)] = self._sums
        self._sums = sums
        for name in ("_norms", "_size", "_first", "_last"):
            arr = getattr(self, name)
            grown = np.zeros(cap, dtype=arr.dtype)
            grown[: len(arr)] = arr
            setattr(self, name, grown)

    def _empty(self, s: int) -> None:
        """Story ``s`` without its articles: no candidate until one joins again (its id stays)."""
        if self._first[s]:
            for d in range(int(self._first[s]), int(self._last[s]) + 1):
                if s in self._days.get(d, ()):
                    self._days[d].remove(s)
        self._undated.discard(s)
        self._sums[s] = 0.0
        self._norms[s] = self._size[s] = self._first[s] = self._last[s] = 0
        self._names.empty(s)
        self._words.empty(s)
        self._outlets[s].clear()
        self._members[s] = []
        self._ncopies[s] = 0

    def _join(self, s: int, f: Features) -> None:
        self._sums[s] += f.vector
        self._norms[s] = float(np.linalg.norm(self._sums[s]))
        self._size[s] += 1
        self._names.join(s, as_bag(f.names))
        self._words.join(s, f.words)
        if f.outlet:
            self._outlets[s][f.outlet] += 1
        if not self._titles[s] and f.title:
            self._titles[s] = f.title
        if f.date is not None:
            self._extend_span(s, f.date.toordinal())

    def _extend_span(self, s: int, o: int) -> None:
        first, last = int(self._first[s]), int(self._last[s])
        if first == 0:
            self._undated.discard(s)
            new_days = [o]
            self._first[s] = self._last[s] = o
        elif o < first:
            new_days = list(range(o, first))
            self._first[s] = o
        elif o > last:
            new_days = list(range(last + 1, o + 1))
            self._last[s] = o
        else:
            return
        for d in new_days:
            self._days.setdefault(d, []).append(s)

    # -- reading --------------------------------------------------------------------------
    def summaries(self) -> list[StorySummary]:
        out = []
        for s, sid in enumerate(self.story_ids):
            first, last = int(self._first[s]), int(self._last[s])
            out.append(
                StorySummary(
                    id=sid,
                    title=self._titles[s],
                    size=int(self._size[s]),
                    outlets=[o for o, _ in self._outlets[s].most_common()],
                    first_date=_iso(first),
                    last_date=_iso(last),
                    copies=self._ncopies[s],
                )
            )
        return out

    def story_profiles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, Profiles]:
        """Per story: unit text centroid, first and last date ordinals (0 = undated), and the
        name profiles (read-only; stories/storylines.py links stories with them)."""
        n = len(self.story_ids)
        centroids = self._sums[:n] / np.maximum(self._norms[:n, None], 1e-9)
        return centroids, self._first[:n].copy(), self._last[:n].copy(), self._names

    # -- state: numpy arrays + JSON, no pickle (stories/index_state.py) -------------------
    def to_bytes(self) -> bytes:
        from .index_state import dump

        return dump(self)

    @classmethod
    def from_bytes(cls, blob: bytes, params: StoriesConfig | None = None) -> "StoryIndex":
        """``params`` (the current configuration) replace the ones the state was saved with."""
        from .index_state import load

        return load(cls, blob, params)


def _iso(ordinal: int) -> str | None:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat() if ordinal else None
