"""Bounded load test: `storyweave serve` in its own process on 127.0.0.1, hammered by N
concurrent clients (this process) for a fixed time with a mix of ingest and reads.

    python bench/bench_load.py [--clients 50] [--seconds 60] [--db sqlite|postgres-temp|postgresql://...]
                               [--write-share 0.2] [--servers 1] [--workers 0] [--thin] [--kill-worker]

Prints, per kind of request and overall: count, errors, p50/p99 latency and throughput, and
the server's RSS before the load, at its end and after the background work settled. The
peer in the same run is a read-only phase of the same length, so the cost of mixing in
writes shows as a ratio. Stops by itself; never fails on time (errors make the exit code 1).

Scale-out (PostgreSQL): ``--servers 2 --workers 1`` runs two ``storyweave serve`` processes
(clients spread over them) and one ``storyweave worker`` on the same database
(``postgres-temp``: a throw-away cluster started with initdb); ``--thin`` keeps the servers'
own workers off; ``--kill-worker`` kills a worker with SIGKILL in the middle of the mixed
phase and starts it again. After the work settled it checks that every article is in
exactly one story (and the story index agrees with the tables) and that no brief was built
twice from the same article set (each process logs its builds, ``--log-work``); a failed
check makes the exit code 1.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
import reliability_kit as kit  # noqa: E402  (invented articles, free_port)

TOKEN = "bench-load-token"


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its children (the brief worker process), in MB."""
    total = 0
    pids = [str(pid)] + subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


async def client(c: httpx.AsyncClient, base: str, until: float, write_share: float, records: list[dict], stats: dict,
                 rnd: random.Random, story_ids: list[str]) -> None:
    while time.perf_counter() < until:
        if records and rnd.random() < write_share:
            kind, req = "ingest", c.post(base + "/api/articles", json=records.pop(),
                                         headers={"Authorization": f"Bearer {TOKEN}"})
        else:
            kind = rnd.choice(["stories", "story", "page"])
            if kind == "story" and story_ids:
                req = c.get(f"{base}/api/stories/{rnd.choice(story_ids)}")
            elif kind == "page":
                req = c.get(base + "/", headers={"Accept": "text/html"})
            else:
                kind, req = "stories", c.get(base + "/api/stories?limit=20")
        start = time.perf_counter()
        try:
            resp = await req
            ok = resp.status_code in (200, 201) or (kind == "story" and resp.status_code == 503)  # brief being built
        except httpx.HTTPError:
            ok = False
        stats.setdefault(kind, []).append((time.perf_counter() - start, ok))


async def phase(urls: list[str], clients: int, seconds: float, write_share: float, records: list[dict]) -> dict:
    """``clients`` concurrent clients, client i talking to server i mod len(urls)."""
    stats: dict[str, list] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits, trust_env=False) as c:
        story_ids = [s["id"] for s in (await c.get(urls[0] + "/api/stories?limit=100")).json()["stories"]]
        until = time.perf_counter() + seconds
        rnd = random.Random(1)
        await asyncio.gather(*(client(c, urls[i % len(urls)], until, write_share, records, stats,
                                      random.Random(rnd.random()), story_ids) for i in range(clients)))
    return stats


