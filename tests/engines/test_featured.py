"""Ingest with featurising on the reading workers gives what one process gives."""
import io
import json

import numpy as np

from storyweave.config import Config
from storyweave.engines.featured import Prefeatured, ingest_featured
from storyweave.engines.local import LocalEngine
from storyweave.model import Article
from storyweave.store import open_store
from storyweave.stories.near_duplicates import CopyIndex, signature_values


def _index_state(store):
    """The story index's arrays and JSON, as values: the zip container carries a time stamp,
    and a name set's order follows the process's string hashes."""
    blob = store.read_state("stories.index").blob
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        return {k: json.loads(z[k].tobytes()) if k == "meta" else z[k].tobytes() for k in z.files}


def test_a_pool_ingests_as_one_process_does(dev_path, tmp_path):
    rows = dev_path.read_text().splitlines()[:60]
    stream = tmp_path / "stream.jsonl"
    # a repeated text (stored once) and a repeated id (stored under a fresh id) in the stream
    dup = json.loads(rows[3])
    twin = {**json.loads(rows[5]), "id": json.loads(rows[4])["id"], "url": None}
    twin["text"] += "\n\nA later edition."
    stream.write_text("\n".join(rows + [json.dumps({**dup, "id": "again"}), json.dumps(twin)]) + "\n")
    config = Config().with_overrides({"stories": {"chunk": 16}})
    runs = []
    for name, engine in (("one", LocalEngine()), ("pool", LocalEngine(workers=2))):
        with engine, open_store(tmp_path / f"{name}.db") as store:
            rep = ingest_featured([stream], store, config, engine, per_task=2)
            runs.append((rep.assignments, rep.stored_as, rep.stored, rep.already_stored, _index_state(store)))
    one, pool = runs
    assert one[2] == 61 and one[3] == 1 and len(one[0]) == 62
    assert pool == one


def test_copy_signatures_computed_on_a_worker_are_the_index_own():
    shingles = np.random.RandomState(0).randint(0, 2**32 - 1, size=300).astype(np.uint32)
    index = CopyIndex()
    here, there = index.signature(shingles), index.signature(signature_values(shingles))
    assert np.array_equal(here, there)
    assert index.signature(signature_values(shingles[:5])) is None  # too short to call copies


def test_articles_without_worker_features_are_featurised_by_the_fallback():
    asked = []

    def fallback(arts):
        asked.extend(a.id for a in arts)
        return [f"computed {a.id}" for a in arts]

    class F:  # stands for Features: only its id is touched
        id = ""

    a, b, c = Article("a", "x"), Article("b", "y"), Article("c", "z")
    feats = Prefeatured(fallback, keep=1)
    assert list(feats.collect([(a, F()), (b, F()), (c, None)])) == [a, b, c]  # keep=1: a's features dropped
    b.id = "b~2"  # the store gave it another id
    got = feats([a, b, c])
    assert got[0] == "computed a" and got[1].id == "b~2" and got[2] == "computed c"
    assert asked == ["a", "c"] and feats.reused == 1


def test_read_ahead_keeps_order_stays_bounded_and_passes_errors_on():
    import threading
    import time

    import pytest

    from storyweave.engines.featured import read_ahead

    pulled = []

    def stream(n, fail_at=None):
        for i in range(n):
            if i == fail_at:
                raise ValueError("bad input")
            pulled.append(i)
            yield i

    it = read_ahead(stream(1000), size=10)
    assert next(it) == 0
    time.sleep(0.3)  # the thread reads ahead, but no more than the bound
    assert 1 < len(pulled) <= 12
    assert list(it) == list(range(1, 1000))
    with pytest.raises(ValueError, match="bad input"):
        list(read_ahead(stream(50, fail_at=20), size=4))
    it = read_ahead(stream(10**6), size=4)
    next(it)
    it.close()  # the consumer stops early: the thread ends too
    assert not any(t.name == "storyweave-read-ahead" for t in threading.enumerate())


def test_the_ingest_command_on_two_workers_stores_the_same_stories(dev_path, tmp_path, capsys):
    from storyweave.cli import main

    stream = tmp_path / "a.jsonl"
    stream.write_text("\n".join(dev_path.read_text().splitlines()[:30]) + "\n")
    stories = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.db")
        assert main(["ingest", str(stream), "--db", db, "--workers", workers, "--no-briefs"]) == 0
        assert "stored 30 new" in capsys.readouterr().out
        with open_store(db) as store:
            stories.append({a.id: store.story_of(a.id) for a in store.iter_articles()})
    assert len(stories[0]) == 30 and stories[1] == stories[0]
