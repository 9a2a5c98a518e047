import datetime as dt

from storyweave.model import Article
from storyweave.stories import cluster_articles
from storyweave.stories.near_duplicates import CopyIndex
from storyweave.stories.features import shingles

WIRE = (
    "Officials in the coastal province said on Thursday that heavy rain had flooded dozens of villages, "
    "forcing thousands of residents to leave their homes as rivers rose above warning levels. Rescue teams "
    "used boats to reach families stranded on rooftops, and the regional governor asked the army for help "
    "with evacuations while forecasters warned that more storms were expected over the weekend."
)


def test_copies_are_marked_and_join_the_original():
    d = dt.date(2024, 3, 7)
    arts = [
        Article(id="wire", text=WIRE, outlet="AP", published=d),
        Article(id="reprint", text=WIRE.replace("Thursday", "Thursday,") + " Copyright 2024.", outlet="Daily", published=d),
        Article(id="other", text="The central bank raised interest rates by a quarter point, citing inflation.", published=d),
    ]
    result = cluster_articles(arts)
    assert result.copies == {"reprint": "wire"}
    assert result.assignments["wire"] == result.assignments["reprint"] != result.assignments["other"]


def test_copy_index_state_round_trip():
    idx = CopyIndex()
    sig = idx.signature(shingles(WIRE))
    idx.add("wire", sig)
    keys, sigs = idx.to_arrays()
    again = CopyIndex.from_arrays(keys, sigs)
    assert again.find(idx.signature(shingles(WIRE))) == "wire"
    other = " ".join(f"word{i}" for i in range(80))
    assert again.find(idx.signature(shingles(other))) is None


def test_copies_found_are_those_of_datasketch_lsh():
    # the bands are kept in one compact table instead of MinHashLSH's set per bucket (a third
    # of the story index's memory): the copies found must be the ones MinHashLSH finds
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from storyweave.stories.near_duplicates import SCHEME, SEED

    rng = np.random.RandomState(3)
    base = [rng.randint(0, 2**32 - 1, size=200).astype(np.uint32) for _ in range(40)]
    texts = []
    for i in range(300):  # variants of a few texts, with 0-25% of their shingles replaced
        src = base[rng.randint(len(base))].copy()
        k = rng.randint(0, 50)
        src[rng.choice(len(src), size=k, replace=False)] = rng.randint(0, 2**32 - 1, size=k)
        texts.append(src)
    ours = CopyIndex()
    lsh = MinHashLSH(threshold=ours.threshold, num_perm=ours.num_perm)
    lean, rank = {}, {}
    found = 0
    for i, sh in enumerate(texts):
        sig = ours.signature(sh)
        ref = LeanMinHash(seed=SEED, hashvalues=sig, scheme=SCHEME)
        want = min((k for k in lsh.query(ref) if ref.jaccard(lean[k]) >= ours.threshold), key=rank.get, default=None)
        got = ours.find(sig)
        assert got == want, i
        found += got is not None
        ours.add(f"t{i}", sig)
        lsh.insert(f"t{i}", ref)
        lean[f"t{i}"], rank[f"t{i}"] = ref, i
    assert 50 < found < 290  # both copies and non-copies were met
    keys, sigs = ours.to_arrays()
    again = CopyIndex.from_arrays(keys, sigs)
    assert [again.find(ours.signature(t)) for t in texts[:20]] == [ours.find(ours.signature(t)) for t in texts[:20]]


def test_signatures_and_bands_are_datasketch_own():
    # computed in numpy so that a process never imports datasketch (and scipy.integrate with it):
    # stored signatures must stay those datasketch's MinHash gives
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from storyweave.stories.near_duplicates import BANDS, SCHEME, SEED

    ours = CopyIndex()
    rng = np.random.RandomState(5)
    for n in (20, 57, 400):
        sh = rng.randint(0, 2**32 - 1, size=n, dtype=np.uint64).astype(np.uint32)
        sh[:3] = [0, 1, 2**32 - 1]  # the ends of the range
        ref = MinHash(num_perm=ours.num_perm, seed=SEED, hashfunc=lambda x: x, scheme=SCHEME)
        ref.update_batch(sh.tolist())
        assert np.array_equal(ours.signature(sh), np.asarray(ref.hashvalues, dtype=np.uint64))
    for (threshold, num_perm), bands in BANDS.items():
        assert MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges == bands
    assert CopyIndex(threshold=0.5)._bands == MinHashLSH(threshold=0.5, num_perm=ours.num_perm).hashranges
