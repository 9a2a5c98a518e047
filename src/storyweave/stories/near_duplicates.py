"""Near-duplicate articles (the same wire story in several outlets), by MinHash LSH.

Fingerprint -> candidates -> verify, as plain steps: shingles come from ``features.shingles``
(crc32 of word 5-grams, stable across processes), a MinHash signature is made from them,
the LSH index proposes candidates and the estimated Jaccard similarity confirms them.
Copies are marked so that ten reprints of one wire story do not count as ten sources.
"""
from __future__ import annotations

import numpy as np

NUM_PERM = 64
SEED = 7
SCHEME = "affine32"  # datasketch's scheme: signatures are stored and must be rebuilt alike
COPY_JACCARD = 0.7  # estimated shingle overlap above which two texts are the same copy
MIN_SHINGLES = 20  # shorter texts match too easily to call them copies
# MinHashLSH's bands for (threshold, permutations) that it finds by numerical integration;
# the test checks these against datasketch, any other pair asks datasketch itself
BANDS = {(COPY_JACCARD, NUM_PERM): [(8 * i, 8 * i + 8) for i in range(8)]}

# The signatures are datasketch's MinHash (scheme affine32, seed 7), computed here in numpy
# (tests/stories: equal value for value): importing datasketch imports scipy.integrate for
# the LSH parameter search, ~0.65 s of every process that places or featurises articles.
_U32 = np.uint32


def _permutations(num_perm: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations h -> a*h + b (mod 2^32, a odd) for a seed."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=_U32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, datasketch's pre-mix of the input hashes."""
    hv = hv ^ (hv >> _U32(16))
    hv = hv * _U32(0x85EBCA6B)
    hv = hv ^ (hv >> _U32(13))
    hv = hv * _U32(0xC2B2AE35)
    return hv ^ (hv >> _U32(16))


def _bands(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    if (threshold, num_perm) in BANDS:
        return BANDS[(threshold, num_perm)]
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges


class CopyIndex:
    """Finds, for a new text, an earlier text it is a near-copy of.

    The signatures and the LSH bands are datasketch's (``MinHash``; ``MinHashLSH``'s optimum
    for the threshold: 8 bands of 8 values); the bands are kept here in one compact table.
    ``MinHashLSH`` keeps a Python set per band bucket and a signature object per text:
    ~3.5 KB a text, the largest part of the story index (350 MiB at 100k articles). Here a text is one row of a signature array (512 bytes) and one dict
    entry per band, whose key is the band's values hashed: a rare collision only adds a
    candidate, which the estimated Jaccard then rejects, so the copies found are the same."""

    def __init__(self, threshold: float = COPY_JACCARD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"copy threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._bands = _bands(threshold, num_perm)
        self._buckets: dict[int, int | list[int]] = {}  # hash of (band, its values) -> row(s)
        self._keys: list[str] = []
        self._rank: dict[str, int] = {}  # key -> row; rows in insertion order: the earliest copy is the original
        self._sigs = np.zeros((64, num_perm), dtype=np.uint64)
        # drawing the permutations costs more than hashing an article: do it once
        self._a, self._b = _permutations(num_perm)

    def __len__(self) -> int:
        return len(self._keys)

    def signature(self, shingles: np.ndarray) -> np.ndarray | None:
        """A text's signature (uint64 hash values) from its shingles (uint32), or the hash values
        ``signature_values`` computed already (uint64, e.g. on an ingest worker; empty for a
        text too short); None for a text too short to call copies."""
        if shingles.dtype == np.uint64 and len(shingles) in (0, self.num_perm):
            return shingles if len(shingles) else None
        if len(shingles) < MIN_SHINGLES:
            return None
        with np.errstate(over="ignore"):  # the wrap-around is the modulo 2^32
            hv = _fmix32(np.asarray(shingles, dtype=_U32)).reshape(-1, 1)
            return (hv * self._a + self._b).min(axis=0).astype(np.uint64)

    def _band_keys(self, sig: np.ndarray) -> list[int]:
        return [hash((i, sig[a:b].tobytes())) for i, (a, b) in enumerate(self._bands)]

    def find(self, sig: np.ndarray) -> str | None:
        """The earliest indexed key whose estimated Jaccard with ``sig`` passes the threshold."""
        rows: set[int] = set()
        for k in self._band_keys(sig):
            got = self._buckets.get(k)
            if got is not None:
                rows.update(got) if isinstance(got, list) else rows.add(got)
        if not rows:
            return None
        cand = np.fromiter(sorted(rows), dtype=np.int64, count=len(rows))
        same = np.count_nonzero(self._sigs[cand] == sig, axis=1) / float(self.num_perm)
        hits = cand[same >= self.threshold]
        return self._keys[hits[0]] if len(hits) else None

    def add(self, key: str, sig: np.ndarray) -> None:
        if key in self._rank:
            return
        row = len(self._keys)
        if row == len(self._sigs):  # doubled; the new rows are zeros, never read
            grown = np.zeros((2 * row, self.num_perm), dtype=np.uint64)
            grown[:row] = self._sigs
            self._sigs = grown
        self._sigs[row] = sig
        self._keys.append(key)
        self._rank[key] = row
        for k in self._band_keys(sig):
            got = self._buckets.get(k)
            if got is None:
                self._buckets[k] = row
            elif isinstance(got, list):
                got.append(row)
            else:
                self._buckets[k] = [got, row]

    # -- state: plain arrays (no pickle), the bands rebuilt on load ------------------------
    def to_arrays(self) -> tuple[list[str], np.ndarray]:
        return list(self._keys), self._sigs[: len(self._keys)].copy()

    @classmethod
    def from_arrays(cls, keys: list[str], sigs: np.ndarray, threshold: float = COPY_JACCARD) -> "CopyIndex":
        idx = cls(threshold=threshold, num_perm=sigs.shape[1] if len(sigs) else NUM_PERM)
        for key, hv in zip(keys, sigs):
            idx.add(key, hv)
        return idx


_WORKER_INDEX: CopyIndex | None = None  # per process: its permutations are drawn once


def signature_values(shingles: np.ndarray) -> np.ndarray:
    """The MinHash hash values of a text (uint64, empty when too short to call copies):
    computed where the text is, so 512 bytes travel instead of the shingles."""
    global _WORKER_INDEX
    if _WORKER_INDEX is None:
        _WORKER_INDEX = CopyIndex()
    sig = _WORKER_INDEX.signature(shingles)
    return np.zeros(0, dtype=np.uint64) if sig is None else sig
