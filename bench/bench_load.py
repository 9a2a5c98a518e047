"""Bounded load test: `storyweave serve` in its own process on 127.0.0.1, hammered by N
concurrent clients (this process) for a fixed time with a mix of ingest and reads.

    python bench/bench_load.py [--clients 50] [--seconds 60] [--db sqlite|postgresql://...] [--write-share 0.2]

Prints, per kind of request and overall: count, errors, p50/p99 latency and throughput, and
the server's RSS before the load, at its end and after the background work settled. The
peer in the same run is a read-only phase of the same length, so the cost of mixing in
writes shows as a ratio. Stops by itself; never fails on time (errors make the exit code 1).
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
from pathlib import Path

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


async def client(c: httpx.AsyncClient, until: float, write_share: float, records: list[dict], stats: dict, rnd: random.Random,
                 story_ids: list[str]) -> None:
    while time.perf_counter() < until:
        if records and rnd.random() < write_share:
            kind, req = "ingest", c.post("/api/articles", json=records.pop(), headers={"Authorization": f"Bearer {TOKEN}"})
        else:
            kind = rnd.choice(["stories", "story", "page"])
            if kind == "story" and story_ids:
                req = c.get(f"/api/stories/{rnd.choice(story_ids)}")
            elif kind == "page":
                req = c.get("/", headers={"Accept": "text/html"})
            else:
                kind, req = "stories", c.get("/api/stories?limit=20")
        start = time.perf_counter()
        try:
            resp = await req
            ok = resp.status_code in (200, 201) or (kind == "story" and resp.status_code == 503)  # brief being built
        except httpx.HTTPError:
            ok = False
        stats.setdefault(kind, []).append((time.perf_counter() - start, ok))


async def phase(url: str, clients: int, seconds: float, write_share: float, records: list[dict]) -> dict:
    stats: dict[str, list] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits, trust_env=False) as c:
        story_ids = [s["id"] for s in (await c.get("/api/stories?limit=100")).json()["stories"]]
        until = time.perf_counter() + seconds
        rnd = random.Random(1)
        await asyncio.gather(*(client(c, until, write_share, records, stats, random.Random(rnd.random()), story_ids)
                               for _ in range(clients)))
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--write-share", type=float, default=0.2, help="share of requests that POST an article")
    ap.add_argument("--db", default="sqlite", help="'sqlite' (a temp file) or a postgresql:// URL")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="storyweave-load-"))
    db = f"sqlite:///{tmp / 'load.db'}" if args.db == "sqlite" else args.db
    port = kit.free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())",
                               "serve", "--db", db, "--port", str(port), "--token", TOKEN],
                              stdout=subprocess.DEVNULL, stderr=open(tmp / "serve.log", "w"))
    try:
        deadline = time.time() + 90
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.time() > deadline:
                print(f"server did not start: {(tmp / 'serve.log').read_text()[-800:]}")
                return 1
            time.sleep(0.2)
        # a few stories to read from the start
        warm = kit.invented_articles(30, seed=999, prefix="warm")
        httpx.post(url + "/api/articles", json={"articles": warm}, headers={"Authorization": f"Bearer {TOKEN}"},
                   timeout=120, trust_env=False)
        _wait_idle(url, 120)
        print(f"server pid {server.pid}, store {db.split('@')[-1]}, {args.clients} clients, {args.seconds:.0f} s per phase")
        rss_start = rss_mb(server.pid)
        reads = asyncio.run(phase(url, args.clients, args.seconds, 0.0, []))
        read_errors, read_rps = report("reads only (the peer)", reads, args.seconds)
        records = kit.invented_articles(int(args.clients * args.seconds * 2), seed=1, prefix="load")
        mixed = asyncio.run(phase(url, args.clients, args.seconds, args.write_share, records))
        mixed_errors, mixed_rps = report(f"mixed ({args.write_share:.0%} ingest)", mixed, args.seconds)
        rss_end = rss_mb(server.pid)
        settled = _wait_idle(url, 300)
        rss_settled = rss_mb(server.pid)
        print(f"\nmixed/reads throughput: {mixed_rps / read_rps:.2f}x" if read_rps else "")
        print(f"server RSS (with the brief worker): start {rss_start:.0f} MB, end of load {rss_end:.0f} MB, "
              f"settled {rss_settled:.0f} MB (background work {'settled' if settled else 'still running after 300 s'})")
        errors = read_errors + mixed_errors
        print(f"errors: {errors}")
        return 1 if errors else 0
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


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
