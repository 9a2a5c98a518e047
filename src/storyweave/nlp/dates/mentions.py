"""``find_dates``: the date expressions of a text with their TimeML values.

The steps: find the spans (spans.py), decide for each one that lacks a year which way its
clause points (direction.py), resolve the value against the anchor (values.py). An
expression coordinated with the one before ("between April and June") points the same way;
"the same month a year ago" and "the day" take the previous expression's value.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .direction import AHEAD, BACK, direction
from .patterns import CLOCK_KINDS, COORDINATED, NUMBERS
from .spans import Span, find_spans
from .values import Value, clock, resolve, shifted_year

# kinds whose value depends on the clause's direction (they lack a year)
_DIRECTED = frozenset({"dm", "md", "weekday", "month", "month_mod", "bare_month", "quarter", "season", "season_prep",
                       "weekend"})
_OFFSETS = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "before": -1, "earlier": -1}


@dataclass(frozen=True, slots=True)
class DateMention:
    surface: str
    start: int
    end: int
    value: str  # TimeML: 2019-02-15, 2019-02, 2019-W05, 2019, 2019-Q1, 2019-02-15T14:00, PAST_REF ...
    granularity: str  # day | month | year | week | quarter | half | season | decade | century | fiscal | time | ref
    relative: bool = False  # resolved against the anchor (weekday, "last November", "yesterday")
    type: str = "DATE"  # TimeML type: DATE | TIME
    kind: str = ""  # the pattern that found it

    @property
    def calendar(self) -> str | None:
        """``YYYY-MM-DD`` or ``YYYY-MM`` when the expression names a day or a month, else None.

        A time dates its day; a week ("this weekend") its month when the week lies in one."""
        if self.granularity in ("day", "month"):
            return self.value
        if self.granularity == "time" and re.match(r"\d{4}-\d\d-\d\d", self.value):
            return self.value[:10]
        if self.granularity == "week" and (m := re.match(r"(\d{4})-W(\d\d)", self.value)):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            sunday = monday + dt.timedelta(days=6)
            if (monday.year, monday.month) == (sunday.year, sunday.month):
                return f"{monday.year:04d}-{monday.month:02d}"
        return None


def _anaphor(kind: str, g: dict, before: list[DateMention], anchor: dt.date | None) -> Value | None:
    """"the same period last year", "the day": from the nearest earlier expression."""
    if kind == "same":
        for m in reversed(before):
            if m.granularity in ("day", "month", "week", "quarter", "half", "season"):
                v = shifted_year(m.value, -1)
                return Value(v, m.granularity, "DATE", True) if v else None
        return Value(f"{anchor.year - 1:04d}", "year", "DATE", True) if anchor else None
    shift = 0  # "the day": the day last named; "the next day", "two days later": from it
    if kind == "day_after":
        n = NUMBERS.get((g.get("n") or "one").lower()) or 1
        shift = n * _OFFSETS[(g.get("which") or g.get("ba") or g.get("la")).lower()]
    for m in reversed(before):
        if m.calendar and len(m.calendar) == 10:
            d = dt.date.fromisoformat(m.calendar) + dt.timedelta(days=shift)
            return Value(d.isoformat(), "day", "DATE", m.relative)
    return Value((anchor + dt.timedelta(days=shift)).isoformat(), "day", "DATE", True) if anchor else None


def _timed(v: Value, g: dict) -> Value:
    """The day of ``v`` at the clock time joined to it ("2 p.m. on Tuesday")."""
    t = clock({k[6:]: x for k, x in g.items() if k.startswith("clock_")})
    if not t or not re.match(r"\d{4}-\d\d-\d\d", v.value):
        return v
    return Value(v.value[:10] + t, "time", "TIME", v.relative)


def find_dates(text: str, anchor: dt.date | None, future: bool | None = None, *,
               every: bool = False) -> list[DateMention]:
    """Date expressions in ``text``, resolved against ``anchor`` (relative ones need it).

    ``future`` forces the direction of expressions without a year (True: forward, False:
    back); ``None`` reads it from each expression's own clause. ``every`` adds what only a
    TimeML reading wants: bare years and months, PRESENT_REF / PAST_REF / FUTURE_REF,
    "the day", lone clock times. The brief leaves those out: they date nothing a reader
    could place on a timeline, and "the 2008 model year" is no event.
    """
    if len(text) > _CACHED_CHARS:
        return _find_dates(text, anchor, future, every)
    return list(_cached_dates(text, anchor, future, every))


_CACHED_CHARS = 2000  # a sentence; whole documents (TimeML evaluation) are read once


@lru_cache(maxsize=8192)  # pure; a brief asks about the same sentence and anchor five times over
def _cached_dates(text: str, anchor: dt.date | None, future: bool | None, every: bool) -> tuple[DateMention, ...]:
    return tuple(_find_dates(text, anchor, future, every))


def clear_cache() -> None:
    """Forget the dates found so far: a benchmark times a first brief, not a repeated one."""
    _cached_dates.cache_clear()
    _spans.cache_clear()


@lru_cache(maxsize=4096)  # the same sentence is read with and without its article's date
def _spans(text: str, every: bool) -> tuple[Span, ...]:
    return tuple(find_spans(text, every))


def _find_dates(text: str, anchor: dt.date | None, future: bool | None, every: bool) -> list[DateMention]:
    forced = None if future is None else (AHEAD if future else BACK)
    out: list[DateMention] = []
    prev_way, prev_end = None, -1
    for sp in (_spans(text, every) if len(text) <= _CACHED_CHARS else find_spans(text, every)):
        way = forced
        if way is None and sp.kind in _DIRECTED and anchor is not None:
            if prev_way is not None and COORDINATED.fullmatch(text, prev_end, sp.start):
                way = prev_way
            else:
                way = direction(text, sp.start, sp.end)
        if sp.kind in ("same", "the_day", "day_after"):
            v = _anaphor(sp.kind, sp.groups, out, anchor)
        else:
            v = resolve(sp.kind, sp.groups, anchor, way if way is not None else 0)
        if v is None:
            continue
        if sp.kind in CLOCK_KINDS and not every:
            continue  # a time alone says no day
        if "clock" in sp.groups:
            v = _timed(v, sp.groups)
        if way is not None:
            prev_way, prev_end = way, sp.end
        out.append(DateMention(text[sp.start:sp.end], sp.start, sp.end, v.value, v.granularity, v.relative,
                               v.type, sp.kind))
    return out
