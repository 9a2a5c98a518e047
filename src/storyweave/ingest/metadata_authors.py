"""Step 2 of page metadata (:mod:`.metadata`) for the author: who wrote the page, from the
gathered evidence: a person's name, several kept, never UI text, a handle, a job title, the
agency or the outlet written after the name, or another story's byline."""
from __future__ import annotations

import functools
import re
from typing import Callable

from . import metadata_patterns as P
from .agency_patterns import AGENCIES
from .metadata_evidence import Evidence, agree, clean_text, match_key


def _person(name: str, screen: frozenset | set = P.NOT_AUTHOR_WORDS, scraped: bool = False) -> str | None:
    """A person's (or a credited desk's) name from a byline fragment, or None for UI text
    (``screen``: the words that show it; ``scraped``: text from the page's body, not a tag)."""
    name = P.BYLINE_LEAD.sub("", clean_text(name)).strip(P.BYLINE_SEPARATORS)
    if not name or name.startswith(("http://", "https://", "@")) or "@" in name or P.HOST_NAME.match(name):
        return None
    words = name.split()
    # particles do not count ("José Antonio de la Torre Martínez")
    if not 1 <= len([w for w in words if w not in P.NAME_PARTICLES]) <= P.MAX_AUTHOR_WORDS \
            or any(ch.isdigit() for ch in name):
        return None
    if _words(name) & screen:
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    if scraped and _sentence_like(words):
        return None
    return None if _handle(name) else name


def _sentence_like(words: list[str]) -> bool:
    """"Phil Helsel is a reporter", "Syrian defense ministries": text scraped from the page with
    an ordinary lower-case word beside capitalised ones is a phrase, not a name ("Ludwig van
    Beethoven" has a particle, "bell hooks" no capital)."""
    lower = [w for w in words if w.isalpha() and w.islower() and w not in P.NAME_PARTICLES]
    return bool(lower) and any(w[:1].isupper() for w in words)


def _without_org_tail(value: str, outlet: str | None) -> str:
    """"Tom Davies Associated Press", "Kevin McCoy, USA TODAY": the agency or the outlet written
    after the writer's name is who published, not who wrote (kept when it is all there is)."""
    cut = _outlet_tail(outlet).sub("", value) if outlet else value
    cut = _AGENCY_TAIL.sub("", cut) if cut == value else cut
    cut = re.sub(r"\s+(?:and|und|et|y|with|avec|mit|con|&)$", "", cut)  # "Jean Dupont avec AFP"
    return cut if cut != value and len(cut.split()) >= 2 else value


_AGENCY_KEYS = {match_key(a) for a in AGENCIES if len(a) > 4}
# a job title may follow the agency or the outlet ("JANE ROE Associated Press Writer")
_ROLE_AFTER = r"(?i:(?:\s+[a-z]+)?\s+(?:%s))?\.?\s*$" % "|".join(sorted(P.ROLE_WORDS, key=len, reverse=True))
# compiled once (every agency's name); short agency tags only in capitals ("AP", "EFE"): "Efe"
# or "Ani" may be a surname
_AGENCY_TAIL = re.compile(r"[\s,;|/–—-]+(?:(?i:(?:the\s+)?(?:%s))|(?:%s))" % (
    "|".join(sorted((re.escape(a) for a in AGENCIES if len(a) > 4), key=len, reverse=True)),
    "|".join(sorted((re.escape(a.upper()) for a in AGENCIES if len(a) <= 4), key=len, reverse=True))) + _ROLE_AFTER)


@functools.lru_cache(maxsize=256)
def _outlet_tail(outlet: str) -> re.Pattern:
    # the outlet may be written as its host name ("Troy Smith, Cleveland.com" on cleveland)
    return re.compile(r"[\s,;|/–—-]+(?i:(?:the\s+)?%s(?:\.[a-z]{2,6}){0,2})" % re.escape(outlet) + _ROLE_AFTER)


