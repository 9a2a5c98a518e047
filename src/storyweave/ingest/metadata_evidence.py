"""Step 1 of page metadata (:mod:`.metadata`): gather every place a page states its title,
authors, dates and outlet, as (source, value) pairs per field, in document order."""
from __future__ import annotations

import html
import itertools
import json
import re
import unicodedata
from collections import defaultdict

from . import metadata_patterns as P

Evidence = dict[str, list[tuple[str, str]]]  # field -> [(source, value)], in document order


def clean_text(text) -> str:
    """NFKC, whitespace collapsed, character references decoded: JSON-LD and meta values are
    often escaped twice by their templates ("&#8216;The Medium&#8217;", "&amp;amp;")."""
    text = str(text or "")
    if "&" in text and ";" in text:
        text = html.unescape(html.unescape(text))
    return " ".join(unicodedata.normalize("NFKC", text).split())


def match_key(text: str) -> str:
    """Case-folded words only: the form two spellings of one value agree in."""
    return re.sub(r"\W+", " ", clean_text(text).casefold()).strip()


def agree(a: str, b: str) -> bool:
    ka, kb = match_key(a).replace(" ", ""), match_key(b).replace(" ", "")
    return len(ka) >= 2 and len(kb) >= 2 and (ka in kb or kb in ka)


def _jsonld_objects(tree) -> list[dict]:
    """The page's JSON-LD objects, except the members of a list (an ItemList of other stories)."""
    out: list[dict] = []

    def walk(node, depth=0):
        if depth > 6:
            return
        if isinstance(node, list):
            for n in node:
                walk(n, depth + 1)
        elif isinstance(node, dict):
            out.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if isinstance(node.get(key), (list, dict)):
                    walk(node[key], depth + 1)

    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            # strict=False: templates leave raw newlines and tabs inside strings
            walk(json.loads(P.JSONLD_WRAPPER.sub("", script.text).strip().rstrip(";"), strict=False))
        except (ValueError, RecursionError):
            continue
    return out


