"""The brief as a self-contained HTML page (Jinja2, autoescaped, no external resources).

Everything shown is escaped by Jinja's autoescape; source HTML is never injected (an
article's text is rendered as text, even if it contains markup). The page carries a
Content-Security-Policy that forbids scripts and any network fetch, so a hostile article
cannot make the page phone home. Citation links point at ``#<sentence id>``: each
article's cleaned text further down carries one span per sentence with that id, and
``:target`` CSS highlights the one a reader jumped to — no JavaScript needed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..model import NO_SPEAKER, Brief
from .json import brief_to_dict
from .view import (View, aliases, by_reason, date_span, entity_groups, headline, nice_date, outlet_count, plural,
                   unique_groups, value_label, view_of)

TEMPLATES = Path(__file__).with_name("templates")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MATRIX_TEXT = 90  # characters of an agreement shown as a coverage-matrix row label
UNIQUE_SHOWN = 5  # unique facts shown per outlet before "n more" (a long tail buries the rest)


def render_html(brief: Brief | dict[str, Any]) -> str:
    """One self-contained page for one brief."""
    data = brief if isinstance(brief, dict) else brief_to_dict(brief)
    return _env().get_template("page.html.j2").render(
        title=headline(data), css=brief_css(), csp=CSP, bodies=[brief_body(data)], stories=[],
    )


def render_html_stories(briefs: list[Brief | dict[str, Any]]) -> str:
    """One page holding several briefs (``storyweave brief --all``), each under its own prefix."""
    datas = [b if isinstance(b, dict) else brief_to_dict(b) for b in briefs]
    bodies = [brief_body(d, prefix=f"s{i + 1}-") for i, d in enumerate(datas)]
    title = headline(datas[0]) if len(datas) == 1 else f"{len(datas)} stories"
    stories = [(f"s{i + 1}-top", headline(d), len(d.get("articles") or [])) for i, d in enumerate(datas)]
    return _env().get_template("page.html.j2").render(
        title=title, css=brief_css(), csp=CSP, bodies=bodies, stories=stories if len(datas) > 1 else [],
    )


def brief_body(data: dict[str, Any], prefix: str = "") -> str:
    """The brief as an HTML fragment (no <html>/<head>) for pages that embed it; style it with
    :func:`brief_css`. ``prefix`` keeps section ids apart when a page holds several briefs
    (sentence ids are article ids, unique across stories already)."""
    return _env().get_template("body.html.j2").render(**_context(data, prefix))


@lru_cache(maxsize=1)  # a constant file shipped with the package
def brief_css() -> str:
    return (TEMPLATES / "brief.css").read_text("utf-8")


@lru_cache(maxsize=1)  # templates are package files: one environment per process is enough
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(frag=frag, mark=mark_value, date=nice_date, pct=lambda x: f"{round(100 * x)}%")
    env.globals.update(plural=plural, aliases=aliases, UNIQUE_SHOWN=UNIQUE_SHOWN, NO_SPEAKER=NO_SPEAKER)
    return env


# ---- filters ---------------------------------------------------------------------------------

def frag(anchor: str) -> str:
    """``#`` + the percent-encoded id: browsers decode the fragment before matching ids, so
    any sentence id (file names with spaces, '#', '&' ...) is reachable."""
    return "#" + quote(anchor, safe="-._~")


def mark_value(text: str, value: str) -> Markup:
    """The sentence, escaped, with the divergent value wrapped in <mark> where it occurs."""
    if not value or not text:
        return escape(text)
    pattern = re.compile(_value_pattern(value.strip()), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[last:m.start()]), Markup("<mark>"), escape(m.group()), Markup("</mark>")]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _value_pattern(value: str) -> str:
    """The value as a regex where long numbers may carry thousands separators: a normalised
    "2000" still marks "2,000" (or "2 000") in the sentence."""
    parts = []
    for token in re.split(r"(\d{4,})", value):
        if token.isdigit():
            head = len(token) % 3 or 3
            groups = [token[:head]] + [token[i:i + 3] for i in range(head, len(token), 3)]
            parts.append("[,.\u202f\u00a0 ]?".join(groups))
        else:
            parts.append(re.escape(token))
    return "".join(parts)


def safe_link(url: str | None) -> str | None:
    """Only http(s) links become clickable: a 'javascript:' URL in a record is shown, not linked."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None


# ---- what the template shows ------------------------------------------------------------------