def _publication(part: str, outlet: str | None) -> bool:
    """A credit part naming a publication: a host name, the outlet, or a news agency."""
    part = part.strip(" .")
    key = match_key(re.sub(r"(?:\.[a-z]{2,6}){1,2}$", "", part, flags=re.IGNORECASE))
    return bool(P.HOST_NAME.match(part)) or bool(outlet) and key == match_key(outlet) \
        or key.removeprefix("the ") in _AGENCY_KEYS


def _handle(name: str) -> bool:
    """A user handle ("kei_eno", "gto"), not a name: one word, lower case or with underscores."""
    name = name.strip()
    # an account's name: "jdadmin", "siteadmin"
    return " " not in name and (name.islower() or "_" in name or any(w in name.lower() for w in P.ACCOUNT_WORDS))


def _words(name: str) -> set[str]:
    return {w for word in name.casefold().split() for w in re.split(r"[-–]", word.strip(".,:")) if w}


def desk_credit(value: str) -> str | None:
    """"HNN Staff", "Jerusalem Post Staff": a desk's credit, with a name in it besides the desk words."""
    value = P.DATE_WORD.sub("", P.BYLINE_TAIL.sub("", P.BYLINE_LEAD.sub("", clean_text(value)))).strip(P.BYLINE_SEPARATORS)
    words = _words(value)
    if not value or len(value.split()) > P.MAX_AUTHOR_WORDS or any(ch.isdigit() for ch in value) \
            or words & P.UI_WORDS or not words & P.DESK_WORDS:
        return None
    return value if words - P.DESK_WORDS - P.ROLE_WORDS - P.NOT_AUTHOR_WORDS else None


def people(value: str, source: str = "", outlet: str | None = None) -> list[str]:
    value = P.DATE_WORD.sub("", P.BYLINE_TAIL.sub("", P.BYLINE_LEAD.sub("", clean_text(value))))
    value = P.BYLINE_PLACE.sub(" ", P.BYLINE_FIELD.sub("", value)).strip()
    # a contact beside the name ("Pell Andersen @pell", "(pell@courier.example)") is no part of it
    if (bare := " ".join(P.CONTACT.sub(" ", value).split())) and bare != value:
        value = bare
    # one word in brackets inside a name is a nickname or initials ("Richard (R.J.) Eskow"), not a
    # co-writer (those come with a lead-in or a full name: "X (avec Y et Z)")
    value = " ".join(re.sub(r"\(\S+\)", " ", value).split()) or value.strip("() ")
    value = _without_org_tail(value, outlet)
    if re.match(r"(https?:|www\.)", value):  # article:author is often a profile link, not a name
        return []
    screen = P.UI_WORDS if source in P.STRUCTURED_AUTHOR else P.NOT_AUTHOR_WORDS
    scraped = source in P.SCRAPED_AUTHOR
    whole = _person(value, screen, scraped)
    parts = [p for p in P.AUTHOR_SPLIT.split(value) if p.strip()]
    if len(parts) > 1 and (titled := [p for p in parts if _words(p) & P.ROLE_WORDS or _handle(p)]) \
            and len(titled) < len(parts):
        # "TOM KRISHER, AP Auto Writer", "Kevin Rebong, kevin-r": a job title or a user handle
        # beside the name is no one's name
        parts = [p for p in parts if p not in titled]
        whole = None if len(parts) > 1 else _person(parts[0], screen, scraped)
    if len(parts) > 1 and (orgs := [p for p in parts if _publication(p, outlet)]) and len(orgs) < len(parts):
        # "Troy Smith, Cleveland.com", "Pell Andersen, Reuters": who published, beside who wrote;
        # but one word beside an agency is its dateline's place ("Reuters, Washington")
        rest = [p for p in parts if p not in orgs]
        parts = orgs if len(rest) == 1 and len(rest[0].split()) == 1 else rest
        whole = None if len(parts) > 1 else _person(parts[0], screen, scraped)
    if len(parts) > 1:
        names = [n for n in (_person(p, screen, scraped) for p in parts) if n]
        if names and len(names) == len(parts):
            return names
    return [whole] if whole else []


