"""``storyweave eval storylines stories-dev.jsonl``: events linked into storylines, against the
gold storylines of ``eval/storyline_gold.py`` (how they were chosen is written there).

Steps: cluster the file into stories (batch, as ``storyweave cluster``) -> link the stories
into storylines (``stories/storylines.py``) -> name each predicted story by its majority gold
story, and that by its gold storyline -> pairwise precision and recall over the events (two
events in one predicted storyline are a right pair when gold puts them in one storyline),
and whether each right pair is in gold's order, and how many of gold's look-alike pairs
(``HARD_NEGATIVES``) were linked. A grid of ``storyline_threshold`` values is printed beside
the configured one, to show how much the figure depends on it.

Split (``--split``), as ``storyweave eval stories`` splits the file: the gold story ids sorted,
first half *tune*, second half *held-out*. All stories are clustered and linked together (a
storyline is found in the whole stream); a part's score counts the pairs with at least one
event in that part, so a false link across parts counts against both. Tune on ``tune``;
report ``held-out``.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field

from ..config import Config

GRID = (0.30, 0.35, 0.40, 0.45, 0.50)
SPLITS = ("tune", "held-out", "all")


@dataclass(slots=True)
class LinkScores:
    threshold: float
    precision: float
    recall: float
    predicted_pairs: int
    gold_pairs: int
    in_order: int  # right pairs whose events are in gold's order
    storylines: int  # with two events or more
    hard_negatives: int = 0  # look-alike pairs of gold's HARD_NEGATIVES linked (each a false pair)


@dataclass(slots=True)
class StorylineReport:
    file: str
    split: str
    stories: int
    events_scored: int
    configured: LinkScores
    grid: list[LinkScores]
    lines: list[list[str]] = field(default_factory=list)  # predicted storylines (2+ events), as gold story ids


def evaluate(path: str, config: Config, split: str = "all") -> StorylineReport:
    from ..stories import StoryIndex
    from ..stories.cluster import featurize
    from .stories import load_gold, part_of

    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    arts, gold, _ = load_gold(path, config)
    parts = part_of(gold)
    index = StoryIndex(config.stories)
    index.add([f for batch in featurize(arts, config=config.stories) for f in batch])
    votes: dict[str, Counter] = {}
    for a, g in zip(arts, gold):
        sid = index.assignments.get(a.id)
        if sid:
            votes.setdefault(sid, Counter())[g] += 1
    majority = {sid: c.most_common(1)[0][0] for sid, c in votes.items()}
    inside = {sid for sid, g in majority.items() if split == "all" or parts[g] == split}
    configured = _score(index, config.stories, majority, inside)
    grid = [_score(index, dataclasses.replace(config.stories, storyline_threshold=t), majority, inside) for t in GRID]
    return StorylineReport(path, split, len(majority), len(configured[1]), configured[0], [g[0] for g in grid],
                           configured[2])


def _score(index, params, majority: dict[str, str], inside: set[str]):
    """Pairs with at least one event in ``inside`` (the predicted stories of the part scored)."""
    from ..stories.storylines import link_storylines
    from .storyline_gold import STORYLINES, gold_storyline, hard_negative

    lines = link_storylines(index, params)
    pred = {e.story_id: line.id for line in lines for e in line.events if e.story_id in majority}
    gold = {sid: gl for sid, g in majority.items() if (gl := gold_storyline(g)) is not None}
    keys = sorted(set(gold) & set(pred))
    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:] if a in inside or b in inside]
    pred_pairs = {(a, b) for a, b in pairs if pred[a] == pred[b]}
    gold_pairs = {(a, b) for a, b in pairs if gold[a] == gold[b]}
    hit = len(pred_pairs & gold_pairs)
    p = hit / len(pred_pairs) if pred_pairs else 1.0
    r = hit / len(gold_pairs) if gold_pairs else 1.0
    hard = sum(1 for a, b in pred_pairs if hard_negative(majority[a], majority[b]))
    rank = {prefix: i for members in STORYLINES.values() for i, prefix in enumerate(members)}
    position = {sid: next((i for pre, i in rank.items() if majority[sid].startswith(pre)), -1) for sid in gold}
    in_order = 0
    shown = []
    for line in lines:
        ids = [e.story_id for e in line.events if e.story_id in gold]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if (a in inside or b in inside) and gold[a] == gold[b] and position[a] < position[b]:
                    in_order += 1
        if len(line.events) > 1 and any(e.story_id in inside for e in line.events):
            shown.append([majority.get(e.story_id, e.story_id)[:14] for e in line.events])
    scores = LinkScores(params.storyline_threshold, p, r, len(pred_pairs), len(gold_pairs), in_order,
                        sum(1 for line in lines if len(line.events) > 1 and any(e.story_id in inside for e in line.events)),
                        hard)
    return scores, {k: v for k, v in gold.items() if k in inside}, shown


def render(report: StorylineReport) -> str:
    head = (f"{'threshold':>9} {'pair P':>7} {'pair R':>7} {'pred pairs':>10} {'gold pairs':>10} {'in order':>8} "
            f"{'storylines':>10} {'hard neg':>8}")
    lines = [head, "-" * len(head)]
    for s in [report.configured] + report.grid:
        mark = "  (configured)" if s is report.configured else ""
        lines.append(f"{s.threshold:9.2f} {s.precision:7.3f} {s.recall:7.3f} {s.predicted_pairs:10d} {s.gold_pairs:10d} "
                     f"{s.in_order:8d} {s.storylines:10d} {s.hard_negatives:8d}{mark}")
    lines.append(f"{report.file}, split {report.split}: {report.stories} stories, "
                 f"{report.events_scored} scored as events in the part")
    lines.append("predicted storylines (events in order, by majority gold story):")
    lines += ["  " + " -> ".join(ids) for ids in report.lines]
    return "\n".join(lines)


def _run(args, config: Config) -> int:
    report = evaluate(args.file, config, split=args.split)
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
    p.add_argument("--split", choices=SPLITS, default="all",
                   help="sorted gold story ids: first half tune, second half held-out (as eval stories)")
    p.add_argument("--min-precision", type=float, default=None, help="exit 1 when pairwise precision is below this")
    p.set_defaults(func=_run)
