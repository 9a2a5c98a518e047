"""Page metadata by agreement of evidence: title, author(s), publication day and outlet.

A page states its metadata in several places (JSON-LD, ``<meta>`` tags, microdata, the
``<title>``, the ``<h1>``, the byline, ``<time>``, the URL) and one library's first guess is
often the wrong one of them: a section heading for the title, a UI label for the author, the
updated date for the published one. So we gather every place, in steps:

1. **gather** — :func:`evidence`: (source, value) pairs per field from the page tree;
2. **choose** — per field: the title voted by agreement (site name stripped first), authors
   from the most trusted source that yields a person's name, the published (never modified)
   date from structured data before the header ``<time>``, the URL, then htmldate, and the
   outlet from JSON-LD publisher, ``og:site_name``, else the registrable domain.

Each choice records where it came from (``PageMeta.sources``).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..text import url_date
from . import metadata_patterns as P
from .jsonl import parse_date


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


Evidence = dict[str, list[tuple[str, str]]]  # field -> [(source, value)], in document order


def _clean(text) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).split())


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", _clean(text).casefold()).strip()


# ---- 1. gather ----------------------------------------------------------------------------------

def _jsonld_objects(tree) -> list[dict]:
    out: list[dict] = []

    def walk(node, depth=0):
        if depth > 6:
            return
        if isinstance(node, list):
            for n in node:
                walk(n, depth + 1)
        elif isinstance(node, dict):
            out.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if isinstance(node.get(key), (list, dict)):
                    walk(node[key], depth + 1)

    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            walk(json.loads(script.text.strip().rstrip(";")))
        except (ValueError, RecursionError):
            continue
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t]) if x}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _names(value) -> list[str]:
    """Person or organisation names in a JSON-LD value (a string, an object, or a list of them)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    return [_clean(value)] if isinstance(value, str) and _clean(value) else []


