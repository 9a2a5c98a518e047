"""The brief as Markdown for a terminal: all nine parts, citations as outlet names [BBC, Guardian].

Reads the JSON contract (a Brief is converted first), so a stored brief prints like a fresh one.
Every part is always present; an empty part says so rather than vanishing, so a reader can
tell "nothing diverges" from "the section is missing".
"""
from __future__ import annotations

import re
from typing import Any

from ..model import NO_SPEAKER, Brief
from .json import brief_to_dict
from .view import (View, aliases, by_reason, date_span, entity_groups, headline, nice_date, outlet_count, plural,
                   unique_groups, value_label, view_of)

_WS = re.compile(r"\s+")
# source text must not drive the terminal: escape sequences and other controls are dropped
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REMOVED_WIDTH = 110  # removed lines are evidence, not reading: one terminal line each
NONE = "_None found._"
QUOTE_MARKS = "\"'“”‘’«»„ "


def render_markdown(brief: Brief | dict[str, Any]) -> str:
    data = brief if isinstance(brief, dict) else brief_to_dict(brief)
    v = view_of(data)
    parts = [
        _header(data, v),
        _summary(data, v),
        _agreements(data, v),
        _divergences(data, v),
        _unique(data, v),
        _quotes(data, v),
        _timeline(data, v),
        _entities(data, v),
        _syndication(data, v),
        _articles(data, v),
    ]
    if data.get("problems"):
        parts.append(_problems(data))
    return _CONTROL.sub(" ", "\n\n".join(p.rstrip() for p in parts)) + "\n"


# ---- helpers ----------------------------------------------------------------------------

def _one_line(text: str) -> str:
    return _WS.sub(" ", text or "").strip()


def _cut(text: str, width: int) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _unquote(text: str) -> str:
    # quotes are printed inside our own quotation marks; drop any the extractor kept
    return _one_line(text).strip(QUOTE_MARKS)


def _cite(v: View, item: dict[str, Any]) -> str:
    labels = [c.label for c in v.cites(item)]
    return f"[{', '.join(labels)}]" if labels else ""


def _section(title: str, lines: list[str], count: int | None = None) -> str:
    head = f"## {title}" + (f" ({count})" if count else "")
    return "\n".join([head, ""] + (lines or [NONE]))


# ---- the parts ----------------------------------------------------------------------------

def _header(d: dict[str, Any], v: View) -> str:
    arts = d.get("articles") or []
    facts = [plural(len(arts), "article"), plural(outlet_count(d), "outlet")]
    span = date_span(d)
    if span:
        facts.append(span)
    sources = " · ".join(
        v.label(a["id"]) + (f" ({nice_date(a['published'])})" if a.get("published") else "") for a in arts
    )
    return f"# {_one_line(headline(d))}\n\n{', '.join(facts)}\nSources: {sources or '—'}"


def _summary(d: dict[str, Any], v: View) -> str:
    # prose, not bullets: a summary is read as a paragraph
    text = " ".join(f"{_one_line(s['text'])} {_cite(v, s)}".strip() for s in d.get("summary") or [])
    return _section("Summary", [text] if text else [])


def _agreements(d: dict[str, Any], v: View) -> str:
    items = d.get("agreements") or []
    lines = [
        f"- {_one_line(a['text'])}{_said_by(v, a)} {_cite(v, a)} · {plural(a['independent_sources'], 'independent source')}"
        for a in items
    ]
    return _section("Agreements", lines, len(items))


def _said_by(v: View, item: dict[str, Any]) -> str:
    who = v.speaker(item)
    return f" — *{who}*" if who else ""  # "“...,” he said": who "he" is


# an update: the later report changes what an earlier one said (its value is listed first)
_KIND = {"contradiction": "contradiction", "precision": "difference of precision",
         "update": "update: a later report changes the value"}


