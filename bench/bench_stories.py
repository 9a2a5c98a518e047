"""Story clustering throughput and peak memory on synthetic streams of 1k, 10k and 100k articles.

Each size runs in a fresh process (so peak RSS is that run's own) and goes through the real
stages: featurising (WordLlama lede embeddings, names, MinHash fingerprints) and the
incremental story index. The peer, in the same run, is the TF-IDF + agglomerative baseline
of ``storyweave eval stories``; it is quadratic in memory, so it runs only up to --peer-max.
A second peer runs at every size: TF-IDF vectorising alone (scikit-learn, title + text), the
floor under any TF-IDF clusterer (it still has to compare the vectors). CPU seconds
(user + sys of the process) are printed beside wall time: on a shared machine they are the
fairer measure.

    python bench/bench_stories.py [--sizes 1000 10000 100000] [--peer-max 5000] [--settle-every N] [--undated SHARE]

Also counts storyline links on the stream: it holds none, so every link is a false one.

Prints numbers; never passes or fails on time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import time

SYLL = ["ka", "lo", "mi", "ra", "ten", "vo", "sha", "ul", "den", "bri", "mo", "zak", "pe", "tor", "an", "gu"]
COMMON = ("the officials said on the day that a report would follow and people in the area were told to wait for "
          "more news as the situation developed while the government promised help and critics asked questions").split()
TOPICS = [w.split() for w in (
    "flood river rain evacuation rescue boats", "election vote ballot candidate polls turnout",
    "summit talks leaders agreement sanctions treaty", "shooting police suspect victims gunman hospital",
    "earthquake magnitude collapse buildings aftershock", "strike union wages workers negotiations",
    "court ruling judge appeal verdict trial", "fire blaze firefighters wind homes acres",
)]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLL) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic(n: int, seed: int = 1, undated: float = 0.0):
    """n articles in stories of 1-12 articles over ~n/40 days: each story has its own people,
    place and event words (what happened), a topic shared with many others (what kind of
    news), and dates within three days."""
    from storyweave.model import Article

    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    days = max(30, n // 40)
    arts, gold, s = [], [], 0
    while len(arts) < n:
        s += 1
        people = [f"{_name(rng)} {_name(rng)}" for _ in range(3)]
        place = _name(rng)
        topic = rng.choice(TOPICS)
        event = [_name(rng).lower() for _ in range(6)]
        day0 = start + dt.timedelta(days=rng.randrange(days))
        for k in range(min(rng.randint(1, 12), n - len(arts))):
            words = []
            for _ in range(90):
                r = rng.random()
                words.append(rng.choice(people) if r < 0.08 else place if r < 0.12 else rng.choice(event) if r < 0.3
                             else rng.choice(topic) if r < 0.45 else rng.choice(COMMON))
            text = " ".join(words)
            text = ". ".join(text[i:i + 120].strip().capitalize() for i in range(0, len(text), 120)) + "."
            arts.append(Article(id=f"s{s}-{k}", text=text, title=f"{place}: {topic[0]} {people[0]}",
                                outlet=f"outlet{rng.randrange(30)}", published=day0 + dt.timedelta(days=rng.randrange(3))))
            gold.append(f"s{s}")
    order = sorted(range(n), key=lambda i: (arts[i].published, rng.random()))  # a stream arrives in time order
    arts = [arts[i] for i in order]
    for a in arts:  # pages that carry no date (a share of a real crawl), left where they arrived
        if undated and rng.random() < undated:
            a.published = None
    return arts, [gold[i] for i in order]


def _pool_mib(engine) -> tuple[float, float]:
    """A local pool's memory, read from /proc before it closes: the workers' peak RSS summed
    (VmHWM: pages shared with the pool's server counted once per worker), and the
    proportional set size (PSS: each shared page split between its sharers) of the workers
    and the server together. The memory target counts the whole run, not this process alone."""
    from multiprocessing import forkserver

    workers = list(getattr(getattr(engine, "_pool", None), "_processes", None) or {})
    server = getattr(forkserver._forkserver, "_forkserver_pid", None)
    peak = pss = 0.0
    for pid in workers + ([server] if server else []):
        try:
            status = open(f"/proc/{pid}/status").read()
            rollup = open(f"/proc/{pid}/smaps_rollup").read()
        except OSError:
            continue
        if pid != server:
            peak += next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmHWM:")), 0) / 1024
        pss += next((int(x.split()[1]) for x in rollup.splitlines() if x.startswith("Pss:")), 0) / 1024
    return peak, pss


def _cpu() -> float:
    """CPU seconds (user + sys) this process has used: fairer than wall time on a shared machine."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def run_one(n: int, system: str, settle_every: int | None = None, undated: float = 0.0) -> dict:
    from storyweave.eval.stories import baseline, bcubed

    arts, gold = synthetic(n, undated=undated)
    if system.startswith("storyweave"):
        from storyweave.engines.local import LocalEngine
        from storyweave.stories import StoryIndex
        from storyweave.stories.cluster import featurize
        from storyweave.stories.features import Featurizer

        # storyweave-2proc: featurising in 2 worker processes, the index on this one (CPU: this one only)
        engine = LocalEngine(workers=2) if system == "storyweave-2proc" else LocalEngine()
        # workers started and their models loaded (in this process for one process), outside the
        # timing as a long-running ingest would have them
        list(engine.map(Featurizer(), [arts[:8]] * 4))
        cpu0, t = _cpu(), time.perf_counter()
        from storyweave.config import StoriesConfig

        index = StoryIndex(StoriesConfig() if settle_every is None else StoriesConfig(settle_every=settle_every))
        # the features the configuration weighs (the whole-text terms for regrouping among them)
        for feats in featurize(arts, engine, batch_size=1000, config=index.params):  # the stream, in chunks
            index.add(feats)
        secs, cpu = time.perf_counter() - t, _cpu() - cpu0
        workers_peak, pool_pss = _pool_mib(engine)
        engine.close()
        pred = [index.assignments[a.id] for a in arts]
        from storyweave.stories.storylines import link_storylines

        # the stream holds no storylines (every story its own people, place and event words):
        # each storyline link is a false one, stories of one kind of news chained together
        lines = link_storylines(index)
        extra = {"workers_peak_mib": workers_peak, "pool_pss_mib": pool_pss, "stories": len(index), "false_storyline_links": sum(len(line.events) - 1 for line in lines),
                 "longest_storyline": max(len(line.events) for line in lines)}
    elif system == "tfidf-vectorize":
        from sklearn.feature_extraction.text import TfidfVectorizer

        from storyweave.stories.features import body_text

        cpu0, t = _cpu(), time.perf_counter()
        TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
            f"{a.title or ''}\n{body_text(a)}" for a in arts)
        secs, cpu = time.perf_counter() - t, _cpu() - cpu0
        pred = None
    else:
        baseline(arts[:2])  # imports outside the timing
        cpu0, t = _cpu(), time.perf_counter()
        pred = baseline(arts)
        secs, cpu = time.perf_counter() - t, _cpu() - cpu0
    f1 = bcubed(gold, pred)[2] if pred is not None else float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    return {**(extra if system.startswith("storyweave") else {}), "system": system, "articles": n, "seconds": secs, "articles_per_s": n / secs, "cpu_s": cpu,
            "articles_per_cpu_s": n / cpu, "peak_mib": peak, "bcubed_f1": f1}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--peer-max", type=int, default=5000, help="largest size the quadratic baseline runs at")
    ap.add_argument("--settle-every", type=int, default=None,
                    help="[stories] settle_every for storyweave (default: the configured one; 0 = no settling)")
    ap.add_argument("--undated", type=float, default=0.0,
                    help="share of articles whose date is dropped (they are regrouped; default 0)")
    ap.add_argument("--one", nargs=2, metavar=("N", "SYSTEM"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1], args.settle_every, args.undated)))
        return
    print(f"{'system':<22} {'articles':>9} {'seconds':>8} {'art/s':>8} {'CPU s':>7} {'art/CPU s':>9} {'peak MiB':>9} "
          f"{'B3 F1':>6}  ratio (CPU)")
    for n in args.sizes:
        rows = {}
        for system in ("storyweave", "storyweave-2proc", "tfidf-vectorize", "tfidf+agglomerative"):
            if system == "tfidf+agglomerative" and n > args.peer_max:
                print(f"{system:<22} {n:>9}  skipped: O(n^2) memory beyond --peer-max {args.peer_max}")
                continue
            settle = [] if args.settle_every is None else ["--settle-every", str(args.settle_every)]
            settle += ["--undated", str(args.undated)] if args.undated else []
            out = subprocess.run([sys.executable, __file__, "--one", str(n), system, *settle], capture_output=True, text=True)
            if out.returncode:
                print(f"{system:<22} {n:>9}  failed: {out.stderr.strip()[-300:]}")
                continue
            r = rows[system] = json.loads(out.stdout.strip().splitlines()[-1])
            ratio = ""
            if not system.startswith("storyweave") and "storyweave" in rows:
                ratio = f"storyweave {rows['storyweave']['articles_per_cpu_s'] / r['articles_per_cpu_s']:.2f}x its speed"
            print(f"{system:<22} {n:>9} {r['seconds']:8.1f} {r['articles_per_s']:8.0f} {r['cpu_s']:7.1f} "
                  f"{r['articles_per_cpu_s']:9.0f} {r['peak_mib']:9.0f} {r['bcubed_f1']:6.3f}  {ratio}", flush=True)
            if r.get("workers_peak_mib"):
                print(f"{'':<22} + workers' peak RSS {r['workers_peak_mib']:.0f} MiB: "
                      f"{r['peak_mib'] + r['workers_peak_mib']:.0f} MiB in all; with the pool's shared pages "
                      f"counted once (PSS of workers and server at the end, {r['pool_pss_mib']:.0f} MiB): "
                      f"{r['peak_mib'] + r['pool_pss_mib']:.0f} MiB", flush=True)
            if system == "storyweave":
                print(f"{'':<22} storylines: {r['false_storyline_links']} false links among {r['stories']} stories "
                      f"(longest {r['longest_storyline']} events)", flush=True)


if __name__ == "__main__":
    main()
