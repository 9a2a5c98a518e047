"""The same claim in other words: two outlets' sentences that say one thing apart from a value.

Real outlets paraphrase ("Bill Clinton signed similar federal legislation in 1993" / "It
mirrors federal law that President Bill Clinton signed in 1996"): such pairs rarely reach
the fact groups' similarity, so the figure frames and the fact-group slots miss them. Here
every pair of sentences from two outlets that both carry a value of one kind — a year, a
day, a weekday, a figure — is scored by the words they share, each weighted by how rare it
is in the story (the names and specifics of the claim, not its topic). A pair is compared
only when each sentence is the other's best match in the other outlet, and only on a value
each states once: precision before recall.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..analysis import StoryAnalysis
from ..config import Config
from ..model import Divergence
from ..nlp.quantities import Quantity, compatible, find_quantities, format_value
from ..text import content_tokens
from .clauses import clause_conflicts
from .frames import nearest_outcome
from .patterns import WEEKDAY
from .roles import clause_words, figures, left_over, year_role
from .variants import date_compatible, event_dates, short, slot_divergence

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Two sole figures' sentences must be this close in meaning (WordLlama cosine): sharing the
# topic's words is not enough where a story measures several events the same way
SOLE_MEANING = 0.45


@dataclass(slots=True)
class _Slots:
    """The values a sentence states, by kind: what a paraphrase may disagree on. The sole ones
    are compared as they are; several of a kind only where their own clauses say which is which."""

    year: str | None = None
    day: str | None = None  # a resolved calendar day or month, e.g. 2019-01-01
    weekday: str | None = None
    figures: dict[str, Quantity] | None = None  # kind -> the one figure of that kind
    years: dict[str, int] | None = None  # every year (not part of a date) -> where it is
    quantities: list[Quantity] | None = None  # every figure
    days: dict[str, tuple[int, int]] | None = None  # every resolved day or month -> where it is

    def kinds(self) -> set[str]:
        out = {"weekday"} if self.weekday else set()
        out |= ({"year"} if self.years else set()) | ({"day"} if self.days else set())
        return out | {q.kind for q in self.quantities or ()}


def _slots(an: StoryAnalysis, i: int) -> _Slots:
    text = an.sentences[i].text
    dates = [d for d in event_dates(an, i, spoken=True) if d.calendar]
    taken = [(d.start, d.end) for d in dates]
    years = {m.group(1): m.start() for m in _YEAR.finditer(text) if not any(a <= m.start() < b for a, b in taken)}
    days = {_when(d) for d in dates}
    weekdays = {m.group(1).lower() for m in WEEKDAY.finditer(text)}
    quants = figures(text)
    counts = Counter(q.kind for q in quants)
    return _Slots(
        year=next(iter(years)) if len(years) == 1 else None,
        day=next(iter(days)) if len(days) == 1 else None,
        weekday=next(iter(weekdays)) if len(weekdays) == 1 and not days else None,
        figures={q.kind: q for q in quants if counts[q.kind] == 1} or None,
        years=years or None,
        quantities=quants or None,
        days={_when(d): (d.start, d.end) for d in dates} or None,
    )


def _when(d) -> str:
    """A date's calendar value, with its clock time when it gives one ("9:40 p.m. on Tuesday" ->
    2019-03-19T21:40; not a part of the day, "TNI"): two reports of one moment may disagree on the hour."""
    clock = d.granularity == "time" and d.value.startswith(d.calendar + "T") and d.value[len(d.calendar) + 1:][:1].isdigit()
    return d.value if clock else d.calendar


def paraphrase_divergences(an: StoryAnalysis, config: Config) -> list[Divergence]:
    threshold = config.align.same_claim
    slots = {i: _slots(an, i) for i in range(len(an.sentences))}
    slots = {i: s for i, s in slots.items() if s.kinds()}
    words, idf = an.claim_words()
    scores = an.claim_matrix()
    kinds = {i: s.kinds() for i, s in slots.items()}
    by_article: dict[str, list[int]] = {}
    for i in slots:
        by_article.setdefault(an.sentences[i].article_id, []).append(i)
    arts = list(by_article)
    out: list[Divergence] = []
    done: set[tuple[int, int]] = set()
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            left, right = by_article[arts[x]], by_article[arts[y]]
            comparable = np.array([[bool(kinds[i] & kinds[j]) for j in right] for i in left])
            pairs = _mutual_best(left, right, scores, threshold, comparable)
            for i, j in pairs:
                if not an.clash(i, j):  # one person put in another's place: two events, not one claim
                    out.extend(_conflicts(an, i, j, slots[i], slots[j]))
            out.extend(_sole_figures(an, left, right, slots, words, set(pairs)))
            done |= set(pairs)
    for a, b in clause_conflicts(an, by_article, slots, words, idf, done):
        out.extend(_conflicts(an, a.sentence, b.sentence, _only(a, slots[a.sentence]), _only(b, slots[b.sentence])))
    return out


def _only(v, s: _Slots) -> _Slots:
    """A sentence's slots holding one of its values alone: the pair is compared on it only."""
    if v.kind.startswith("year"):
        return _Slots(year=v.value, years={v.value: s.years[v.value]})
    return _Slots(day=v.value, days={v.value: s.days[v.value]})


