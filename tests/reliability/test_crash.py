"""kill -9 mid-write, repeatedly, on SQLite and PostgreSQL: nothing acknowledged is lost,
nothing half-written is visible, the stories stay consistent.

- Batch ingest: ``storyweave ingest BATCH --db`` is killed once its first chunk is committed
  (we watch the store), the store is checked as a reader would see it, then the same batch
  is run again as a user would after a crash: it must complete, print its summary (the
  acknowledgement) and leave every article once, each in a story.
  The CLI runs with 20-article chunks (``STORYWEAVE_STORIES_CHUNK``, instead of 2,000) so
  that a small test batch spans many commits and the kill lands between and inside them.
- Server: ``storyweave serve`` takes single-article POSTs from four client threads and is
  killed while they post; every article answered with 201 must be there after a restart,
  and the restarted server must put every stored article into a story on its own.

Rounds: STORYWEAVE_CRASH_ROUNDS (`make fuzz` runs 5); by default 3 CLI and 2 server rounds on
SQLite, 2 and 1 on PostgreSQL, to keep `make test` short.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import reliability_kit as kit

ROUNDS = int(os.environ.get("STORYWEAVE_CRASH_ROUNDS", "0"))
CHUNK = 20
TOKEN = "crash-test-token"
_CLI = "import sys; from storyweave.cli import main; sys.exit(main())"
_CLI_ENV = {**os.environ, "STORYWEAVE_STORIES_CHUNK": str(CHUNK)}


def _db(store_url: str) -> str:
    return store_url if "://" in store_url else f"sqlite:///{store_url}"


def _count(db: str) -> int:
    from storyweave.store import open_store

    with open_store(db) as s:
        return s.count_articles()


def _kill_after_first_commit(proc: subprocess.Popen, db: str, before: int, rnd: random.Random, limit: float = 60) -> bool:
    """Kill -9 once the store holds more than ``before`` articles (plus a random delay);
    False when the process finished first."""
    from storyweave.store import open_store

    deadline = time.time() + limit
    with open_store(db) as s:
        while proc.poll() is None and time.time() < deadline:
            if s.count_articles() > before:
                time.sleep(rnd.uniform(0.0, 0.5))
                break
            time.sleep(0.02)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return True


def _run_cli(batch: Path, db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _CLI, "--quiet", "ingest", str(batch), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_CLI_ENV)


def test_kill_batch_ingest_and_rerun(store_url, tmp_path):
    db = _db(store_url)
    rounds = ROUNDS or (3 if "://" not in store_url else 2)
    rnd = random.Random(7)
    acknowledged: set[str] = set()
    kills = 0
    _count(db)  # create the schema before the first child so the watcher can read from the start
    for r in range(rounds):
        records = kit.invented_articles(160, seed=r + 1, prefix="b")
        # a slice of the previous batch comes again: re-ingesting must not duplicate it
        records += kit.invented_articles(160, seed=r, prefix="b")[:30] if r else []
        batch = kit.write_jsonl(tmp_path / f"batch{r}.jsonl", records)
        before = _count(db)
        proc = _run_cli(batch, db)
        kills += _kill_after_first_commit(proc, db, before, rnd)
        seen = kit.store_invariants(db)  # what a reader sees right after the crash
        assert acknowledged <= seen["ids"], f"round {r}: acknowledged articles lost: {sorted(acknowledged - seen['ids'])[:5]}"
        # the user re-runs the batch: it completes, without duplicates
        done = subprocess.run([sys.executable, "-c", _CLI, "--quiet", "ingest", str(batch), "--db", db],
                              capture_output=True, text=True, timeout=300, env=_CLI_ENV)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.startswith(f"read {len(records)}"), done.stdout  # the acknowledgement
        acknowledged |= {rec["id"] for rec in records}
        after = kit.store_invariants(db)
        assert after["ids"] == acknowledged, f"round {r}: extra {sorted(after['ids'] - acknowledged)[:5]}"
        assert after["without_story"] == 0, f"round {r}: {after['without_story']} stored articles have no story"
        assert after["empty_stories"] == 0, f"round {r}: stories without articles"
    assert kills >= max(1, rounds - 1), f"only {kills} of {rounds} runs were killed mid-write"


# -- the server ---------------------------------------------------------------------------------------

class _Server:
    def __init__(self, db: str, log: Path):
        from reliability_kit import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("a")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())", "serve",
             "--db", db, "--port", str(self.port), "--token", TOKEN],
            stdout=self.log, stderr=self.log)
        deadline = time.time() + 90
        while True:
            try:
                if httpx.get(self.url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert self.proc.poll() is None and time.time() < deadline, f"server did not start: see {log}"
            time.sleep(0.1)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.log.close()


def _post_until_killed(url: str, records: list[dict], acked: list[str], stop: threading.Event) -> None:
    with httpx.Client(base_url=url, timeout=30, trust_env=False, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        for rec in records:
            if stop.is_set():
                return
            try:
                resp = c.post("/api/articles", json=rec)
            except httpx.TransportError:
                return  # the server is gone: this article was never acknowledged
            if resp.status_code == 201:
                acked.extend(a["id"] for a in resp.json()["articles"] if a["created"])
            else:
                assert resp.status_code == 200, resp.text  # 200: already stored (a re-sent article)


def _wait_all_in_stories(db: str, want: set[str], timeout: float = 120) -> dict:
    deadline = time.time() + timeout
    while True:
        facts = kit.store_invariants(db)
        if facts["without_story"] == 0 and want <= facts["ids"]:
            return facts
        assert time.time() < deadline, f"after restart {facts['without_story']} articles still have no story"
        time.sleep(0.3)


def test_kill_server_mid_write_and_restart(store_url, tmp_path):
    db = _db(store_url)
    rounds = ROUNDS or (2 if "://" not in store_url else 1)
    rnd = random.Random(11)
    acknowledged: list[str] = []
    log = tmp_path / "serve.log"
    for r in range(rounds):
        srv = _Server(db, log)
        acked: list[str] = []
        stop = threading.Event()
        per_client = [kit.invented_articles(60, seed=100 * r + c, prefix=f"s{r}c{c}-") for c in range(4)]
        threads = [threading.Thread(target=_post_until_killed, args=(srv.url, recs, acked, stop)) for recs in per_client]
        for t in threads:
            t.start()
        deadline = time.time() + 30
        while len(acked) < 10 + rnd.randint(0, 20) and time.time() < deadline:
            time.sleep(0.02)
        srv.kill()  # mid-write: four clients are posting
        stop.set()
        for t in threads:
            t.join(30)
        assert acked, f"round {r}: no POST was acknowledged before the kill (see {log})"
        acknowledged += acked
        facts = kit.store_invariants(db)  # as seen right after the crash, before any restart
        missing = set(acknowledged) - facts["ids"]
        assert not missing, f"round {r}: acknowledged (201) but lost: {sorted(missing)[:5]}"
        # restart: the server must cluster what the dead one acknowledged but had not placed
        srv = _Server(db, log)
        try:
            facts = _wait_all_in_stories(db, set(acknowledged))
            with httpx.Client(trust_env=False) as c:  # and the API agrees with the tables
                for aid in random.Random(r).sample(acknowledged, min(5, len(acknowledged))):
                    got = c.get(f"{srv.url}/api/articles/{aid}")
                    assert got.status_code == 200 and got.json()["story"], (aid, got.text[:300])
        finally:
            srv.kill()
        assert facts["empty_stories"] == 0
