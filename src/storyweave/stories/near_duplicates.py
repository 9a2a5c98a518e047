"""Near-duplicate articles (the same wire story in several outlets), by MinHash LSH.

Fingerprint -> candidates -> verify, as plain steps: shingles come from ``features.shingles``
(crc32 of word 5-grams, stable across processes), a MinHash signature is made from them,
the LSH index proposes candidates and the estimated Jaccard similarity confirms them.
Copies are marked so that ten reprints of one wire story do not count as ten sources.
"""
from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 64
SEED = 7
SCHEME = "affine32"  # named explicitly: signatures are stored and must be rebuilt alike
COPY_JACCARD = 0.7  # estimated shingle overlap above which two texts are the same copy
MIN_SHINGLES = 20  # shorter texts match too easily to call them copies


def _identity(x: int) -> int:  # shingles are already 32-bit hashes
    return x


class CopyIndex:
    """Finds, for a new text, an earlier text it is a near-copy of."""

    def __init__(self, threshold: float = COPY_JACCARD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"copy threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._keys: list[str] = []
        self._sigs: list[np.ndarray] = []
        self._by_key: dict[str, LeanMinHash] = {}
        self._rank: dict[str, int] = {}  # insertion order: the earliest copy is the original
        # drawing the permutations costs more than hashing an article: do it once
        self._perms = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations

    def __len__(self) -> int:
        return len(self._keys)

    def signature(self, shingles: np.ndarray) -> LeanMinHash | None:
        """A text's signature from its shingles (uint32), or the hash values ``signature_values``
        computed already (uint64, e.g. on an ingest worker; empty for a text too short)."""
        if shingles.dtype == np.uint64 and len(shingles) in (0, self.num_perm):
            return LeanMinHash(seed=SEED, hashvalues=shingles, scheme=SCHEME) if len(shingles) else None
        if len(shingles) < MIN_SHINGLES:
            return None
        m = MinHash(num_perm=self.num_perm, seed=SEED, hashfunc=_identity, permutations=self._perms, scheme=SCHEME)
        m.update_batch(shingles.tolist())
        return LeanMinHash(m)

    def find(self, sig: LeanMinHash) -> str | None:
        """The earliest indexed key whose estimated Jaccard with ``sig`` passes the threshold."""
        best = None
        for key in self._lsh.query(sig):
            if sig.jaccard(self._by_key[key]) >= self.threshold:
                if best is None or self._rank[key] < self._rank[best]:
                    best = key
        return best

    def add(self, key: str, sig: LeanMinHash) -> None:
        if key in self._by_key:
            return
        self._lsh.insert(key, sig)
        self._remember(key, sig, np.asarray(sig.hashvalues, dtype=np.uint64))

    def _remember(self, key: str, sig: LeanMinHash, hv: np.ndarray) -> None:
        self._by_key[key] = sig
        self._rank[key] = len(self._keys)
        self._keys.append(key)
        self._sigs.append(hv)

    # -- state: plain arrays (no pickle), rebuilt into an LSH on load ---------------------
    def to_arrays(self) -> tuple[list[str], np.ndarray]:
        sigs = np.stack(self._sigs) if self._sigs else np.zeros((0, self.num_perm), dtype=np.uint64)
        return list(self._keys), sigs

    @classmethod
    def from_arrays(cls, keys: list[str], sigs: np.ndarray, threshold: float = COPY_JACCARD) -> "CopyIndex":
        idx = cls(threshold=threshold, num_perm=sigs.shape[1] if len(sigs) else NUM_PERM)
        with idx._lsh.insertion_session() as session:
            for key, hv in zip(keys, sigs):
                sig = LeanMinHash(seed=SEED, hashvalues=hv, scheme=SCHEME)
                session.insert(key, sig)
                idx._remember(key, sig, hv)
        return idx


_WORKER_INDEX: CopyIndex | None = None  # per process: its permutations are drawn once


def signature_values(shingles: np.ndarray) -> np.ndarray:
    """The MinHash hash values of a text (uint64, empty when too short to call copies):
    computed where the text is, so 512 bytes travel instead of the shingles."""
    global _WORKER_INDEX
    if _WORKER_INDEX is None:
        _WORKER_INDEX = CopyIndex()
    sig = _WORKER_INDEX.signature(shingles)
    return np.zeros(0, dtype=np.uint64) if sig is None else np.asarray(sig.hashvalues, dtype=np.uint64)
