"""``storyweave eval extraction DIR``: main-text extraction quality, storyweave beside trafilatura.

DIR is laid out like the article-extraction benchmark (scrapinghub/article-extraction-benchmark):
``html/<id>.html.gz`` and ``ground-truth.json`` = ``{id: {articleBody, url, [datePublished]}}``.

Scoring is the benchmark's own definition: text is split into ``\\w+`` tokens (case kept);
each text becomes a bag of 4-token shingles; per page true/false positives and false
negatives are counted over the bags and normalised to sum to one (long pages weigh no more
than short ones); precision and recall are the means over pages, F1 is computed from those
two means. The ± is a 95% bootstrap interval over pages (fixed seed, so runs are repeatable).
Speed is timed apart from scoring: the scoring pass runs every system over every page first
(so one-time loading -- stoplists, date parsers, compiled patterns -- falls on no system's
clock, whichever triggers it), then ``--rounds`` timed passes take the systems in turn page
by page, the order alternating (A B, B A, ...), so a shared machine's changing load falls on
all alike (:mod:`.extraction_speed`). Reported: pages per CPU
second (wall time on a shared machine counts the neighbours' work) and pages per wall second,
with the load average. ``--workers N`` times each system on a pool of N forked processes
(made after the scoring pass, so they start warm): pages per wall second on N cores, and
the workers' CPU seconds.

Dates: the benchmark's gold has no publication date. When a gold record has
``datePublished`` we score against it; otherwise we report agreement with the date written
in the page URL (``/2019/11/19/``), clearly labelled as such, on the pages whose URL has one.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import InputError

_TOKEN = re.compile(r"\w+")
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|[^\d]|$)")
SHINGLE = 4


# ---- the benchmark's scoring -------------------------------------------------------------------

def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    # a text shorter than n tokens is one (short) shingle, as in the benchmark
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    g, p = shingles(gold), shingles(predicted)
    tp, fp, fn = sum((g & p).values()), sum((p - g).values()), sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def bootstrap_ci(counts: list[tuple[float, float, float]], n: int = 300, seed: int = 0) -> dict[str, float]:
    """Half-width of the 95% interval (1.96 standard deviations of resampled scores)."""
    if len(counts) < 2:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    rng = random.Random(seed)
    samples = [scores([rng.choice(counts) for _ in counts]) for _ in range(n)]
    return {k: 1.96 * statistics.stdev(s[k] for s in samples) for k in ("precision", "recall", "f1")}


# ---- systems ---------------------------------------------------------------------------------

@dataclass(slots=True)
class Prediction:
    text: str
    date: dt.date | None


def storyweave_system(html: str, url: str | None) -> Prediction:
    from ..ingest.html import extract
    from ..ingest.jsonl import parse_date

    ex = extract(html)
    return Prediction(ex.text if ex else "", parse_date(ex.date) if ex else None)


def trafilatura_system(html: str, url: str | None) -> Prediction:
    # the benchmark's trafilatura runner (default settings, comments excluded) plus trafilatura's
    # metadata step, for its date: the like-for-like peer, storyweave reads metadata too
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return Prediction("", None)
    from ..ingest.jsonl import parse_date
    from trafilatura.xml import xmltotxt

    return Prediction(xmltotxt(doc.body, False) if doc.body is not None else "", parse_date(doc.date))


def trafilatura_text_system(html: str, url: str | None) -> Prediction:
    # exactly the benchmark's own trafilatura runner (trafilatura's evaluation_benchmark_ds.py):
    # text alone, no metadata step, so no date; the stricter speed peer, as storyweave's
    # figure always includes its metadata
    import trafilatura

    return Prediction(trafilatura.extract(html, include_comments=False, with_metadata=False) or "", None)


SYSTEMS: dict[str, Callable[[str, str | None], Prediction]] = {
    "storyweave": storyweave_system,
    "trafilatura": trafilatura_system,
    "trafilatura-text": trafilatura_text_system,
}
UNDATED = {"trafilatura-text"}  # systems that give no date: no date accuracy shown


# ---- the run ---------------------------------------------------------------------------------

@dataclass(slots=True)
class Page:
    id: str
    html: str
    body: str
    url: str | None
    date: dt.date | None  # gold date
    date_source: str  # "gold" | "url" | ""


@dataclass(slots=True)
class SystemResult:
    name: str
    counts: list[tuple[float, float, float]] = field(default_factory=list)
    dates_right: int = 0
    dates_total: int = 0
    seconds: float = 0.0  # CPU seconds over the timed pages
    wall: float = 0.0  # wall seconds over the same
    timed_pages: int = 0

    def summary(self) -> dict:
        out = {"system": self.name, "pages": len(self.counts), **scores(self.counts)}
        out.update({f"{k}_ci": v for k, v in bootstrap_ci(self.counts).items()})
        out["date_accuracy"] = self.dates_right / self.dates_total if self.dates_total else None
        out["dated_pages"] = self.dates_total
        out["pages_per_second"] = self.timed_pages / self.seconds if self.seconds else None
        out["pages_per_wall_second"] = self.timed_pages / self.wall if self.wall else None
        return out


def url_date(url: str | None) -> dt.date | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def load_pages(root: Path, limit: int | None = None) -> list[Page]:
    gold_path = root / "ground-truth.json"
    if not gold_path.is_file():
        raise InputError(str(root), "no ground-truth.json: expected the article-extraction-benchmark layout "
                                    "(html/<id>.html.gz and ground-truth.json)")
    from ..ingest.jsonl import parse_date

    gold = json.loads(gold_path.read_text("utf-8"))
    pages = []
    for pid in sorted(gold)[:limit]:
        rec = gold[pid]
        path = root / "html" / f"{pid}.html.gz"
        if not path.is_file():
            raise InputError(str(path), "page named in ground-truth.json is missing")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            html = fh.read()
        date = parse_date(rec.get("datePublished"))
        source = "gold" if date else ""
        if date is None and (date := url_date(rec.get("url"))):
            source = "url"
        pages.append(Page(pid, html, rec.get("articleBody", ""), rec.get("url"), date, source))
    return pages


def evaluate(root: Path, systems: list[str] | None = None, limit: int | None = None, rounds: int = 0,
             workers: int = 1) -> tuple[list[SystemResult], str]:
    """Score each system on the same pages in one run; also return what the dates were scored
    against. ``rounds`` > 0: speed from that many timed passes after scoring (see the module's
    docstring); 0: speed from the scoring pass itself (one-time loading included)."""
    pages = load_pages(root, limit)
    results = []
    for name in systems or list(SYSTEMS):
        system = SYSTEMS[name]
        res = SystemResult(name)
        start, wall = time.process_time(), time.perf_counter()
        for page in pages:
            pred = system(page.html, page.url)
            res.counts.append(page_counts(page.body, pred.text))
            if page.date and name not in UNDATED:
                res.dates_total += 1
                res.dates_right += pred.date == page.date
        res.seconds, res.wall = time.process_time() - start, time.perf_counter() - wall
        res.timed_pages = len(pages)
        results.append(res)
    if rounds > 0 and pages:
        from .extraction_speed import timed_rounds

        timed_rounds(results, pages, rounds, workers)
    return results, date_note({p.date_source for p in pages if p.date_source})


def date_note(pages_dated_by: set[str]) -> str:
    if "gold" in pages_dated_by:
        return "date accuracy: against the gold datePublished"
    if "url" in pages_dated_by:
        return ("date accuracy: the gold has no publication dates; scored against the date in the page URL "
                "(pages whose URL has one). htmldate may read that same URL, so this is agreement, not truth")
    return "date accuracy: the gold has no publication dates and no URL carries one: not measured"


def format_table(rows: list[dict]) -> str:
    head = (f"{'system':<16} {'pages':>5}  {'precision':>15}  {'recall':>15}  {'F1':>15}  {'dates':>12}  "
            f"{'pages/cpu-s':>11}  {'pages/s':>7}")
    lines = [head, "-" * len(head)]
    for r in rows:
        dates = f"{r['date_accuracy']:.3f} ({r['dated_pages']})" if r["date_accuracy"] is not None else "n/a"
        lines.append(
            f"{r['system']:<16} {r['pages']:>5}  "
            + "  ".join(f"{r[k]:.4f} ± {r[k + '_ci']:.3f}" for k in ("precision", "recall", "f1"))
            + f"  {dates:>12}  {r['pages_per_second'] or 0:>11.1f}  {r['pages_per_wall_second'] or 0:>7.1f}"
        )
    return "\n".join(lines)


def run(args, config) -> int:
    from ..ingest.html import quiet_extractor_logs

    if not getattr(args, "verbose", False):
        quiet_extractor_logs()
    root = Path(args.dir)
    load_before = os.getloadavg()[0]
    results, note = evaluate(root, args.systems, limit=args.limit, rounds=args.rounds, workers=args.workers)
    load = (load_before, os.getloadavg()[0])
    rows = [r.summary() for r in results]
    turns = "page by page" if args.workers <= 1 else "block by block"
    speed = (f"speed: {args.rounds} timed round(s) after the scoring pass, systems alternating {turns}, "
             f"{args.workers} worker process(es)" if args.rounds else
             "speed: the scoring pass itself (one-time loading on whichever system meets it first)")
    if args.json:
        json.dump({"benchmark": str(root), "scoring": "bag of 4-token \\w+ shingles, macro P/R per page",
                   "date_note": note, "speed": speed, "load_average": load, "results": rows},
                  sys.stdout, indent=2)
        print()
        return 0
    print(format_table(rows))
    print(note)
    print(f"{speed}; load average {load[0]:.2f} -> {load[1]:.2f} on {os.cpu_count()} CPUs")
    by = {r["system"]: r for r in rows}
    sw = by.get("storyweave")
    for peer in ("trafilatura", "trafilatura-text"):
        if not sw or peer not in by:
            continue
        if peer == "trafilatura":
            print(f"storyweave F1 - trafilatura F1 = {sw['f1'] - by[peer]['f1']:+.4f}")
        if sw["pages_per_second"] and by[peer]["pages_per_second"]:
            print(f"speed: storyweave {sw['pages_per_second'] / by[peer]['pages_per_second']:.2f}x {peer}'s pages "
                  f"per CPU second, {sw['pages_per_wall_second'] / by[peer]['pages_per_wall_second']:.2f}x per wall second")
    return 0


def register(evsub) -> None:
    p = evsub.add_parser("extraction", help="HTML main-text extraction: precision/recall/F1, storyweave vs trafilatura")
    p.add_argument("dir", help="benchmark folder: html/<id>.html.gz and ground-truth.json")
    p.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=None, help="which systems (default all)")
    p.add_argument("--rounds", type=int, default=2,
                   help="timed speed passes after scoring, systems alternating (0: time the scoring pass)")
    p.add_argument("--workers", type=int, default=1, help="time each system on a pool of N processes")
    p.set_defaults(func=run)