def _resolver(objects: list[dict]):
    """A value that is only a reference ({"@id": ...}) -> the object the page defines with that id
    (Yoast-style graphs name the publisher and authors once and point to them)."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}

    def resolve(value):
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
            return by_id.get(value["@id"], value)
        return value
    return resolve


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
    return [clean_text(value)] if isinstance(value, str) and clean_text(value) else []


def evidence(tree, url: str | None = None, bylines: bool = True) -> Evidence:
    """``bylines=False``: without :func:`class_bylines` (the caller asks for them if needed)."""
    ev: Evidence = defaultdict(list)
    objects = _jsonld_objects(tree)
    resolve = _resolver(objects)
    for obj in objects:
        types = _types(obj)
        if types & P.ARTICLE_TYPES:
            for key in ("headline", "name"):
                if isinstance(obj.get(key), str):
                    ev["title"].append(("json-ld " + key, obj[key]))
            for a in _as_list(resolve(obj.get("author") or obj.get("creator"))):
                # an organisation credited as author (an agency, the site) yields to a person's byline
                src = "json-ld organisation" if isinstance(a, dict) and "organization" in _types(a) else "json-ld author"
                ev["author"] += [(src, n) for n in _names(a)]
            if obj.get("datePublished"):
                ev["date"].append(("json-ld datePublished", str(obj["datePublished"])))
        elif types & {"website", "organization", "newsmediaorganization"} and obj.get("name"):
            ev["site"] += [("json-ld " + sorted(types)[0], n) for n in _names(obj.get("name"))[:1]]
        # the publisher is the site's whatever block names it (the article, its WebPage, the WebSite)
        ev["outlet"] += [("json-ld publisher", n) for n in _names(resolve(obj.get("publisher")))[:1]]
    metas: dict[str, list[str]] = defaultdict(list)
    for m in tree.iterfind(".//meta"):
        content = clean_text(m.get("content"))
        if not content:
            continue
        # one tag may name several keys ("dc:creator twitter:site_name"), in property and name alike;
        # "dc:title" (RDFa) is "dc.title" (HTML meta)
        keys = " ".join(m.get(a) or "" for a in ("property", "name", "itemprop", "http-equiv")).lower().split()
        for key in dict.fromkeys(P.META_PREFIX.sub(r"\1.", k) for k in keys):
            metas[key].append(content)
    for fld, keys in (("title", P.TITLE_META), ("author", P.AUTHOR_META), ("date", P.DATE_META),
                      ("outlet", P.OUTLET_META)):
        for k in keys:
            ev[fld] += [(k, v) for v in metas.get(k, [])[:1 if fld != "author" else 4]]
    found: list[tuple[str, str, object]] = []  # microdata authors, with their elements
    for el in tree.iterfind(".//*[@itemprop]"):
        prop = el.get("itemprop")
        if prop == "headline" and el.tag != "meta":
            ev["title"].append(("itemprop headline", el.text_content()))
        elif prop == "datePublished" and el.tag != "meta":
            ev["date"].append(("itemprop datePublished", el.get("datetime") or el.get("content") or ""))
        elif prop == "author" and el.tag != "meta":
            inner = el.find(".//*[@itemprop='name']")
            found.append(("itemprop author", _text(inner if inner is not None else el), el))
        elif prop == "publisher" and el.tag != "meta":
            inner = el.find(".//*[@itemprop='name']")
            if inner is not None and (name := clean_text(inner.get("content")) or _text(inner)):
                ev["outlet"].append(("itemprop publisher", name))
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        ev["title"].append(("<title>", title.text_content()))
        ev["outlet hint"] += title_ends(title.text_content())
    h1s = 0
    for h in itertools.islice(tree.iterfind(".//h1"), 10):
        # a heading in a promo, a modal or a teaser is no title ("Take your next trip with ...!"),
        # whoever reads it as one (a fallback's vote)
        if _in_furniture(h):
            ev["furniture heading"].append(("h1", h.text_content()))
        elif h1s < 3:
            ev["title"].append(("h1", h.text_content()))
            h1s += 1
    art = next((a for a in tree.iterfind(".//article") if not _in_furniture(a)), None)
    if art is not None and (h2 := art.find(".//h2")) is not None and not _in_furniture(h2):
        ev["title"].append(("article h2", h2.text_content()))  # a headline set as h2 under a section's h1
    rel = [("rel=author", _text(a), a) for a in tree.iterfind(".//a[@rel]")
           if "author" in (a.get("rel") or "").lower().split() and not _in_furniture(a)]
    ev["byline"] += nearest_first(tree, found) + nearest_first(tree, rel)
    if bylines:
        ev["byline"] += class_bylines(tree)
    for n, t in enumerate(tree.iterfind(".//time")):
        value = t.get("datetime") or ""
        if value and not _modified(t) and ("pubdate" in t.attrib or "publish" in (t.get("class") or "").lower()
                                           or t.getparent() is not None and _in_header(t)):
            ev["time"].append(("<time>", value))
        # what the reader sees: the <time>'s own words, the day in the outlet's calendar
        text = _text(t) if n < 20 else ""
        if any(c.isdigit() for c in text) and not _modified(t) and not _in_furniture(t):
            ev["shown"].append(("<time> text", text))
    for link in tree.iterfind(".//link[@rel]"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            ev["url"].append(("canonical", link.get("href")))
    ev["url"] += [("og:url", v) for v in metas.get("og:url", [])[:1]]
    root = tree.getroottree().getroot()
    ev["locale"] += [(src, v) for src, v in (("html lang", root.get("lang") or root.get("xml:lang") or ""),
                                             ("og:locale", (metas.get("og:locale") or [""])[0]),
                                             ("content-language", (metas.get("content-language") or [""])[0])) if v]
    if url:
        ev["url"].insert(0, ("url", url))
    return ev


def title_ends(title: str) -> list[tuple[str, str]]:
    """The last part of a ``<title>`` split at its separators ("Headline - The Valley Courier"):
    where sites put their name; not when it is the longest part (the headline; a title that
    starts with the site's name more often starts with a section's or a book's)."""
    parts = [p.strip() for p in P.TITLE_SEPARATOR.split(clean_text(title)) if p.strip()]
    if len(parts) < 2 or len(parts[-1]) >= max(len(p) for p in parts[:-1]) \
            or len(parts[-1].split()) > P.MAX_OUTLET_WORDS:
        return []
    return [("<title> end", parts[-1])]


def copyright_lines(tree) -> list[tuple[str, str]]:
    """The page's copyright lines ("© 2021 Valley Courier Media. All rights reserved."), whole
    (the year and the holder are often set in elements of their own), photo credits aside: a
    look at every text of the page, so :func:`.metadata_outlet.choose_outlet` asks for it only
    when the page states no strong name."""
    out: list[tuple[str, str]] = []
    for t in tree.xpath(P.COPYRIGHT_XPATH)[-P.MAX_COPYRIGHT_LINES * 2:]:
        el = t.getparent()
        if el is None or el.tag in ("script", "style", "noscript", "title") or not isinstance(el.tag, str):
            continue
        if t.is_tail:
            el = el.getparent() if el.getparent() is not None else el
        if any(a.tag in ("figure", "figcaption") for a in itertools.chain([el], el.iterancestors())):
            continue
        line = " ".join(" ".join(el.itertext()).split())[:300]
        if P.COPYRIGHT_MARK.search(line) and ("copyright", line) not in out:
            out.append(("copyright", line))
    return out[-P.MAX_COPYRIGHT_LINES:]


def headline_text(tree, title: str | None) -> str:
    """The words around the page's headline (its ``<h1>`` outside furniture that agrees with the
    chosen title), where the byline and the dateline sit: after it up to where the article's
    text begins (its first long paragraph), photo captions skipped, then the line just above it;
    each at most :data:`.metadata_patterns.SHOWN_DATE_WINDOW` characters. Empty when no ``<h1>``
    is the headline (a masthead's ``<h1>``)."""
    key = match_key(title or "").replace(" ", "")
    if len(key) < 8:
        return ""
    for h in itertools.islice(tree.iterfind(".//h1"), 5):
        hk = match_key(h.text_content()).replace(" ", "")
        if len(hk) >= 8 and (hk in key or key in hk) and not _in_furniture(h):
            after = _window(h.xpath("following::text()[position() <= 200]"))
            before = _window(reversed(h.xpath("preceding::text()[position() <= 40]")))  # nearest first
            return " ".join(after) + " | " + " ".join(reversed(before))
    return ""


def _window(texts) -> list[str]:
    """Text nodes, nearest the headline first, up to the window's size; a photo's caption
    skipped (it dates the photo), and a stop at a long paragraph (the article's text begins,
    or another story's)."""
    out, size = [], 0
    for t in texts:
        parent = t.getparent()
        if parent is None or parent.tag in ("script", "style", "noscript", "template") or not t.strip():
            continue
        block = next((a for a in itertools.chain([parent], itertools.islice(parent.iterancestors(), 3))
                      if a.tag in ("p", "figure", "figcaption")), None)
        if block is not None and block.tag != "p":
            continue
        if block is not None and len(block.text_content()) > P.SHOWN_DATE_BODY:
            break
        out.append(" ".join(t.split()))
        size += len(out[-1]) + 1
        if size >= P.SHOWN_DATE_WINDOW:
            break
    return out


_TEXT_BYLINE_CHARS = 300  # a byline sits in a short text, not inside a paragraph of prose
_TEXT_BYLINES = 20


def class_bylines(tree) -> list[tuple[str, str]]:
    """Elements whose class or id says byline or author, outside furniture: the costliest look
    at the page (every classed element), so :func:`.metadata.choose_author` asks for it only
    when no structured source names the author."""
    out = []
    for el in tree.xpath(".//*[@class or @id][not(self::body)][not(self::html)]")[:5000]:
        # BEM names ("article__author", "post_byline") separate words with underscores
        attr = f"{el.get('class') or ''} {el.get('id') or ''}".replace("_", "-")
        if P.BYLINE_CLASS.search(attr) and not P.BYLINE_CLASS_NOT.search(attr) and not _in_furniture(el):
            text = _text(el)
            if 0 < len(text) <= 120:
                out.append(("byline", text, el))
    return nearest_first(tree, out)


def text_bylines(tree) -> list[tuple[str, str]]:
    """Names written as a byline into the page's text: a blog's post line ("Posted on <date> by
    X", ``P.POSTED_BYLINE``), or in Korean, Chinese or Japanese their press's fixed forms
    (``P.KOREAN_BYLINE`` / ``P.CJK_BYLINE``); outside furniture, the one nearest the headline
    first: asked only when no byline element names anyone."""
    out = []
    for el in tree.iter():
        if isinstance(el.tag, str) and el.text and el.text.lstrip()[:6].lower() == "posted" and not _in_furniture(el):
            m = P.POSTED_BYLINE.match(_text(el)[:_TEXT_BYLINE_CHARS])  # "Posted on <date> by Admin"
            if m:
                out.append(("post line", m.group(1), el))
        elif isinstance(el.tag, str) and el.text and el.text.lstrip()[:11].lower().startswith(P.BYLINE_LINE_LEADS) \
                and el.tag not in ("script", "style", "title", "a") and not _in_furniture(el):
            m = P.BYLINE_LINE.match(_text(el)[:_TEXT_BYLINE_CHARS])  # "By Maren Solberg", "Written by ..."
            if m:
                out.append(("byline line", m.group(1), el))
        for text in (el.text, el.tail):
            if not text or len(text) > _TEXT_BYLINE_CHARS or text.isascii():
                continue
            m = P.KOREAN_BYLINE.search(text) or P.CJK_BYLINE.search(text)
            if m and isinstance(el.tag, str) and el.tag not in ("script", "style", "title") and not _in_furniture(el):
                out.append(("byline in text", next(g for g in m.groups() if g), el))
        if len(out) >= _TEXT_BYLINES:
            break
    return nearest_first(tree, out)


def nearest_first(tree, found: list[tuple[str, str, object]]) -> list[tuple[str, str]]:
    """Bylines of one kind, the one nearest the page's headline (its first ``<h1>`` outside
    furniture) first: a teaser's byline above the article belongs to another story, and the
    article's own sits next to its headline, below or above it."""
    if len({text for _, text, _ in found}) > 1:
        h1 = next((h for h in tree.iterfind(".//h1") if not _in_furniture(h)), None)
        if h1 is not None:
            wanted, order = {h1, *(el for _, _, el in found)}, {}
            for i, el in enumerate(tree.iter()):  # document order, up to the last one wanted
                if el in wanted:
                    order[el] = i
                    if len(order) == len(wanted):
                        break
            at = order.get(h1, 0)
            # at equal distance the one below (a byline usually follows its headline)
            found = sorted(found, key=lambda f: (abs(order.get(f[2], at) - at), order.get(f[2], at) < at))
    return [(src, text) for src, text, _ in found]


def _text(el) -> str:
    """An element's text with its children's texts kept apart ("Jeff Foust<br>Monday")."""
    return clean_text(" ".join(el.itertext()))


def _in_furniture(el) -> bool:
    """Inside a comment, sidebar, related-stories block, navigation or footer: whatever byline
    or date is there belongs to another story or to the site."""
    # <body>/<html> classes describe the layout ("no-sidebar"), not a block
    return any(anc.tag in P.FURNITURE_TAGS or _furniture_attr(f"{anc.get('class') or ''} {anc.get('id') or ''}")
               for anc in el.iterancestors() if anc.tag not in ("body", "html"))


def _furniture_attr(attr: str) -> bool:
    # a layout modifier says what a block has or lacks ("content__header--no-promo"), not what it is
    return bool(P.FURNITURE_CLASS.search(attr) and P.FURNITURE_CLASS.search(P.LAYOUT_MODIFIER.sub(" ", attr)))


def _modified(t) -> bool:
    """A <time> of the last change, not of the publication: so marked (class, itemprop, id) or
    so introduced ("Updated", "Aktualisiert", "Mis à jour" just before it)."""
    parent = t.getparent()
    marks = " ".join(x.get(a) or "" for x in (t, parent) if x is not None for a in ("class", "itemprop", "id"))
    prev = t.getprevious()
    before = (prev.tail if prev is not None else parent.text if parent is not None else "") or ""
    return bool(P.MODIFIED_MARK.search(marks) or P.MODIFIED_LEAD.search(before[-40:]))


def _in_header(el) -> bool:
    """A <time> inside the article's header or byline area, not a comment's or a sidebar's."""
    if _in_furniture(el):
        return False
    for anc in el.iterancestors():
        attr = f"{anc.tag} {anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if anc.tag in ("header", "article") or any(w in attr for w in ("byline", "meta", "dateline", "header")):
            return True
    return False


