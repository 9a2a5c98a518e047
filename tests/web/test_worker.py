"""Several workers on one store (SQLite and a real PostgreSQL): every article placed once,
every brief built once per change, and a worker killed with kill -9 mid-item loses nothing.

The articles and their wording are invented for these tests.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from sqlalchemy import select

from storyweave.config import ServerConfig
from storyweave.model import Article
from storyweave.store import open_store
from storyweave.store.schema import articles as articles_table
from storyweave.store.schema import work
from storyweave.store.work import WorkQueue
from storyweave.web.service import Service
from storyweave.web.worker import BriefWorker

FAST = ServerConfig(lease_seconds=5, poll_seconds=0.05, work_batch=4)


class Recording:
    """A service whose story is the article id's prefix and whose brief records each build."""

    def __init__(self) -> None:
        self.builds: list[frozenset[str]] = []  # the article set of each build
        self.lock = threading.Lock()

    def assign(self, store, arts: list[Article]) -> dict[str, str]:
        placed = {a.id: "s-" + a.id.split("-")[0] for a in arts}
        with self.lock:  # the real assigner's commits are serialised by the versioned state row
            store.assign(placed)
        return placed

    def brief(self, arts: list[Article]) -> dict:
        time.sleep(0.02)  # long enough for changes to arrive while a brief is built
        ids = frozenset(a.id for a in arts)
        with self.lock:
            self.builds.append(ids)
        return {"articles": [{"id": i} for i in sorted(ids)]}

    def service(self) -> Service:
        def nothing(*_a, **_k):
            raise AssertionError("not used")

        return Service(clean=lambda a: a, assign=self.assign, brief=self.brief, fetch_urls=nothing,
                       read_feed=nothing, read_html=nothing)


def _article(i: str) -> Article:
    return Article(id=i, outlet="Invented Wire", text=f"Invented report {i}: the mill pond froze over on Friday.")


def test_two_workers_place_each_article_once_and_build_each_change_once(store, store_url):
    rec = Recording()
    stores = [open_store(store_url) for _ in range(2)]  # as two processes: their own connections
    workers = [BriefWorker(s, rec.service(), config=FAST, owner=f"w{n}") for n, s in enumerate(stores)]
    for w in workers:
        w.start()
    try:
        for burst in range(12):  # articles of 5 stories arriving in bursts, sent to either worker
            arts = [_article(f"{e}-{burst}") for e in "abcde"]
            store.add_articles(arts)
            workers[burst % 2].submit([a.id for a in arts])
            time.sleep(0.03)
        deadline = time.time() + 60
        while not all(w.idle for w in workers):
            assert time.time() < deadline, "background work still running after 60 s"
            time.sleep(0.05)
    finally:
        for w in workers:
            w.stop()
        for s in stores:
            s.close()
    stored = list(store.iter_articles())
    assert len(stored) == 60 and all(store.story_of(a.id) == "s-" + a.id.split("-")[0] for a in stored)
    assert sum(w.status.processed_articles for w in workers) == 60  # each placed by one worker, once
    twice = [b for b in set(rec.builds) if rec.builds.count(b) > 1]
    assert not twice, f"{len(twice)} brief(s) built twice from the same articles"
    for e in "abcde":  # and the last build of each story holds all its articles
        assert len(store.get_brief(f"s-{e}")["articles"]) == 12
    assert all(w.status.last_error is None for w in workers)


def test_a_worker_killed_mid_item_leaves_it_to_be_claimed_again(store, store_url):
    """A real ``storyweave worker`` process is killed with SIGKILL while it holds a claim;
    a second one (started afterwards) finishes everything once the lease has run out."""
    arts = [Article(id=f"k{n}", outlet=o, title="Mill pond freezes in Tarrow",
                    text=f"The mill pond in Tarrow froze on Friday, and skaters crowded its banks, said {o}. "
                         f"The council warned that the ice near the sluice gate was thin (note {n}).")
            for n, o in enumerate(["Tarrow Gazette", "Valley Wire", "Evening Slate", "Pond Post"])]
    store.add_articles(arts)
    WorkQueue(store).add("place", [a.id for a in arts], again=False)
    env = {**os.environ, "STORYWEAVE_BRIEF_NER": "false"}
    cmd = [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())",
           "--quiet", "worker", "--db", store_url, "--lease", "3"]
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        held = _wait_for_claim(store, first)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    with store.engine.connect() as conn:  # the dead worker's claim is still there: nobody gave it back
        owners = {r.owner for r in conn.execute(select(work.c.owner).where(work.c.key == held))}
    assert owners and None not in owners, f"claim on {held} was released, not left by a killed worker"
    second = subprocess.run(cmd + ["--until-idle"], env=env, capture_output=True, text=True, timeout=240)
    assert second.returncode == 0, second.stderr[-2000:]
    with store.engine.connect() as conn:
        placed = dict(conn.execute(select(articles_table.c.id, articles_table.c.story_id)).all())
        left = conn.execute(select(work.c.kind, work.c.key)).all()
    assert all(placed.values()), f"articles without a story: {placed}"
    assert not left, f"work left over: {left}"
    for sid in set(placed.values()):
        assert sorted(a["id"] for a in store.get_brief(sid)["articles"]) == sorted(
            a for a, s in placed.items() if s == sid)


def _wait_for_claim(store, proc: subprocess.Popen, timeout: float = 120) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, f"the worker ended early: {proc.stderr.read()[-1500:]}"
        with store.engine.connect() as conn:
            key = conn.execute(select(work.c.key).where(work.c.owner.is_not(None))).scalars().first()
        if key:
            return key
        time.sleep(0.01)
    raise AssertionError("the worker claimed nothing")


def test_a_stopped_worker_finishes_its_item_and_holds_no_claim(store, store_url):
    store.add_articles([_article(f"t-{i}") for i in range(3)])
    WorkQueue(store).add("place", [f"t-{i}" for i in range(3)], again=False)
    cmd = [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())",
           "worker", "--db", store_url]
    proc = subprocess.Popen(cmd, env={**os.environ, "STORYWEAVE_BRIEF_NER": "false"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _wait_for_claim(store, proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-1500:]
    assert "stopping (SIGTERM)" in err and out.startswith("placed ")
    with store.engine.connect() as conn:
        held = conn.execute(select(work.c.kind, work.c.key).where(work.c.owner.is_not(None))).all()
    assert not held, f"claims left behind by a worker that stopped cleanly: {held}"


def test_an_article_nobody_asked_to_place_is_placed_after_a_lease(store, store_url):
    """Its writer died between storing it and asking for it: a running worker's sweep finds it."""
    rec = Recording()
    worker = BriefWorker(store, rec.service(), config=ServerConfig(lease_seconds=0.5, poll_seconds=0.05))
    worker.start(recover=False)
    try:
        store.add_articles([_article("lost-1")])  # stored, never submitted
        deadline = time.time() + 30
        while store.story_of("lost-1") is None:
            assert time.time() < deadline, "the stored article was never placed"
            time.sleep(0.05)
    finally:
        worker.stop()
    assert store.story_of("lost-1") == "s-lost"
