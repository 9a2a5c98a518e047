"""Server benchmark: ingest throughput through the API and story-page latency under load.

The server runs as its own process (``storyweave serve``); this script is the second
process on loopback that loads it. For SQLite and PostgreSQL (a throw-away cluster):
  1. ingest: synthetic articles POSTed one per request and 50 per request by a bounded
     pool of concurrent clients -> articles/s acknowledged (stored), then the seconds the
     background worker needs to cluster them and build every brief;
  2. reads: C concurrent clients for T seconds on random story pages -> p50/p99 latency and
     requests/s, beside the same story's JSON (/api/stories/{id}) and /healthz (the floor
     of the stack) measured in the same run.
Prints numbers; never passes or fails on time.

    .venv/bin/python bench/bench_server.py [--stories 20 --outlets 6 --clients 16 --seconds 15]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path
from tempfile import TemporaryDirectory

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "web"))
from conftest import serve_process, temp_postgres  # noqa: E402  (shared with the web tests)

TOKEN = "bench-token"
PLACES = ["Port Elsen", "Norrvik", "Halden", "Varmo", "Kessby", "Ostra Lund", "Tirrin", "Bralla", "Sund", "Mekke",
          "Olvik", "Rask", "Fennby", "Lorr", "Tamsby", "Vesk", "Hollin", "Brisk", "Ardo", "Quell", "Mora", "Sel"]
EVENTS = ["bridge collapse", "council vote", "ferry strike", "harbour fire", "flood", "election recount",
          "factory closure", "rail outage", "school strike", "museum theft"]


def synthetic(stories: int, outlets: int, seed: int = 7) -> list[dict]:
    """Invented articles: each story one place + event + date, told by several outlets in
    different words and numbers (so clustering and divergences have work to do)."""
    rng = random.Random(seed)
    out = []
    for s in range(stories):
        place, event = PLACES[s % len(PLACES)], EVENTS[s % len(EVENTS)]
        day = f"2031-0{1 + s % 9}-{10 + s % 18}"
        people, hours = rng.randint(20, 400), rng.randint(2, 9)
        for o in range(outlets):
            n = people + rng.choice([0, 0, 10, -5])
            text = "\n\n".join([
                f"A {event} in {place} on Tuesday affected about {n} residents, officials said.",
                f"Mayor Anna Berglund of {place} said the response took {hours + rng.choice([0, 1])} hours.",
                f"Outlet {o} reporters in {place} spoke to witnesses who described the {event} in detail.",
                f'"We will rebuild {place} together," Berglund said on Wednesday.',
                f"Regional police opened an inquiry into the {event} and expect a report within {rng.randint(2, 6)} weeks.",
            ])
            out.append({"id": f"b{s}-{o}", "outlet": f"Outlet {o}", "url": f"https://outlet{o}.example/{s}",
                        "title": f"{event.title()} in {place}", "published": day, "text": text})
    rng.shuffle(out)
    return out


def post_all(url: str, batches: list[list[dict]], clients: int) -> tuple[float, int]:
    local = {}

    def client() -> httpx.Client:
        import threading

        key = threading.get_ident()
        if key not in local:
            local[key] = httpx.Client(base_url=url, trust_env=False, timeout=120,
                                      headers={"Authorization": f"Bearer {TOKEN}"})
        return local[key]

    def send(batch: list[dict]) -> int:
        r = client().post("/api/articles", json={"articles": batch})
        if r.status_code not in (200, 201):
            raise RuntimeError(f"POST failed {r.status_code}: {r.text[:200]}")
        return r.json()["created"]

    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        created = sum(pool.map(send, batches))
    elapsed = time.perf_counter() - t
    for c in local.values():
        c.close()
    return elapsed, created


def wait_idle(url: str, timeout: float = 1800) -> float:
    t = time.perf_counter()
    with httpx.Client(base_url=url, trust_env=False, timeout=30) as c:
        while time.perf_counter() - t < timeout:
            st = c.get("/api/status").json()
            if st["idle"]:
                if st["last_error"]:
                    print(f"    worker error: {st['last_error']}")
                return time.perf_counter() - t
            time.sleep(0.2)
    raise RuntimeError("background work did not finish")


def load(url: str, paths: list[str], clients: int, seconds: float) -> dict:
    """Closed loop: ``clients`` threads each send the next request when the last returns."""
    stop = time.perf_counter() + seconds
    rng = random.Random(1)

    def worker(_: int) -> tuple[list[float], int]:
        lat, errors = [], 0
        with httpx.Client(base_url=url, trust_env=False, timeout=30, headers={"Accept": "text/html"}) as c:
            while time.perf_counter() < stop:
                t = time.perf_counter()
                r = c.get(rng.choice(paths))
                lat.append(time.perf_counter() - t)
                errors += r.status_code != 200
        return lat, errors

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(worker, range(clients)))
    wall = time.perf_counter() - t0
    lat = sorted(x for r, _ in results for x in r)
    return {"n": len(lat), "errors": sum(e for _, e in results), "rps": len(lat) / wall,
            "p50": statistics.median(lat) * 1000, "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000}


def run_backend(name: str, db: str, args: argparse.Namespace) -> None:
    arts = synthetic(args.stories, args.outlets)
    half = len(arts) // 2
    with serve_process(db, TOKEN) as (url, _):
        one_each = [[a] for a in arts[:half]]
        fifties = [arts[i:i + 50] for i in range(half, len(arts), 50)]
        t1, n1 = post_all(url, one_each, args.clients)
        t2, n2 = post_all(url, fifties, min(args.clients, 4))
        settle = wait_idle(url)
        with httpx.Client(base_url=url, trust_env=False) as c:
            stories = c.get("/api/stories", params={"limit": 500}).json()["stories"]
        ids = [s["id"] for s in stories]
        print(f"\n[{name}] {len(arts)} articles -> {len(ids)} stories")
        print(f"  ingest, 1 article/request, {args.clients} clients : {n1 / t1:8.1f} articles/s ({n1} stored)")
        print(f"  ingest, 50 articles/request            : {n2 / t2:8.1f} articles/s ({n2} stored)")
        print(f"  clustering + briefs in the background  : {settle:8.1f} s after the last POST")
        for label, paths in (("story page  /stories/{id}", [f"/stories/{i}" for i in ids]),
                             ("brief JSON  /api/stories/{id}", [f"/api/stories/{i}" for i in ids]),
                             ("floor       /healthz", ["/healthz"])):
            r = load(url, paths, args.clients, args.seconds)
            print(f"  {label:30s}: p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  {r['rps']:7.1f} req/s"
                  f"  ({r['n']} requests, {r['errors']} errors, {args.clients} clients)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=20)
    ap.add_argument("--outlets", type=int, default=6)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--backends", default="sqlite,postgresql")
    args = ap.parse_args()
    print(f"storyweave server benchmark: {os.cpu_count()} CPUs, server and load generator as two processes on 127.0.0.1")
    for name in args.backends.split(","):
        if name == "sqlite":
            with TemporaryDirectory() as tmp:
                run_backend("SQLite", f"sqlite:///{tmp}/bench.db", args)
        elif name == "postgresql":
            pg = os.environ.get("STORYWEAVE_TEST_PG_URL")
            with (nullcontext(pg) if pg else temp_postgres()) as url:
                run_backend("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
