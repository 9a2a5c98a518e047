"""Summary speed: storyweave per cluster, stage by stage, against sumy's LexRank on the same
clusters in the same run. Prints numbers; never passes or fails on time.

    .venv/bin/python bench/bench_summaries.py [--clusters 40] [--start 100] [--words 250] [--full]

``--full`` also times the brief's analysis path (copies, similarity matrix, fact groups),
which ``storyweave summarize`` and ``eval summaries`` skip (``prepare(light=True)``).
Model loading (and the imports a first cluster would pay) is reported once, not per cluster.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections import defaultdict
from pathlib import Path

from storyweave.analysis import StoryAnalysis, prepare
from storyweave.text import content_tokens
from storyweave.clean import clean_article
from storyweave.config import Config
from storyweave.eval.summaries import SumyBaseline, load_clusters
from storyweave.model import Article
from storyweave.nlp.models import Models
from storyweave.nlp.sentences import split_article
from storyweave.summary import Summarizer, summarize

BRIEF = "storyweave (brief's path)"
DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "multinews-validation.jsonl"


def light_stages(cluster, models: Models, config: Config, times: dict[str, list[float]]) -> None:
    """``Summarizer.from_texts`` on the light path, split into its stages."""
    def timed(name, fn):
        t = time.perf_counter()
        out = fn()
        times[name].append(time.perf_counter() - t)
        return out

    articles = [Article(id=f"{cluster.id}-{k}", text=d) for k, d in enumerate(cluster.documents)]
    timed("clean", lambda: [clean_article(a, config.clean) for a in articles])
    sentences = timed("split", lambda: [s for a in articles for s in split_article(a)])
    texts = [s.text for s in sentences]
    vectors = timed("embed", lambda: models.embedder.embed(texts))
    tokens = timed("content words", lambda: [content_tokens(t) for t in texts])
    n = len(sentences)
    an = StoryAnalysis(
        articles=articles, sentences=sentences, vectors=vectors, tokens=tokens, groups=[[i] for i in range(n)],
        group_of=list(range(n)), independent=[1] * n, copies={}, syndicated={}, same_fact=config.align.same_fact,
        light=True,
    )
    timed("select", lambda: summarize(an, 250, config, fill=True))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=40)
    ap.add_argument("--start", type=int, default=100, help="first cluster (default: outside the development sample)")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--full", action="store_true", help="also time the brief's full analysis path")
    ap.add_argument("--data", default=str(DATA))
    args = ap.parse_args()
    clusters = load_clusters(args.data, args.clusters, start=args.start)
    config = Config()

    t0 = time.perf_counter()
    models = Models()
    sw = Summarizer(models, config)
    sw.warm()
    load = time.perf_counter() - t0
    lexrank = SumyBaseline("lexrank")

    times: dict[str, list[float]] = defaultdict(list)
    for c in clusters:
        t = time.perf_counter()
        sw.from_texts(c.id, c.documents, args.words, fill=True)
        times["storyweave (light path)"].append(time.perf_counter() - t)
        light_stages(c, models, config, times)
        if args.full:
            t = time.perf_counter()
            an = prepare([Article(id=f"{c.id}-{k}", text=d) for k, d in enumerate(c.documents)], models, config)
            summarize(an, args.words, config, fill=True)
            times[BRIEF].append(time.perf_counter() - t)
        t = time.perf_counter()
        lexrank(c.documents, args.words, truncate=True)
        times["sumy LexRank (raw text)"].append(time.perf_counter() - t)

    mean = statistics.fmean
    print(f"{len(clusters)} clusters from {args.start}, {args.words} words; "
          f"model load + imports {load:.2f} s (once per process)")
    print(f"{'':<30}{'mean ms':>9}{'median ms':>11}{'max ms':>9}")
    for name, xs in times.items():
        print(f"{name:<30}{1000 * mean(xs):>9.1f}{1000 * statistics.median(xs):>11.1f}{1000 * max(xs):>9.1f}")
    lex = mean(times["sumy LexRank (raw text)"])
    sw_mean = mean(times["storyweave (light path)"])
    print(f"storyweave is {lex / sw_mean:.1f}x LexRank's speed per cluster "
          f"(selection alone {lex / mean(times['select']):.1f}x)")
    if args.full:
        print(f"the brief's full analysis path: {lex / mean(times[BRIEF]):.1f}x")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