def evidence(tree, url: str | None = None) -> Evidence:
    ev: Evidence = defaultdict(list)
    for obj in _jsonld_objects(tree):
        types = _types(obj)
        if types & P.ARTICLE_TYPES:
            for key in ("headline", "name"):
                if isinstance(obj.get(key), str):
                    ev["title"].append(("json-ld " + key, obj[key]))
            for a in _as_list(obj.get("author") or obj.get("creator")):
                # an organisation credited as author (an agency, the site) yields to a person's byline
                src = "json-ld organisation" if isinstance(a, dict) and "organization" in _types(a) else "json-ld author"
                ev["author"] += [(src, n) for n in _names(a)]
            if obj.get("datePublished"):
                ev["date"].append(("json-ld datePublished", str(obj["datePublished"])))
            ev["outlet"] += [("json-ld publisher", n) for n in _names(obj.get("publisher"))[:1]]
        elif types & {"website", "organization", "newsmediaorganization"} and obj.get("name"):
            ev["site"] += [("json-ld " + sorted(types)[0], n) for n in _names(obj.get("name"))[:1]]
    metas: dict[str, list[str]] = defaultdict(list)
    for m in tree.iterfind(".//meta"):
        name = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = _clean(m.get("content"))
        if name and content:
            metas[name].append(content)
    for fld, keys in (("title", P.TITLE_META), ("author", P.AUTHOR_META), ("date", P.DATE_META),
                      ("outlet", P.OUTLET_META)):
        for k in keys:
            ev[fld] += [(k, v) for v in metas.get(k, [])[:1 if fld != "author" else 4]]
    for el in tree.iterfind(".//*[@itemprop]"):
        prop = el.get("itemprop")
        if prop == "headline" and el.tag != "meta":
            ev["title"].append(("itemprop headline", el.text_content()))
        elif prop == "datePublished" and el.tag != "meta":
            ev["date"].append(("itemprop datePublished", el.get("datetime") or el.get("content") or ""))
        elif prop == "author" and el.tag != "meta":
            inner = el.find(".//*[@itemprop='name']")
            ev["byline"].append(("itemprop author", _text(inner if inner is not None else el)))
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        ev["title"].append(("<title>", title.text_content()))
    ev["title"] += [("h1", h.text_content()) for h in tree.iterfind(".//h1")][:3]
    for a in tree.iterfind(".//a[@rel]"):
        if "author" in (a.get("rel") or "").lower().split() and not _in_furniture(a):
            ev["byline"].append(("rel=author", _text(a)))
    for el in tree.xpath(".//*[@class or @id][not(self::body)][not(self::html)]")[:5000]:
        attr = f"{el.get('class') or ''} {el.get('id') or ''}"
        if P.BYLINE_CLASS.search(attr) and not P.BYLINE_CLASS_NOT.search(attr) and not _in_furniture(el):
            text = _text(el)
            if 0 < len(text) <= 120:
                ev["byline"].append(("byline", text))
    for t in tree.iterfind(".//time"):
        value = t.get("datetime") or ""
        if value and ("pubdate" in t.attrib or "publish" in (t.get("class") or "").lower()
                      or t.getparent() is not None and _in_header(t)):
            ev["time"].append(("<time>", value))
    for link in tree.iterfind(".//link[@rel]"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            ev["url"].append(("canonical", link.get("href")))
    ev["url"] += [("og:url", v) for v in metas.get("og:url", [])[:1]]
    if url:
        ev["url"].insert(0, ("url", url))
    return ev


def _text(el) -> str:
    """An element's text with its children's texts kept apart ("Jeff Foust<br>Monday")."""
    return _clean(" ".join(el.itertext()))


def _in_furniture(el) -> bool:
    """Inside a comment, sidebar, related-stories block, navigation or footer: whatever byline
    or date is there belongs to another story or to the site."""
    # <body>/<html> classes describe the layout ("no-sidebar"), not a block
    return any(anc.tag in P.FURNITURE_TAGS or P.FURNITURE_CLASS.search(f"{anc.get('class') or ''} {anc.get('id') or ''}")
               for anc in el.iterancestors() if anc.tag not in ("body", "html"))


def _in_header(el) -> bool:
    """A <time> inside the article's header or byline area, not a comment's or a sidebar's."""
    if _in_furniture(el):
        return False
    for anc in el.iterancestors():
        attr = f"{anc.tag} {anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if anc.tag in ("header", "article") or any(w in attr for w in ("byline", "meta", "dateline", "header")):
            return True
    return False


# ---- 2. choose ----------------------------------------------------------------------------------

def strip_site(title: str, site_names: list[str]) -> str:
    """The headline without the site name the page glued to either end ("X | Site", "Site - X")."""
    parts = [p for p in P.TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    keys = {_key(s) for s in site_names if s}
    compact = {k.replace(" ", "") for k in keys}

    def is_site(part: str) -> bool:
        k = _key(part).replace(" ", "")
        # "Coastline Daily" is the site coastline-daily.com, "Le Monde.fr" the site "Le Monde"; but
        # "The Guardian view on ..." is a headline that merely starts with the site's name
        return len(k) >= 4 and any(s.startswith(k) or (len(s) >= 4 and k.startswith(s) and len(k) <= len(s) + 4)
                                   for s in compact)
    kept = list(parts)
    while len(kept) > 1 and is_site(kept[-1]):
        kept.pop()
    while len(kept) > 1 and is_site(kept[0]):
        kept.pop(0)
    if len(kept) == len(parts):
        return title
    # keep the original separators inside what is left: cut at the first/last kept part
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return _clean(title[start:end]) if 0 <= start < end else _clean(" ".join(kept))


def choose_title(ev: Evidence, sites: list[str]) -> tuple[str | None, str | None]:
    cands = [(src, strip_site(_clean(v), sites)) for src, v in ev.get("title", []) if _clean(v)]
    cands = [(s, v) for s, v in cands if 0 < len(v) <= 400]
    if not cands:
        return None, None
    best, best_score = None, -1.0
    for src, value in cands:
        k = _key(value)
        if not k:
            continue
        score = 0.0
        for other_src, other in cands:
            ok = _key(other)
            # agreement: the same headline, or one the other with a site name or kicker around it
            if ok == k or (len(k) >= 12 and k in ok):
                score += P.TITLE_WEIGHT.get(other_src, 1.0)
        score += P.TITLE_WEIGHT.get(src, 1.0) * 0.01  # ties go to the more trusted source
        if score > best_score:
            best, best_score = (src, value), score
    return (best[1], best[0]) if best else (None, None)


def _person(name: str) -> str | None:
    """A person's (or a credited desk's) name from a byline fragment, or None for UI text."""
    name = P.BYLINE_LEAD.sub("", _clean(name)).strip(" .,:;|-–—")
    if not name or name.startswith(("http://", "https://", "@")) or "@" in name:
        return None
    words = name.split()
    if not 1 <= len(words) <= P.MAX_AUTHOR_WORDS or any(ch.isdigit() for ch in name):
        return None
    if {w.casefold().strip(".,:") for w in words} & P.NOT_AUTHOR_WORDS:
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    return name


def _people(value: str) -> list[str]:
    value = P.DATE_WORD.sub("", P.BYLINE_TAIL.sub("", P.BYLINE_LEAD.sub("", _clean(value))))
    if re.match(r"(https?:|www\.)", value):  # article:author is often a profile link, not a name
        return []
    whole = _person(value)
    parts = [p for p in P.AUTHOR_SPLIT.split(value) if p.strip()]
    if len(parts) > 1:
        names = [n for n in (_person(p) for p in parts) if n]
        if names and len(names) == len(parts):
            return names
    return [whole] if whole else []


def choose_author(ev: Evidence, outlet: str | None = None) -> tuple[str | None, str | None]:
    """Structured sources first; the byline near the body only when no structured one names a
    person. The outlet credited as its own author ("AppleInsider", "BBC News") is kept only
    when no source names anyone else."""
    self_credit = (None, None)
    for group in (("json-ld author",), P.AUTHOR_META, ("itemprop author", "rel=author", "byline"),
                  ("json-ld organisation",)):
        names: list[str] = []
        source = None
        for src, value in ev.get("author", []) + ev.get("byline", []):
            if src not in group:
                continue
            for n in _people(value):
                if _key(n) not in {_key(x) for x in names}:
                    names.append(n)
                    source = source or src
            if names and src in ("byline", "rel=author", "itemprop author"):
                break  # the first byline in the page is the article's, later ones are other stories'
        if names and outlet and all(_agree(n, outlet) for n in names):
            self_credit = self_credit if self_credit[0] else (", ".join(names), source)
        elif names:
            return ", ".join(names[:P.MAX_AUTHORS]), source
    return self_credit


_UNSET = object()


def choose_date(ev: Evidence, html: str | None, found=_UNSET) -> tuple[dt.date | None, str | None]:
    """``found``: htmldate's answer when already known (trafilatura ran it), else run here."""
    in_url = next(((d, f"{src} date") for src, value in ev.get("url", []) if (d := url_date(value))), None)
    for src, value in ev.get("date", []) + ev.get("time", []):
        d = _iso_day(value)
        if d:
            # a UTC (or offset-less) instant may fall on the next or previous day of the outlet's
            # own calendar; the day the outlet wrote into its URL is that calendar's
            if in_url and abs((in_url[0] - d).days) == 1 and not _LOCAL_OFFSET.search(value):
                return in_url[0], f"{in_url[1]} (local day of {src})"
            return d, src
    if in_url:
        return in_url
    if found is _UNSET:
        found = None
        if html:
            from htmldate import find_date

            try:
                found = find_date(html, original_date=True, outputformat="%Y-%m-%d")
            except (ValueError, TypeError, AttributeError):
                pass
    if found and (d := parse_date(found)):
        return d, "htmldate"
    return None, None


_LOCAL_OFFSET = re.compile(r"T\d\d:\d\d.*[+-](?!00:?00)\d\d:?\d\d\s*$|GMT[+-](?!0000)\d{4}")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d\d)-(\d\d)")


def _iso_day(value: str) -> dt.date | None:
    """The day as the page wrote it (its own offset). Only unambiguous forms: ISO or a written
    month; a bare 01.11.2023 is left to htmldate, which knows the page's conventions better."""
    m = _ISO_DAY.match(value or "")
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    elif re.search(r"[A-Za-z]{3}", value or "") and re.search(r"\b(19|20)\d\d\b", value or ""):
        d = parse_date(value)
    else:
        return None
    return d if d and dt.date(1995, 1, 1) <= d <= dt.date.today() + dt.timedelta(days=2) else None


def registrable(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return None
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in P.SECOND_LEVEL else 2
    return ".".join(labels[-n:])


def _outlet_name(value: str) -> str:
    """"@politifact" -> "politifact"; "The Jerusalem Post | JPost.com" -> "The Jerusalem Post"."""
    v = re.split(r"\s+[|•·]\s+", _clean(value))[0].lstrip("@").strip()
    return v if v and len(v) <= 80 and not v.startswith("http") else ""


def _agree(a: str, b: str) -> bool:
    ka, kb = _key(a).replace(" ", ""), _key(b).replace(" ", "")
    return len(ka) >= 2 and len(kb) >= 2 and (ka in kb or kb in ka)


def choose_outlet(ev: Evidence, fallback: str | None = None) -> tuple[str | None, str | None]:
    """The site that publishes the page: its own name (og:site_name) before the JSON-LD
    publisher (on syndicated copy that is the agency), and either before UI labels; a name the
    domain or another source confirms beats one nobody confirms (a section as og:site_name)."""
    domain = next((d for _, value in ev.get("url", []) if (d := registrable(value))), None)
    label = domain.split(".")[0] if domain else ""
    cands = [(src, n) for src, value in ev.get("outlet", []) + ev.get("site", []) if (n := _outlet_name(value))]
    if fallback and (n := _outlet_name(fallback)):
        cands.append(("trafilatura", n))
    best, best_score = None, 0.0
    for src, name in cands:
        score = P.OUTLET_WEIGHT.get(src, 0.6 if src.startswith("json-ld") else 0.5)
        score += 1.0 if label and _agree(name, label) else 0.0
        score += 0.5 * sum(_agree(name, other) for s2, other in cands if s2 != src)
        # of two spellings of one name, the one written as words is the display name ("USA TODAY")
        score += 0.1 * (" " in name) + 0.1 * (name != name.lower())
        if score > best_score:
            best, best_score = (name, src), score
    if best:
        return best
    return (domain, next(f"{src} domain" for src, v in ev["url"] if registrable(v))) if domain else (None, None)


def read_metadata(tree, html: str | None = None, url: str | None = None,
                  fallback: dict | None = None) -> PageMeta:
    """Metadata of a parsed page; ``fallback`` (another extractor's values) votes on the title
    and fills a field the page's own evidence leaves empty."""
    ev = evidence(tree, url)
    fallback = fallback or {}
    meta = PageMeta()
    meta.outlet, src_outlet = choose_outlet(ev, fallback.get("outlet"))
    if fallback.get("title"):
        ev["title"].append(("trafilatura", fallback["title"]))
    sites = [v for _, v in ev.get("outlet", []) + ev.get("site", [])] + [fallback.get("outlet") or ""]
    if meta.outlet:
        sites.append(meta.outlet)
    meta.title, src_title = choose_title(ev, sites)
    meta.author, src_author = choose_author(ev, meta.outlet)
    meta.published, src_date = choose_date(ev, html, fallback.get("date", _UNSET))
    for name, src in (("title", src_title), ("author", src_author), ("published", src_date),
                      ("outlet", src_outlet)):
        if src:
            meta.sources[name] = src
    if meta.author is None and (names := _people(fallback.get("author") or "")):
        meta.author, meta.sources["author"] = ", ".join(names), "trafilatura"  # screened for UI text too
    return meta
