"""``storyweave eval storylines stories-dev.jsonl``: events linked into storylines, against the
gold storylines of ``eval/storyline_gold.py`` (how they were chosen is written there).

Steps: cluster the file into stories (batch, as ``storyweave cluster``) -> link the stories
into storylines (``stories/storylines.py``) -> name each predicted story by its majority gold
story, and that by its gold storyline -> pairwise precision and recall over the events (two
events in one predicted storyline are a right pair when gold puts them in one storyline),
and whether each right pair is in gold's order. A grid of ``storyline_threshold`` values is
printed beside the configured one, to show how much the figure depends on it.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field

from ..config import Config

GRID = (0.30, 0.35, 0.40, 0.45, 0.50)


@dataclass(slots=True)
class LinkScores:
    threshold: float
    precision: float
    recall: float
    predicted_pairs: int
    gold_pairs: int
    in_order: int  # right pairs whose events are in gold's order
    storylines: int  # with two events or more


@dataclass(slots=True)
class StorylineReport:
    file: str
    stories: int
    events_scored: int
    configured: LinkScores
    grid: list[LinkScores]
    lines: list[list[str]] = field(default_factory=list)  # predicted storylines (2+ events), as gold story ids


def evaluate(path: str, config: Config) -> StorylineReport:
    from ..stories import StoryIndex
    from ..stories.cluster import featurize
    from .stories import load_gold

    arts, gold, _ = load_gold(path, config)
    index = StoryIndex(config.stories)
    index.add([f for batch in featurize(arts, config=config.stories) for f in batch])
    votes: dict[str, Counter] = {}
    for a, g in zip(arts, gold):
        sid = index.assignments.get(a.id)
        if sid:
            votes.setdefault(sid, Counter())[g] += 1
    majority = {sid: c.most_common(1)[0][0] for sid, c in votes.items()}
    configured = _score(index, config.stories, majority)
    grid = [_score(index, dataclasses.replace(config.stories, storyline_threshold=t), majority) for t in GRID]
    return StorylineReport(path, len(majority), len(configured[1]), configured[0], [g[0] for g in grid], configured[2])


def _score(index, params, majority: dict[str, str]):
    from ..stories.storylines import link_storylines, pairwise
    from .storyline_gold import STORYLINES, gold_storyline

    lines = link_storylines(index, params)
    pred = {e.story_id: line.id for line in lines for e in line.events if e.story_id in majority}
    gold = {sid: gl for sid, g in majority.items() if (gl := gold_storyline(g)) is not None}
    p, r, npred, ngold = pairwise(gold, pred)
    rank = {prefix: i for members in STORYLINES.values() for i, prefix in enumerate(members)}
    position = {sid: next((i for pre, i in rank.items() if majority[sid].startswith(pre)), -1) for sid in gold}
    in_order = 0
    shown = []
    for line in lines:
        ids = [e.story_id for e in line.events if e.story_id in gold]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if gold[a] == gold[b] and position[a] < position[b]:
                    in_order += 1
        if len(line.events) > 1:
            shown.append([majority.get(e.story_id, e.story_id)[:14] for e in line.events])
    scores = LinkScores(params.storyline_threshold, p, r, npred, ngold, in_order,
                        sum(1 for line in lines if len(line.events) > 1))
    return scores, gold, shown


def render(report: StorylineReport) -> str:
    head = f"{'threshold':>9} {'pair P':>7} {'pair R':>7} {'pred pairs':>10} {'gold pairs':>10} {'in order':>8} {'storylines':>10}"
    lines = [head, "-" * len(head)]
    for s in [report.configured] + report.grid:
        mark = "  (configured)" if s is report.configured else ""
        lines.append(f"{s.threshold:9.2f} {s.precision:7.3f} {s.recall:7.3f} {s.predicted_pairs:10d} {s.gold_pairs:10d} "
                     f"{s.in_order:8d} {s.storylines:10d}{mark}")
    lines.append(f"{report.file}: {report.stories} stories, {report.events_scored} scored as events")
    lines.append("predicted storylines (events in order, by majority gold story):")
    lines += ["  " + " -> ".join(ids) for ids in report.lines]
    return "\n".join(lines)


def _run(args, config: Config) -> int:
    report = evaluate(args.file, config)
    print(json.dumps(asdict(report), indent=2) if args.json else render(report))
    if args.min_precision is not None and report.configured.precision < args.min_precision:
        print(f"storyweave: pairwise precision {report.configured.precision:.3f} is below {args.min_precision}",
              file=sys.stderr)
        return 1
    return 0


def register(evsub) -> None:
    p = evsub.add_parser("storylines", help="storylines: events linked in order, pairwise precision/recall")
    p.add_argument("file", metavar="FILE.jsonl", help="stories-dev.jsonl (the gold storylines name its stories)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--min-precision", type=float, default=None, help="exit 1 when pairwise precision is below this")
    p.set_defaults(func=_run)
