"""Summary speed: storyweave per cluster (cleaning + analysis + selection) against sumy's LexRank
on the same clusters in the same run. Prints numbers; never passes or fails on time.

    .venv/bin/python bench/bench_summaries.py [--clusters 30] [--words 250]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from storyweave.config import Config
from storyweave.eval.summaries import SumyBaseline, load_clusters
from storyweave.nlp.models import Models
from storyweave.summary import Summarizer, summarize

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "multinews-validation.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=30)
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--data", default=str(DATA))
    args = ap.parse_args()
    clusters = load_clusters(args.data, args.clusters, start=100)  # not the development sample

    t0 = time.perf_counter()
    sw = Summarizer(Models(), Config())
    sw.warm()
    load = time.perf_counter() - t0
    lexrank = SumyBaseline("lexrank")

    analyse, select, lex = [], [], []
    for c in clusters:
        t = time.perf_counter()
        an = sw.analyse(c.id, c.documents)
        analyse.append(time.perf_counter() - t)
        t = time.perf_counter()
        summarize(an, args.words, sw.config)
        select.append(time.perf_counter() - t)
        t = time.perf_counter()
        lexrank(c.documents, args.words, truncate=False)
        lex.append(time.perf_counter() - t)

    mean = statistics.fmean
    total = [a + s for a, s in zip(analyse, select)]
    print(f"{len(clusters)} clusters, {args.words} words; model load {load:.2f} s (once per process)")
    print(f"{'':<28}{'mean s':>9}{'median s':>10}{'max s':>8}")
    for name, xs in [("storyweave: clean+analyse", analyse), ("storyweave: select", select),
                     ("storyweave: total", total), ("sumy LexRank (raw text)", lex)]:
        print(f"{name:<28}{mean(xs):>9.4f}{statistics.median(xs):>10.4f}{max(xs):>8.3f}")
    print(f"storyweave is {mean(lex) / mean(total):.1f}x LexRank's speed per cluster "
          f"(selection alone {mean(lex) / mean(select):.1f}x)")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
