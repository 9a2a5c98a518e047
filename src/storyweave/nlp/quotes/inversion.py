"""A speech verb after what it reports, its speaker named after it.

Two shapes: "“... his money” in both business and politics, said Nick Patterson" (``inverted``:
the verb right after the comma that ends a quote's clause) and "The rate is low, says Darby
Hoover, an analyst." or "And, said Malkan, “...”" (``closing_inversion``: a verb set off by a
comma whose named phrase ends the sentence or opens a quote). Either way the speaker is the
phrase after the verb (``phrase_after``), as right after a quote.
"""
from __future__ import annotations

from ..entities import ORGANISATION, PERSON
from .items import Item
from .verbs import is_verb_word
from .vocab import (DETERMINERS, FINITE, INVERTED_REACH, JOINING, MIN_QUOTE_WORDS, NOT_ATTRIBUTION, NP_END, OBJECT_FIRST,
                    PLACE_OR_TIME, PRONOUNS, SPEECH)


def phrase_after(items: list[Item], v: int) -> list[int]:
    """The phrase after the verb at items[v] that may name its speaker, up to the clause's end."""
    idx = []
    for k in range(v + 1, len(items)):
        it = items[k]
        if it.sent != items[v].sent or it.kind == "Q" or (it.kind == "W" and it.low in NP_END
                                                          and not _joins_titles(items, k)) \
                or (it.kind == "P" and it.text in ".!?;:"):
            break
        idx.append(k)
    return idx


def joint(items: list[Item], k: int) -> bool:
    """The phrase after a verb stopped at an "and" (items[k]) that brings in a second person
    ("said Molto and Sheldrick", "said Ada Moss and Sen. Tom Pell")."""
    if k >= len(items) or items[k].low != "and" or items[k - 1].kind != "E" or items[k - 1].type != PERSON:
        return False
    return _person_ahead(items, k + 1, lambda it: it.kind == "W" and it.text[:1].isupper())


def _joins_titles(items: list[Item], k: int) -> bool:
    """The "and" at items[k] joins two titles before one name ("said Facebook founder and CEO,
    Mark Zuckerberg", "wrote TV producer and showrunner Joe Henderson"), not two people or clauses."""
    if items[k].low != "and" or k < 1 or items[k - 1].kind != "W" or k + 1 >= len(items):
        return False
    nxt = items[k + 1]
    if nxt.kind != "W" or nxt.low in DETERMINERS or nxt.low in PRONOUNS:
        return False
    return _person_ahead(items, k + 2, lambda it: it.kind == "W" or it.kind == "P" and it.text == ",")


def _person_ahead(items: list[Item], start: int, filler) -> bool:
    """A person's name within three items from ``start``, only ``filler`` items before it."""
    for it in items[start:start + 3]:
        if it.kind == "E":
            return it.type == PERSON
        if not filler(it):
            return False
    return False


def closing_inversion(items: list[Item], v: int, after: list[int]) -> bool:
    """Is the speech verb at items[v] inverted after the clause it reports, its speaker named
    after it? A verb set off by a comma whose named phrase ends the sentence or opens a quote
    ("The rate is low, says Darby Hoover, an analyst at X." / "And, said Malkan, “...”"); not a
    participle ("..., saying"), nor a verb with an object clause ("..., said Smith would ...")."""
    if v < 1 or items[v - 1].text != "," or items[v].low.endswith("ing") or items[v].low in OBJECT_FIRST \
            or not after:
        return False
    first = next((items[k] for k in after if items[k].kind != "P"), None)
    if first is None or first.kind != "E" and not (first.kind == "W" and first.text[:1].islower()):
        return False
    if not any(items[k].kind == "E" and items[k].type in (PERSON, ORGANISATION) for k in after):
        return False
    end = after[-1] + 1
    if end >= len(items) or items[end].sent != items[v].sent:
        return True  # the phrase ends the sentence
    stop = items[end]
    if stop.kind == "P" and stop.text in ".!?":
        return True
    if stop.kind == "Q":
        return items[end - 1].kind == "P" and items[end - 1].text in ",:"  # "said Malkan, “...”"
    if stop.kind == "P" and stop.text == ":":
        return end + 1 < len(items) and items[end + 1].kind == "Q"
    if stop.kind == "W" and stop.low in ("who", "whose") and items[end - 1].text == ",":
        return True  # "says Darby Hoover, who has studied it"
    # "says Darby Hoover, an analyst at X.", "said Smith on Tuesday.": a place or a time, no verb
    rest = [it for it in items[end:] if it.sent == items[v].sent]
    return stop.kind == "W" and stop.low in PLACE_OR_TIME and not any(
        it.kind == "Q" or it.kind == "W" and (it.low in FINITE or it.low in SPEECH or it.low.endswith("ed"))
        for it in rest)


def inverted(items: list[Item], v: int) -> bool:
    """Is the speech verb at items[v] inverted after a clause its quote opens? ("“... his money”
    in both business and politics, said Nick Patterson"): the verb comes right after the comma
    that ends the quote's clause, a few words after the quote, with no verb or clause word
    between; its speaker is then the phrase after it, as right after a quote."""
    if v < 2 or items[v - 1].text != "," or items[v].low.endswith("ing"):
        return False  # "…” about the whole thing, saying, “…”": a participle is no inversion
    for k in range(v - 2, max(-1, v - 2 - INVERTED_REACH), -1):
        it = items[k]
        if it.kind == "Q":  # a quotation, not a phrase in quote marks ("“stand your ground” laws")
            return it.sent_end == items[v].sent and k < v - 2 and len(it.text.split()) >= MIN_QUOTE_WORDS
        if it.sent != items[v].sent or it.kind == "E" or it.kind == "P" and it.text != "-" \
                or it.kind == "W" and (it.low in NOT_ATTRIBUTION - JOINING or it.low in PRONOUNS
                                        or is_verb_word(items, k)):
            return False
    return False


def aside(items: list[Item], v: int, after: list[int]) -> list[int] | None:
    """The speaker's phrase of a speech verb set off by commas inside its clause ("Her comments,
    said Josh Earnest, the press secretary, are “...”"): the verb after a comma, a name after it,
    and the clause going on with a finite verb after the phrase's last comma; else None."""
    if v < 2 or items[v - 1].text != "," or items[v].low.endswith("ing") or items[v].low in OBJECT_FIRST:
        return None
    first = next((k for k in after if items[k].kind != "P"), None)
    if first is None or items[first].kind != "E" or items[first].type not in (PERSON, ORGANISATION):
        return None
    for n, k in enumerate(after[1:], 1):
        if items[k].kind == "P" and items[k].text == "," and n + 1 < len(after):
            nxt = items[after[n + 1]]
            if nxt.kind == "W" and nxt.low in FINITE:
                return after[:n]
    return None

