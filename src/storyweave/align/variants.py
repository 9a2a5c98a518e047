"""Shared pieces of the divergence finders: dates of what a sentence reports, and how a
disagreement becomes a Divergence with its variants."""
from __future__ import annotations

import re

from ..analysis import StoryAnalysis
from ..model import Divergence, Variant
from ..nlp.dates import DateMention, find_dates
from ..nlp.quantities import APPROXIMATE, Quantity, find_quantities
from ..text import post_signoff
from .patterns import SAID_BEFORE, WEEKDAY


def stated(v: Variant) -> list[tuple[str, Quantity]]:
    """Each of a variant's sentences with the figure it states there, as written (the variant's text)."""
    return [(s, q) for s in v.sentences or () for q in find_quantities(s) if q.text == v.text]


def norm_name(w: str) -> str:
    w = w.lower()
    for suf in ("’s", "'s"):
        if w.endswith(suf):
            w = w[: -len(suf)]
    return w.rstrip("’'")


def event_dates(analysis: StoryAnalysis, i: int, spoken: bool = False) -> list:
    """Dates of what happened in sentence i; with ``spoken`` also when someone spoke about it."""
    s = analysis.sentences[i]
    anchor = analysis.anchors.get(s.article_id)
    found = find_dates(s.text, anchor[0] if anchor else None)
    if not anchor:
        # no date for the article or its story: weekdays cannot be made absolute, but two
        # reports of one fact naming different weekdays still disagree
        found = list(found) + [
            DateMention(m.group(0), m.start(), m.end(), m.group(0).lower(), "weekday", relative=True)
            for m in WEEKDAY.finditer(s.text)
        ]
    # an embedded post's sign-off ("A post shared by X (@x) on Jun 20, 2017 at 11:20am") dates
    # the post, not what the story reports: two posts are two acts, whatever their times
    signoff = post_signoff(s.text)
    # "next Friday" and "this Friday" are read differently by different writers: not evidence
    return [d for d in found if (spoken or not SAID_BEFORE.search(s.text[: d.start]))
            and not re.search(r"\b(next|this|coming)\b", d.surface, re.IGNORECASE)
            and not (signoff and d.start >= signoff.start())]


def date_compatible(a: str, b: str) -> bool:
    """One may be the other said less exactly: 2019-02 holds 2019-02-15, and a part of a day
    ("afternoon", TAF) holds a clock time of that day."""
    if a.startswith(b) or b.startswith(a):
        return True
    da, _, ta = a.partition("T")
    db, _, tb = b.partition("T")
    return da == db and bool(ta and tb) and not (ta[:1].isdigit() and tb[:1].isdigit())


def short(text: str, words: int = 9) -> str:
    w = text.split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


def slot_divergence(analysis: StoryAnalysis, attribute: str, kind: str,
                     values: dict[str, list[tuple[int, str]]], about: str) -> Divergence:
    variants = []
    for value, items in sorted(values.items(), key=lambda kv: -len(kv[1])):
        variants.append(Variant(
            text=items[0][1],
            value=value,
            citations=list(dict.fromkeys(analysis.sentences[i].article_id for i, _ in items)),
            sentence_ids=list(dict.fromkeys(analysis.sentences[i].id for i, _ in items)),
            sentences=list(dict.fromkeys(analysis.sentences[i].text for i, _ in items)),
        ))
    return Divergence(about=about, kind=kind, variants=variants, attribute=attribute)


def as_update(analysis: StoryAnalysis, d: Divergence, running) -> Divergence:
    """A contradiction between reports published at different times becomes an ``update``
    when the value is one that changes between reports — a scheduled date still ahead when
    the earlier report was written (a departure moved forward), or a running tally (a toll
    that rises: ``running(variant)`` says so) — with the later report's value first. A past
    year or a settled figure is not updated by a later report: that stays a contradiction."""
    if d.kind != "contradiction" or len(d.variants) != 2:
        return d
    days = [{analysis.article(c).published for c in v.citations} for v in d.variants]
    if any(len(x) != 1 or None in x for x in days):
        return d
    (pa,), (pb,) = days
    if pa == pb:
        return d
    earlier = min(pa, pb).isoformat()
    va, vb = (v.value for v in d.variants)
    if d.attribute == "date":
        ahead = all(v[:4].isdigit() and len(v) >= 7 and v >= earlier[: len(v)] for v in (va, vb))
        if not ahead:
            return d
    elif not all(running(v) for v in d.variants) or not _rises(d.variants, analysis):
        return d
    d.kind = "update"
    d.variants.sort(key=lambda v: analysis.article(v.citations[0]).published, reverse=True)
    return d


def _rises(variants, analysis: StoryAnalysis) -> bool:
    """A running tally grows: a later, lower figure contradicts rather than updates."""
    def value(v):
        found = stated(v)
        return found[0][1].value if found else None

    dated = sorted(variants, key=lambda v: analysis.article(v.citations[0]).published)
    first, last = value(dated[0]), value(dated[-1])
    return first is not None and last is not None and last > first


def refinement(d: Divergence) -> bool:
    """A difference of precision that tells a reader nothing: one report only says more of the
    same — "Friday" / "Friday evening", "Iowa" / "Des Moines", "$600 million" / "about $600
    million", "an estimated 1 million" / "around 1 million". Hedges that bound one value apart
    ("about three hours" / "more than three hours") and different values stay."""
    if d.kind != "precision":
        return False
    if d.attribute in ("place", "name"):
        return True  # a place within another, a name written more fully
    values = [v.value or "" for v in d.variants]
    if d.attribute == "date":
        days = {v[:10] for v in values}
        return len(days) == 1 and any(len(v) <= 10 for v in values)  # the day, and the day with its hour
    found = [next((q for _, q in stated(v)), None) for v in d.variants]
    if None in found or len({round(q.value, 6) for q in found}) != 1:
        return False
    hedges = [q.hedge for q in found]
    return None in hedges or all(h in APPROXIMATE for h in hedges)
