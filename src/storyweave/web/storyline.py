"""A story over time: its articles in publication order, each with what it added (facts no
earlier article carried) and what it changed (a divergent value unlike every earlier one).
Pure, from the brief JSON; the page, its Atom feed and ``storyweave brief --since`` /
``--storyline`` all read it.

Over a storyline (several stories that continue each other, one brief over all their
articles), the same steps are grouped by event: what each event added, and what changed
between events. A figure that moved from one event to the next (a toll, a vote count) is an
update: the later value is the news, the earlier one is shown as what it was before.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..text import url_date


@dataclass(slots=True)
class Step:
    article_id: str
    outlet: str
    title: str
    published: str
    added: list[str] = field(default_factory=list)  # facts first carried by this article
    changed: list[dict[str, str]] = field(default_factory=list)  # {"about", "before", "now"}
    cited: list[list[str]] = field(default_factory=list)  # the citations of each added fact
    changed_cited: list[list[str]] = field(default_factory=list)  # the citations of each new value
    changed_from: list[str] = field(default_factory=list)  # the first article with each earlier value


@dataclass(slots=True)
class EventStep:
    story_id: str
    title: str
    first_date: str
    articles: list[str] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)  # {"text", "citations"}
    # {"about", "before", "now", "citations", "kind"}: kind "update" when the earlier value came
    # from an earlier event (the figure moved), "differs" when outlets of this event disagree
    changed: list[dict[str, Any]] = field(default_factory=list)


def storyline(brief: dict[str, Any]) -> list[Step]:
    arts = [_dated(a) for a in brief.get("articles") or [] if isinstance(a, dict) and a.get("id")]
    # undated articles after the dated ones, in the brief's order
    order = sorted(range(len(arts)), key=lambda i: (not arts[i].get("published"), str(arts[i].get("published") or ""), i))
    rank = {str(arts[i]["id"]): n for n, i in enumerate(order)}
    steps = {str(a["id"]): Step(str(a["id"]), str(a.get("outlet") or f"article {i + 1}"), str(a.get("title") or a["id"]),
                                str(a.get("published") or "")) for i, a in enumerate(arts)}
    for part in ("agreements", "unique"):
        for item in brief.get(part) or []:
            cites = [str(c) for c in item.get("citations") or [] if str(c) in rank]
            first = _first(cites, rank)
            if first:
                steps[first].added.append(str(item.get("text", "")))
                steps[first].cited.append(sorted(cites, key=rank.__getitem__))
    for div in brief.get("divergences") or []:
        told: list[tuple[int, str, list[str]]] = []  # (rank of first citer, value, its citers) per variant
        for var in div.get("variants") or []:
            cites = [str(c) for c in var.get("citations") or [] if str(c) in rank]
            first = _first(cites, rank)
            if first:
                told.append((rank[first], str(var.get("value", "")), sorted(cites, key=rank.__getitem__)))
        told.sort(key=lambda t: t[0])
        for (r0, before, was), (r1, now, cites) in zip(told, told[1:]):
            if now != before and r1 > r0:
                aid = next(a for a, r in rank.items() if r == r1)
                steps[aid].changed.append({"about": str(div.get("about", "")), "before": before, "now": now})
                steps[aid].changed_cited.append(cites)
                steps[aid].changed_from.append(was[0])
    return [steps[str(arts[i]["id"])] for i in order]


def by_event(steps: list[Step], story_of: dict[str, str], titles: dict[str, str] | None = None) -> list[EventStep]:
    """Steps grouped by the story (event) of their article, events in order of their first
    dated article; a change inside one event stays a change, one across events an update."""
    events: dict[str, EventStep] = {}
    for s in steps:
        sid = story_of.get(s.article_id, "")
        ev = events.get(sid)
        if ev is None:
            ev = events[sid] = EventStep(sid, (titles or {}).get(sid) or s.title, s.published)
        ev.articles.append(s.article_id)
        ev.first_date = min(d for d in (ev.first_date, s.published) if d) if (ev.first_date or s.published) else ""
        ev.added += [{"text": t, "citations": c} for t, c in zip(s.added, s.cited)]
        ev.changed += [{**c, "citations": cites, "kind": "differs" if story_of.get(was) == sid else "update"}
                       for c, cites, was in zip(s.changed, s.changed_cited, s.changed_from)]
    return sorted(events.values(), key=lambda e: (not e.first_date, e.first_date))


def since(steps: list[Step], date: str) -> list[Step]:
    """Only the steps of articles published on or after ``date`` (ISO): what is new or changed
    since then. Undated articles are left out: whether they are new is unknown."""
    return [s for s in steps if s.published and s.published[:10] >= date[:10] and (s.added or s.changed)]


def _dated(article: dict[str, Any]) -> dict[str, Any]:
    """Without a publication date, the date its URL carries (as the story index reads it)."""
    if article.get("published") or not article.get("url"):
        return article
    day = url_date(str(article["url"]))
    return {**article, "published": day.isoformat()} if day else article


def _first(citations: list[str], rank: dict[str, int]) -> str | None:
    known = [str(c) for c in citations if str(c) in rank]
    return min(known, key=rank.__getitem__) if known else None
