"""Search latency on a large SQLite store (issue 18 target: p95 < 100 ms at 100k articles).

Slow (builds the store): ``.venv/bin/python -m pytest -q -m slow tests/store/test_search_bench.py -s``;
STORYWEAVE_BENCH_ARTICLES sets the size (default 100000). The text is invented: words drawn
from a made-up vocabulary with a Zipf-like spread, as in real text (a few words everywhere,
most words rare), 250 words an article, 5 articles a story.
"""
import datetime as dt
import os
import random
import statistics
import time

import pytest
from sqlalchemy import insert

from storyweave.store import open_store
from storyweave.store.schema import articles, stories

pytestmark = pytest.mark.slow

VOCABULARY = 20_000
WORDS = 250
P95_MS = 100


def _word(i: int) -> str:
    syllables = ["ka", "lo", "mi", "ren", "sa", "tu", "vel", "or", "pan", "di", "gor", "uth", "em", "bri", "zo"]
    out, i = "", i + 1
    while i:
        out += syllables[i % len(syllables)]
        i //= len(syllables)
    return out


def _build(path: str, n: int, rng: random.Random) -> list[str]:
    vocab = [_word(i) for i in range(VOCABULARY)]
    weights = [1 / (r + 1) for r in range(VOCABULARY)]
    store = open_store(path)
    now = dt.datetime.now(dt.timezone.utc)
    with store.engine.begin() as conn:
        conn.execute(insert(stories), [{"id": f"s{i}", "title": f"story {i}", "size": 5, "outlets": [], "first_date": None,
                                        "last_date": None, "divergences": 0, "entities": [], "updated": now}
                                       for i in range(n // 5 + 1)])
        for start in range(0, n, 5000):
            rows = []
            for i in range(start, min(n, start + 5000)):
                text = " ".join(rng.choices(vocab, weights, k=WORDS))
                rows.append({"id": f"a{i}", "content_hash": f"{i:064x}", "url": None, "outlet": f"outlet {i % 40}",
                             "title": " ".join(rng.choices(vocab, weights, k=8)), "published": None, "author": None,
                             "language": "en", "source": None, "text": text, "body": [text], "removed": [],
                             "cleaned": True, "meta": {}, "story_id": f"s{i // 5}", "added": now})
            conn.execute(insert(articles), rows)
    store.close()
    return vocab


def test_search_p95_on_a_large_sqlite_store(tmp_path):
    n = int(os.environ.get("STORYWEAVE_BENCH_ARTICLES", "100000"))
    rng = random.Random(18)
    t0 = time.perf_counter()
    vocab = _build(str(tmp_path / "bench.db"), n, rng)
    built = time.perf_counter() - t0
    store = open_store(str(tmp_path / "bench.db"))
    # queries a reader might type: one or two words, from common to rare
    queries = [" ".join(rng.choice(vocab[lo:hi]) for _ in range(k))
               for lo, hi in ((0, 100), (100, 2000), (2000, VOCABULARY)) for k in (1, 2) for _ in range(50)]
    times = []
    for q in queries:
        t = time.perf_counter()
        store.search(q)
        times.append((time.perf_counter() - t) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"\n{n} articles (built in {built:.0f} s), {len(queries)} queries: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {max(times):.1f} ms")
    store.close()
    assert p95 < P95_MS
