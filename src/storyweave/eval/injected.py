"""Injected conflicts on paraphrases: does the brief catch one changed value, and stay quiet otherwise?

An injected-case folder (``../shared/data/injected-dev/``) holds ``manifest.json`` — per story
the JSONL ``file`` of its articles with one value changed, the ``original`` ``{article,
sentence, value}`` and the ``changed`` one — and the JSONL files. Each story is briefed twice:
changed (is the conflict caught?) and untouched, from the stories JSONL (how many conflicts
does the brief report where none was put? Outlets do disagree, so an upper bound on false alarms).
Conflicts are divergences of a conflict kind, counted alike on both sides.

A case is **caught** when one divergence of a conflict kind (``contradiction``, or ``update``
once the brief has it) holds two variants A and B such that

1. A cites the changed article, and A's value (its ``value`` or its surface ``text``) states
   the changed value — numbers compared as numbers ("four" = "4", "1,050,000" = "1.05 million"),
   weekday and month names by name;
2. when A carries its source sentences (``sentences``, or ``evidence`` texts), one of them is
   the changed sentence, split or trimmed as the brief does (80 % of the shorter one's words are
   in the other): a divergence about another figure of the same article — which may even share
   the value — is not the injected one;
3. B cites some article other than the changed one, B does not cite the changed article, and
   B does not state the changed value.

It is caught **exactly** when, moreover, B cites the manifest's original article and states
the original value. Stories split by sorted id: the first half (rounded up) is the part to
tune on, the rest is held out.
"""
from __future__ import annotations

import calendar
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError
from ..nlp.quantities import _NUM, _parse_number

__all__ = ["Case", "CaseResult", "CONFLICT_KINDS", "KINDS", "SPLITS", "is_injected_folder", "load_cases",
           "kind_of_change", "values", "catches", "conflicts", "split_of", "evaluate", "summarize"]

