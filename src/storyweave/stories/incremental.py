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

Articles without a date are compared with all stories, with a stricter bar (their time is
unknown, so the text and names must carry the decision alone). The batch clusterer is this
same index run over a date-sorted stream, so batch and incremental runs differ only by
arrival order and by the name statistics known at the time.
"""
from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..config import StoriesConfig
from ..model import Problem
from .features import Features
from .near_duplicates import CopyIndex
from .profiles import Profiles, as_bag

STATE_VERSION = 2
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
        self._copy = CopyIndex()

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
        for i in order:
            f = unique[i]
            s, original = self._place(f)
            if s is None:
                s = self._open(f)
                out.new_stories.append(self.story_ids[s])
            self._join(s, f)
            sid = self.story_ids[s]
            self.assignments[f.id] = sid
            out.assignments[f.id] = sid
            if original is not None:
                self.copies[f.id] = original
                out.copies[f.id] = original
                self._ncopies[s] += 1
        return out

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
        p = self.params
        day = f.date.toordinal() if f.date else None
        cand = self._candidates(day)
        if len(cand) == 0:
            return None
        cos = (self._sums[cand] @ f.vector) / np.maximum(self._norms[cand], 1e-9)
        # the names and words parts are at most their weights, so weaker texts cannot reach the threshold
        emb_weight = 1.0 - p.name_weight - p.word_weight
        floor = (p.threshold - p.name_weight - p.word_weight) / emb_weight
        keep = np.flatnonzero(cos >= floor)
        if len(keep) == 0:
            return None
        keep = keep[np.argsort(-cos[keep])[: p.top_k]]
        best, best_score = None, p.threshold
        for j in keep:
            s = int(cand[j])
            gap = self._gap(s, f.date)
            if gap > p.max_days:
                continue
            names = self._names.sim(as_bag(f.names), s)
            # One event has the same participants: similar wording about other people or
            # another place is a different event on the same topic, however close the text.
            if names < p.min_names and len(f.names) >= MIN_NAMES_TO_JUDGE:
                continue
            words = self._words.sim(f.words, s) if p.word_weight else 0.0
            score = emb_weight * float(cos[j]) + p.name_weight * names + p.word_weight * words
            score -= p.day_penalty * gap
            if day is None or self._first[s] == 0:
                score -= p.undated_margin
            if score >= best_score:
                best, best_score = s, score
        return best

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

    # -- state: numpy arrays + JSON, no pickle (the blob may come from a shared database) -
    def to_bytes(self) -> bytes:
        n = len(self.story_ids)
        keys, sigs = self._copy.to_arrays()
        meta = {
            "version": STATE_VERSION,
            "dim": self.dim,
            "params": {k: getattr(self.params, k) for k in self.params.__dataclass_fields__},
            "story_ids": self.story_ids,
            "titles": self._titles,
            "outlets": [dict(c) for c in self._outlets],
            "names": self._names.to_meta(),
            "words": self._words.to_meta(),
            "ncopies": self._ncopies,
            "assignments": self.assignments,
            "copies": self.copies,
            "copy_keys": keys,
        }
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            sums=self._sums[:n], size=self._size[:n], first=self._first[:n], last=self._last[:n], sigs=sigs,
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes, params: StoriesConfig | None = None) -> "StoryIndex":
        """``params`` (the current configuration) replace the ones the state was saved with."""
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            if meta.get("version") == 1:  # names kept beside the story, no words yet
                meta = {**meta, "names": {"df": meta["df"], "docs": meta["docs"], "bags": meta["names"]},
                        "words": {"df": {}, "docs": meta["docs"], "bags": [{} for _ in meta["names"]]}}
            elif meta.get("version") != STATE_VERSION:
                raise ValueError(
                    f"story index state has version {meta.get('version')}, this storyweave reads {STATE_VERSION}: "
                    "re-run  storyweave ingest  on a fresh --db"
                )
            idx = cls(params or _saved_params(meta["params"]), dim=meta["dim"])
            n = len(meta["story_ids"])
            while len(idx._sums) < n:
                idx._grow()
            idx._sums[:n] = z["sums"]
            idx._size[:n] = z["size"]
            idx._first[:n] = z["first"]
            idx._last[:n] = z["last"]
            idx._norms[:n] = np.linalg.norm(idx._sums[:n], axis=1)
            sigs = z["sigs"]
        idx.story_ids = meta["story_ids"]
        idx._by_id = {sid: s for s, sid in enumerate(idx.story_ids)}
        idx._titles = meta["titles"]
        idx._outlets = [Counter(d) for d in meta["outlets"]]
        idx._names = Profiles.from_meta(meta["names"])
        idx._words = Profiles.from_meta(meta["words"])
        idx._ncopies = meta["ncopies"]
        idx.assignments = meta["assignments"]
        idx.copies = meta["copies"]
        idx._copy = CopyIndex.from_arrays(meta["copy_keys"], sigs)
        for s in range(n):
            if idx._first[s] == 0:
                idx._undated.add(s)
            else:
                for d in range(int(idx._first[s]), int(idx._last[s]) + 1):
                    idx._days.setdefault(d, []).append(s)
        return idx


def _saved_params(saved: dict) -> StoriesConfig:
    known = StoriesConfig.__dataclass_fields__  # a state saved by another version may lack or add keys
    return StoriesConfig(**{k: v for k, v in saved.items() if k in known})


def _iso(ordinal: int) -> str | None:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat() if ordinal else None
