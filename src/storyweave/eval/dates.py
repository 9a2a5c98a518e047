"""``storyweave eval dates DIR``: date expressions and their values against TimeML gold.

Reads TempEval-3 style ``.tml`` files (searched recursively): the document creation time in
``<DCT><TIMEX3 value=...>``, inline ``<TIMEX3 tid type value>`` in ``<TEXT>``. For DATE and
TIME expressions it scores, as TempEval-3 defines them:

- spans, relaxed (a system expression matches a gold one it overlaps; one to one) and strict
  (same offsets): precision, recall, F1;
- value accuracy on the relaxed matches, and value F1 (a match with the right value counts,
  over all system and all gold expressions).

Splits are fixed by file path: the sorted paths, even positions = ``tune``, odd = ``held-out``.
Tune on the first, report the second.

Scope: some corpora annotate only the start of each document (MEANTIME: the title and the
first sentences). By default only the corpus's annotated extent is scored, the first N
non-empty lines where N is the furthest line any gold expression of the corpus stands on
(``--lines 0`` scores whole texts). A line that only restates the creation time (a
dateline: a line that is only a date) is the DCT, which TempEval-3 leaves out of the scores:
it is not scored either.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputError

SCORED_TYPES = ("DATE", "TIME")
SPLITS = ("tune", "held-out")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(slots=True)
class TimemlDoc:
    doc: str  # path relative to the corpus folder
    dct: dt.date | None
    text: str  # the TEXT element's plain text
    gold: list[Timex] = field(default_factory=list)


# ---- reading ------------------------------------------------------------------------------------

def _parse_dct(value: str, surface: str) -> dt.date | None:
    """The creation day from a DCT value (``2008-03-01``, ``2008-03-01T09:00``, ``03-02-2009``)
    or, failing that, from its written form."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if m is None:
        m2 = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)  # day first, as some conversions write it
        m = m2 and re.match(r"(\d{4})-(\d\d)-(\d\d)", f"{m2.group(3)}-{m2.group(2)}-{m2.group(1)}")
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    from ..nlp.dates.anchors import written_day

    return written_day(re.sub(r"\s+,", ",", surface))


def read_timeml(path: Path, root: Path) -> TimemlDoc:
    try:
        tree = ET.parse(path)
    except (ET.ParseError, OSError) as e:
        raise InputError(str(path), f"not a readable TimeML file ({e})") from e
    text_el = tree.getroot().find(".//TEXT")
    if text_el is None:
        raise InputError(str(path), "no <TEXT> element")
    dct_el = tree.getroot().find(".//DCT/TIMEX3")
    dct = _parse_dct(dct_el.get("value", ""), "".join(dct_el.itertext())) if dct_el is not None else None
    parts: list[str] = []
    gold: list[Timex] = []
    size = 0

    def walk(el: ET.Element) -> None:
        nonlocal size
        start = size
        if el.text:
            parts.append(el.text)
            size += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                size += len(child.tail)
        if el.tag == "TIMEX3":
            gold.append(Timex(start, size, el.get("type", ""), el.get("value", ""), "".join(parts)[start:size]))

    walk(text_el)
    return TimemlDoc(path.relative_to(root).as_posix(), dct, "".join(parts), sorted(gold, key=lambda t: t.start))


def find_documents(root: Path) -> list[Path]:
    if not root.is_dir():
        raise InputError(str(root), "not a folder of TimeML (.tml) files")
    paths = sorted(root.rglob("*.tml"), key=lambda p: p.relative_to(root).as_posix())
    if not paths:
        raise InputError(str(root), "no .tml files found (searched recursively)")
    return paths


def split_of(position: int) -> str:
    """Fixed by the sorted path: even positions tune, odd ones are held out."""
    return SPLITS[position % 2]


# ---- system output --------------------------------------------------------------------------------

def system(doc: TimemlDoc) -> list[Timex]:
    from ..nlp.dates import find_dates

    return [Timex(m.start, m.end, m.type, m.value, m.surface) for m in find_dates(doc.text, doc.dct, every=True)]


# ---- scope ----------------------------------------------------------------------------------------

def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def annotated_extent(docs: list[TimemlDoc]) -> int:
    """The furthest non-empty line (1-based) on which any gold expression of the corpus stands."""
    furthest = 0
    for d in docs:
        lines = _lines(d.text)
        for g in d.gold:
            n = next((i for i, (s, e) in enumerate(lines) if s <= g.start < e), 0)
            furthest = max(furthest, n + 1)
    return furthest


def scored_region(doc: TimemlDoc, lines: int) -> list[tuple[int, int]]:
    """The (start, end) ranges scored: the first ``lines`` non-empty lines (all when 0), less datelines."""
    from ..nlp.dates import find_dates

    keep = []
    for s, e in _lines(doc.text)[: lines or None]:
        line = doc.text[s:e].strip()
        found = find_dates(re.sub(r"\s+,", ",", line), None)
        if len(found) == 1 and found[0].granularity == "day" and len(found[0].surface) >= len(line) - 2:
            continue  # a dateline: a line that is only a date, the DCT again
        keep.append((s, e))
    return keep


def _inside(t: Timex, region: list[tuple[int, int]]) -> bool:
    return any(s <= t.start < e for s, e in region)


# ---- scoring --------------------------------------------------------------------------------------

