"""Page metadata by agreement of evidence: title, author(s), publication day and outlet.

A page states its metadata in several places (JSON-LD, ``<meta>`` tags, microdata, the
``<title>``, the ``<h1>``, the byline, ``<time>``, the URL) and one library's first guess is
often the wrong one of them: a section heading for the title, a UI label for the author, the
updated date for the published one. So we gather every place, in steps:

1. **gather** — :func:`.metadata_evidence.evidence`: (source, value) pairs per field from the page tree;
2. **choose** — per field: the title voted by agreement (site name stripped first), authors
   from the most trusted source that yields a person's name (:mod:`.metadata_authors`), the published (never modified)
   date from structured data before the header ``<time>``, the URL, then htmldate (a timestamp's
   day checked against the day the page shows beside its headline), and the outlet
   (:mod:`.metadata_outlet`) from ``og:site_name``, JSON-LD publisher, else the title's end or the
   copyright line the domain confirms, else the registrable domain.

Each choice records where it came from (``PageMeta.sources``).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..text import url_date
from . import metadata_patterns as P
from .jsonl import parse_date
from .metadata_authors import choose_author, desk_credit, people
from .metadata_evidence import (Evidence, class_bylines, clean_text, copyright_lines, evidence, headline_text,
                                match_key, text_bylines)
from .metadata_outlet import choose_outlet, registrable  # noqa: F401 - registrable: part of this module's API


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None  # the page's own (given, canonical, og:url)
    sources: dict[str, str] = field(default_factory=dict)


# ---- 2. choose ----------------------------------------------------------------------------------

def strip_site(title: str, site_names: list[str]) -> str:
    """The headline without the site name the page glued to either end ("X | Site", "Site - X")."""
    parts = [p for p in P.TITLE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    keys = {match_key(s) for s in site_names if s}
    compact = {k.replace(" ", "") for k in keys}

    def is_site(part: str) -> bool:
        k = match_key(part).replace(" ", "")
        # "Coastline Daily" is the site coastline-daily.com, "Le Monde.fr" the site "Le Monde"; but
        # "The Guardian view on ..." is a headline that merely starts with the site's name
        # a short name only when it is the whole site name ("CNN", "IGN": "The" is no "thehill")
        return k in compact and len(k) >= 2 or len(k) >= 4 and any(
            s.startswith(k) or (len(s) >= 4 and k.startswith(s) and len(k) <= len(s) + 4) for s in compact)
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
    return clean_text(title[start:end]) if 0 <= start < end else clean_text(" ".join(kept))


def choose_title(ev: Evidence, sites: list[str], outlet: str | None = None) -> tuple[str | None, str | None]:
    cands = [(src, strip_site(clean_text(v), sites)) for src, v in ev.get("title", []) if clean_text(v)]
    cands = [(s, v) for s, v in cands if 0 < len(v) <= 400]
    # the outlet's bare name (a home page's <title>) is no headline when anything else is offered
    cands = [(s, v) for s, v in cands if not outlet or match_key(v) != match_key(outlet)] or cands
    if not cands:
        return None, None
    best, best_score = None, -1.0
    around = [(other_src, match_key(other), _ends(other)) for other_src, other in cands]
    for src, value in cands:
        k = match_key(value)
        if not k:
            continue
        score = 0.0
        for other_src, ok, ends in around:
            # agreement: the same headline, or one the other with a site name or kicker set off
            # around it by a separator ("About bugs" in "About bugs – Vortex Cannon Entertainment")
            if ok == k or (len(k) >= 8 and k in ends):
                score += P.TITLE_WEIGHT.get(other_src, 1.0)
        score += P.TITLE_WEIGHT.get(src, 1.0) * 0.01  # ties go to the more trusted source
        if score > best_score:
            best, best_score = (src, value), score
    return (best[1], best[0]) if best else (None, None)


def _ends(title: str) -> set[str]:
    """The keys of a title's leading and trailing runs of separated parts ("A | B | C": A, A B,
    B C, C)."""
    parts = [p for p in P.TITLE_PART_SEPARATOR.split(title) if p.strip()]
    return {match_key(" ".join(parts[:i])) for i in range(1, len(parts))} | \
        {match_key(" ".join(parts[i:])) for i in range(1, len(parts))}


_UNSET = object()


def choose_date(ev: Evidence, page, found=_UNSET, title: str | None = None) -> tuple[dt.date | None, str | None]:
    """``found``: htmldate's answer when already known (trafilatura ran it), else run here
    when needed. The page's own published dates, most trusted first (structured data in the
    head, then the body's microdata and header ``<time>``); when they name different days, the
    one the page shows its reader (:func:`shown_dates`), else the one htmldate's independent
    reading agrees with wins (a body date is often another story's). A timestamp is an instant,
    and its day depends on the clock it is written in (UTC, or an offset a template set wrong):
    the day the page shows beside the headline, one day off, is the outlet's own calendar's."""
    in_url = next(((d, f"{src} date") for src, value in ev.get("url", []) if (d := url_date(value))), None)
    cands = [(d, src, value) for src, value in ev.get("date", []) + ev.get("time", []) if (d := _iso_day(value))]
    if len(days := {d for d, _, _ in cands}) > 1:
        # the first the page shows of them
        if shown := next((s for s in shown_dates(ev, page, title, cands[0][0]) if s in days), None):
            return shown, f"{next(src for d, src, _ in cands if d == shown)} (shown on the page)"
        found = _htmldate(page, ev) if found is _UNSET else found
        agreed = parse_date(found) if found else None
        for d, src, value in cands:
            if d == agreed:
                return d, f"{src} (htmldate agrees)"
    for d, src, value in cands[:1]:
        url_near = in_url and abs((in_url[0] - d).days) == 1
        if not (_T_TIME.search(value) or url_near):
            return d, src  # a day as written, no instant, and the URL agrees or is silent
        near = None  # the day the page shows is the outlet's calendar's; one day off, the instant's other side
        for s in shown_dates(ev, page, title, d):
            if s == d:
                return d, src
            near = near or (s if abs((s - d).days) == 1 else None)
        if near and _T_TIME.search(value):
            return near, f"shown date (local day of {src})"
        # a UTC (or offset-less) instant may fall on the next or previous day of the outlet's
        # own calendar; the day the outlet wrote into its URL is that calendar's
        if url_near and not _LOCAL_OFFSET.search(value):
            return in_url[0], f"{in_url[1]} (local day of {src})"
        return d, src
    if in_url:
        return in_url
    found = _htmldate(page, ev) if found is _UNSET else found
    if found and (d := parse_date(found)):
        return _month_first(d, page, ev) or (d, "htmldate")
    return None, None


def shown_dates(ev: Evidence, page, title: str | None, ref: dt.date) -> Iterator[dt.date]:
    """The days the page shows its reader with the article, in order: the words of its
    ``<time>`` elements, then (read only if asked for) the dates written around the headline (the
    byline's, the dateline's); not one introduced as the update. A date written without its year
    ("Posted Nov 18") is in the year of ``ref`` (the page's timestamp) nearest to it."""
    for text in _shown_texts(ev, page, title):
        for m in P.SHOWN_DATE.finditer(text):
            if P.MODIFIED_LEAD.search(text[max(0, m.start() - 40):m.start()]):
                continue
            g = m.groupdict()
            if g["year3"]:
                y, mo, d = int(g["year3"]), int(g["month3"]), int(g["day3"])
            else:
                mo = P.MONTHS[(g["month"] or g["month2"]).lower()]
                d, y = int(g["day"] or g["day2"]), g["year"] or g["year2"]
                y = int(y) if y else ref.year + (mo - ref.month > 6) * -1 + (ref.month - mo > 6)
            try:
                yield dt.date(y, mo, d)
            except ValueError:
                continue


def _shown_texts(ev: Evidence, page, title: str | None) -> Iterator[str]:
    yield from (v for _, v in ev.get("shown", []))
    if page is not None and not isinstance(page, str):  # a parsed page: its headline's surroundings
        yield headline_text(page, title)


def _month_first(d: dt.date, page, ev: Evidence) -> tuple[dt.date, str] | None:
    """htmldate reads 11/01/2023 day first (1 November is 01/11 in most of the world); on a page
    whose locale writes the month first (en-US) and that has no slash date proving day-first
    (a first number over 12), the page meant 1 November: the day and month swapped back."""
    locale = next((v for _, v in ev.get("locale", [])), "")
    if not P.MONTH_FIRST_LOCALE.match(locale) or d.day > 12 or d.day == d.month or page is None:
        return None
    text = page if isinstance(page, str) else " ".join(page.itertext())
    dates = [(int(a), int(b), int(y) + (2000 if len(y) == 2 else 0)) for a, b, y in P.SLASH_DATE.findall(text)]
    if (d.day, d.month, d.year) not in dates or any(a > 12 for a, b, _ in dates):
        return None
    return dt.date(d.year, d.day, d.month), f"htmldate (month first: {locale})"


def _htmldate(page, ev: Evidence) -> str | None:
    """htmldate's reading of the page (its HTML or parsed tree, which it copies before pruning),
    as trafilatura asks for it: the original date, extensive search, nothing after today."""
    if page is None or (isinstance(page, str) and not page):
        return None
    from htmldate import find_date

    url = next((v for _, v in ev.get("url", [])), None)  # given, else canonical: as trafilatura passes it
    try:
        return find_date(page, url=url, original_date=True, extensive_search=True,
                         max_date=dt.date.today().isoformat(), outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AttributeError):
        return None


_T_TIME = re.compile(r"\d\d:\d\d")  # a timestamp, not a bare day
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


def _recased_handle(name: str, html: str | None) -> bool:
    """trafilatura capitalises what it reads ("jdadmin" -> "Jdadmin"): a one-word name the page
    writes nowhere, or only in lower case, is a user handle or a fragment of one ("Rmb8090")."""
    if " " in name.strip() or not isinstance(html, str) or not html:
        return False
    written = re.findall(r"(?<![\w@])%s(?!\w)" % re.escape(name.strip()), html, re.IGNORECASE)
    return all(w.islower() for w in written)


def read_metadata(tree, html: str | None = None, url: str | None = None,
                  fallback: dict | None = None) -> PageMeta:
    """Metadata of a parsed page; ``fallback`` (another extractor's values) votes on the title
    and fills a field the page's own evidence leaves empty (its ``author`` may be a callable,
    asked only then; its ``date``, when given, is htmldate's answer)."""
    ev = evidence(tree, url, bylines=False)
    fallback = fallback or {}
    meta = PageMeta()
    meta.outlet, src_outlet = choose_outlet(ev, fallback.get("outlet"), lambda: copyright_lines(tree))
    promo = {match_key(v) for _, v in ev.get("furniture heading", [])} if fallback.get("title") else set()
    if fallback.get("title") and match_key(fallback["title"]) not in promo:
        ev["title"].append(("trafilatura", fallback["title"]))
    sites = [v for _, v in ev.get("outlet", []) + ev.get("site", [])] + [fallback.get("outlet") or ""]
    if meta.outlet and src_outlet != "copyright":  # a copyright holder owns the site, the title never names it
        sites.append(meta.outlet)
    meta.title, src_title = choose_title(ev, sites, meta.outlet)
    meta.author, src_author = choose_author(ev, meta.outlet, functools.cache(lambda: class_bylines(tree)),
                                            lambda: text_bylines(tree))
    meta.published, src_date = choose_date(ev, tree if tree is not None else html, fallback.get("date", _UNSET),
                                           meta.title)
    meta.url = next((v for _, v in ev.get("url", [])), None)
    for name, src in (("title", src_title), ("author", src_author), ("published", src_date),
                      ("outlet", src_outlet)):
        if src:
            meta.sources[name] = src
    author = fallback.get("author")
    if meta.author is None and (author := (author() if callable(author) else author) or "") \
            and not _recased_handle(author, html):
        names = people(author, "trafilatura", meta.outlet)  # screened for UI text too
        if names or (names := [c for c in [desk_credit(author)] if c]):
            meta.author, meta.sources["author"] = ", ".join(names), "trafilatura"
    return meta