def _context(d: dict[str, Any], prefix: str) -> dict[str, Any]:
    v = view_of(d, short_labels=True)
    # only the summary's sentences are tinted in the article text: marking every cited sentence
    # (unique facts cite most of them) would mark nearly everything and so tell nothing
    cited = {s for item in d.get("summary") or [] for s in item.get("sentence_ids") or []}
    arts = d.get("articles") or []
    return {
        "p": prefix,
        "v": v,
        "d": d,
        "title": headline(d),
        "facts": [f for f in (plural(len(arts), "article"), plural(outlet_count(d), "outlet"), date_span(d)) if f],
        "sources": [_source(a, v) for a in arts],
        "divergences": [_divergence(div, v) for div in d.get("divergences") or []],
        "matrix": _matrix(d),
        "unique": unique_groups(d, v),
        "timeline": _timeline(d, v),
        "entities": entity_groups(d),
        "articles": [_article(a, v, cited) for a in arts],
        "nav": [(key, name, len(d.get(key) or [])) for key, name in (
            ("summary", "Summary"), ("divergences", "Divergences"), ("agreements", "Agreements"),
            ("unique", "Unique"), ("quotes", "Quotes"), ("timeline", "Timeline"),
            ("entities", "Entities"), ("syndication", "Syndication"), ("articles", "Articles"))],
    }


def _source(a: dict[str, Any], v: View) -> dict[str, Any]:
    return {"id": a["id"], "label": v.label(a["id"]), "colour": v.colours[a["id"]],
            "published": a.get("published"), "title": a.get("title")}


def _divergence(div: dict[str, Any], v: View) -> dict[str, Any]:
    variants = []
    for i, var in enumerate(div["variants"]):
        variants.append({"letter": chr(ord("A") + i), "value": var["value"], "text": var["text"],
                         "label": value_label(div.get("attribute") or "", var["value"]),
                         "cites": v.cites(var), "sentences": var.get("sentences") or [var["text"]]})
    return {"about": div["about"], "kind": div["kind"], "attribute": div.get("attribute") or "",
            "variants": variants}


def _matrix(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Coverage: one row per agreement and divergence, one cell per article (in source order)."""
    ids = [a["id"] for a in d.get("articles") or []]
    rows = []
    for a in d.get("agreements") or []:
        text = a["text"] if len(a["text"]) <= MATRIX_TEXT else a["text"][: MATRIX_TEXT - 1].rstrip() + "…"
        rows.append({"kind": "agreement", "label": text, "full": a["text"],
                     "cells": ["●" if i in a["citations"] else "" for i in ids]})
    for div in d.get("divergences") or []:
        letter = {}
        for n, var in enumerate(div["variants"]):
            for c in var["citations"]:
                letter.setdefault(c, chr(ord("A") + n))
        rows.append({"kind": div["kind"], "label": div["about"], "full": div["about"],
                     "cells": [letter.get(i, "") for i in ids]})
    return rows


def _timeline(d: dict[str, Any], v: View) -> list[dict[str, Any]]:
    """Events grouped under their date, in date order (month-only dates before that month's days)."""
    groups: dict[str, dict[str, Any]] = {}
    for t in sorted(d.get("timeline") or [], key=lambda t: t["date"]):
        g = groups.setdefault(t["date"], {"date": t["date"], "label": nice_date(t["date"], weekday=True),
                                          "events": []})
        g["events"].append({"text": t["text"], "cites": v.cites(t), "inferred": bool(t.get("inferred"))})
    return list(groups.values())


def _article(a: dict[str, Any], v: View, cited: set[str]) -> dict[str, Any]:
    paragraphs: list[list[dict[str, Any]]] = []
    if a.get("sentences"):
        for s in a["sentences"]:
            while len(paragraphs) <= s["paragraph"]:
                paragraphs.append([])
            paragraphs[s["paragraph"]].append({"id": s["id"], "text": s["text"], "cited": s["id"] in cited})
        paragraphs = [p for p in paragraphs if p]
    else:  # no sentence split exported: show the paragraphs without anchors
        paragraphs = [[{"id": None, "text": p, "cited": False}] for p in a.get("body") or []]
    removed = a.get("removed") or []
    return {"id": a["id"], "label": v.label(a["id"]), "outlet": a.get("outlet"), "colour": v.colours[a["id"]], "title": a.get("title"),
            "published": a.get("published"), "author": a.get("author"), "url": a.get("url"),
            "link": safe_link(a.get("url")), "paragraphs": paragraphs, "removed": removed,
            "reasons": by_reason(removed)}