MANIFEST = "manifest.json"
CONFLICT_KINDS = ("contradiction", "update")
KINDS = ("figure", "weekday", "month", "year")
SPLITS = ("tune", "held-out")
_WEEKDAYS = {d.lower() for d in calendar.day_name}
_MONTHS = {m.lower() for m in calendar.month_name if m}
_NUMBER = re.compile(rf"(?<![\w.]){_NUM}(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# a variant's sentence is the changed one when this share of the shorter one's words is in the other
# (on injected-dev the changed sentence scores 1.0 and the article's next best at most 0.64)
_SAME_SENTENCE = 0.8
_MIN_WORDS = 4


@dataclass(frozen=True)
class Case:
    story: str
    file: Path
    original: dict[str, str]  # {article, sentence, value}
    changed: dict[str, str]

    @property
    def kind(self) -> str:
        return kind_of_change(self.original["value"], self.changed["value"])


@dataclass
class CaseResult:
    case: Case
    part: str
    caught: bool = False
    exact: bool = False
    changed_conflicts: int = 0  # conflicts reported on the changed story
    changed_involving: int = 0  # ... of which a variant cites the changed article
    untouched_conflicts: int = 0  # conflicts reported on the same story untouched
    seconds: float = 0.0
    found: list[dict[str, Any]] = field(default_factory=list)  # the conflicts on the changed story, for reading


# ---- cases ---------------------------------------------------------------------------------------------

def is_injected_folder(path: str | Path) -> bool:
    return (Path(path) / MANIFEST).is_file()


def load_cases(folder: str | Path) -> list[Case]:
    """The manifest's cases, sorted by story id, each checked for the fields the scoring reads."""
    folder = Path(folder)
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(str(path), f"cannot read the manifest: {e}") from e
    if not isinstance(data, list):
        raise InputError(str(path), "the manifest is not a list of cases")
    cases = []
    for n, e in enumerate(data):
        where = f"{path}: case {n} ({e.get('story', '?') if isinstance(e, dict) else '?'})"
        if not isinstance(e, dict) or any(k not in e for k in ("story", "file", "original", "changed")):
            raise InputError(where, "needs story, file, original and changed")
        for side in ("original", "changed"):
            if not isinstance(e[side], dict) or any(not e[side].get(k) for k in ("article", "value")):
                raise InputError(where, f"'{side}' needs an article and a value")
        if not (folder / e["file"]).is_file():
            raise InputError(where, f"its file {e['file']} is not in {folder}")
        cases.append(Case(str(e["story"]), folder / e["file"], dict(e["original"]), dict(e["changed"])))
    return sorted(cases, key=lambda c: c.story)


def kind_of_change(original: str, changed: str) -> str:
    """figure | weekday | month | year, from the values themselves."""
    words = {w.lower() for w in _WORD.findall(f"{original} {changed}")}
    if words & _WEEKDAYS:
        return "weekday"
    if words & _MONTHS:
        return "month"
    if all(re.fullmatch(r"(1[0-9]|20)\d\d", v.strip()) for v in (original, changed)):
        return "year"
    return "figure"


def split_of(story_ids: Iterable[str]) -> dict[str, str]:
    """story id -> "tune" | "held-out": sorted ids, the first half (rounded up) to tune on."""
    ids = sorted(story_ids)
    half = (len(ids) + 1) // 2
    return {sid: SPLITS[0] if n < half else SPLITS[1] for n, sid in enumerate(ids)}


# ---- scoring -------------------------------------------------------------------------------------------

def values(text: str, as_written: bool = False) -> frozenset:
    """What a text states, comparable across wordings: numbers as floats ("four" = 4, "1,050,000" =
    "1.05 million"), weekday and month names. ``as_written`` adds each number before its scale
    word, since a manifest value may be the "840" of "$840 million"."""
    out: set = set()
    for m in _NUMBER.finditer(text or ""):
        v = _parse_number(m.group("num"), m.group("half"), m.group("scale"))
        if v is not None:
            out.add(round(v, 6))
        if as_written and m.group("scale"):
            bare = _parse_number(m.group("num"), m.group("half"), None)
            out |= {round(bare, 6)} if bare is not None else set()
    out |= {w for w in (x.lower() for x in _WORD.findall(text or "")) if w in _WEEKDAYS or w in _MONTHS}
    return frozenset(out)


def _states(variant: Any, value: str) -> bool:
    wanted = values(value)
    shown = f"{getattr(variant, 'value', '')} {getattr(variant, 'text', '')}"
    if not wanted:  # a value that is neither a number nor a day or month: as words
        return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", shown, re.IGNORECASE) is not None
    return wanted <= values(shown, as_written=True)


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _source_sentences(variant: Any) -> list[str]:
    """A variant's source sentences: ``sentences``, and the texts of its ``evidence`` when present."""
    out = list(getattr(variant, "sentences", None) or [])
    out += [t for t in (_field(e, "text") for e in getattr(variant, "evidence", None) or []) if t]
    return out


def _is_sentence(candidate: str, sentence: str) -> bool:
    """The same sentence, split or trimmed differently: the shorter one's words mostly in the other."""
    a, b = set(_WORD.findall(candidate.lower())), set(_WORD.findall(sentence.lower()))
    if min(len(a), len(b)) < _MIN_WORDS:
        return bool(a) and bool(b) and (a <= b or b <= a)
    return len(a & b) / min(len(a), len(b)) >= _SAME_SENTENCE


def _about_changed(variant: Any, case: Case) -> bool:
    if case.changed["article"] not in (variant.citations or []) or not _states(variant, case.changed["value"]):
        return False
    sentences = _source_sentences(variant)
    changed_sentence = case.changed.get("sentence") or ""
    return not sentences or not changed_sentence or any(_is_sentence(s, changed_sentence) for s in sentences)


def _against(variant: Any, case: Case, exact: bool) -> bool:
    cites = list(variant.citations or [])
    if not cites or case.changed["article"] in cites or _states(variant, case.changed["value"]):
        return False
    return not exact or (case.original["article"] in cites and _states(variant, case.original["value"]))


def conflicts(brief: Any) -> list[Any]:
    return [d for d in brief.divergences if d.kind in CONFLICT_KINDS]


def catches(divergence: Any, case: Case, exact: bool = False) -> bool:
    """Does this divergence report the injected conflict (see the module's doc for the rule)?"""
    if divergence.kind not in CONFLICT_KINDS:
        return False
    vs = divergence.variants
    return any(_about_changed(a, case) and _against(b, case, exact) for a in vs for b in vs if b is not a)


def _describe(d: Any) -> dict[str, Any]:
    return {"kind": d.kind, "about": d.about,
            "variants": [{"value": v.value, "citations": list(v.citations)} for v in d.variants]}


# ---- the run -------------------------------------------------------------------------------------------

def _read(path: Path, config: Any) -> list[Any]:
    """The articles of a JSONL file, by the ``brief`` command's own reader; a bad line is an error here."""
    from ..ingest.jsonl import read_jsonl
    from ..model import Problem

    try:
        got = list(read_jsonl(path, config))
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e}") from e
    for x in got:
        if isinstance(x, Problem):
            raise InputError(x.item, x.reason)
    return got


