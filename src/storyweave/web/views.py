"""Brief JSON (the contract) -> what the templates show. Pure functions, no I/O.

Citations are article ids, with ``evidence`` (per outlet, the sentence "<article id>#<n>" the
claim rests on) and ``sentence_ids`` when the brief has them. Each becomes a link to the cited
sentence in its article on the same page, evidence first; when a brief names only the article,
the sentence is found by its text, and failing that the link goes to the article. DOM ids are generated (``s<article>-<n>``) so article ids with
any characters never reach an id attribute or a URL fragment.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..model import NO_SPEAKER, Article
from ..store import MARK_OFF, MARK_ON

_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text or "").strip().lower()


def marked(snippet: str) -> Markup:
    """A search snippet, escaped, with the matched words (between the store's marks) in <mark>."""
    out = []
    for i, part in enumerate(re.split(f"[{MARK_ON}{MARK_OFF}]", snippet or "")):
        out.append(Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part))
    return Markup("").join(out)


def lead_line(brief: dict[str, Any] | None) -> str:
    """The story in one line for the list: the summary's first sentence (the main event)."""
    for item in _items(brief or {}, "summary"):
        if item.get("text"):
            return str(item["text"])
    return ""


def safe_href(url: str | None) -> str | None:
    """Only http(s) links to originals: a javascript: or data: URL from a source is dropped."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(slots=True)
class Link:
    label: str
    href: str
    targets: str  # space-separated DOM ids highlighted on click


@dataclass(slots=True)
class SentenceView:
    dom: str
    text: str


@dataclass(slots=True)
class ArticleView:
    id: str
    dom: str
    outlet: str
    title: str
    published: str
    url: str | None
    paragraphs: list[list[SentenceView]]
    outlet_known: bool = True


@dataclass(slots=True)
class Cell:
    mark: str  # "" (not reported), "✓", or the variant value this outlet gives
    kind: str  # css class: none | has | variant


@dataclass(slots=True)
class MatrixRow:
    label: str
    kind: str  # agreement | divergence | unique
    cells: list[Cell]


@dataclass(slots=True)
class StoryView:
    title: str
    articles: list[ArticleView]
    outlets: list[str]
    summary: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    divergences: list[dict[str, Any]] = field(default_factory=list)
    unique: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    syndication: list[dict[str, Any]] = field(default_factory=list)
    graph: dict[str, Any] | None = None
    matrix: list[MatrixRow] = field(default_factory=list)
    date_span: str = ""


class _Index:
    """Where each article and sentence of the brief lives on the page."""

    def __init__(self, brief: dict[str, Any]):
        self.articles: list[dict[str, Any]] = [a for a in brief.get("articles", []) if isinstance(a, dict)]
        self.adom = {str(a.get("id")): f"a{i}" for i, a in enumerate(self.articles)}
        # an article without outlet reads "article <n>", not its id (a file name says nothing)
        self.outlet = {str(a.get("id")): str(a.get("outlet") or f"article {i + 1}") for i, a in enumerate(self.articles)}
        self.sdom: dict[str, str] = {}
        self.by_article: dict[str, list[tuple[str, str]]] = {}  # article id -> [(dom, normalised text)]
        self.paragraphs: dict[str, list[list[SentenceView]]] = {}
        for aid, s in _sentences(brief, self.articles):
            if aid not in self.adom:
                continue
            dom = f"s{self.adom[aid][1:]}-{len(self.by_article.get(aid, []))}"
            self.sdom[str(s.get("id"))] = dom
            self.by_article.setdefault(aid, []).append((dom, norm(s.get("text", ""))))
            paras = self.paragraphs.setdefault(aid, [])
            p = int(s.get("paragraph", 0) or 0)
            while len(paras) <= p:
                paras.append([])
            paras[p].append(SentenceView(dom, str(s.get("text", ""))))
        for a in self.articles:
            aid = str(a.get("id"))
            if aid in self.paragraphs:
                self.paragraphs[aid] = [p for p in self.paragraphs[aid] if p]
                continue
            # No sentence list in this brief: each paragraph is one citable unit.
            paras = []
            for p, text in enumerate(a.get("body", []) or []):
                dom = f"s{self.adom[aid][1:]}-p{p}"
                self.by_article.setdefault(aid, []).append((dom, norm(text)))
                paras.append([SentenceView(dom, str(text))])
            self.paragraphs[aid] = paras

    def find(self, aid: str, text: str) -> str | None:
        t = norm(text)
        if not t:
            return None
        candidates = self.by_article.get(aid, [])
        for dom, s in candidates:
            if s == t:
                return dom
        for dom, s in candidates:
            if t in s or (len(s) > 20 and s in t):
                return dom
        return None

    def links(self, item: dict[str, Any], texts: list[str]) -> list[Link]:
        """One link per cited article (grouped by outlet label), each to its cited sentences."""
        sids = [str(s) for s in item.get("sentence_ids", []) or []]
        cited = [str(c) for c in item.get("citations", []) or []]
        for sid in sids:  # a brief may cite by sentence id only
            aid = sid.rsplit("#", 1)[0]
            if aid not in cited:
                cited.append(aid)
        # the sentence each outlet's citation rests on (schema 1.1+) comes first
        evidence: dict[str, list[str]] = {}
        for e in item.get("evidence", []) or []:
            if isinstance(e, dict) and str(e.get("sentence")) in self.sdom:
                evidence.setdefault(str(e.get("article")), []).append(self.sdom[str(e["sentence"])])
        out: list[Link] = []
        for aid in dict.fromkeys(cited):
            doms = evidence.get(aid) or [self.sdom[s] for s in sids if s in self.sdom and s.rsplit("#", 1)[0] == aid]
            if not doms:
                found = next((d for d in (self.find(aid, t) for t in texts) if d), None)
                doms = [found] if found else []
            if not doms and aid in self.adom:
                doms = [self.adom[aid]]
            if doms:
                out.append(Link(self.outlet.get(aid, aid), "#" + doms[0], " ".join(doms)))
            else:
                out.append(Link(aid, "", ""))  # cited article not in this brief: shown, not linked
        return out


def _sentences(brief: dict[str, Any], articles: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(article id, sentence) pairs, from each article's ``sentences`` (the contract) or a
    top-level ``sentences`` list with ``article_id`` (older briefs)."""
    out = [(str(a.get("id")), s) for a in articles for s in a.get("sentences", []) or [] if isinstance(s, dict)]
    if not out:
        out = [(str(s.get("article_id", str(s.get("id", "")).rsplit("#", 1)[0])), s)
               for s in brief.get("sentences", []) or [] if isinstance(s, dict)]
    return out


