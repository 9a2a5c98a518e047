"""Dates in news text: absolute and relative expressions, resolved against an anchor date.

News writes "on Sunday", "last November", "in February" and means a day or month relative
to the day the article was published. ``find_dates`` resolves such expressions against an
*anchor* (the publication date); ``article_anchors`` finds each article's anchor (estimated
from the story's other articles when an article is undated); ``build_timeline`` turns the
sentences of a story into dated events, one event per fact however many outlets carry it.

Rule-based on purpose: the expressions are a closed set, the rules are fast (well under a
millisecond a sentence) and every resolution can be explained. Durations ("five hours",
"two-day", "in five years") never match: only month names, weekdays, years after a cue
word and a few relative words do.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable

from ..model import TimelineEvent

__all__ = ["DateMention", "find_dates", "article_anchors", "build_timeline"]


@dataclass(frozen=True, slots=True)
class DateMention:
    surface: str
    start: int
    end: int
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str  # day | month | year
    relative: bool = False  # resolved against the anchor (weekday, "last November", "yesterday")


# ---- vocabulary ------------------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({"a": 1, "an": 1})

# Month names must be capitalised ("may" is a verb, "march" a noun); abbreviations may carry a dot.
_MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)" \
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "January of last year", "March next year": the year relative to the anchor's
_YREL = r"(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?"
_RANGE = r"(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"  # "June 18-19": the first day is taken
# A bare month or year is a date only after a word that makes it one ("in February", "last
# November", "since 2018"); otherwise "May" and "2024" (a model name) would be dates.
_CUE = r"(?P<cue>[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter|[Oo]f|[Ll]ast|" \
       r"[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd of|[Bb]eginning of|[Ss]tart of|[Tt]hroughout)"

# a number before a unit is a quantity, not a year ("by 2030 tonnes")
_UNITS = r"(?:tonnes|tons|people|km|kilometres|kilometers|miles|metres|meters|feet|kg|dollars|euros|pounds|units|" \
         r"cases|votes|troops|soldiers|jobs|homes|deaths|barrels|acres|hectares|residents|workers|students|" \
         r"children|men|women|years|days|hours|points)\b"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}{_RANGE}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}{_RANGE},?\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b(?:(?:early|late|mid)[- ])?{_MONTH},?\s+{_YEAR}\b")),
    ("dm", re.compile(rf"\b{_DAY}{_RANGE}\s+(?:of\s+)?{_MONTH}(?![\w-])(?!,?\s+\d){_YREL}")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}{_RANGE}\b(?![,:.]?\d){_YREL}")),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?{_WEEKDAY}(?:['’]s)?"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("word", re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b")),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                       r"(?P<unit>day|month|year)s?\s+ago\b")),
    ("cue_month", re.compile(rf"\b{_CUE}[- ](?:the\s+)?{_MONTH}(?!\s+\d)\b{_YREL}")),
    ("rel", re.compile(r"\b(?:(?P<pre>[Ee]arlier|[Ll]ater)\s+)?(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<unit>month|year)\b")),
    ("cue_year", re.compile(rf"\b{_CUE}[- ](?:the\s+(?:year\s+)?)?{_YEAR}\b(?![-–]?\d|\s*(?:%|per\s*cent|percent|{_UNITS}))")),
]

# What a pattern cannot match without: cheap searches that skip most patterns on most sentences.
_NEEDS = {
    "iso": ("digit",), "dmy": ("digit", "month"), "mdy": ("digit", "month"), "my": ("digit", "month"),
    "dm": ("digit", "month"), "md": ("digit", "month"), "weekday": ("weekday",), "word": ("word",),
    "ago": ("ago",), "rel": ("unit",), "cue_month": ("month",), "cue_year": ("digit",),
}
_TRIGGERS = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "weekday": re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "word": re.compile(r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"),
    "ago": re.compile(r"\bago\b"),
    "unit": re.compile(r"\b(?:month|year)\b"),
}


# ---- tense: does the expression point back (past) or forward (future) from the anchor? ----------

_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|(?:is|are|am)\s+(?:due|set|scheduled|expected|slated|poised|going|planning|to)\b"
    r"|plans?\s+to|intends?\s+to|upcoming|would|['’]ll)\b|['’]ll\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|said|told|met|held|took|went|came|spoke|made|gave|saw|flew|shot|began|left|"
    r"sent|won|lost|fell|rose|hit|put|set|got|ran|wrote|thought|felt|kept|brought|bought|sought|built|led|"
    r"paid|became|broke|chose|drove|froze|grew|knew|meant|sat|stood|struck|taught|threw|understood|woke|"
    r"[a-z]{2,}ed)\b")
# Clause boundaries: a tense marker on the far side of one is less likely to govern the date.
_BOUNDARY = re.compile(r"[,;:–—()]\s*(?:when|while|as|but|and|because|although|though)?|\b(?:when|while|as|but|because)\b")
_TENSE_WINDOW = 400  # characters each side of a date searched for tense markers
_BOUNDARY_COST = 40  # characters of distance a clause boundary is worth
_NOT_PAST = frozenset({"need", "speed", "indeed", "proceed", "exceed", "succeed", "hundred", "seed", "feed", "breed",
                       "bleed", "greed", "embed", "shed", "bed", "red", "led", "wed", "bred", "sled", "steed"})


def _is_future(text: str, start: int, end: int) -> bool:
    """Future when the nearest tense marker (counting clause boundaries as distance) is future."""
    best: tuple[float, bool] | None = None
    # Only markers within a window can be the nearest that matters; scanning the whole text
    # for every date made a page of many dates quadratic (1,000 dates in 12 kB: 6 s; found
    # by tests/reliability). Beyond the window a marker is paragraphs away from the date.
    lo_w, hi_w = max(0, start - _TENSE_WINDOW), min(len(text), end + _TENSE_WINDOW)
    # a modal of the date's own clause governs it, however near a participle stands:
    # "schools will stay closed until Friday" is future although "closed" is nearer
    clause_start = max([m.end() for m in _BOUNDARY.finditer(text, lo_w, start)] + [lo_w])
    clause_start = max(clause_start, text.rfind(".", lo_w, start) + 1, text.rfind(" and ", lo_w, start) + 1)
    if _FUTURE.search(text, clause_start, start):
        return True
    for regex, future in ((_FUTURE, True), (_PAST, False)):
        for m in regex.finditer(text, lo_w, hi_w):
            if not future and m.group(0).lower() in _NOT_PAST:
                continue
            if m.start() < end and m.end() > start:
                continue  # inside the date expression itself ("two days ago")
            lo, hi = (m.end(), start) if m.end() <= start else (end, m.start())
            dist = (hi - lo) + _BOUNDARY_COST * len(_BOUNDARY.findall(text, lo, hi))
            if best is None or dist < best[0]:
                best = (dist, future)
    return bool(best and best[1])


# ---- resolution ------------------------------------------------------------------------------

def _month_of(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], anchor: dt.date | None, future: bool) -> tuple[str, str, bool] | None:
    """(value, granularity, relative) for one match, or None when it cannot be resolved."""
    g = m.groupdict()
    if kind == "iso":
        d = _day(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return (d.isoformat(), "day", False) if d else None
    if kind in ("dmy", "mdy"):
        d = _day(int(g["year"]), _month_of(g["month"]), int(g["day"]))
        return (d.isoformat(), "day", False) if d else None
    if kind == "my":
        return f"{int(g['year']):04d}-{_month_of(g['month']):02d}", "month", False
    if kind == "cue_year":
        return g["year"], "year", False
    if anchor is None:
        return None  # everything below is relative to the anchor
    yrel = {"last": -1, "this": 0, "next": 1}.get(g.get("yrel") or "")
    if kind in ("dm", "md"):
        month, day = _month_of(g["month"]), int(g["day"])
        d = _day(anchor.year + (yrel or 0), month, day)
        if d is None:
            return None
        if yrel is not None:
            return d.isoformat(), "day", True
        # A day without a year is the nearest such day in the direction the sentence points.
        if not future and d > anchor + dt.timedelta(days=7):
            d = _day(anchor.year - 1, month, day)
        elif future and d < anchor - dt.timedelta(days=7):
            d = _day(anchor.year + 1, month, day)
        return (d.isoformat(), "day", True) if d else None
    if kind == "weekday":
        wd = _WEEKDAYS[g["weekday"].lower()]
        mod = (g["mod"] or "").lower()
        if mod in ("next", "coming", "this") or (future and mod not in ("last", "past")):
            delta = (wd - anchor.weekday()) % 7
            if mod == "next" and delta == 0:
                delta = 7
            d = anchor + dt.timedelta(days=delta)
        else:
            delta = (anchor.weekday() - wd) % 7
            if mod in ("last", "past") and delta == 0:
                delta = 7
            d = anchor - dt.timedelta(days=delta)
        return d.isoformat(), "day", True
    if kind == "word":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["word"].lower()]
        return (anchor + dt.timedelta(days=offset)).isoformat(), "day", True
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        if g["unit"] == "day":
            return (anchor - dt.timedelta(days=n)).isoformat(), "day", True
        if g["unit"] == "month":
            y, mo = _shift_month(anchor.year, anchor.month, -n)
            return f"{y:04d}-{mo:02d}", "month", True
        return f"{anchor.year - n:04d}", "year", True
    if kind == "rel":
        delta = {"last": -1, "next": 1, "this": 0}[g["mod"].lower()]
        if g["unit"] == "year":
            return f"{anchor.year + delta:04d}", "year", True
        y, mo = _shift_month(anchor.year, anchor.month, delta)
        return f"{y:04d}-{mo:02d}", "month", True
    if kind == "cue_month":
        month, cue = _month_of(g["month"]), g["cue"].lower()
        if yrel is not None:
            return f"{anchor.year + yrel:04d}-{month:02d}", "month", True
        if cue == "last" or (cue not in ("next", "this") and not future):
            # the most recent such month: "last November" excludes the current month
            year = anchor.year if month < anchor.month or (month == anchor.month and cue != "last") else anchor.year - 1
        elif cue == "this":
            year = anchor.year
        else:
            year = anchor.year if month > anchor.month or (month == anchor.month and cue != "next") else anchor.year + 1
        return f"{year:04d}-{month:02d}", "month", True
    return None


def find_dates(text: str, anchor: dt.date | None, future: bool | None = None) -> list[DateMention]:
    """Date expressions in ``text``, resolved against ``anchor`` (relative ones need it).

    ``future`` says which way weekdays and bare months point: back from the anchor (news
    reports what happened) or forward ("will meet on Monday"). ``None`` decides per
    expression from the nearest tense marker in the text.
    """
    # taken spans never overlap, so kept sorted they are found by bisection: the linear scan
    # per match made a text of thousands of dates quadratic (found by tests/reliability)
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    present = {k for k, r in _TRIGGERS.items() if r.search(text)}
    for kind, regex in _PATTERNS:  # most specific first; later patterns skip covered text
        if not present.issuperset(_NEEDS[kind]):
            continue
        for m in regex.finditer(text):
            s, e = m.span()
            i = bisect.bisect_left(taken, (e, -1))  # first span starting at or after e
            if i and taken[i - 1][1] > s:
                continue
            if kind == "weekday" and re.match(r",?\s+(?:\d|" + _MONTH + ")", text[e:e + 200]):
                bisect.insort(taken, (s, e))  # "Monday, June 19, 2023": the absolute date says it
                continue
            fut = _is_future(text, s, e) if future is None else future
            resolved = _resolve(kind, m, anchor, fut)
            bisect.insort(taken, (s, e))
            if resolved:
                out.append(DateMention(m.group(0), s, e, resolved[0], resolved[1], resolved[2]))
    out.sort(key=lambda d: d.start)
    return out


# ---- anchors -------------------------------------------------------------------------------

def _meta_date(meta: dict[str, Any]) -> dt.date | None:
    """A publication date the cleaner left in ``meta`` (a dateline or date line), if any."""
    for key in ("published", "date", "dateline"):
        v = meta.get(key)
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        if isinstance(v, str):
            days = [d for d in find_dates(v, None) if d.granularity == "day"]
            if days:
                return dt.date.fromisoformat(days[0].value)
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|\b)")


def _url_date(url: str | None) -> dt.date | None:
    """Many news URLs carry the publication day: /2018/04/17/world/..."""
    m = _URL_DATE.search(url or "")
    return _day(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def article_anchors(analysis: Any) -> dict[str, tuple[dt.date, bool]]:
    """Each article's anchor date and whether it was inferred.

    Dated articles anchor on their publication date (or a date the cleaner left in meta, or
    the day in the article's URL).
    An undated article is anchored on the story's latest publication date: reports of one
    event appear within days of each other, an undated one is often a later follow-up, and
    a weekday read back from too early an anchor lands a week off ("began clearing mud on
    Wednesday" in a report from the day after Tuesday's flood). When no
    article is dated, the latest full date written in the story's text is the best guess
    (a report is published on or after the days it reports). Without any, there is no anchor.
    """
    own: dict[str, dt.date] = {}
    for a in analysis.articles:
        d = a.published.date() if isinstance(a.published, dt.datetime) else a.published
        d = d or _meta_date(a.meta) or _url_date(getattr(a, "url", None))
        if d:
            own[a.id] = d
    guess: dt.date | None = None
    if own:
        guess = max(own.values())
    else:
        written = [dt.date.fromisoformat(m.value) for s in analysis.sentences
                   for m in find_dates(s.text, None) if m.granularity == "day"]
        guess = max(written) if written else None
    out: dict[str, tuple[dt.date, bool]] = {}
    for a in analysis.articles:
        if a.id in own:
            out[a.id] = (own[a.id], False)
        elif guess is not None:
            out[a.id] = (guess, True)
    return out


# ---- timeline -------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had it its this that "
    "he she they his her their who which what when after before about than more also mr mrs ms not no will would "
    "said says say earlier later last next monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december".split())
_SAME_EVENT = 0.5  # share of the shorter sentence's content words the two sentences must share
_MIN_WORDS = 5  # a "sentence" shorter than this (a dateline, a caption stub) is no event


def _content(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower().replace("’s", "").replace("'s", "")):
        if w not in _STOP and len(w) > 1:
            out.add(w[:-1] if len(w) > 4 and w.endswith("s") else w)
    return out


def _trim_lead(text: str, mention: DateMention) -> str:
    """Drop a leading "On Sunday," / "Earlier on Monday" that only restates the event's date."""
    lead = re.match(r"(?:(?:Earlier|Later|Also|And|But)\s+)?(?:(?:on|in|last|this|during)\s+)?$", text[: mention.start], re.I)
    if not lead:
        return text
    rest = text[mention.end:].lstrip(" ,")
    if len(rest.split()) < _MIN_WORDS:
        return text
    return rest[:1].upper() + rest[1:]


def _anchor(value: Any) -> tuple[dt.date | None, bool]:
    if isinstance(value, tuple):
        return value[0], bool(value[1])
    return value, False


def build_timeline(analysis: Any, anchors: dict[str, Any] | None = None) -> list[TimelineEvent]:
    """Dated events of the story: every sentence with a day- or month-level date.

    The same event reported by several outlets (same date, most content words shared)
    becomes one event citing all of them. Year-only dates are left out: the JSON contract
    dates events to the month at least.
    """
    anchors = anchors if anchors is not None else (getattr(analysis, "anchors", None) or article_anchors(analysis))
    candidates: list[tuple[str, str, str, str, bool, set[str]]] = []  # date, text, article, sentence id, inferred, words
    for s in analysis.sentences:
        if len(s.text.split()) < _MIN_WORDS:
            continue
        anchor, inferred = _anchor(anchors.get(s.article_id))
        for m in find_dates(s.text, anchor):
            if m.granularity == "year":
                continue
            text = _trim_lead(s.text, m)
            candidates.append((m.value, text, s.article_id, s.id, inferred and m.relative, _content(text)))
    return _merge_events(candidates)


def _merge_events(candidates: Iterable[tuple[str, str, str, str, bool, set[str]]]) -> list[TimelineEvent]:
    """Single-link grouping of same-date sentences that share most of their content words."""
    cands = list(candidates)
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(cands):
        for j in range(i):
            if cands[j][0] == a[0] and _overlap(a[5], cands[j][5]) >= _SAME_EVENT:
                parent[find(i)] = find(j)
    grouped: dict[int, list[tuple[str, str, str, str, bool, set[str]]]] = {}
    for i, c in enumerate(cands):
        grouped.setdefault(find(i), []).append(c)
    groups = list(grouped.values())
    events: list[TimelineEvent] = []
    for g in groups:
        # the representative sentence shares the most with the others; shorter wins ties
        rep = max(g, key=lambda c: (sum(_overlap(c[5], o[5]) for o in g), -len(c[1])))
        events.append(TimelineEvent(
            date=g[0][0], text=rep[1],
            citations=list(dict.fromkeys(c[2] for c in g)),
            sentence_ids=list(dict.fromkeys(c[3] for c in g)),
            inferred=all(c[4] for c in g),
        ))
    events.sort(key=lambda e: (e.date, -len(e.citations)))
    return events


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
