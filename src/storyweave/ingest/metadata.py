"""Page metadata by agreement of evidence: title, author(s), publication day and outlet.

A page states its metadata in several places (JSON-LD, ``<meta>`` tags, microdata, the
``<title>``, the ``<h1>``, the byline, ``<time>``, the URL) and one library's first guess is
often the wrong one of them: a section heading for the title, a UI label for the author, the
updated date for the published one. So we gather every place, in steps:

1. **gather** — :func:`.metadata_evidence.evidence`: (source, value) pairs per field from the page tree;
2. **choose** — per field: the title voted by agreement (site name stripped first), authors
   from the most trusted source that yields a person's name (:mod:`.metadata_authors`), the published (never modified)
   date from structured data before the header ``<time>``, the URL, then htmldate, and the
   outlet from JSON-LD publisher, ``og:site_name``, else the registrable domain.

Each choice records where it came from (``PageMeta.sources``).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..text import url_date
from . import metadata_patterns as P
from .jsonl import parse_date
from .metadata_authors import choose_author, desk_credit, people
from .metadata_evidence import Evidence, agree, class_bylines, clean_text, evidence, match_key


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


def choose_date(ev: Evidence, page, found=_UNSET) -> tuple[dt.date | None, str | None]:
    """``found``: htmldate's answer when already known (trafilatura ran it), else run here
    when needed. The page's own published dates, most trusted first (structured data in the
    head, then the body's microdata and header ``<time>``); when they name different days, the
    one htmldate's independent reading agrees with wins (a body date is often another story's)."""
    in_url = next(((d, f"{src} date") for src, value in ev.get("url", []) if (d := url_date(value))), None)
    cands = [(d, src, value) for src, value in ev.get("date", []) + ev.get("time", []) if (d := _iso_day(value))]
    if len({d for d, _, _ in cands}) > 1:
        found = _htmldate(page, ev) if found is _UNSET else found
        agreed = parse_date(found) if found else None
        for d, src, value in cands:
            if d == agreed:
                return d, f"{src} (htmldate agrees)"
    for d, src, value in cands[:1]:
        # a UTC (or offset-less) instant may fall on the next or previous day of the outlet's
        # own calendar; the day the outlet wrote into its URL is that calendar's
        if in_url and abs((in_url[0] - d).days) == 1 and not _LOCAL_OFFSET.search(value):
            return in_url[0], f"{in_url[1]} (local day of {src})"
        return d, src
    if in_url:
        return in_url
    found = _htmldate(page, ev) if found is _UNSET else found
    if found and (d := parse_date(found)):
        return _month_first(d, page, ev) or (d, "htmldate")
    return None, None


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
    # a handle's decoration is no part of the name ("@wday_" is Wday)
    v = re.split(r"\s+[|•·]\s+", clean_text(value))[0].lstrip("@").strip(" _")
    return v if v and len(v) <= 80 and not v.startswith("http") else ""


def _abbreviates(label: str, name: str) -> bool:
    """The domain label is the name shortened word by word: "nytimes" for The New York Times,
    "bbc" for British Broadcasting Corporation (a prefix of each word, in order; "the", "of"
    may be left out)."""
    words = match_key(name).split()
    label = re.sub(r"[^a-z0-9]", "", label.lower())
    if len(label) < 3 or len(words) < 2:
        return False

    @functools.cache
    def fits(i: int, j: int) -> bool:  # label[i:] from words[j:]
        if i == len(label):
            return all(w in P.SKIPPABLE_NAME_WORDS for w in words[j:])
        if j == len(words):
            return False
        w = words[j]
        if w in P.SKIPPABLE_NAME_WORDS and fits(i, j + 1):
            return True
        return any(label[i:i + k] == w[:k] and fits(i + k, j + 1) for k in range(1, len(w) + 1))
    return fits(0, 0)


_HOST = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$")


def choose_outlet(ev: Evidence, fallback: str | None = None) -> tuple[str | None, str | None]:
    """The site that publishes the page: its own name (og:site_name) before the JSON-LD
    publisher (on syndicated copy that is the agency), and either before UI labels; a name the
    domain or another source confirms beats one nobody confirms (a section as og:site_name)."""
    url, domain = next(((v, d) for _, v in ev.get("url", []) if (d := registrable(v))), (None, None))
    label = domain.split(".")[0] if domain else ""
    # a server's label below the registrable name ("hosted" of hosted.ap.org) is not the site's
    # name; a brand's is ("ProFootballTalk" of profootballtalk.nbcsports.com)
    sub = P.SERVER_LABELS & set((urlsplit(url).hostname or "").lower().split(".")) if domain else set()
    cands = [(src, n) for src, value in ev.get("outlet", []) + ev.get("site", [])
             if (n := _outlet_name(value)) and match_key(n) not in sub]
    if fallback and (n := _outlet_name(fallback)) and match_key(n) not in sub:
        cands.append(("trafilatura", n))
    best, best_score = None, 0.0
    for src, name in cands:
        score = P.OUTLET_WEIGHT.get(src, 0.6 if src.startswith("json-ld") else 0.5)
        # the domain confirms a name, not itself: a host name ("en.wikipedia.org", trafilatura's
        # fall-back) gets no credit for matching it, and yields to any name the page states
        host = bool(_HOST.match(name))
        score += 1.0 if label and not host and (agree(name, label) or _abbreviates(label, name)) else 0.0
        score += 0.5 * sum(agree(name, other) for s2, other in cands if s2 != src)
        # of two spellings of one name, the one written as words is the display name ("USA TODAY")
        score += 0.1 * (" " in name) + 0.1 * (name != name.lower())
        if score > best_score:
            best, best_score = (name, src), score
    if best:
        return best
    return (domain, next(f"{src} domain" for src, v in ev["url"] if registrable(v))) if domain else (None, None)


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
    meta.outlet, src_outlet = choose_outlet(ev, fallback.get("outlet"))
    promo = {match_key(v) for _, v in ev.get("furniture heading", [])} if fallback.get("title") else set()
    if fallback.get("title") and match_key(fallback["title"]) not in promo:
        ev["title"].append(("trafilatura", fallback["title"]))
    sites = [v for _, v in ev.get("outlet", []) + ev.get("site", [])] + [fallback.get("outlet") or ""]
    if meta.outlet:
        sites.append(meta.outlet)
    meta.title, src_title = choose_title(ev, sites, meta.outlet)
    meta.author, src_author = choose_author(ev, meta.outlet, functools.cache(lambda: class_bylines(tree)))
    meta.published, src_date = choose_date(ev, tree if tree is not None else html, fallback.get("date", _UNSET))
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