def _items(brief: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = brief.get(key) or []
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _speaker(quote: dict[str, Any]) -> str | None:
    """The quote's speaker, None when the text gives none ("unknown": a brief stored before schema 1.1)."""
    speaker = quote.get("speaker")
    return speaker if speaker and speaker != "unknown" else None


def story_view(brief: dict[str, Any], title: str | None = None) -> StoryView:
    ix = _Index(brief)
    outlets = list(dict.fromkeys(ix.outlet[str(a.get("id"))] for a in ix.articles))
    articles = [
        ArticleView(
            id=str(a.get("id")), dom=ix.adom[str(a.get("id"))], outlet=ix.outlet[str(a.get("id"))],
            title=str(a.get("title") or a.get("id")), published=str(a.get("published") or ""),
            url=safe_href(a.get("url")), paragraphs=ix.paragraphs.get(str(a.get("id")), []),
            outlet_known=bool(a.get("outlet")),
        )
        for a in ix.articles
    ]
    dates = sorted(a.published for a in articles if a.published)
    view = StoryView(
        title=title or _title(brief, articles), articles=articles, outlets=outlets,
        date_span=(dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else "",
    )
    for key in ("summary", "agreements", "unique"):
        getattr(view, key).extend({**x, "links": ix.links(x, [x.get("text", "")])} for x in _items(brief, key))
    view.quotes = [{**q, "who": _speaker(q) or NO_SPEAKER, "named": bool(_speaker(q)),
                    "links": ix.links(q, [q.get("text", "")])} for q in _items(brief, "quotes")]
    view.timeline = sorted(({**t, "links": ix.links(t, [t.get("text", "")])} for t in _items(brief, "timeline")),
                           key=lambda t: str(t.get("date", "")))
    for d in _items(brief, "divergences"):
        variants = [{**v, "links": ix.links(v, [v.get("text", ""), *(v.get("sentences") or [])])}
                    for v in d.get("variants", []) or [] if isinstance(v, dict)]
        view.divergences.append({**d, "variants": variants})
    for e in _items(brief, "entities"):
        view.entities.setdefault(str(e.get("type") or "other"), []).append(
            {**e, "outlets": sorted({ix.outlet.get(str(c), str(c)) for c in e.get("citations", []) or []})})
    for s in _items(brief, "syndication"):
        ids = [str(a) for a in s.get("articles", []) or []]
        view.syndication.append({
            "outlets": [ix.outlet.get(a, a) for a in ids], "doms": [ix.adom.get(a, "") for a in ids],
            "overlap": float(s.get("overlap") or 0.0), "shared_text": [str(t) for t in (s.get("shared_text") or [])[:3]],
        })
    view.graph = syndication_graph(outlets, view.syndication)
    view.matrix = coverage_matrix(brief, ix, outlets)
    return view


def _title(brief: dict[str, Any], articles: list[ArticleView]) -> str:
    if brief.get("title"):
        return str(brief["title"])
    return articles[0].title if articles else "Story"


def coverage_matrix(brief: dict[str, Any], ix: _Index, outlets: list[str]) -> list[MatrixRow]:
    """Who reported what: one row per fact (agreements, divergences, unique facts) × outlets."""
    rows: list[MatrixRow] = []

    def cited_outlets(item: dict[str, Any]) -> set[str]:
        ids = [str(c) for c in item.get("citations", []) or []]
        ids += [str(s).rsplit("#", 1)[0] for s in item.get("sentence_ids", []) or []]
        return {ix.outlet.get(a, a) for a in ids}

    for a in _items(brief, "agreements"):
        have = cited_outlets(a)
        rows.append(MatrixRow(_short(a.get("text", "")), "agreement",
                              [Cell("✓", "has") if o in have else Cell("", "none") for o in outlets]))
    for d in _items(brief, "divergences"):
        says: dict[str, str] = {}
        for v in d.get("variants", []) or []:
            if isinstance(v, dict):
                for o in cited_outlets(v):
                    says.setdefault(o, str(v.get("value") or "✓"))
        rows.append(MatrixRow(_short(d.get("about", "")), "divergence",
                              [Cell(says[o], "variant") if o in says else Cell("", "none") for o in outlets]))
    for u in _items(brief, "unique"):
        have = cited_outlets(u)
        rows.append(MatrixRow(_short(u.get("text", "")), "unique",
                              [Cell("✓", "has") if o in have else Cell("", "none") for o in outlets]))
    return rows


def _short(text: str, words: int = 14) -> str:
    w = str(text).split()
    return " ".join(w[:words]) + (" …" if len(w) > words else "")


def syndication_graph(outlets: list[str], links: list[dict[str, Any]], size: int = 320) -> dict[str, Any] | None:
    """Outlets on a circle, a line for each pair that shares copied text (server-side SVG: no script)."""
    pairs = []
    for s in links:
        names = list(dict.fromkeys(s["outlets"]))
        pairs += [(a, b, s["overlap"]) for i, a in enumerate(names) for b in names[i + 1:]]
    if not pairs:
        return None
    r, c = size * 0.36, size / 2
    pos = {o: (round(c + r * math.cos(2 * math.pi * i / len(outlets) - math.pi / 2), 1),
               round(c + r * math.sin(2 * math.pi * i / len(outlets) - math.pi / 2), 1)) for i, o in enumerate(outlets)}
    nodes = [{"name": o, "x": x, "y": y, "anchor": "start" if x > c + 1 else "end" if x < c - 1 else "middle",
              "ty": y - 10 if y < c else y + 18} for o, (x, y) in pos.items()]
    edges = [{"x1": pos[a][0], "y1": pos[a][1], "x2": pos[b][0], "y2": pos[b][1], "overlap": ov,
              "w": 1 + round(4 * min(1.0, ov), 1), "title": f"{a} ⇄ {b}: {ov:.0%} shared"}
             for a, b, ov in pairs if a in pos and b in pos]
    return {"size": size, "nodes": nodes, "edges": edges}


# -- the article page ------------------------------------------------------------------------

@dataclass(slots=True)
class Line:
    text: str
    removed: bool
    reason: str = ""


def article_lines(article: Article, from_brief: dict[str, Any] | None = None) -> list[Line]:
    """Cleaned text with the removed lines in place (greyed with their reason) when positions are
    known; otherwise the kept paragraphs followed by the removed lines."""
    body = list(article.body)
    removed = [(r.text, str(r.reason), r.line) for r in article.removed]
    if not body and from_brief:
        body = [str(p) for p in from_brief.get("body", []) or []]
        removed = [(str(r.get("text", "")), str(r.get("reason", "")), r.get("line"))
                   for r in from_brief.get("removed", []) or [] if isinstance(r, dict)]
    if not body and not removed:
        return [Line(p.strip(), False) for p in re.split(r"\n\s*\n", article.text or "") if p.strip()]
    at = {line: (text, reason) for text, reason, line in removed if isinstance(line, int)}
    raw = (article.text or "").splitlines()
    if at and raw and all(0 <= i < len(raw) for i in at):
        out = []
        for i, line in enumerate(raw):
            if i in at:
                out.append(Line(at[i][0] or line.strip(), True, at[i][1]))
            elif line.strip():
                out.append(Line(line.strip(), False))
        return out
    return [Line(p, False) for p in body] + [Line(t, True, r) for t, r, _ in removed]