def evaluate(folder: str | Path, originals: str | Path, split: str = "all", limit: int = 0,
             pipeline: Any = None) -> list[CaseResult]:
    """One result per case of the chosen part(s), in sorted story order."""
    cases = load_cases(folder)
    parts = split_of(c.story for c in cases)
    chosen = [c for c in cases if split == "all" or parts[c.story] == split]
    chosen = chosen[:limit] if limit else chosen
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline()
    ingest = pipeline.config.ingest
    wanted = {c.story for c in chosen}
    untouched: dict[str, list[Any]] = {s: [] for s in wanted}
    # each article goes into one brief only (briefing fills its cleaned body in place)
    for a in _read(Path(originals), ingest):
        if a.meta.get("story") in wanted:
            untouched[a.meta["story"]].append(a)
    out = []
    for case in chosen:
        if not untouched[case.story]:
            raise InputError(str(originals), f"no articles of story {case.story} (needed for its false alarms)")
        changed = _read(case.file, ingest)
        if case.changed["article"] not in {a.id for a in changed}:
            raise InputError(str(case.file), f"the changed article {case.changed['article']} is not in it")
        r = CaseResult(case, parts[case.story])
        t0 = time.perf_counter()
        found = conflicts(pipeline.brief(changed))
        r.caught = any(catches(d, case) for d in found)
        r.exact = any(catches(d, case, exact=True) for d in found)
        r.changed_conflicts = len(found)
        r.changed_involving = sum(any(case.changed["article"] in v.citations for v in d.variants) for d in found)
        r.found = [_describe(d) for d in found]
        r.untouched_conflicts = len(conflicts(pipeline.brief(untouched[case.story])))
        r.seconds = round(time.perf_counter() - t0, 2)
        out.append(r)
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarize(results: list[CaseResult]) -> dict[str, Any]:
    """The figures of a set of cases: recall per kind of change and in all, and the false-alarm side."""
    by_kind = {}
    for k in KINDS:
        rs = [r for r in results if r.case.kind == k]
        by_kind[k] = {"cases": len(rs), "caught": sum(r.caught for r in rs),
                      "recall": _ratio(sum(r.caught for r in rs), len(rs))}
    n = len(results)
    caught, exact = sum(r.caught for r in results), sum(r.exact for r in results)
    untouched = sum(r.untouched_conflicts for r in results)
    changed, involving = sum(r.changed_conflicts for r in results), sum(r.changed_involving for r in results)
    return {
        "cases": n, "caught": caught, "recall": _ratio(caught, n),
        "exact": exact, "exact_recall": _ratio(exact, n),
        "by_kind": by_kind,
        "untouched_conflicts": untouched, "per_untouched_story": _ratio(untouched, n),
        "changed_conflicts": changed, "changed_involving": involving, "involving_share": _ratio(involving, changed),
        "seconds": round(sum(r.seconds for r in results), 1),
    }
