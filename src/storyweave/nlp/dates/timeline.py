"""The story's timeline: dated events, one event per fact however many outlets carry it."""
from __future__ import annotations

import re
from typing import Any, Iterable

from ...model import TimelineEvent
from ...text import event_words, post_body, post_signoff
from .anchors import article_anchors
from .mentions import DateMention, find_dates
from .patterns import CLAUSE_BREAK, INTRODUCES, MAIN_VERB, NOUN_CLAUSE, TAKES_THAT_CLAUSE, THAT_AFTER, VERB_FORM

_SAME_EVENT = 0.5  # share of the shorter sentence's content words the two sentences must share
_MIN_WORDS = 5  # a "sentence" shorter than this (a dateline, a caption stub) is no event
_YEAR = re.compile(r"\d{4}")
_WORDS = re.compile(r"[^\W\d_]{3,}")
_MIN_EVENT_WORDS = 3  # words outside its dates an event's sentence needs, not counting ...
_STAMP_WORDS = frozenset("published updated posted modified last first".split())  # ... a stamp's labels
# "since" right before a year or a month: what the sentence reports has lasted from then ("the
# highest since 2008", "has lived there since March"); a day after it is kept ("camped outside
# since Monday" starts on Monday)
_SINCE = re.compile(r"\bsince\s+$", re.I)
_LEAD = re.compile(r"(?:(?:Earlier|Later|Also|And|But)\s+)?(?:(?:on|in|last|this|during)\s+)?$", re.I)

# date, text, article, sentence id, inferred, content words
Candidate = tuple[str, str, str, str, bool, set[str]]


def _trim_lead(text: str, mention: DateMention) -> str:
    """Drop a leading "On Sunday," / "Earlier on Monday" that only restates the event's date."""
    if not _LEAD.match(text[: mention.start]):
        return text
    rest = text[mention.end:].lstrip(" ,")
    if len(rest.split()) < _MIN_WORDS or rest[:1] in "'’":
        return text  # "Last week's escapee ...": the date qualifies a noun, it is no lead to drop
    return rest[:1].upper() + rest[1:]


def _anchor(value: Any) -> tuple[Any, bool]:
    if isinstance(value, tuple):
        return value[0], bool(value[1])
    return value, False


def build_timeline(analysis: Any, anchors: dict[str, Any] | None = None) -> list[TimelineEvent]:
    """Dated events of the story: every sentence with a day-, month- or year-level date.

    The same event reported by several outlets (same date, most content words shared)
    becomes one event citing all of them. A year dates a sentence only when nothing finer
    does ("Mike Huckabee, who ran in 2008, announced Tuesday" is Tuesday's event), and only
    as a time adverbial ("in 2008", "from 1996 to 2007", "two years ago", "last year"), never
    as a modifier ("the 2016 nomination"). Quarters, seasons and decades are left out; a
    clock time dates its event to the day.
    """
    anchors = anchors if anchors is not None else (analysis.anchors or article_anchors(analysis))
    # no article dated: the anchor is the latest day the texts write, only a lower bound on when
    # they were published (a trial report that recalls the crime), so "on Saturday", "last
    # month" or "Nov. 7" read against it may land years off: only dates written whole count
    guessed = bool(anchors) and all(_anchor(v)[1] for v in anchors.values())
    candidates: list[Candidate] = []
    for s in analysis.sentences:
        if len(s.text.split()) < _MIN_WORDS:
            continue
        anchor, inferred = _anchor(anchors.get(s.article_id))
        found = find_dates(s.text, anchor)
        if _only_a_stamp(s.text, found):
            continue
        dated = [(m, m.calendar or _year(m)) for m in found if not (guessed and m.relative)]
        finer = any(m.calendar for m, _ in dated)
        for m, date in dated:
            if date is None or (finer and not m.calendar) or (not m.calendar and _describes_a_noun(s.text, m)):
                continue
            if len(date) < 10 and _SINCE.search(s.text, 0, m.start):
                continue  # "squandering the gains it has made since 1989": a span's start, no event of that year
            text = _trim_lead(s.text, m)
            candidates.append((date, text, s.article_id, s.id, inferred and m.relative, event_words(text)))
    return _merge_events(candidates)


def _only_a_stamp(text: str, mentions: list[DateMention]) -> bool:
    """A sentence that is its dates and little else ("(Published Tuesday, June 23, 2015)",
    "Updated on Sunday, ..., 9:00 pm EDT") dates no event: fewer than ``_MIN_EVENT_WORDS`` words
    of three letters or more outside them."""
    if not mentions:
        return False
    signoff = post_signoff(text)
    if signoff is not None:
        # "— Donald J. Trump (@realDonaldTrump) January 5, 2018": the sign-off's names are no event
        # words; a post's last few words before it ("Well done — ...") are no event either
        text = post_body(text, signoff)
        mentions = [m for m in mentions if m.end <= len(text)]
    rest, at = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        rest.append(text[at:m.start])
        at = max(at, m.end)
    rest.append(text[at:])
    words = [w for w in _WORDS.findall(" ".join(rest)) if not w.isupper() and w.lower() not in _STAMP_WORDS]
    return len(words) < _MIN_EVENT_WORDS  # (an all-capitals word is a time zone: "EDT")


def _describes_a_noun(text: str, m: DateMention) -> bool:
    """Is the year inside a clause that describes a noun ("Lane represented Jim Jones, the cult
    leader who orchestrated a mass suicide in 1978", "federal law that Clinton signed in 1993")?
    It dates that clause, not the sentence's event: a timeline entry would put the whole sentence
    in 1978. (A day named in such a clause is kept: "Democrats who voted Friday to block the bill"
    is the story's own recent event.)"""
    before = text[: m.start]
    clause = CLAUSE_BREAK.split(before)[-1]
    # where the last relative word opens and ends: "who", "which" ..., or "that" after a noun
    opens = [(o.start(), o.end()) for o in NOUN_CLAUSE.finditer(clause)]
    opens += [(o.start(2), o.end(2)) for o in THAT_AFTER.finditer(clause)
              if o.group(1).lower() not in TAKES_THAT_CLAUSE and not VERB_FORM.match(o.group(1).lower())]
    if not opens:
        return False
    at, after = max(opens)
    if INTRODUCES.search(before[: len(before) - len(clause) + at]):
        return False  # the sentence only introduces its noun: the clause is the event
    inside = clause[after:].split()
    return not any(MAIN_VERB.fullmatch(w) for w in inside[2:])


def _year(m: DateMention) -> str | None:
    """``YYYY`` for an expression that names a year and nothing finer (the brief's kinds find
    years as adverbials only: a bare "2016" before a noun is no date of an event)."""
    return m.value if m.granularity == "year" and _YEAR.fullmatch(m.value) else None


def _merge_events(candidates: Iterable[Candidate]) -> list[TimelineEvent]:
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
    grouped: dict[int, list[Candidate]] = {}
    for i, c in enumerate(cands):
        grouped.setdefault(find(i), []).append(c)
    events: list[TimelineEvent] = []
    for g in grouped.values():
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