def _sole_figures(an: StoryAnalysis, left: list[int], right: list[int], slots: dict[int, _Slots], words,
                  done: set[tuple[int, int]]) -> list[Divergence]:
    """Two figures of one kind and of like size ("for 36 hours" / "for more than two days"),
    each the only one of its kind and size in its article, in sentences that share some of
    the claim's words, are one figure reported twice: the way a reader pairs them when
    nothing else in either article is measured that way."""
    def figures(side: list[int]) -> list[tuple[int, Quantity]]:
        return [(i, q) for i in side for q in (slots[i].figures or {}).values()]

    def alike(x: Quantity, y: Quantity) -> bool:
        lo, hi = sorted((abs(x.value), abs(y.value)))
        return x.kind == y.kind and lo > 0 and hi / lo <= 3  # a two-day visit and a five-hour meeting differ

    def incident(i: int, q: Quantity) -> bool:
        # how long it lasted, how far, how much it cost ...: the measures an incident is reported
        # by once. Not a count: how many were killed, hurt, arrested is told at each stage and
        # scope (at the scene, in all, in one town), so two outlets' sole counts are too often two
        # tallies; counts are compared where their sentences state one claim (the pairs above)
        if q.kind.startswith("count"):
            return False
        return q.kind == "duration" or bool(nearest_outcome(an.sentences[i].text, q))

    fa = [(i, q) for i, q in figures(left) if incident(i, q)]
    fb = [(j, q) for j, q in figures(right) if incident(j, q)]
    out = []
    for i, qa in fa:
        for j, qb in fb:
            if (i, j) in done or not alike(qa, qb) or an.clash(i, j):
                continue
            # the claim around the figures, its unit aside, in common words and in meaning
            units = content_tokens(qa.text) | content_tokens(qb.text)
            if len((words[i] & words[j]) - units) < 2 or float(an.vectors[i] @ an.vectors[j]) < SOLE_MEANING:
                continue
            if sum(alike(q, qb) for _, q in fa) != 1 or sum(alike(qa, q) for _, q in fb) != 1:
                continue
            out.extend(_conflicts(an, i, j, _Slots(quantities=[qa]), _Slots(quantities=[qb])))
    return out


def claim_pairs(an: StoryAnalysis, threshold: float) -> list[tuple[int, int]]:
    """Sentence pairs of two outlets that make the same claim: each the other's best match in the
    other outlet by rarity-weighted shared words, above ``threshold``, reporting no other event."""
    scores = an.claim_matrix()
    by_article: dict[str, list[int]] = {}
    for i, s in enumerate(an.sentences):
        by_article.setdefault(s.article_id, []).append(i)
    arts = list(by_article)
    out = []
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            out += [(i, j) for i, j in _mutual_best(by_article[arts[x]], by_article[arts[y]], scores, threshold)
                    if not an.clash(i, j)]
    return out


