"""Throughput of ``storyweave ingest`` on 1 and 2 workers: a local process pool, and a
two-node Ray cluster on this machine (``ray start --head --num-cpus 1`` + ``ray start
--address 127.0.0.1:PORT --num-cpus 1``), with the driver's share of the time, and the
per-stage costs in one process that docs/scaling.md's arithmetic uses.

    python bench/bench_ray.py [--articles 5000 | --pages 1000] [--repeat 1] [--no-ray] [--commands] [--stages-only] [--briefs 200]

The stream: the 200 articles of ../shared/data/stories-dev.jsonl repeated; copy k of an
article gets the id ``<id>~r<k>``, every number in its text and title raised by k (so its
content hash differs; a text without figures gets a last line "(Repeat k.)"), and its date moved 15*k
days later (undated articles get 2018-05-01 + 15*k), so each copy of the dev set is
another fortnight of news and copies form their own stories instead of piling onto the
originals. Every run ingests the same stream into a fresh SQLite store on the driver; the
assignments of every run are checked to be identical to those of the in-process run.

Driver share: the driver process's own CPU time (user+sys, ``time.process_time``) over
the wall time. Never fails on time; a run whose assignments differ makes the exit code 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / ".." / "shared" / "data" / "stories-dev.jsonl"
PAGES = REPO / ".." / "shared" / "data" / "article-extraction-benchmark" / "html"
_NUMBER = re.compile(r"\d+")


def dev_like_stream(n: int, dev: Path = DEV) -> list[dict]:
    """``n`` records: the dev articles repeated and perturbed (see the module's docstring)."""
    rows = [json.loads(line) for line in dev.read_text().splitlines() if line.strip()]
    out = []
    for i in range(n):
        k, row = divmod(i, len(rows))
        rec = dict(rows[row])
        rec.pop("story", None)  # the gold label is not input
        if k:
            bump = lambda m: str(int(m.group()) + k)  # noqa: E731
            rec["id"] = f"{rec['id']}~r{k}"
            text = rec.get("text") or ""
            rec["text"] = _NUMBER.sub(bump, text)
            if rec["text"] == text:  # no figure to change: one line makes it another text
                rec["text"] += f"\n\n(Repeat {k}.)"
            if rec.get("title"):
                rec["title"] = _NUMBER.sub(bump, rec["title"])
            if rec.get("url"):
                rec["url"] = f"{rec['url']}#r{k}"
            base = dt.date.fromisoformat(rec["published"][:10]) if rec.get("published") else dt.date(2018, 5, 1)
            rec["published"] = (base + dt.timedelta(days=15 * k)).isoformat()
        out.append(rec)
    return out


def page_stream(n: int, folder: Path) -> Path:
    """``n`` HTML pages as JSON records ``{id, url, html}`` (extracted by the article step on a
    worker): the 181 extraction-benchmark pages repeated; copy k gets its own URL, every
    number in the page's text raised by k, and "(Repeat k.)" opening its first paragraph,
    so it is stored as a new article."""
    import gzip

    pages = sorted(PAGES.glob("*.html.gz"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pages.jsonl"
    with path.open("w") as out:
        for i in range(n):
            k, j = divmod(i, len(pages))
            html = gzip.open(pages[j], "rt", encoding="utf-8", errors="replace").read()
            if k:  # figures in the text (never in markup: a tag or a charset must stay what it was)
                html = re.sub(r">[^<]+<", lambda m: _NUMBER.sub(lambda d: str(int(d.group()) + k), m.group()), html)
                html = re.sub(r"<p[ >]", lambda m: f"{m.group()}(Repeat {k}.) " if m.group().endswith(">") else m.group(),
                              html, count=1)
            name = pages[j].name.split(".")[0][:16]
            out.write(json.dumps({"id": f"p{name}~r{k}", "url": f"https://pages.example/{name}#r{k}", "html": html}) + "\n")
    return path


CONFIG_FILE = None  # --config: a TOML file, as storyweave --config reads it


def _config():
    from storyweave.config import Config

    return Config.load(CONFIG_FILE)


def _workers_cpu(engine) -> float:
    """CPU seconds of a local pool's live workers, read from /proc before the pool closes:
    they fork from a forkserver, so the driver's RUSAGE_CHILDREN never sees them."""
    procs = getattr(getattr(engine, "_pool", None), "_processes", None) or {}
    total = 0.0
    for pid in list(procs):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def ingest_run(stream: Path, db: Path, engine) -> dict:
    """One ``storyweave ingest`` in this process (the driver); returns its figures."""
    from storyweave.engines.featured import ingest_featured
    from storyweave.store import open_store

    config = _config()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    with open_store(db) as store:
        rep = ingest_featured([stream], store, config, engine)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workers = _workers_cpu(engine)
    engine.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool = max(workers, (after.ru_utime + after.ru_stime) - (kids.ru_utime + kids.ru_stime))
    return {"articles": rep.read, "stored": rep.stored, "wall": wall, "driver_cpu": cpu, "pool_cpu": pool, "assignments": rep.assignments}


def command_run(stream: Path, db: Path, workers: int) -> dict:
    """One whole ``storyweave ingest`` process, as a user runs it: start-up, imports and model
    loads included on both sides (in ``ingest_run`` the in-process run finds them done)."""
    import sqlite3

    exe = Path(sys.executable).with_name("storyweave")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "import sys; from storyweave.cli import main; sys.exit(main())"]
    cmd += ["ingest", str(stream), "--db", str(db), "--no-briefs"] + (["--workers", str(workers)] if workers > 1 else [])
    if CONFIG_FILE:
        cmd[1:1] = ["--config", CONFIG_FILE]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with sqlite3.connect(db) as conn:
        assignments = dict(conn.execute("SELECT id, story_id FROM articles"))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # the command's own CPU (its pool's workers are children of the pool's server, not counted)
    return {"articles": len(assignments), "stored": len(assignments), "wall": wall, "driver_cpu": cpu, "pool_cpu": 0.0,
            "assignments": assignments}


def brief_run(stream: Path, db: Path, engine) -> dict:
    """Brief every story of the stream (as ``brief --all`` does) with the stories as
    ``ingest_run`` stored them in ``db``: one task per story."""
    from storyweave.config import Config
    from storyweave.engines.stages import BriefStage
    from storyweave.render.json import brief_to_dict
    from storyweave.store import open_store

    with open_store(db) as store:
        ids = sorted({sid for a in store.iter_articles() if (sid := store.story_of(a.id))})
        groups = sorted((list(store.iter_articles(sid)) for sid in ids), key=len, reverse=True)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    briefs = [brief_to_dict(b) for b in engine.map(BriefStage(_config()), groups)]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    workers = _workers_cpu(engine)
    engine.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for b in briefs:  # when and how long: the only fields that may differ between runs
        b["meta"].pop("generated", None), b["meta"].pop("timings", None)
    return {"articles": len(groups), "stored": sum(map(len, groups)), "wall": wall, "driver_cpu": cpu,
            "pool_cpu": max(workers, (after.ru_utime + after.ru_stime) - (kids.ru_utime + kids.ru_stime)),
            "assignments": briefs}


class TwoNodeRay:
    """Two Ray nodes on this machine, 1 CPU each; stopped by the ids of the processes it started."""

    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.temp = Path(tempfile.mkdtemp(prefix="rb", dir="/tmp"))  # short: Ray's socket paths
        self.address = f"127.0.0.1:{self.port}"
        ray = shutil.which("ray", path=str(Path(sys.executable).parent)) or "ray"
        self.ray = ray
        self._run([ray, "start", "--head", "--num-cpus", "1", "--port", str(self.port), "--temp-dir", str(self.temp),
                   "--node-ip-address", "127.0.0.1", "--include-dashboard", "false", "--disable-usage-stats"])
        self.nodes = 1

    def add_node(self) -> None:
        self._run([self.ray, "start", "--address", self.address, "--num-cpus", "1", "--node-ip-address", "127.0.0.1",
                   "--disable-usage-stats"])
        self.nodes += 1

    def _run(self, cmd: list[str]) -> None:
        # a throw-away cluster on loopback, no token (the driver of this run joins it as is)
        env = {**os.environ, "RAY_AUTH_MODE": "disabled"}
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
        if done.returncode:
            raise RuntimeError(f"{' '.join(cmd[:3])} failed: {done.stderr[-800:]}")

    def stop(self) -> None:
        mine = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(self.temp) in cmd or self.address in cmd:
                mine.append(int(pid))
        for pid in mine:
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        time.sleep(2)
        for pid in mine:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.temp, ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stage_costs(stream_rows: list[dict], tmp: Path, pages: int = 181, stories: int = 12) -> dict:
    """Per-stage CPU costs in one process (ms per article, per page, per story)."""
    from storyweave.config import Config
    from storyweave.ingest import read_inputs
    from storyweave.pipeline import Pipeline
    from storyweave.store import open_store
    from storyweave.stories.features import Featurizer
    from storyweave.stories.incremental import StoryIndex

    config = _config()
    sample = tmp / "stage.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in stream_rows[:1000]))
    cost = {}
    t = time.process_time()
    arts = [a for a in read_inputs([sample], config) if hasattr(a, "body")]
    cost["read + clean (JSON record), ms/article"] = 1000 * (time.process_time() - t) / len(arts)
    page_dir = tmp / "pages"
    page_dir.mkdir(exist_ok=True)
    for p in sorted(PAGES.glob("*.html*"))[:pages]:
        shutil.copy(p, page_dir / p.name)
    list(read_inputs([page_dir / sorted(os.listdir(page_dir))[0]], config))  # the extractor's imports
    t = time.process_time()
    n = sum(1 for _ in read_inputs([page_dir], config))
    cost["read + extract + clean (HTML page), ms/page"] = 1000 * (time.process_time() - t) / max(1, n)
    featurize = Featurizer()
    featurize(arts[:4])  # the model loads once
    t = time.process_time()
    feats = featurize(arts)
    cost["featurise, ms/article"] = 1000 * (time.process_time() - t) / len(arts)
    index = StoryIndex(config.stories)
    t = time.process_time()
    outcome = index.add(feats)
    cost["assign (story index), ms/article"] = 1000 * (time.process_time() - t) / len(arts)
    with open_store(tmp / "stage.db") as store:
        t = time.process_time()
        store.add_articles(arts)
        store.commit_stories(outcome.assignments, "stories.index", index.to_bytes(), 0)
        cost["store + commit (SQLite), ms/article"] = 1000 * (time.process_time() - t) / len(arts)
    groups: dict[str, list] = {}
    by_id = {a.id: a for a in arts}
    for aid, sid in outcome.assignments.items():
        groups.setdefault(sid, []).append(by_id[aid])
    big = sorted(groups.values(), key=len, reverse=True)[:stories]
    pipeline = Pipeline(config)
    pipeline.brief(big[-1])  # models load once
    t = time.process_time()
    for g in big:
        pipeline.brief(g)
    spent = time.process_time() - t
    cost["brief, ms/story"] = 1000 * spent / len(big)
    cost["brief, ms/article briefed"] = 1000 * spent / sum(len(g) for g in big)
    cost["stories per 1,000 articles"] = 1000 * len(groups) / len(arts)
    return cost


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--pages", type=int, default=0,
                    help="ingest N HTML page files instead (the extraction benchmark's pages repeated): extraction-bound")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each configuration, alternating")
    ap.add_argument("--no-ray", action="store_true", help="the local process pool only")
    ap.add_argument("--stages-only", action="store_true", help="only the per-stage costs")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage costs")
    ap.add_argument("--config", metavar="FILE", help="a storyweave TOML config for every run (default: the defaults)")
    ap.add_argument("--commands", action="store_true",
                    help="also time whole `storyweave ingest` processes with 1 and 2 workers (start-up included)")
    ap.add_argument("--briefs", type=int, default=0, metavar="N",
                    help="then brief every story of the first N articles on each engine (stories/s)")
    args = ap.parse_args()
    global CONFIG_FILE
    CONFIG_FILE = args.config
    from storyweave.engines.local import LocalEngine

    tmp = Path(tempfile.mkdtemp(prefix="storyweave-ray-"))
    rows = dev_like_stream(args.articles)
    stream = tmp / "stream.jsonl"
    stream.write_text("".join(json.dumps(r) + "\n" for r in rows))
    if args.pages:
        stream = page_stream(args.pages, tmp / "pages-stream")
    what = f"{args.pages} HTML pages" if args.pages else f"{len(rows)} dev-like articles"
    print(f"stream: {what} ({stream}); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs (shared: other jobs depress the 2-worker figures)")
    if not args.pages and not args.no_stages:
        print("\nper-stage CPU cost in one process:")
        for k, v in stage_costs(rows, tmp).items():
            print(f"  {k:48} {v:8.2f}")
    if args.stages_only:
        return 0
    results: dict[str, list[dict]] = {}
    configs = [("local, 1 (in process)", lambda: LocalEngine(1)), ("local pool, 2 workers", lambda: LocalEngine(2))]
    for r in range(args.repeat):
        for name, make in configs if r % 2 == 0 else configs[::-1]:
            # a fresh database per run: a reused one would hold the stream already (nothing stored)
            db = tmp / f"run-{configs.index((name, make))}-{r}.db"
            results.setdefault(name, []).append(ingest_run(stream, db, make()))
    commands: dict[str, list[dict]] = {}
    if args.commands:
        for r in range(args.repeat):
            for workers in (1, 2) if r % 2 == 0 else (2, 1):
                name = "local, 1 (in process)" if workers == 1 else "local pool, 2 workers"
                commands.setdefault(name, []).append(command_run(stream, tmp / f"cmd-{workers}-{r}.db", workers))
    briefed: dict[str, list[dict]] = {}
    if args.briefs:
        small = tmp / "briefs.jsonl"
        small.write_text("".join(json.dumps(r) + "\n" for r in rows[:args.briefs]))
        ingest_run(small, tmp / "briefs.db", LocalEngine(1))
        for name, make in configs:
            briefed.setdefault(name, []).append(brief_run(small, tmp / "briefs.db", make()))
    cluster = None
    if not args.no_ray:
        from storyweave.engines.ray_engine import RayEngine

        try:
            cluster = TwoNodeRay(tmp)
            for nodes in (1, 2):
                if nodes == 2:
                    cluster.add_node()
                name = f"ray, {nodes} node(s) x 1 CPU"
                for r in range(args.repeat):
                    results.setdefault(name, []).append(
                        ingest_run(stream, tmp / f"ray-{nodes}-{r}.db", RayEngine(address=cluster.address)))
                if args.briefs:
                    briefed.setdefault(name, []).append(
                        brief_run(small, tmp / "briefs.db", RayEngine(address=cluster.address)))
        finally:
            if cluster:
                cluster.stop()
    bad = report(results)
    if commands:
        print("\nwhole `storyweave ingest` processes (start-up, imports and model loads included; "
              "CPU: what the OS accounts to the command, not its pool's workers):")
        bad += report(commands)
    if briefed:
        print(f"\nbriefs of the stories of the first {args.briefs} articles (one task per story):")
        bad += report(briefed, unit="stories/s")
    return 1 if bad else 0


def _say_where(base, other) -> None:
    """The first differences between two runs' outputs (assignments or brief dicts)."""
    if isinstance(base, dict):
        diff = [k for k in base.keys() | other.keys() if base.get(k) != other.get(k)]
        print(f"  differs: {len(diff)} article(s), e.g. {sorted(diff)[:3]}")
        return
    for i, (a, b) in enumerate(zip(base, other)):
        if a != b:
            keys = [k for k in a if a[k] != b.get(k)]
            meta = [k for k in a.get("meta", {}) if a["meta"][k] != b.get("meta", {}).get(k)]
            print(f"  differs: brief {i} ({len(a.get('articles', []))} articles) in {keys} (meta: {meta}): "
                  f"{json.dumps(a.get(keys[0]) if keys else None)[:200]} vs {json.dumps(b.get(keys[0]) if keys else None)[:200]}")
            return


def _paired(one: list[float], two: list[float]) -> str:
    """Run k of one configuration against run k of the other (the local runs alternate, so a
    pair shares the host's state; Ray's go a node count at a time): on a shared host single
    runs move more than the code does."""
    if len(one) < 2 or len(one) != len(two):
        return ""
    ratios = sorted(b / a for a, b in zip(one, two))
    return f"; paired runs {', '.join(f'{r:.2f}' for r in ratios)}, median {statistics.median(ratios):.2f}x"


def report(results: dict[str, list[dict]], unit: str = "articles/s") -> int:
    base = results["local, 1 (in process)"][0]
    print(f"\n{'run':28} {unit:>10} {'stored':>7} {'wall s':>8} {'driver CPU s':>13} {'driver/wall':>12} "
          f"{'pool CPU s':>11} same")
    bad = 0
    rates = {}
    for name, runs in results.items():
        for run in runs:
            same = run["assignments"] == base["assignments"]
            bad += not same
            if not same:
                _say_where(base["assignments"], run["assignments"])
            rate = run["articles"] / run["wall"]
            rates.setdefault(name, []).append(rate)
            print(f"{name:28} {rate:10.1f} {run['stored']:7d} {run['wall']:8.1f} {run['driver_cpu']:13.1f} "
                  f"{run['driver_cpu'] / run['wall']:12.0%} {run['pool_cpu']:11.1f} {'yes' if same else 'NO'}")
    best = {k: max(v) for k, v in rates.items()}
    for label, a, b, what in (("local", "local, 1 (in process)", "local pool, 2 workers", "2 workers / 1"),
                              ("ray", "ray, 1 node(s) x 1 CPU", "ray, 2 node(s) x 1 CPU", "2 nodes / 1 node")):
        if a in best and b in best:
            print(f"{'' if label == 'ray' else chr(10)}{label}: {what} = {best[b] / best[a]:.2f}x best / best"
                  f"{_paired(rates[a], rates[b])} (target >= 1.7x)")
    what = "assignments" if unit == "articles/s" else "briefs"
    print(f"{what} identical to the in-process run: {'all' if not bad else f'{bad} run(s) DIFFER'}")
    return bad


if __name__ == "__main__":
    sys.exit(main())