@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    matched: int = 0  # relaxed: overlapping spans
    strict: int = 0  # same offsets
    value_right: int = 0  # relaxed matches with the gold value
    docs: int = 0

    def add(self, other: "Counts") -> None:
        for k in ("gold", "system", "matched", "strict", "value_right", "docs"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def scores(self) -> dict[str, float | int | None]:
        def prf(hit: int) -> tuple[float | None, float | None, float | None]:
            p = hit / self.system if self.system else None
            r = hit / self.gold if self.gold else None
            f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
            return p, r, f

        sp, sr, sf = prf(self.matched)
        _, _, strict_f = prf(self.strict)
        vp, vr, vf = prf(self.value_right)
        return {"docs": self.docs, "gold": self.gold, "system": self.system, "matched": self.matched,
                "span_precision": sp, "span_recall": sr, "span_f1": sf, "strict_span_f1": strict_f,
                "value_accuracy": self.value_right / self.matched if self.matched else None,
                "value_precision": vp, "value_recall": vr, "value_f1": vf}


def match(gold: list[Timex], found: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matches: each gold expression with the free system one it overlaps most."""
    pairs: list[tuple[Timex, Timex]] = []
    used: set[int] = set()
    for g in gold:
        best, best_overlap = None, 0
        for k, s in enumerate(found):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if k not in used and overlap > best_overlap:
                best, best_overlap = k, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, found[best]))
    return pairs


def score_doc(doc: TimemlDoc, found: list[Timex], region: list[tuple[int, int]]) -> tuple[Counts, dict]:
    gold = [g for g in doc.gold if g.type in SCORED_TYPES and _inside(g, region)]
    sys_ = [s for s in found if s.type in SCORED_TYPES and _inside(s, region)]
    pairs = match(gold, sys_)
    c = Counts(gold=len(gold), system=len(sys_), matched=len(pairs), docs=1,
               strict=sum(1 for g, s in pairs if (g.start, g.end) == (s.start, s.end)),
               value_right=sum(1 for g, s in pairs if g.value == s.value))
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    errors = {"missed": [asdict(g) for g in gold if id(g) not in matched_g],
              "spurious": [asdict(s) for s in sys_ if id(s) not in matched_s],
              "wrong_value": [{"gold": asdict(g), "system": asdict(s)} for g, s in pairs if g.value != s.value]}
    return c, errors


def evaluate(root: Path, split: str = "all", lines: int | None = None) -> dict:
    """Scores per split (and over all) for the corpus under ``root``; ``lines``: None = the
    corpus's annotated extent, 0 = whole texts."""
    paths = find_documents(root)
    docs = [read_timeml(p, root) for p in paths]
    extent = annotated_extent(docs) if lines is None else lines
    totals = {name: Counts() for name in (*SPLITS, "all")}
    errors: dict[str, dict] = {}
    for pos, doc in enumerate(docs):
        part = split_of(pos)
        if split != "all" and part != split:
            continue
        c, err = score_doc(doc, system(doc), scored_region(doc, extent))
        totals[part].add(c)
        totals["all"].add(c)
        errors[doc.doc] = {"split": part, "dct": doc.dct.isoformat() if doc.dct else None, **err}
    shown = SPLITS + ("all",) if split == "all" else (split,)
    return {"lines": extent, "splits": {k: totals[k].scores() for k in shown}, "errors": errors}


# ---- the command ----------------------------------------------------------------------------------

def register(evsub) -> None:
    p = evsub.add_parser("dates", help="date expressions and TimeML values against TempEval-3 style .tml gold")
    p.add_argument("folder", help="a folder of .tml files (searched recursively)")
    p.add_argument("--split", choices=("tune", "held-out", "all"), default="all",
                   help="sorted paths: even positions tune, odd held-out (default: both, and all)")
    p.add_argument("--lines", type=int, default=None,
                   help="score only the first N non-empty lines of each text (default: the corpus's annotated "
                        "extent; 0: whole texts)")
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text",
                   help="jsonl: every expression found, {doc, text, start, end, type, value}")
    p.add_argument("--errors", action="store_true", help="also list missed, spurious and wrongly valued expressions")
    p.set_defaults(func=run)


def _print_expressions(root: Path, split: str) -> None:
    for pos, path in enumerate(find_documents(root)):
        if split != "all" and split_of(pos) != split:
            continue
        doc = read_timeml(path, root)
        for t in system(doc):
            print(json.dumps({"doc": doc.doc, "text": t.text, "start": t.start, "end": t.end,
                              "type": t.type, "value": t.value}, ensure_ascii=False))


def _fmt(x: float | int | None) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def run(args: argparse.Namespace, config) -> int:
    root = Path(args.folder)
    if args.format == "jsonl":
        _print_expressions(root, args.split)
        return 0
    result = evaluate(root, args.split, args.lines)
    if not args.errors:
        result.pop("errors")
    if args.format == "json":
        print(json.dumps(result, indent=1))
        return 0
    scope = "whole texts" if not result["lines"] else f"the first {result['lines']} non-empty lines of each text"
    print(f"DATE and TIME expressions; scored: {scope}, datelines left out")
    cols = ["docs", "gold", "system", "span_precision", "span_recall", "span_f1", "strict_span_f1",
            "value_accuracy", "value_f1"]
    print(f"{'split':10}" + "".join(f"{c:>16}" for c in cols))
    for name, s in result["splits"].items():
        print(f"{name:10}" + "".join(f"{_fmt(s[c]):>16}" for c in cols))
    if args.errors:
        for doc, err in result["errors"].items():
            for kind in ("missed", "spurious", "wrong_value"):
                for e in err[kind]:
                    print(f"{kind:12} {doc} (DCT {err['dct']}): {json.dumps(e, ensure_ascii=False)}", file=sys.stdout)
    return 0
