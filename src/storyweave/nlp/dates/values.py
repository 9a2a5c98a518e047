"""TimeML values for found expressions, from the publication date (the DCT) and a direction.

Values follow TimeML (TIMEX3): ``2019-02-15``, ``2019-02``, ``2019-W05``, ``2019-W05-WE``,
``2019``, ``2019-Q1``, ``2019-H1``, ``2019-SU``, ``199`` (a decade), ``PRESENT_REF`` /
``PAST_REF`` / ``FUTURE_REF``, and for a time of day ``2019-02-15T14:00`` (``Z`` when given in
UTC) or ``2019-02-15TMO`` (a part of the day). An expression without its year takes the
nearest such month, day, weekday or quarter in the direction its clause points (``BACK``,
``AHEAD``; ``EITHER``: the nearest overall, the past on a tie).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .direction import AHEAD, BACK, EITHER
from .patterns import MONTHS, NUMBERS, ORDINALS, PARTS_OF_DAY, REFS, SEASON_ORDER, SEASONS, WEEKDAYS

# A day without a year written in a past clause may still lie a little after the anchor (an
# anchor estimated from other articles, a report filed late): that much slack before a year flips.
_SLACK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Value:
    value: str
    granularity: str  # day | month | year | week | quarter | half | season | decade | century | fiscal | time | ref
    type: str = "DATE"  # TimeML type: DATE | TIME
    relative: bool = False  # resolved against the anchor


# ---- calendar arithmetic -------------------------------------------------------------------------

def month_of(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def make_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def cycle_year(pos: int, now: int, size: int, year: int, way: int, strict: bool = False) -> int:
    """The year of position ``pos`` in a yearly cycle (months 1-12, quarters 1-4) seen from
    position ``now`` of ``year``: the latest at or before now (BACK), the first at or after
    it (AHEAD), the nearer of the two (EITHER, the past on a tie). ``strict`` excludes now."""
    back = year if pos < now or (pos == now and not strict) else year - 1
    ahead = year if pos > now or (pos == now and not strict) else year + 1
    if way == BACK:
        return back
    if way == AHEAD:
        return ahead
    return back if (now - pos) % size <= (pos - now) % size else ahead


def day_without_year(month: int, day: int, anchor: dt.date, way: int) -> dt.date | None:
    options = [d for d in (make_day(anchor.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    if way == BACK:
        past = [d for d in options if d <= anchor + _SLACK]
        return max(past) if past else None
    if way == AHEAD:
        future = [d for d in options if d >= anchor - _SLACK]
        return min(future) if future else None
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def _on_weekday(month: int, day: int, anchor: dt.date, weekday: str | None) -> dt.date | None:
    """"Friday, Sept. 14": of the years around the anchor, the one where that day is a Friday
    (a weekday is written evidence, stronger than a tense), when exactly one is."""
    if not weekday:
        return None
    days = [d for d in (make_day(anchor.year + k, month, day) for k in (-1, 0, 1))
            if d and d.weekday() == WEEKDAYS[weekday.lower()]]
    return days[0] if len(days) == 1 else None


def weekday_date(wd: int, anchor: dt.date, way: int, mod: str) -> dt.date:
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if mod in ("last", "past"):
        return anchor - dt.timedelta(days=back or 7)
    if mod == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if mod == "coming" or way == AHEAD:
        return anchor + dt.timedelta(days=ahead)
    if way == BACK or back <= ahead:
        return anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=ahead)


def clock(g: dict[str, str | None]) -> str | None:
    """``T14:00`` (``Z`` in UTC) for a clock time's groups."""
    if g.get("noon"):
        return "T24:00" if g["noon"].lower() == "midnight" else "T12:00"
    if g.get("hour24"):
        return f"T{int(g['hour24']):02d}:{g['minute24']}" + ("Z" if g.get("zone") else "")
    hour = int(g["hour"] or 0)
    if hour < 1 or hour > 12:
        return None
    pm = (g["ampm"] or "").lower().startswith("p")
    hour = hour % 12 + (12 if pm else 0)
    return f"T{hour:02d}:{g['minute'] or '00'}"


