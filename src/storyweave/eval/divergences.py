"""``storyweave eval divergences DIR|FILE.jsonl``: does the brief catch a conflict put into a story?

Two modes. **A folder with manifest.json** (``../shared/data/injected-dev``): cases injected
beforehand, on paraphrases, scored by ``storyweave.eval.injected`` (what counts as caught is
defined there), with false alarms taken on the same stories untouched; results per split
(sorted ids, first half "tune", the rest "held-out"). **A stories JSONL**: conflicts injected
here — for every story (records grouped by their gold ``story`` field) we find facts that two
outlets report with the same figure, weekday or scene ("in Beijing") — sentences of one
fact group — change it in one outlet's text, and run the brief. Such a change nearly copies the
other outlet's sentence, so this mode overstates recall on real paraphrases. A conflict counts
as caught when a contradiction puts the changed outlet on one side and another outlet on the
other. In both modes the untouched stories give the false-alarm side: conflicts reported where
we put none (real disagreements between outlets exist too, so an upper bound on false alarms).

Agreements and unique facts against ``briefs-dev-gold.json`` are scored by ``storyweave eval
briefs`` (``storyweave.eval.briefs``), not here.
"""
from __future__ import annotations

import copy
import json
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_WORD_SWAP = {"two": "five", "three": "seven", "four": "nine", "five": "eight", "six": "eleven", "seven": "twelve",
              "eight": "fifteen", "nine": "fourteen", "ten": "seventeen", "twelve": "twenty"}
