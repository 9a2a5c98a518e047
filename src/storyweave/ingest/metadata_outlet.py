"""The outlet of a page (:mod:`.metadata`, step 2 for the site's name): the names the page gives
itself, weighed by who states them and by what confirms them.

A page names its outlet in its ``og:site_name``, its JSON-LD publisher, its microdata, the end of
its ``<title>`` ("Headline - The Valley Courier") and its copyright line ("© 2021 Valley Courier
Media"); trafilatura's reading votes beside them. Not every such string is a name: a tagline or
a copyright line set as ``og:site_name`` is not, and a domain or a handle ("nytimes.com",
"@valleycourier", "ValleyCourier" where the domain is valleycourier.com) only restates the
address, so it yields to a proper name that the domain confirms.
"""
from __future__ import annotations

import functools
import html
import re
from typing import Callable
from urllib.parse import urlsplit

from . import metadata_patterns as P
from .metadata_evidence import Evidence, agree, clean_text, match_key


def registrable(url: str | None) -> str | None:
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return None
    n = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in P.SECOND_LEVEL else 2
    return ".".join(labels[-n:])


def outlet_name(value: str) -> str:
    """"@politifact" -> "politifact"; "The Jerusalem Post | JPost.com" -> "The Jerusalem Post";
    "Remember 80/90 - Memorabilia anni 80/90" -> "Remember 80/90"; "© 2021 Valley Courier Media.
    All rights reserved." -> "Valley Courier Media"; a tagline ("Your daily dose of harbour news")
    -> "" (no name)."""
    # before clean_text's NFKC, which reads "ⓒ" as a "c"
    value = copyright_holder(value) if P.COPYRIGHT_MARK.search(value) else clean_text(value)
    # a handle's decoration is no part of the name ("@wday_" is Wday)
    v = re.split(r"\s+[|•·]\s+", value)[0].lstrip("@").strip(" _")
    # "Name - what the site is about": the name before the dash, when the rest is the longer
    head, *rest = P.OUTLET_TAGLINE_DASH.split(v, maxsplit=1)
    if rest and len(head.split()) <= 4 and len(rest[0].split()) >= len(head.split()):
        v = head.strip()
    return v if v and len(v) <= 80 and not v.startswith("http") and not is_tagline(v) else ""


def is_tagline(name: str) -> bool:
    """A phrase, not a name: a sentence's length or end, or a run of lower-case words ("Nigeria's
    popular news platform"); names are short and capitalised (a particle aside: "Kabar tentang
    Dunia Islam"). Scripts without case are judged by length alone."""
    words = name.split()
    lower = [w for w in words if w.isalpha() and w.islower() and w not in P.SKIPPABLE_NAME_WORDS
             and w not in P.NAME_PARTICLES]
    return len(words) > P.MAX_OUTLET_WORDS or name[-1] in "!?" or (len(words) >= 3 and len(lower) >= 2)


def copyright_holder(text: str) -> str:
    """The holder a copyright line names ("Copyright © 2005–2021 Valley Courier Media, Inc. All
    rights reserved." -> "Valley Courier Media"), else ""."""
    m = P.COPYRIGHT_HOLDER.search(" ".join(html.unescape(str(text)).split()))
    if not m:
        return ""
    name = P.CORPORATE_SUFFIX.sub("", clean_text(m.group("name"))).strip(" .,-–—'\"‘’“”")
    return name if 2 <= len(name) <= 60 and not name[0].isdigit() else ""


def _abbreviates(label: str, name: str) -> bool:
    """The domain label is the name shortened word by word: "nytimes" for The New York Times,
    "bbc" for British Broadcasting Corporation (a prefix of each word, in order; "the", "of"
    may be left out); a two-letter label only as the initials of every word ("ap": The
    Associated Press)."""
    words = match_key(name).split()
    label = re.sub(r"[^a-z0-9]", "", label.lower())
    if len(words) < 2 or len(label) < 2:
        return False
    if len(label) == 2:
        return label == "".join(w[0] for w in words if w not in P.SKIPPABLE_NAME_WORDS)

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


