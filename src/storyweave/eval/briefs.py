"""``storyweave eval briefs GOLD.json STORIES.jsonl``: a brief scored against hand-made gold.

The gold (``../shared/data/briefs-dev-gold.json``, its ``note`` gives the schema) holds, per
story, every direct quote of five words or more with its speaker, dated events, facts only
one outlet reports and facts several outlets agree on, each as a regex over the system's
output text. For each gold story we group STORIES.jsonl by its ``story`` field, build the
brief, and count:

- quotes: recall (a brief quote citing one of the gold's articles matches the pattern);
  speaker precision (of found quotes with a speaker given, how many name the gold speaker
  or one of its aliases; a name given to a quote the gold calls anonymous is wrong) and
  speaker recall (of gold quotes whose speaker the text gives, how many found with it);
- timeline: gold dated events found with the right date (a timeline entry citing one of the
  event's articles whose text matches), and those found only with a date in another year;
- unique facts: gold unique facts found, and reported unique facts that the gold says
  another outlet also reports (a sentence matching a gold agreement in the cited article);
- agreements: gold agreements found (an agreement citing, for two of the gold's articles, a
  sentence matching that article's pattern), and the matching article pairs over all pairs.

The gold stories split by sorted id: the first half is the part to tune on, the rest is held
out; both are reported apart (a figure measured on what one tuned on is not a result).
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .brief_scores import Counts, score_story

__all__ = ["Counts", "Result", "load_gold", "split_of", "score_story", "evaluate", "register"]

SPLITS = ("tune", "held-out")
# ---- gold --------------------------------------------------------------------------------------------

def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold stories, each checked for the fields the scoring reads."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(str(path), f"cannot read the gold: {e}") from e
    stories = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(stories, list):
        raise InputError(str(path), "the gold has no 'stories' list")
    for n, s in enumerate(stories):
        missing = [k for k in ("story", "quotes", "timeline", "unique", "agreements") if k not in s]
        if missing:
            raise InputError(f"{path}: story {n} ({s.get('story', '?')})", f"missing {', '.join(missing)}")
        for q in s["quotes"]:
            try:
                re.compile(q["pattern"])
            except (KeyError, re.error) as e:
                raise InputError(f"{path}: {s['story']}", f"bad quote pattern {q.get('pattern')!r}: {e}") from e
    return stories


def split_of(story_ids: list[str]) -> dict[str, str]:
    """story id -> "tune" | "held-out": sorted ids, the first half to tune on, the rest held out."""
    ids = sorted(story_ids)
    half = len(ids) // 2
    return {sid: SPLITS[0] if n < half else SPLITS[1] for n, sid in enumerate(ids)}


def _load_articles(path: Path, wanted: set[str]) -> dict[str, list[Any]]:
    from ..ingest.jsonl import record_to_article

    out: dict[str, list[Any]] = defaultdict(list)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), f"cannot read the stories: {e}") from e
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise InputError(f"{path}:{n}", f"not valid JSON ({e})") from e
            if isinstance(rec, dict) and rec.get("story") in wanted:
                out[rec["story"]].append(record_to_article(rec, f"{path}:{n}", f"{rec['story']}:{n}"))
    return out


# ---- scoring -----------------------------------------------------------------------------------------

def _select(gold: list[dict[str, Any]], stories: str | None, split: str) -> list[tuple[dict[str, Any], str]]:
    parts = split_of([g["story"] for g in gold])
    chosen = [(g, parts[g["story"]]) for g in gold]
    if stories:
        wanted = [w.strip() for w in stories.split(",") if w.strip()]
        for w in wanted:
            if not any(g["story"].startswith(w) for g, _ in chosen):
                raise InputError(w, "no gold story has this id (or id prefix)")
        chosen = [(g, p) for g, p in chosen if any(g["story"].startswith(w) for w in wanted)]
    if split != "all":
        chosen = [(g, p) for g, p in chosen if p == split]
    return sorted(chosen, key=lambda gp: gp[0]["story"])


@dataclass
class Result:
    parts: dict[str, Counts]  # "tune" / "held-out" -> the sum over its stories
    stories: dict[str, tuple[str, Counts]]  # story id -> (its part, its counts)


def evaluate(gold_path: str | Path, stories_path: str | Path, stories: str | None = None, split: str = "all",
             pipeline: Any = None) -> Result:
    """Counts per part ("tune", "held-out") and per story, for the chosen gold stories."""
    chosen = _select(load_gold(gold_path), stories, split)
    articles = _load_articles(Path(stories_path), {g["story"] for g, _ in chosen})
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    out = Result({}, {})
    for g, part in chosen:
        arts = articles.get(g["story"])
        if not arts:
            raise InputError(str(stories_path), f"no articles of gold story {g['story']}")
        t0 = time.perf_counter()
        brief = pipeline.brief(arts)
        c = score_story(g, brief)
        c.seconds = round(time.perf_counter() - t0, 2)
        out.stories[g["story"]] = (part, c)
        out.parts.setdefault(part, Counts()).add(c)
    out.parts = {p: out.parts[p] for p in SPLITS if p in out.parts}
    return out


# ---- command -----------------------------------------------------------------------------------------

def register(evsub) -> None:
    p = evsub.add_parser("briefs", help="score briefs against hand-made gold: quotes and speakers, timeline, "
                                        "unique facts, agreements")
    p.add_argument("gold", help="gold JSON (format of ../shared/data/briefs-dev-gold.json)")
    p.add_argument("stories", help="JSONL articles with a 'story' field (the gold's stories among them)")
    p.add_argument("--stories", dest="only", metavar="ID,ID", help="score only these gold stories (ids or id prefixes)")
    p.add_argument("--split", choices=("tune", "held-out", "all"), default="all",
                   help="sorted gold ids: first half 'tune', second half 'held-out' (default: both, reported apart)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--misses", action="store_true", help="list what was missed or wrong under the table")
    p.set_defaults(func=run)


_ROWS = (
    ("quote recall", "quotes_found", "quotes"),
    ("speaker precision", "speakers_right", "speakers_given"),
    ("speaker recall", "speakers_recalled", "speakers_known"),
    ("timeline (right date)", "timeline_right", "timeline"),
    ("timeline (wrong year)", "timeline_wrong_year", "timeline"),
    ("unique facts found", "unique_found", "unique"),
    ("unique, yet gold agrees", "unique_false", "unique_reported"),
    ("agreements found", "agreements_found", "agreements"),
    ("agreement pairs found", "agreement_pairs_found", "agreement_pairs"),
    ("agreement citations right", "cited_right", "cited_checkable"),
)


def run(args, config) -> int:
    from ..pipeline import Pipeline

    t0 = time.perf_counter()
    result = evaluate(args.gold, args.stories, args.only, args.split, Pipeline(config))
    parts = result.parts
    if args.format == "json":
        print(json.dumps({
            "gold": str(args.gold),
            "split": {p: [k for k, (q, _) in result.stories.items() if q == p] for p in parts},
            "parts": {p: {**c.ratios(), **_plain_counts(c)} for p, c in parts.items()},
            "stories": {k: {"part": p, **c.ratios(), **_plain_counts(c)} for k, (p, c) in result.stories.items()},
            "misses": [m for c in parts.values() for m in c.misses],
            "seconds": round(time.perf_counter() - t0, 1),
        }, indent=1))
        return 0
    width = 26
    print(f"briefs against {Path(args.gold).name}: " + "; ".join(
        f"{p} {c.stories} stories" for p, c in parts.items()))
    print(f"{'':<{width}}" + "".join(f"{p:>18}" for p in parts))
    for label, num, den in _ROWS:
        cells = []
        for p in parts:
            a, b = getattr(parts[p], num), getattr(parts[p], den)
            cells.append(f"{(f'{a / b:.2f}' if b else '-'):>6} ({a:>3}/{b:<3})")
        print(f"{label:<{width}}" + "".join(f"{c:>18}" for c in cells))
    if args.misses:
        for p, c in parts.items():
            for m in c.misses:
                print(f"  [{p}] {m['story'][:14]} {m['part']:<9} {m['why']:<14} {m['pattern'][:40]!r} "
                      f"gold={m['gold']!r} got={m['got']!r}", file=sys.stdout)
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


def _plain_counts(c: Counts) -> dict[str, Any]:
    return {k: v for k, v in asdict(c).items() if k != "misses"}