def _mutual_best(left: list[int], right: list[int], scores: np.ndarray, threshold: float,
                 comparable: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Pairs each the other's best match (the first of equals, in sentence order) above ``threshold``."""
    if not left or not right:
        return []
    block = scores[np.ix_(left, right)]
    if comparable is not None:
        block = np.where(comparable, block, 0.0)
    best_l, best_r = block.argmax(axis=1), block.argmax(axis=0)
    return [(left[a], right[b]) for a, b in enumerate(best_l) if best_r[b] == a and block[a, b] >= threshold]


def _conflicts(an: StoryAnalysis, i: int, j: int, a: _Slots, b: _Slots) -> list[Divergence]:
    """Values of one kind that cannot both be true: each stated once, or, among several, the one
    pair whose own clauses measure one thing (align/roles.py)."""
    ta, tb = an.sentences[i].text, an.sentences[j].text
    about = short(min(ta, tb, key=len))
    out = []
    if a.weekday and b.weekday and a.weekday != b.weekday:
        out.append(slot_divergence(an, "date", "contradiction", {a.weekday: [(i, a.weekday)], b.weekday: [(j, b.weekday)]},
                                   about=f"date — {about}"))
    day = _one_pair([(da, db) for da, (sa, ea) in (a.days or {}).items() for db, (sb, eb) in (b.days or {}).items()
                     if not any(date_compatible(da, x) for x in b.days) and not any(date_compatible(db, x) for x in a.days)
                     and (a.day and b.day or clause_words(ta, sa, ea) & clause_words(tb, sb, eb))])
    years = [(ya, yb) for ya, at in (a.years or {}).items() for yb, bt in (b.years or {}).items()
             if ya not in (b.years or {}) and yb not in (a.years or {}) and year_role(ta, at) == year_role(tb, bt)
             and (a.year and b.year or clause_words(ta, at, at + 4) & clause_words(tb, bt, bt + 4))]
    for va, vb in filter(None, (day, _one_pair(years))):
        out.append(slot_divergence(an, "date", "contradiction", {va: [(i, va)], vb: [(j, vb)]},
                                   about=f"date — {about}"))
    for qa, qb in _figure_pairs(ta, tb, a, b):
        what = qa.kind.split(":")[0]
        out.append(slot_divergence(an, what, "contradiction",
                                   {format_value(qa): [(i, qa.text)], format_value(qb): [(j, qb.text)]},
                                   about=f"{what} — {about}"))
    return out


def _one_pair(pairs: list) -> tuple | None:
    return pairs[0] if len(pairs) == 1 else None


def _figure_pairs(ta: str, tb: str, a: _Slots, b: _Slots) -> list[tuple[Quantity, Quantity]]:
    """Per kind, the figures that cannot both be true: the sole ones, or the one pair of several
    whose clauses share a word; a value the other sentence also states is agreed, not disputed."""
    out = []
    for kind in sorted({q.kind for q in a.quantities or ()} & {q.kind for q in b.quantities or ()}):
        qs_a = [q for q in a.quantities if q.kind == kind]
        qs_b = [q for q in b.quantities if q.kind == kind]
        sole = len(qs_a) == 1 and len(qs_b) == 1
        pairs = [(qa, qb) for qa in qs_a for qb in qs_b
                 if not any(compatible(qa, q) for q in qs_b) and not any(compatible(qb, q) for q in qs_a)
                 and nearest_outcome(ta, qa) == nearest_outcome(tb, qb)  # 2,000 evacuated, 14 injured
                 and (sole or clause_words(ta, qa.start, qa.end, kind.startswith("count"))
                      & clause_words(tb, qb.start, qb.end, kind.startswith("count")))]
        pair = _one_pair(pairs)
        if pair is None:  # the one disagreement of two parallel enumerations, of one outcome
            pair = left_over(qs_a, qs_b)
            pair = pair if pair and nearest_outcome(ta, pair[0]) == nearest_outcome(tb, pair[1]) else None
        if pair:
            out.append(pair)
    return out