def _part(d: dt.date, part: str | None) -> Value:
    if part:
        return Value(f"{d.isoformat()}T{PARTS_OF_DAY[part.lower()]}", "time", "TIME", True)
    return Value(d.isoformat(), "day", "DATE", True)


# ---- per kind -----------------------------------------------------------------------------------

def _absolute(kind: str, g: dict[str, str | None]) -> Value | None:
    if kind == "iso":
        d = make_day(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return Value(d.isoformat(), "day") if d else None
    if kind in ("dmy", "mdy"):
        d = make_day(int(g["year"]), month_of(g["month"]), int(g["day"]))
        return Value(d.isoformat(), "day") if d else None
    if kind == "my":
        return Value(f"{int(g['year']):04d}-{month_of(g['month']):02d}", "month")
    if kind in ("year", "year_mod", "bare_year"):
        return Value(g["year"], "year")
    if kind == "century" and g.get("c"):
        return Value(f"{int(g['c']) - 1:02d}", "century")
    if kind == "fiscal":
        return Value(f"FY{g['fy']}", "fiscal")
    if kind == "decade" and g.get("dec"):
        return Value(g["dec"][:3], "decade")
    if kind == "season" and g.get("year2"):
        return Value(f"{g['year2']}-{SEASONS[g['season2'].lower()]}", "season")
    if kind == "quarter" and (g.get("year") or g.get("qyear")):
        n = int(g["q"][1]) if g.get("q") else ORDINALS[g["ord"].lower()]
        unit = "H" if (g.get("unit") or "").lower() == "half" else "Q"
        return Value(f"{g.get('year') or g.get('qyear')}-{unit}{n}", "half" if unit == "H" else "quarter")
    return None


def _relative(kind: str, g: dict[str, str | None], anchor: dt.date, way: int) -> Value | None:
    mod = (g.get("mod") or "").lower().split()[-1] if g.get("mod") else ""
    yrel = {"last": -1, "this": 0, "next": 1}.get((g.get("yrel") or "").lower())
    if kind in ("dm", "md"):
        month, day = month_of(g["month"]), int(g["day"])
        d = make_day(anchor.year + yrel, month, day) if yrel is not None else (
            _on_weekday(month, day, anchor, g.get("named_weekday")) or day_without_year(month, day, anchor, way))
        return Value(d.isoformat(), "day", "DATE", True) if d else None
    if kind == "weekday":
        return _part(weekday_date(WEEKDAYS[g["weekday"].lower()], anchor, way, mod), g.get("part"))
    if kind == "word":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        part = g.get("part") or ("night" if g["word"].lower() == "tonight" else None)
        return _part(anchor + dt.timedelta(days=offset), part)
    if kind == "part":
        return _part(anchor - dt.timedelta(days=1 if mod == "last" else 0), g["part"])
    if kind == "weekend":  # the weekend before or after the anchor: its Saturday's ISO week
        return Value(iso_week(weekday_date(5, anchor, way, "")) + "-WE", "week", "DATE", True)
    if kind == "century":
        return Value(f"{anchor.year // 100:02d}", "century", "DATE", True)
    if kind in ("clock", "hhmm"):
        t = clock(g)
        return Value(anchor.isoformat() + t, "time", "TIME", True) if t else None
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"].lower()]
        unit = g["unit"].lower()
        if unit in ("day", "week"):  # MEANTIME dates "a week ago" to the day
            return Value((anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), "day", "DATE", True)
        if unit == "month":
            y, mo = shift_month(anchor.year, anchor.month, -n)
            return Value(f"{y:04d}-{mo:02d}", "month", "DATE", True)
        return Value(f"{anchor.year - n:04d}", "year", "DATE", True)
    if kind in ("rel", "edge"):
        word = (g.get("mod") or ("this" if kind == "edge" else "")).lower().split()[-1]
        delta = {"last": -1, "previous": -1, "next": 1, "following": 1}.get(word, 0)
        return _unit(g["unit"].lower(), anchor, delta)
    if kind in ("month", "month_mod", "bare_month"):
        month = month_of(g["month"])
        if yrel is not None:
            year = anchor.year + yrel
        elif mod == "this":
            year = anchor.year
        elif mod in ("last", "next"):  # "last November" is never the current month
            year = cycle_year(month, anchor.month, 12, anchor.year, BACK if mod == "last" else AHEAD, strict=True)
        else:
            year = cycle_year(month, anchor.month, 12, anchor.year, way)
        return Value(f"{year:04d}-{month:02d}", "month", "DATE", True)
    if kind == "quarter":
        now_q = (anchor.month - 1) // 3 + 1
        if g.get("q"):
            n = int(g["q"][1])
        else:
            n = ORDINALS[g["ord"].lower()]
        if (g.get("unit") or "quarter").lower() == "half":
            year = anchor.year + (yrel or 0) if yrel is not None else cycle_year(n, (anchor.month - 1) // 6 + 1, 2,
                                                                                 anchor.year, way)
            return Value(f"{year:04d}-H{n}", "half", "DATE", True)
        year = anchor.year + yrel if yrel is not None else cycle_year(n, now_q, 4, anchor.year, way)
        return Value(f"{year:04d}-Q{n}", "quarter", "DATE", True)
    if kind in ("season", "season_prep"):
        code = SEASONS[g["season"].lower()]
        pos, now = SEASON_ORDER.index(code), (anchor.month % 12) // 3
        strict = mod in ("last", "next")
        how = BACK if mod == "last" else AHEAD if mod == "next" else way
        year = anchor.year if mod == "this" else cycle_year(pos, now, 4, anchor.year, how, strict)
        return Value(f"{g.get('year') or year}-{code}", "season", "DATE", True)
    if kind == "decade" and (g.get("dec2") or g.get("dec3")):
        dec = int(g.get("dec2") or g.get("dec3"))
        century = 20 if dec <= anchor.year % 100 else 19
        return Value(f"{century}{dec // 10}", "decade", "DATE", True)
    if kind == "ref":
        return Value(REFS[re.sub(r"\s+", " ", g["ref"].lower())], "ref", "DATE", True)
    return None


def _unit(unit: str, anchor: dt.date, delta: int) -> Value:
    if unit in ("week", "weekend"):
        v = iso_week(anchor + dt.timedelta(weeks=delta))
        return Value(v + ("-WE" if unit == "weekend" else ""), "week", "DATE", True)
    if unit == "month":
        y, mo = shift_month(anchor.year, anchor.month, delta)
        return Value(f"{y:04d}-{mo:02d}", "month", "DATE", True)
    if unit == "quarter":
        k = anchor.year * 4 + (anchor.month - 1) // 3 + delta
        return Value(f"{k // 4:04d}-Q{k % 4 + 1}", "quarter", "DATE", True)
    if unit == "day":
        return Value((anchor + dt.timedelta(days=delta)).isoformat(), "day", "DATE", True)
    return Value(f"{anchor.year + delta:04d}", "year", "DATE", True)


def resolve(kind: str, g: dict[str, str | None], anchor: dt.date | None, way: int = EITHER) -> Value | None:
    """The value of one expression (a match's groups), or None when it cannot be resolved:
    a relative expression needs the anchor."""
    v = _absolute(kind, g)
    if v is not None or anchor is None:
        return v
    return _relative(kind, g, anchor, way)


def shifted_year(value: str, years: int) -> str | None:
    """``value`` (a TimeML date) ``years`` later: "the same month a year ago" of a mention."""
    m = re.match(r"(\d{4})(.*)$", value)
    if not m:
        return None
    rest = m.group(2)
    if rest.startswith("-02-29"):
        rest = "-02-28" + rest[6:]
    return f"{int(m.group(1)) + years:04d}{rest}"