def _divergences(d: dict[str, Any], v: View) -> str:
    items = d.get("divergences") or []
    lines: list[str] = []
    for div in items:
        kind = _KIND.get(div["kind"], div["kind"])
        what = f", {div['attribute']}" if div.get("attribute") else ""
        lines.append(f"### {_one_line(div['about'])} — {kind}{what}")
        lines.append("")
        for n, var in enumerate(div["variants"]):
            said = var.get("sentences") or [var["text"]]
            outlets = ", ".join(c.label for c in v.cites(var))
            when = (" (later)" if n == 0 else " (earlier)") if div["kind"] == "update" else ""
            value = value_label(div.get("attribute") or "", var["value"])
            lines.append(f"- **{_one_line(value)}**{when} — {outlets}: “{_one_line(said[0])}”")
        lines.append("")
    return _section("Divergences", lines, len(items))


def _unique(d: dict[str, Any], v: View) -> str:
    lines: list[str] = []
    for cites, facts in unique_groups(d, v):
        lines += [f"**{', '.join(c.label for c in cites)}**", *(f"- {_one_line(u['text'])}" for u in facts), ""]
    return _section("Unique facts", lines, len(d.get("unique") or []))


def _quotes(d: dict[str, Any], v: View) -> str:
    items = d.get("quotes") or []
    lines = [f"- {_speaker(q)}: “{_unquote(q['text'])}” {_cite(v, q)}" for q in items]
    return _section("Quotes", lines, len(items))


def _speaker(q: dict[str, Any]) -> str:
    """The speaker in bold; a quote whose speaker the text does not give says so, in italics."""
    return f"**{_one_line(q['speaker'])}**" if q.get("speaker") else f"_{NO_SPEAKER}_"


def _timeline(d: dict[str, Any], v: View) -> str:
    items = d.get("timeline") or []
    lines = []
    for t in items:
        mark = " _(date inferred from the other articles)_" if t.get("inferred") else ""
        lines.append(f"- **{t['date']}** {_one_line(t['text'])} {_cite(v, t)}{mark}")
    return _section("Timeline", lines, len(items))


def _entities(d: dict[str, Any], v: View) -> str:
    lines: list[str] = []
    for title, group in entity_groups(d):
        lines.append(f"**{title}**")
        for e in group:
            also = f" (also {', '.join(aliases(e))})" if aliases(e) else ""
            lines.append(f"- {e['name']}{also} {_cite(v, e)}")
        lines.append("")
    return _section("Entities", lines, len(d.get("entities") or []))


def _syndication(d: dict[str, Any], v: View) -> str:
    items = d.get("syndication") or []
    lines = []
    for s in items:
        who = " = ".join(v.label(a) for a in s["articles"])
        lines.append(f"- {who}: {round(100 * s['overlap'])}% of the shorter article is shared copy")
        for text in s.get("shared_text")[:2]:
            lines.append(f"  > {_cut(text, REMOVED_WIDTH)}")
        if len(s.get("shared_text")) > 2:
            lines.append(f"  > … and {len(s['shared_text']) - 2} more shared passages")
    return _section("Syndication (shared copy)", lines, len(items))


def _articles(d: dict[str, Any], v: View) -> str:
    lines: list[str] = []
    for a in d.get("articles") or []:
        meta = [a["id"]]
        if a.get("published"):
            meta.append(nice_date(a["published"]))
        if a.get("author"):
            meta.append(f"by {a['author']}")
        meta.append(f"{plural(len(a.get('body') or []), 'paragraph')} kept")
        removed = a.get("removed") or []
        meta.append(f"{plural(len(removed), 'line')} removed")
        title = f" — {_one_line(a['title'])}" if a.get("title") else ""
        lines += [f"### {v.label(a['id'])}{title}", "", " · ".join(meta), ""]
        if removed:
            counts = ", ".join(f"{reason} {n}" for reason, n in by_reason(removed))
            lines.append(f"Removed ({counts}):")
            lines += [f"- _{r['reason']}_: {_cut(r['text'], REMOVED_WIDTH)}" for r in removed]
            lines.append("")
    return _section("Cleaned articles", lines)


def _problems(d: dict[str, Any]) -> str:
    items = d["problems"]
    return _section("Skipped inputs", [f"- {p['item']}: {p['reason']}" for p in items], len(items))
