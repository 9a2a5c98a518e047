"""The story index's state as bytes: numpy arrays + JSON, no pickle (the blob may come from a
shared database). ``StoryIndex.to_bytes`` / ``from_bytes`` call these.

Version 3 adds ``merged`` (story id -> the story it was merged into); version 2 and 1 states
load with none.
"""
from __future__ import annotations

import io
import json
from collections import Counter

import numpy as np

from ..config import StoriesConfig
from .near_duplicates import CopyIndex
from .profiles import Profiles

STATE_VERSION = 3
READS = (1, 2, 3)


def dump(idx) -> bytes:
    n = len(idx.story_ids)
    keys, sigs = idx._copy.to_arrays()
    meta = {
        "version": STATE_VERSION,
        "dim": idx.dim,
        "params": {k: getattr(idx.params, k) for k in idx.params.__dataclass_fields__},
        "story_ids": idx.story_ids,
        "titles": idx._titles,
        "outlets": [dict(c) for c in idx._outlets],
        "names": idx._names.to_meta(),
        "words": idx._words.to_meta(),
        "ncopies": idx._ncopies,
        "assignments": idx.assignments,
        "copies": idx.copies,
        "merged": idx.merged,
        "copy_keys": keys,
    }
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        sums=idx._sums[:n], size=idx._size[:n], first=idx._first[:n], last=idx._last[:n], sigs=sigs,
    )
    return buf.getvalue()


def load(cls, blob: bytes, params: StoriesConfig | None = None):
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        if meta.get("version") == 1:  # names kept beside the story, no words yet
            meta = {**meta, "names": {"df": meta["df"], "docs": meta["docs"], "bags": meta["names"]},
                    "words": {"df": {}, "docs": meta["docs"], "bags": [{} for _ in meta["names"]]}}
        elif meta.get("version") not in READS:
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
    idx.merged = meta.get("merged", {})
    idx._members = [[] for _ in range(n)]
    for aid, sid in idx.assignments.items():
        idx._members[idx._by_id[sid]].append(aid)
    idx._copy = CopyIndex.from_arrays(meta["copy_keys"], sigs)
    for s in range(n):
        if idx._size[s] == 0:  # merged into another: no longer a candidate
            continue
        if idx._first[s] == 0:
            idx._undated.add(s)
        else:
            for d in range(int(idx._first[s]), int(idx._last[s]) + 1):
                idx._days.setdefault(d, []).append(s)
    return idx


def _saved_params(saved: dict) -> StoriesConfig:
    known = StoriesConfig.__dataclass_fields__  # a state saved by another version may lack or add keys
    return StoriesConfig(**{k: v for k, v in saved.items() if k in known})