def choose_author(ev: Evidence, outlet: str | None = None,
                  more_bylines: Callable[[], list[tuple[str, str]]] | None = None,
                  text_bylines: Callable[[], list[tuple[str, str]]] | None = None) -> tuple[str | None, str | None]:
    """Structured sources first; the byline near the body only when no structured one names a
    person (``more_bylines``: the page's byline-classed elements, looked for only then), then a
    byline written into the text in a script whose press has a fixed form for it
    (``text_bylines``). The outlet credited as its own author ("AppleInsider", "BBC News") or an
    agency ("Reuters") is kept only when no source names anyone else."""
    self_credit = (None, None)
    for group in (("json-ld author",), P.AUTHOR_META, ("itemprop author", "rel=author", "byline"),
                  ("json-ld organisation",)):
        names, source = _group_names(ev.get("author", []) + ev.get("byline", []), group, outlet)
        if not names and "byline" in group and more_bylines is not None:
            names, source = _group_names(more_bylines(), group, outlet)
        # the outlet or an agency credited ("Reuters" as a JSON-LD Person) yields to a person
        if names and all(outlet and agree(n, outlet) or _publication(n, outlet) for n in names):
            self_credit = self_credit if self_credit[0] else (", ".join(names), source)
        elif names:
            return ", ".join(names[:P.MAX_AUTHORS]), source
    posted: list[tuple[str, str]] = []
    if text_bylines is not None and (found := text_bylines()):
        if found[0][0] not in ("post line", "byline line"):
            return found[0][1], found[0][0]  # "정덕현 칼럼니스트", "（记者 张三）"
        posted = found[:1]  # "Posted on <date> by X", "By X" on a line of its own: a byline like any other
        if names := people(found[0][1], "byline", outlet):
            return ", ".join(names[:P.MAX_AUTHORS]), found[0][0]
    if self_credit[0] is None:  # nobody named: the desk's credit, where the page gives one
        items = ev.get("author", []) + ev.get("byline", []) + (more_bylines() if more_bylines else []) + posted
        self_credit = next(((c, f"{src} (desk)") for src, v in items if (c := desk_credit(v))), self_credit)
        if self_credit[0] is None:  # still nobody: the account the page's byline credits ("by admin")
            self_credit = next(((c, f"{src} (account)") for src, v in items
                                if src in P.ACCOUNT_SOURCES and (c := account_credit(v))), self_credit)
    return self_credit


def account_credit(value: str) -> str | None:
    """A site account a byline credits ("admin", "jdadmin", "kei_eno"): what the page says of who
    posted it, kept only when no person, outlet or desk is credited. Not a placeholder ("guest",
    "anonymous") nor UI text ("Profile")."""
    value = P.BYLINE_LEAD.sub("", clean_text(value)).strip(P.BYLINE_SEPARATORS)
    if not re.fullmatch(r"[\w.-]{2,30}", value) or not any(ch.isalpha() for ch in value) or P.HOST_NAME.match(value):
        return None
    if _words(value) & (P.UI_WORDS - P.ACCOUNT_NAMES):
        return None
    return value if _handle(value) else None


def _group_names(items: list[tuple[str, str]], group, outlet: str | None) -> tuple[list[str], str | None]:
    """The names one group of sources gives, and the source that gave the first."""
    names: list[str] = []
    source = None
    for src, value in items:
        if src not in group:
            continue
        if names and src != source and src in P.AUTHOR_META:
            break  # meta keys in order of trust: the first that names someone speaks for them all
        for n in people(value, src, outlet):
            if match_key(n) not in {match_key(x) for x in names}:
                names.append(n)
                source = source or src
        if names and src in ("byline", "rel=author", "itemprop author"):
            break  # the first byline in the page is the article's, later ones are other stories'
    return names, source