# the scene of a fact: "in Beijing", "at Dunmore" (a capitalised place after in/at)
_SCENE = r"\b(?:in|at)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b"
_CITIES = ["Rotterdam", "Valencia", "Osaka", "Porto Alegre", "Gdansk", "Winnipeg"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Injection:
    story: str
    article: str  # the article whose text was changed
    other: str  # an outlet that still reports the original
    kind: str
    before: str
    after: str


def register(evsub) -> None:
    p = evsub.add_parser("divergences", help="measure how many conflicts the brief catches: cases injected into a "
                                             "folder (manifest.json), or injected here into a stories JSONL")
    p.add_argument("file", help="an injected-case folder (manifest.json + one JSONL per story, as "
                                "../shared/data/injected-dev), or JSONL articles with a gold 'story' field")
    p.add_argument("--originals", metavar="JSONL",
                   help="folder mode: the untouched stories, for false alarms (default: stories-dev.jsonl beside the folder)")
    p.add_argument("--split", choices=("tune", "held-out", "all"), default="all",
                   help="folder mode: sorted story ids, first half (rounded up) 'tune', the rest 'held-out' "
                        "(default: both, reported apart)")
    p.add_argument("--misses", action="store_true", help="folder mode: list the cases not caught under the table")
    p.add_argument("--per-story", type=int, default=2, help="JSONL mode: conflicts injected per story (default 2)")
    p.add_argument("--limit", type=int, default=0, help="only the first N stories (of the chosen split)")
    p.add_argument("--seed", type=int, default=13, help="JSONL mode: which sentences are changed")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--json", dest="format", action="store_const", const="json", help="the same as --format json")
    p.set_defaults(func=run)


def run(args, config) -> int:
    from .injected import is_injected_folder

    if Path(args.file).is_dir():
        if not is_injected_folder(args.file):
            raise InputError(args.file, "a folder must hold manifest.json (an injected-case folder, as injected-dev)")
        return _run_injected(args, config)
    return _run_synthetic(args, config)


def _run_injected(args, config) -> int:
    from ..pipeline import Pipeline
    from .injected import KINDS, SPLITS, evaluate, summarize

    folder = Path(args.file)
    originals = Path(args.originals) if args.originals else folder.parent / "stories-dev.jsonl"
    if not originals.is_file():
        raise InputError(str(originals), "the untouched stories are needed for false alarms: give --originals JSONL")
    t0 = time.perf_counter()
    results = evaluate(folder, originals, args.split, args.limit, Pipeline(config).warm_up())
    parts = {p: summarize([r for r in results if r.part == p]) for p in SPLITS if any(r.part == p for r in results)}
    if args.format == "json":
        print(json.dumps({
            "folder": str(folder), "originals": str(originals),
            "split": {p: [r.case.story for r in results if r.part == p] for p in parts},
            "parts": parts,
            "stories": {r.case.story: {"part": r.part, "kind": r.case.kind, "original": r.case.original["value"],
                                       "changed": r.case.changed["value"], "caught": r.caught, "exact": r.exact,
                                       "untouched_conflicts": r.untouched_conflicts,
                                       "changed_conflicts": r.changed_conflicts,
                                       "changed_involving": r.changed_involving, "seconds": r.seconds,
                                       "conflicts": r.found} for r in results},
            "seconds": round(time.perf_counter() - t0, 1),
        }, indent=1))
        return 0
    print(f"injected conflicts in {folder.name}: " + "; ".join(f"{p} {s['cases']} stories" for p, s in parts.items())
          + f" (false alarms on the same stories untouched, from {originals.name})")
    rows = [(f"recall: {k}", lambda s, k=k: (s["by_kind"][k]["caught"], s["by_kind"][k]["cases"])) for k in KINDS]
    rows += [("recall: all", lambda s: (s["caught"], s["cases"])),
             ("  exactly the pair", lambda s: (s["exact"], s["cases"])),
             ("conflicts per untouched story", lambda s: (s["untouched_conflicts"], s["cases"])),
             ("conflicts on the changed article", lambda s: (s["changed_involving"], s["changed_conflicts"]))]
    print(f"{'':<34}" + "".join(f"{p:>16}" for p in parts))
    for label, get in rows:
        print(f"{label:<34}" + "".join(f"{_cell(*get(s)):>16}" for s in parts.values()))
    if args.misses:
        for r in results:
            if not r.caught:
                print(f"  missed [{r.part}] {r.case.story[:24]:<24} {r.case.kind:<8} "
                      f"{r.case.original['value']!r} -> {r.case.changed['value']!r}; conflicts found: "
                      + ("; ".join(f"{d['about'][:50]!r}" for d in r.found) or "none"))
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


def _cell(a: int, b: int) -> str:
    return f"{(f'{a / b:.2f}' if b else '-'):>5} ({a:>2}/{b:<2})"


def _changed_number(text: str) -> str | None:
    m = re.search(r"\d[\d,]*(\.\d+)?", text)
    if m:
        v = float(m.group(0).replace(",", ""))
        new = v * 1.5 + 1 if v < 1000 else v * 1.6
        new_s = f"{new:,.0f}" if "," in m.group(0) or v >= 1000 else (f"{new:g}" if "." in m.group(0) else str(int(new)))
        return text[: m.start()] + new_s + text[m.end():]
    for w, r in _WORD_SWAP.items():
        m = re.search(rf"\b{w}\b", text, re.IGNORECASE)
        if m:
            rep = r.capitalize() if m.group(0)[0].isupper() else r
            return text[: m.start()] + rep + text[m.end():]
    return None


def _is_place(word: str, text: str, nlp) -> bool:
    """spaCy calls it a place in this sentence (not "in July", not "in Congress")."""
    if nlp is None:
        return False
    return any(e.text == word and e.label_ in ("GPE", "LOC", "FAC") for e in nlp(text).ents)


def candidates(analysis, nlp=None) -> list[tuple[int, int, str, str, str]]:
    """(sentence to change, sentence of another outlet, kind, old span, new span) for same-fact pairs."""
    from ..nlp.places import level
    from ..nlp.quantities import find_quantities

    out = []
    for members in analysis.groups:
        arts = {analysis.sentences[i].article_id for i in members}
        if len(arts) < 2:
            continue
        for x in members:
            for y in members:
                sx, sy = analysis.sentences[x], analysis.sentences[y]
                if sx.article_id >= sy.article_id:
                    continue
                qx = {(q.kind, q.value): q for q in find_quantities(sx.text)}
                for q in find_quantities(sy.text):
                    if (q.kind, q.value) in qx:
                        new = _changed_number(q.text)
                        if new:
                            out.append((y, x, "number", q.text, new))
                px = set(re.findall(_SCENE, sx.text))
                for place in re.findall(_SCENE, sy.text):
                    if place in px and level(place) == "local" and _is_place(place, sy.text, nlp):
                        new_place = next(c for c in _CITIES if c not in sy.text and c not in sx.text)
                        out.append((y, x, "place", place, new_place))
                dx = set(re.findall(r"\b(" + "|".join(_DAYS) + r")\b", sx.text))
                for d in re.findall(r"\b(" + "|".join(_DAYS) + r")\b", sy.text):
                    if d in dx:
                        new_day = _DAYS[(_DAYS.index(d) + 2) % 7]
                        out.append((y, x, "weekday", d, new_day))
    return out


def _run_synthetic(args, config) -> int:
    from ..ingest.jsonl import record_to_article
    from ..pipeline import Pipeline

    path = Path(args.file)
    stories: dict[str, list[dict]] = defaultdict(list)
    with path.open() as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rec = json.loads(line)
                if "story" not in rec:
                    print(f"storyweave: {path}:{n}: no gold 'story' field; skipped", file=sys.stderr)
                    continue
                stories[rec["story"]].append(rec)
    items = [(k, v) for k, v in stories.items() if len({r.get("outlet") or r.get("id") for r in v}) >= 2]
    if args.limit:
        items = items[: args.limit]
    rng = random.Random(args.seed)
    pipe = Pipeline(config).warm_up()
    injected = caught = 0
    alarms = 0
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    t0 = time.perf_counter()
    misses = []
    for sid, recs in items:
        arts = [record_to_article(r, f"{path}:{sid}", str(r.get("id"))) for r in recs]
        base = pipe.brief(copy.deepcopy(arts))
        alarms += sum(1 for d in base.divergences if d.kind == "contradiction")
        an = pipe.analyse(copy.deepcopy(arts))
        cands = candidates(an, pipe.models.spacy)
        rng.shuffle(cands)
        used_sentences: set[int] = set()
        done = 0
        for y, x, kind, old, new in cands:
            if done >= args.per_story or y in used_sentences:
                continue
            used_sentences.add(y)
            target = an.sentences[y].article_id
            other = an.sentences[x].article_id
            changed = copy.deepcopy(arts)
            art = next(a for a in changed if a.id == target)
            sent = an.sentences[y].text
            pos = art.text.find(old, art.text.find(sent[:40]) if sent[:40] in art.text else 0)
            if pos < 0:
                continue
            art.text = art.text[:pos] + new + art.text[pos + len(old):]
            brief = pipe.brief(changed)
            # caught: a contradiction that sets the changed outlet against another outlet
            # (the one we paired it with, or any other that reports the fact)
            hit = any(
                d.kind == "contradiction"
                and any(target in v.citations for v in d.variants)
                and any(target not in v.citations and v.citations for v in d.variants)
                for d in brief.divergences
            )
            injected += 1
            caught += hit
            by_kind[kind][0] += 1
            by_kind[kind][1] += hit
            done += 1
            if not hit:
                misses.append({"story": sid, "kind": kind, "before": old, "after": new, "sentence": sent[:160]})
    secs = time.perf_counter() - t0
    result = {
        "stories": len(items),
        "injected": injected,
        "caught": caught,
        "recall": round(caught / injected, 3) if injected else None,
        "by_kind": {k: {"injected": v[0], "caught": v[1]} for k, v in by_kind.items()},
        "contradictions_in_untouched_stories": alarms,
        "per_story": round(alarms / len(items), 2) if items else None,
        "seconds": round(secs, 1),
    }
    if args.format == "json":
        print(json.dumps({**result, "misses": misses}, indent=1))
        return 0
    print(f"conflict injection on {result['stories']} stories ({path.name}), {args.per_story} per story, seed {args.seed}")
    print(f"{'kind':<10}{'injected':>10}{'caught':>8}{'recall':>8}")
    for k, (n, c) in sorted(by_kind.items()):
        print(f"{k:<10}{n:>10}{c:>8}{c / n if n else 0:>8.2f}")
    print(f"{'all':<10}{injected:>10}{caught:>8}{(caught / injected if injected else 0):>8.2f}")
    print(f"contradictions reported in the untouched stories: {alarms} ({result['per_story']} per story; "
          "an upper bound on false alarms, since outlets do disagree)")
    print(f"{secs:.0f} s")
    return 0
