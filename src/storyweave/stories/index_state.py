"""The story index's state as bytes: numpy arrays + JSON, no pickle (the blob may come from a
shared database). ``StoryIndex.to_bytes`` / ``from_bytes`` call these.

Version 3 adds ``merged`` (story id -> the story it was merged into); version 2 and 1 states
load with none. Version 4 adds the features kept for regrouping (stories/regroup.py), so
stories of undated articles are regrouped across deliveries; older states load with none.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import numpy as np

from ..config import StoriesConfig
from .features import TERM_SPACE, Features
from .near_duplicates import CopyIndex
from .profiles import Profiles
from .regroup import Kept

STATE_VERSION = 4
READS = (1, 2, 3, 4)


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
    kept_meta, kept_arrays = _dump_kept(idx._kept, idx.dim)
    meta["kept"] = kept_meta
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        sums=idx._sums[:n], size=idx._size[:n], first=idx._first[:n], last=idx._last[:n], sigs=sigs,
        **kept_arrays,
    )
    return buf.getvalue()


def _dump_kept(kept: Kept, dim: int) -> tuple[dict, dict]:
    """The kept features as JSON (ids, dates, names, outlets, titles, words) and arrays
    (vectors, hashed term ids and counts, the term document frequencies that are not zero)."""
    feats = list(kept.feats.values())
    terms = [f.terms for f in feats]
    df = kept.df if kept.df is not None else np.zeros(0, dtype=np.int32)
    meta = {"ids": [f.id for f in feats], "dates": [f.date.toordinal() if f.date else 0 for f in feats],
            "names": [sorted(f.names) for f in feats], "outlets": [f.outlet for f in feats],
            "titles": [f.title for f in feats], "words": [f.words for f in feats], "docs": kept.docs,
            "undated": kept.undated}
    arrays = {
        "kept_vectors": np.stack([f.vector for f in feats]) if feats else np.zeros((0, dim), dtype=np.float32),
        "kept_ptr": np.cumsum([0] + [len(t[0]) for t in terms]).astype(np.int64),
        "kept_ids": np.concatenate([t[0] for t in terms]) if feats else np.zeros(0, dtype=np.int32),
        "kept_counts": np.concatenate([t[1] for t in terms]) if feats else np.zeros(0, dtype=np.float32),
        "df_at": np.flatnonzero(df).astype(np.int32),
    }
    arrays["df_n"] = df[arrays["df_at"]]
    return meta, arrays


def _load_kept(meta: dict | None, z) -> Kept:
    kept = Kept()
    if not meta:
        return kept
    ptr, vectors, ids, counts = z["kept_ptr"], z["kept_vectors"], z["kept_ids"], z["kept_counts"]
    for i, aid in enumerate(meta["ids"]):
        day = meta["dates"][i]
        kept.feats[aid] = Features(aid, dt.date.fromordinal(day) if day else None, vectors[i],
                                   frozenset(meta["names"][i]), meta["outlets"][i], meta["titles"][i],
                                   words=meta["words"][i], terms=(ids[ptr[i]:ptr[i + 1]], counts[ptr[i]:ptr[i + 1]]))
    if meta["docs"]:
        kept.df = np.zeros(TERM_SPACE, dtype=np.int32)
        kept.df[z["df_at"]] = z["df_n"]
    kept.docs, kept.undated = meta["docs"], meta["undated"]
    return kept


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
        idx._kept = _load_kept(meta.get("kept"), z)
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