def report(name: str, stats: dict, seconds: float) -> tuple[int, float]:
    every = [x for v in stats.values() for x in v]
    print(f"\n{name}: {len(every)} requests in {seconds:.0f} s = {len(every) / seconds:.1f} req/s")
    print(f"  {'kind':8} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, rows in sorted(stats.items()) + [("all", every)]:
        lat = sorted(t for t, _ in rows)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0
        print(f"  {kind:8} {len(rows):7d} {sum(not ok for _, ok in rows):7d} {statistics.median(lat) * 1000 if lat else 0:8.1f} "
              f"{p99 * 1000:8.1f}")
    return sum(not ok for _, ok in every), len(every) / seconds


CLI = [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--write-share", type=float, default=0.2, help="share of requests that POST an article")
    ap.add_argument("--db", default="sqlite",
                    help="'sqlite' (a temp file), 'postgres-temp' (a throw-away initdb cluster) or a postgresql:// URL")
    ap.add_argument("--servers", type=int, default=1, help="storyweave serve processes on the same database")
    ap.add_argument("--workers", type=int, default=0, help="storyweave worker processes on the same database")
    ap.add_argument("--thin", action="store_true", help="servers without their own worker (--no-worker)")
    ap.add_argument("--kill-worker", action="store_true", help="SIGKILL a worker mid-load, then start it again")
    ap.add_argument("--lease", type=float, default=10.0, help="claim lease in seconds (a killed worker's items wait this long)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="storyweave-load-"))
    with _database(args.db, tmp) as db:
        return _run(args, db, tmp)


def _run(args, db: str, tmp: Path) -> int:
    env = {**os.environ, "STORYWEAVE_SERVER_LEASE_SECONDS": str(args.lease)}
    servers, workers, urls = [], [], []
    for n in range(args.servers):
        port = kit.free_port()
        urls.append(f"http://127.0.0.1:{port}")
        servers.append(subprocess.Popen(CLI + ["serve", "--db", db, "--port", str(port), "--token", TOKEN, "--log-work"]
                                        + (["--no-worker"] if args.thin else []), env=env,
                                        stdout=subprocess.DEVNULL, stderr=open(tmp / f"serve{n}.log", "w")))

    def start_worker(n: int, round_: int = 0) -> subprocess.Popen:
        return subprocess.Popen(CLI + ["worker", "--db", db, "--log-work"], env=env, stdout=subprocess.DEVNULL,
                                stderr=open(tmp / f"worker{n}.{round_}.log", "w"))

    workers = [start_worker(n) for n in range(args.workers)]
    try:
        for n, (url, server) in enumerate(zip(urls, servers)):
            if not _wait_up(url, server):
                print(f"server did not start: {(tmp / f'serve{n}.log').read_text()[-800:]}")
                return 1
        # a few stories to read from the start, sent to every server (each loads its cleaner once)
        warm = kit.invented_articles(30, seed=999, prefix="warm")
        for n, url in enumerate(urls):
            httpx.post(url + "/api/articles", json={"articles": warm[n::len(urls)]}, trust_env=False,
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
        _wait_idle(urls[0], 120)
        pids = [p.pid for p in servers + workers]
        print(f"{args.servers} server(s){' without workers' if args.thin else ''} + {args.workers} worker(s), "
              f"pids {pids}, store {db.split('@')[-1]}, {args.clients} clients, {args.seconds:.0f} s per phase")
        rss_start = sum(rss_mb(p) for p in pids)
        reads = asyncio.run(phase(urls, args.clients, args.seconds, 0.0, []))
        read_errors, read_rps = report("reads only (the peer)", reads, args.seconds)
        records = kit.invented_articles(int(args.clients * args.seconds * 2), seed=1, prefix="load")
        killer = None
        if args.kill_worker and workers:
            import threading

            killer = threading.Thread(target=_kill_and_restart, args=(workers, start_worker, db, args.seconds / 2))
            killer.start()
        mixed = asyncio.run(phase(urls, args.clients, args.seconds, args.write_share, records))
        if killer:
            killer.join()
        mixed_errors, mixed_rps = report(f"mixed ({args.write_share:.0%} ingest)", mixed, args.seconds)
        rss_end = sum(rss_mb(p.pid) for p in servers + workers)
        started = time.perf_counter()
        settled = _wait_idle(urls[0], 600)
        print(f"\nbackground work settled {time.perf_counter() - started:.0f} s after the load" if settled else
              "\nbackground work still running after 600 s")
        rss_settled = sum(rss_mb(p.pid) for p in servers + workers)
        print(f"mixed/reads throughput: {mixed_rps / read_rps:.2f}x" if read_rps else "")
        print(f"RSS of all processes (with brief workers): start {rss_start:.0f} MB, end of load {rss_end:.0f} MB, "
              f"settled {rss_settled:.0f} MB")
        errors = read_errors + mixed_errors
        print(f"errors: {errors}")
        for p in servers + workers:  # stopped first: their logs are complete
            p.send_signal(signal.SIGTERM)
        for p in servers + workers:
            _stop(p)
        failed = _check_stories(db) + _check_builds(tmp)
        return 1 if errors or failed or not settled else 0
    finally:
        for p in servers + workers:
            _stop(p)


def _wait_up(url: str, proc: subprocess.Popen) -> bool:
    deadline = time.time() + 90
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            return False
        time.sleep(0.2)


def _stop(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
    try:
        p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()


def _kill_and_restart(workers: list, start_worker, db: str, after: float) -> None:
    """SIGKILL worker 0 once it holds a claim (or after ``after`` s), then start it again."""
    from sqlalchemy import select

    from storyweave.store import open_store
    from storyweave.store.schema import work

    time.sleep(after)
    with open_store(db) as store:
        deadline = time.time() + 30
        while time.time() < deadline:
            with store.engine.connect() as conn:
                held = conn.execute(select(work.c.kind, work.c.key).where(work.c.owner.like(f"%:{workers[0].pid}:%"))).first()
            if held:
                break
            time.sleep(0.01)
    workers[0].kill()
    workers[0].wait()
    print(f"\nkilled worker pid {workers[0].pid} with SIGKILL while it held {tuple(held) if held else 'no claim'}")
    workers[0] = start_worker(0, 1)


def _check_stories(db: str) -> int:
    """Every article in exactly one story, the same one in the story index; returns failures."""
    from sqlalchemy import select

    from storyweave.store import open_store
    from storyweave.store.schema import articles, work
    from storyweave.stories.assign import STATE_KEY
    from storyweave.stories.incremental import StoryIndex

    with open_store(db) as store:
        with store.engine.connect() as conn:
            placed = dict(conn.execute(select(articles.c.id, articles.c.story_id)).all())
            left = conn.execute(select(work.c.kind, work.c.key, work.c.last_error)).all()
        index = StoryIndex.from_bytes(store.load_state(STATE_KEY))
    unplaced = [a for a, s in placed.items() if not s]
    disagree = [a for a, s in placed.items() if s and index.assignments.get(a) != s]
    print(f"articles: {len(placed)} stored, {len(unplaced)} without a story, {len(disagree)} where the index "
          f"disagrees with the tables; {len(left)} work item(s) left {left[:3]}")
    return len(unplaced) + len(disagree) + len(left)


def _check_builds(logs: Path) -> int:
    """Briefs built twice from the same article set, from every process's --log-work lines."""
    import collections
    import re

    built = collections.Counter()
    for f in logs.glob("*.log"):
        for m in re.finditer(r"brief (\S+) built from \d+ article\(s\) (\w+)", f.read_text(errors="replace")):
            built[m.groups()] += 1
    twice = {k: n for k, n in built.items() if n > 1}
    print(f"briefs built: {sum(built.values())} for {len({s for s, _ in built})} stories; "
          f"built twice from the same articles: {len(twice)} {list(twice)[:3]}")
    return len(twice)


@contextmanager
def _database(kind: str, tmp: Path) -> Iterator[str]:
    """A store URL: a temp SQLite file, a throw-away PostgreSQL cluster, or the URL given."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'load.db'}"
        return
    if kind != "postgres-temp":
        yield kind
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from conftest import _as_postgres_user, _pg_bin  # the test suite's throw-away cluster recipe

    data, port = tmp / "pg", kit.free_port()
    tmp.chmod(0o777)
    _run_pg = lambda cmd: subprocess.run(_as_postgres_user(cmd), check=True, capture_output=True, timeout=120)  # noqa: E731
    _run_pg([_pg_bin("initdb"), "-D", str(data), "-U", "storyweave", "--auth=trust", "-E", "UTF8"])
    _run_pg([_pg_bin("pg_ctl"), "-D", str(data), "-l", str(tmp / "pg.out"), "-w", "-o",
             f"-p {port} -h 127.0.0.1 -k {tmp} -c fsync=off -c max_connections=200", "start"])
    try:
        yield f"postgresql://storyweave@127.0.0.1:{port}/postgres"
    finally:
        _run_pg([_pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])


def _wait_idle(url: str, timeout: float) -> bool:
    deadline = time.time() + timeout
    with httpx.Client(base_url=url, timeout=30, trust_env=False) as c:
        while time.time() < deadline:
            if c.get("/api/status", headers={"Authorization": f"Bearer {TOKEN}"}).json().get("idle"):
                return True
            time.sleep(0.5)
    return False


if __name__ == "__main__":
    sys.exit(main())
