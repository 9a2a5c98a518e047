"""The expression finder: where the date expressions of a text are, and of which kind.

Patterns run most specific first ("June 19, 2023" before "June"); a later pattern skips text
an earlier one took. Spans follow TimeML: a preposition is outside the expression, a
modifier inside ("in [late December]"). Durations ("five hours", "two-day", "in five years")
never match.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .patterns import BARE_MONTH_EXCLUDED, CLOCK_KINDS, COORDINATED, MONTH, NAMED_DAY, NEEDS, PATTERNS, TIMEML_ONLY, TRIGGERS

# "Monday, June 12, 2023": the weekday only restates the date after it ("Friday, Sept. 14": and
# says which year that date lies in)
_RESTATED = re.compile(r",?\s+(?:\d|" + MONTH + ")")
# a day joined to a clock time: "2 p.m. on Tuesday", "Tuesday at 2 p.m.", "16:00 UTC today"
JOIN_GAP = re.compile(r"\s*(?:,\s*)?(?:\b(?:on|at|of)\s+)?$")
_DAY_KINDS = frozenset({"iso", "dmy", "mdy", "dm", "md", "weekday", "word"})


@dataclass(frozen=True, slots=True)
class Span:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The expression's own span: without the preposition a pattern matched to be sure."""
    gd = m.groupdict()
    if gd.get("x") is not None:
        return m.span("x")
    return m.span()


def _keep(kind: str, text: str, s: int, e: int, g: dict[str, str | None], every: bool,
          taken: list[tuple[int, int]]) -> bool:
    """Filters a pattern cannot say: "may" and "March" are words too; "Black Monday" is a name;
    for the brief, a bare month only right after a date it is coordinated with."""
    if kind == "weekday" and NAMED_DAY.search(text, max(0, s - 10), s):
        return False
    if kind == "bare_month":
        word = (g.get("month") or "").rstrip(".").lower()
        if word in BARE_MONTH_EXCLUDED or len(word) < 4 and not text[s:e].endswith("."):
            return False  # "may", "March" (a march), "Jun" alone
        if not every:
            i = bisect.bisect_left(taken, (s, -1))
            return bool(i and COORDINATED.fullmatch(text, taken[i - 1][1], s))
    return True


def find_spans(text: str, every: bool = False) -> list[Span]:
    """Date expressions of ``text`` in order. ``every`` adds the kinds only a TimeML reading
    wants (bare years and months, "recently", "the day")."""
    taken: list[tuple[int, int]] = []  # kept sorted: found by bisection (a page of many dates stays linear)
    out: list[Span] = []
    present = {k for k, r in TRIGGERS.items() if r.search(text)}
    for kind, regex in PATTERNS:
        if NEEDS[kind] not in present or (kind in TIMEML_ONLY and not every):
            continue
        for m in regex.finditer(text):
            s, e = _span(m)
            if s == e:
                continue
            i = bisect.bisect_left(taken, (e, -1))  # first span starting at or after e
            if i and taken[i - 1][1] > s:
                continue
            g = m.groupdict()
            restated = _RESTATED.match(text, e) if kind == "weekday" else None
            if restated:
                bisect.insort(taken, (s, e))  # the date after it says it ...
                day = next((sp for sp in out if e < sp.start < restated.end() and sp.kind in ("dm", "md")), None)
                if day:
                    day.groups["named_weekday"] = g["weekday"]  # ... and, without a year, this fixes its year
                continue
            if not _keep(kind, text, s, e, g, every, taken):
                continue
            bisect.insort(taken, (s, e))
            out.append(Span(kind, s, e, g))
    out.sort(key=lambda sp: sp.start)
    return _join_clocks(text, out)


def _join_clocks(text: str, spans: list[Span]) -> list[Span]:
    """A clock time next to a day ("2 p.m. on Tuesday") is one expression: the day's, timed."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        sp = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        pair = None
        if nxt and JOIN_GAP.match(text[sp.end:nxt.start]) and len(text[sp.end:nxt.start]) <= 6:
            if sp.kind in CLOCK_KINDS and nxt.kind in _DAY_KINDS:
                pair = (nxt, sp)
            elif nxt.kind in CLOCK_KINDS and sp.kind in _DAY_KINDS:
                pair = (sp, nxt)
        if pair:
            day, clock = pair
            out.append(Span(day.kind, sp.start, nxt.end, {**day.groups, "clock": text[clock.start:clock.end],
                                                         **{f"clock_{k}": v for k, v in clock.groups.items()}}))
            i += 2
            continue
        out.append(sp)
        i += 1
    return out
