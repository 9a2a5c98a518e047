"""Read-only lookups over a brief dict that every renderer needs.

Renderers never analyse: this module only derives presentation facts from the contract
(display labels, one colour per outlet, where each citation link points).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

PALETTE_SIZE = 10  # html.py defines as many outlet colours; beyond that they repeat


@dataclass(frozen=True, slots=True)
class Cite:
    article: str  # article id
    label: str  # outlet name shown to the reader
    colour: int  # palette index of the outlet
    sentence: str | None  # id of the cited sentence, when the item names one in that article
    sentence_text: str | None


@dataclass(frozen=True, slots=True)
class View:
    labels: dict[str, str]  # article id -> label
    colours: dict[str, int]  # article id -> palette index, shared by articles of one outlet
    sentence_article: dict[str, str]  # sentence id -> article id
    sentence_text: dict[str, str]
    speakers: dict[str, str] = field(default_factory=dict)  # sentence id -> the one speaker quoted in it

    def label(self, article_id: str) -> str:
        return self.labels.get(article_id, article_id)

    def speaker(self, item: dict[str, Any]) -> str | None:
        """Who speaks in an item that is a quotation whose own words do not name them ("“...,” he
        said"): the quotes' speaker of its first sentence, when its text lacks their surname."""
        first = next(iter(item.get("sentence_ids") or []), None)
        who = self.speakers.get(first) if first else None
        if not who or who.split()[-1].lower() in (item.get("text") or "").lower():
            return None
        return who

    def cites(self, item: dict[str, Any]) -> list[Cite]:
        """The item's citations in order, each with the sentence of that outlet it rests on: its
        ``evidence`` (schema 1.1+), else the first of its ``sentence_ids`` from that article, else
        None (a link then goes to the article, never nowhere)."""
        evidence: dict[str, str] = {}
        for e in item.get("evidence") or []:
            if e.get("sentence") in self.sentence_text and self.sentence_article[e["sentence"]] == e.get("article"):
                evidence.setdefault(e["article"], e["sentence"])
        out = []
        for aid in dict.fromkeys(item.get("citations") or []):
            sid = evidence.get(aid) or next((s for s in item.get("sentence_ids") or []
                                             if s in self.sentence_text and self.sentence_article[s] == aid), None)
            out.append(Cite(aid, self.label(aid), self.colours.get(aid, 0), sid, self.sentence_text.get(sid)))
        return out


def view_of(data: dict[str, Any], short_labels: bool = False) -> View:
    """``short_labels``: an article without outlet is "article <n>" (its place in the brief), not
    its id: a file name like ``000_6fec952ea3ee9769.txt`` in every chip says nothing to a reader."""
    articles = data.get("articles") or []
    outlets = [a.get("outlet") or a["id"] for a in articles]
    counts = Counter(outlets)
    labels: dict[str, str] = {}
    colours: dict[str, int] = {}
    palette: dict[str, int] = {}
    for n, (a, outlet) in enumerate(zip(articles, outlets), 1):
        # two articles from one outlet must stay distinguishable in a citation
        labels[a["id"]] = outlet if counts[outlet] == 1 or outlet == a["id"] else f"{outlet} ({a['id']})"
        if short_labels and not a.get("outlet"):
            labels[a["id"]] = f"article {n}"
        colours[a["id"]] = palette.setdefault(outlet, len(palette) % PALETTE_SIZE)
    sentence_article = {}
    sentence_text = {}
    for a in articles:
        for s in a.get("sentences") or []:
            sentence_article[s["id"]] = a["id"]
            sentence_text[s["id"]] = s["text"]
    said: dict[str, set[str]] = {}
    for q in data.get("quotes") or []:
        for sid in q.get("sentence_ids") or []:
            said.setdefault(sid, set()).add(q.get("speaker") or "")
    speakers = {sid: next(iter(who)) for sid, who in said.items() if len(who) == 1 and "" not in who}
    return View(labels, colours, sentence_article, sentence_text, speakers)


def headline(data: dict[str, Any]) -> str:
    """The brief's title: one the pipeline chose, else the first article headline."""
    meta = data.get("meta") or {}
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        return meta["title"].strip()
    for a in data.get("articles") or []:
        if a.get("title"):
            return a["title"]
    return "Brief"


def date_span(data: dict[str, Any]) -> str:
    """'18 Jun 2023' or '18 – 19 Jun 2023' from the articles' publication dates ('' if none)."""
    dates = sorted(a["published"] for a in data.get("articles") or [] if a.get("published"))
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    if first == last:
        return nice_date(first)
    if first[:7] == last[:7] and len(first) == len(last) == 10:  # same month: "9 – 10 Mar 2024"
        return f"{int(first[8:])} – {nice_date(last)}"
    return f"{nice_date(first)} – {nice_date(last)}"


def nice_date(iso: str, weekday: bool = False) -> str:
    """'2023-06-18' -> '18 Jun 2023' (or 'Sun 18 Jun 2023'); '2023-06' -> 'Jun 2023'."""
    try:
        if len(iso) == 7:
            return dt.date.fromisoformat(iso + "-01").strftime("%b %Y")
        d = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso  # show what the data says rather than fail the page
    return f"{d:%a} {d.day} {d:%b %Y}" if weekday else f"{d.day} {d:%b %Y}"


# TIMEX parts of a day, as the date resolver writes them after the day ("2019-01-19TAF")
_PART_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}


def value_label(attribute: str, value: str) -> str:
    """A divergence's value as a reader says it: dates as dates ("19 Jan 2019, afternoon",
    "Friday"), other values as the finder wrote them."""
    if attribute != "date":
        return value
    if value.isalpha():
        return value.capitalize()  # a weekday the article's date could not resolve
    day, _, part = value.partition("T")
    shown = nice_date(day) if day[:4].isdigit() and len(day) >= 7 else day
    if part:
        shown += ", " + _PART_OF_DAY.get(part, part)
    return shown


def outlet_count(data: dict[str, Any]) -> int:
    return len({a.get("outlet") or a["id"] for a in data.get("articles") or []})


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def by_reason(removed: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Removed-line counts per reason, most frequent first."""
    return Counter(r["reason"] for r in removed).most_common()


ENTITY_GROUPS = [("person", "People"), ("organisation", "Organisations"), ("place", "Places"),
                 ("group", "Groups"), ("other", "Other")]


def entity_groups(data: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(heading, entities most mentioned first) per entity type present; unknown types under Other."""
    known = {t for t, _ in ENTITY_GROUPS}
    out = []
    for etype, title in ENTITY_GROUPS:
        group = [e for e in data.get("entities") or [] if (e["type"] if e["type"] in known else "other") == etype]
        if group:
            out.append((title, sorted(group, key=lambda e: -(e.get("mentions") or 0))))
    return out


def aliases(entity: dict[str, Any]) -> list[str]:
    return [a for a in entity.get("aliases") or [] if a != entity["name"]]


def unique_groups(data: dict[str, Any], view: View) -> list[tuple[list[Cite], list[dict[str, Any]]]]:
    """Unique facts grouped by who reports them: the question a reader asks is "what does only X have?"."""
    groups: dict[tuple[str, ...], tuple[list[Cite], list[dict[str, Any]]]] = {}
    for u in data.get("unique") or []:
        cites = view.cites(u)
        groups.setdefault(tuple(c.article for c in cites), (cites, []))[1].append(u)
    return list(groups.values())
