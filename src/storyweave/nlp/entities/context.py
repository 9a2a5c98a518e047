"""What the words around an entity span say of it: a verb of speech or a place preposition (its
cues), a role noun and the gender it gives, a region that locates a town, a quoted title it
sits in. Read by the cleaning in :mod:`.spans`; the typing step weighs the cues over the story."""
from __future__ import annotations

import re

from ...text import QUOTED, is_title
from ..places import region_or_country
from .vocab import (ABBREVIATED_ROLES, ARTICLE_BEFORE, AT_BEFORE, GENDERED_ROLES, KIN, PLACE_BEFORE, REGION_AFTER,
                    REPORT_AFTER, ROLE_AFTER, ROLE_APPOSED, ROLE_BEFORE, ROLES, SPEECH_AFTER)


def before_span(text: str, start: int, width: int = 60) -> str:
    """The text just before a span: patterns anchored at its end need no more."""
    return text[max(0, start - width):start]


def span_cues(text: str, start: int, end: int, titled: bool) -> frozenset[str]:
    """What the words around a span say of its type."""
    after, before = text[end:end + 40], before_span(text, start)
    cues = set()
    if titled:
        cues.add("titled")
    if SPEECH_AFTER.match(after):
        cues.add("speech")
    if REPORT_AFTER.match(after):
        cues.add("report")
    if PLACE_BEFORE.search(before) and not re.match(r"^['’]s?\b", after):
        cues.add("place")  # "in Valmora", but not "in Trump's administration"
    if located(text, end):
        cues.add("located")
    if AT_BEFORE.search(before):
        cues.add("at")  # "an internship at Walter Reed": a place or a body, when it reads like a person's name
    if ARTICLE_BEFORE.search(before):
        cues.add("the")  # "the Colts", "the Clintons": no one person's name takes an article
    return frozenset(cues)


def located(text: str, end: int) -> int:
    """Where a region that locates the name before it ends ("Larkspur, Idaho", "Larkspur, Ida."),
    else 0: a comma, then a country, a state or province or a state's abbreviation that closes
    the phrase (not "Paxton, Texas attorney general")."""
    m = REGION_AFTER.match(text[end:end + 40])
    if not m:
        return 0
    for words, stop in ((m.group(0)[1:].strip(), m.end()), (m.group(1), m.start(1) + len(m.group(1)))):
        if not words or not region_or_country(words.rstrip(".")) or (" " not in words and words.rstrip(".").isupper()):
            continue
        rest = text[end + stop:end + stop + 1]
        if words.endswith(".") or not rest or rest in ",.;:)”\"":
            return end + stop
    return 0


def roles(text: str, start: int, end: int, name: str) -> tuple[str, ...]:
    """Role nouns in the words right before a name, inside it, or in an apposition after it."""
    words = name.split()
    m = ROLE_BEFORE.search(before_span(text, start))
    if m:
        words += m.group(1).split()
    m = ROLE_AFTER.match(text[end:])
    if m:
        words.append(m.group(1))
    m = ROLE_APPOSED.search(before_span(text, start))
    if m:
        words.append(m.group(1))  # "her husband, Keith Rogers", "Grimm's lawyer, William McGinley"
    nouns = [r for w in words for r in ABBREVIATED_ROLES.get(w.lower().rstrip("."), (w.lower(),))]
    return tuple(dict.fromkeys(w for w in nouns if w in ROLES or w in KIN))


def role_gender(text: str, start: int, end: int) -> str:
    """The gender a kin or gendered role right before the name, or in its apposition, says."""
    before = re.findall(r"[\w’'-]+", before_span(text, start, 30))
    after = ROLE_AFTER.match(text[end:])
    for word in ([before[-1]] if before else []) + ([after.group(1)] if after else []):
        if word.lower() in GENDERED_ROLES:
            return GENDERED_ROLES[word.lower()]
    return ""


def in_quoted_title(text: str, start: int, end: int) -> bool:
    """The span lies inside a quoted name of several words — a book, a show, a slogan written as a
    title ("“From Hope to Higher Ground”"), not words spoken."""
    for m in QUOTED.finditer(text):
        if m.start() < start and end < m.end():
            inner = m.group(0)[1:-1]
            return len(inner.split()) > len(text[start:end].split()) and is_title(inner)
    return False
