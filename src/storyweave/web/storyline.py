"""A story over time: its articles in publication order, each with what it added (facts no
earlier article carried) and what it changed (a divergent value unlike every earlier one).
Pure, from the brief JSON; the page and its Atom feed both read it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Step:
    article_id: str
    outlet: str
    title: str
    published: str
    added: list[str] = field(default_factory=list)  # facts first carried by this article
    changed: list[dict[str, str]] = field(default_factory=list)  # {"about", "before", "now"}


def storyline(brief: dict[str, Any]) -> list[Step]:
    arts = [a for a in brief.get("articles") or [] if isinstance(a, dict) and a.get("id")]
    # undated articles after the dated ones, in the brief's order
    order = sorted(range(len(arts)), key=lambda i: (not arts[i].get("published"), str(arts[i].get("published") or ""), i))
    rank = {str(arts[i]["id"]): n for n, i in enumerate(order)}
    steps = {str(a["id"]): Step(str(a["id"]), str(a.get("outlet") or f"article {i + 1}"), str(a.get("title") or a["id"]),
                                str(a.get("published") or "")) for i, a in enumerate(arts)}
    for part in ("agreements", "unique"):
        for item in brief.get(part) or []:
            first = _first(item.get("citations") or [], rank)
            if first:
                steps[first].added.append(str(item.get("text", "")))
    for div in brief.get("divergences") or []:
        told: list[tuple[int, str]] = []  # (rank of first citer, value) per variant
        for var in div.get("variants") or []:
            first = _first(var.get("citations") or [], rank)
            if first:
                told.append((rank[first], str(var.get("value", ""))))
        told.sort()
        for (r0, before), (r1, now) in zip(told, told[1:]):
            if now != before and r1 > r0:
                aid = next(a for a, r in rank.items() if r == r1)
                steps[aid].changed.append({"about": str(div.get("about", "")), "before": before, "now": now})
    return [steps[str(arts[i]["id"])] for i in order]


def _first(citations: list[str], rank: dict[str, int]) -> str | None:
    known = [str(c) for c in citations if str(c) in rank]
    return min(known, key=rank.__getitem__) if known else None
