"""Brief speed: whole process on the example story, warm in-process briefs, peak memory.

Beside each figure, sumy's LexRank on the same cleaned text, measured in the same run, as a
ratio. Prints numbers; never passes or fails on time.

    .venv/bin/python bench/bench_brief.py [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
EXAMPLE = SHARED / "examples" / "blinken-beijing"
MULTINEWS = SHARED / "data" / "multinews-validation.jsonl"


class _Tok:
    """sumy tokenizer over our own sentence splitter (sumy's default needs NLTK data downloads)."""

    language = "english"

    def to_sentences(self, paragraph: str):
        from storyweave.nlp.sentences import split_text

        return split_text(paragraph)

    def to_words(self, sentence: str):
        import re

        return re.findall(r"\w+", sentence)


def lexrank_seconds(texts: list[str], words: int) -> float:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    t0 = time.perf_counter()
    parser = PlaintextParser.from_string("\n\n".join(texts), _Tok())
    summarizer = LexRankSummarizer(Stemmer("english"))
    n = max(1, words // 22)
    list(summarizer(parser.document, n))
    return time.perf_counter() - t0


def whole_process(runs: int) -> tuple[list[float], float]:
    exe = REPO / ".venv" / "bin" / "storyweave"
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "brief", str(EXAMPLE), "--format", "json"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return times, peak_mb


def ten_article_story() -> list:
    """The Multi-News cluster with the most documents (up to 10), as raw articles."""
    from storyweave.model import Article

    best = None
    with MULTINEWS.open() as fh:
        for line in fh:
            rec = json.loads(line)
            docs = [d for d in rec["documents"] if len(d.split()) > 80][:10]
            if best is None or len(docs) > len(best[1]):
                best = (rec["id"], docs)
            if len(best[1]) >= 10:
                break
    cid, docs = best
    return [Article(id=f"{cid}-{i}", text=d) for i, d in enumerate(docs)]


def timed_briefs(pipe, articles: list, runs: int) -> tuple[list[float], object]:
    """Brief fresh copies of the articles ``runs`` times (after one warm-up): seconds, last brief."""
    import copy

    pipe.brief(copy.deepcopy(articles))
    times, brief = [], None
    for _ in range(runs):
        a = copy.deepcopy(articles)
        t0 = time.perf_counter()
        brief = pipe.brief(a)
        times.append(time.perf_counter() - t0)
    return times, brief


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from storyweave import Config, Pipeline, read_articles

    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    times, peak = whole_process(args.runs)
    print(f"example brief, whole process (model load included): median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, {args.runs} runs); peak RSS {peak:.0f} MB")

    pipe = Pipeline(Config()).warm_up()
    arts, _ = read_articles([EXAMPLE])
    t_ex, b = timed_briefs(pipe, arts, args.runs)
    cleaned = [" ".join(x.body) for x in b.articles]
    lr = statistics.median(lexrank_seconds(cleaned, 150) for _ in range(args.runs))
    print(f"example brief, warm in-process: median {statistics.median(t_ex) * 1000:.0f} ms; "
          f"LexRank alone on the same cleaned text: {lr * 1000:.0f} ms (brief/LexRank = {statistics.median(t_ex) / lr:.1f}x)")
    print("  stages (s): " + ", ".join(f"{k} {v:.3f}" for k, v in b.meta["timings"].items()))

    story = ten_article_story()
    t10, b10 = timed_briefs(pipe, story, args.runs)
    cleaned = [" ".join(x.body) for x in b10.articles]
    lr10 = statistics.median(lexrank_seconds(cleaned, 150) for _ in range(args.runs))
    print(f"10-article story ({len(b10.sentences)} sentences), warm in-process: median {statistics.median(t10) * 1000:.0f} ms; "
          f"LexRank {lr10 * 1000:.0f} ms (ratio {statistics.median(t10) / lr10:.1f}x)")
    print("  stages (s): " + ", ".join(f"{k} {v:.3f}" for k, v in b10.meta["timings"].items()))

    fast = Pipeline(Config().with_overrides({"brief": {"ner": False}}), pipe.models)
    tf, _ = timed_briefs(fast, story, args.runs)
    print(f"10-article story without spaCy NER (brief.ner = false): median {statistics.median(tf) * 1000:.0f} ms "
          f"(ratio to LexRank {statistics.median(tf) / lr10:.1f}x)")
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"in-process peak RSS: {self_peak:.0f} MB")


if __name__ == "__main__":
    main()