def choose_outlet(ev: Evidence, fallback: str | None = None,
                  copyright_lines: Callable[[], list[tuple[str, str]]] | None = None
                  ) -> tuple[str | None, str | None]:
    """The site that publishes the page: its own name (og:site_name) before the JSON-LD
    publisher (on syndicated copy that is the agency), and either before UI labels; a name the
    domain or another source confirms beats one nobody confirms (a section as og:site_name).
    Where the page states no name, or only a weak one (a handle, trafilatura's guess from a
    handle or an app's name), the name at its ``<title>``'s end or in its copyright line
    (``copyright_lines``, asked only then: a look at all the page's text) speaks, if the domain
    or another source confirms it (or, for a copyright line, if the page has neither an address
    nor another name)."""
    url, domain = next(((v, d) for _, v in ev.get("url", []) if (d := registrable(v))), (None, None))
    label = domain.split(".")[0] if domain else ""
    # a server's label below the registrable name ("hosted" of hosted.ap.org) is not the site's
    # name; a brand's is ("ProFootballTalk" of profootballtalk.nbcsports.com)
    sub = P.SERVER_LABELS & set((urlsplit(url).hostname or "").lower().split(".")) if domain else set()
    cands = [(src, n) for src, value in ev.get("outlet", []) + ev.get("site", []) + ev.get("outlet hint", [])
             if (n := outlet_name(value)) and match_key(n) not in sub]
    if fallback and (n := outlet_name(fallback)) and match_key(n) not in sub:
        cands.append(("trafilatura", n))

    def score(src: str, name: str) -> tuple[float, bool, bool]:
        """(score, confirmed by the domain, a weak name)"""
        # the domain confirms a name, not itself: a host name ("en.wikipedia.org", trafilatura's
        # fall-back) gets no credit for matching it, and yields to any name the page states; the
        # label itself as a handle ("usatoday" of usatoday.com) only half
        host = bool(_HOST.match(name))
        confirmed = bool(label) and not host and (agree(name, label) or _abbreviates(label, name))
        restated = " " not in name and name.islower() and match_key(name).replace(" ", "") == label
        value = P.OUTLET_WEIGHT.get(src, 0.6 if src.startswith("json-ld") else 0.5)
        value += (0.5 if restated else 1.0) * confirmed
        # (the hints vote only among themselves: a stated name is weighed as the page states it)
        value += 0.5 * sum(agree(name, other) for s2, other in cands
                           if s2 != src and (src in P.OUTLET_HINTS or s2 not in P.OUTLET_HINTS))
        # of two spellings of one name, the one written as words is the display name ("USA TODAY")
        value += 0.1 * (" " in name) + 0.1 * (name != name.lower())
        # weak: the reader's guess from a handle or an app's name, or a handle ("cleveland", "nj")
        return value, confirmed, src == "trafilatura" or " " not in name and name.islower() and not host

    best, best_score, weak = None, 0.0, True
    for src, name in cands:
        if src not in P.OUTLET_HINTS and (s := score(src, name))[0] > best_score:
            best, best_score, weak = (name, src), s[0], s[2]
    if weak:
        stated = any(src not in P.OUTLET_HINTS for src, _ in cands)

        def hint() -> tuple[str, str] | None:
            found, found_rank = None, (False, 0.0)
            for src, name in cands:
                if src in P.OUTLET_HINTS:
                    value, confirmed, _ = score(src, name)
                    # the site's own address written as its name in its title ("Salon.com") is its name
                    own = domain and src == "<title> end" and name.lower().removeprefix("www.") == domain
                    agreeing = any(agree(name, other) for s2, other in cands if s2 != src)
                    # the title's end before the copyright line (which may name the parent company)
                    rank = (src == "<title> end", value)
                    if (own or confirmed or not domain and (agreeing or src == "copyright" and not stated)) \
                            and (own or not _HOST.match(name)) and rank > found_rank:
                        found, found_rank = (name[4:] if own and name.lower().startswith("www.") else name, src), rank
            return found
        # the copyright lines read only when the title's end does not speak
        if not (found := hint()) and copyright_lines:
            cands += [(src, n) for src, value in copyright_lines()
                      if (n := outlet_name(value)) and match_key(n) not in sub]
            found = hint()
        best = found or best
    if best:
        return best
    return (domain, next(f"{src} domain" for src, v in ev["url"] if registrable(v))) if domain else (None, None)
