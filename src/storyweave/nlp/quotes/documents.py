"""Whose words a document or a quoting verb repeats: "a letter written by X", "a statement from
X", "she quoted the poet X", "Kyodo quoted an official as saying" (no one named)."""
from __future__ import annotations

from ..entities import ORGANISATION, PERSON
from .items import Item
from .mentions import possessive
from .speakers import Article, resolve_phrase
from .vocab import AUTHORED, NP_END


def quoted_source(items: list[Item], v: int, art: Article, window: list[int]) -> str | None:
    """Whom the quoting verb at items[v] quotes: its object ("quoted Teddy Roosevelt"), or no one
    named ("quoted a ministry official")."""
    idx = []
    for k in range(v + 1, len(items)):
        it = items[k]
        if it.sent != items[v].sent or it.kind == "Q" or it.kind == "P" and it.text in ".!?;:" \
                or it.kind == "W" and (it.low in NP_END or it.low == "as"):
            break
        idx.append(k)
    if len(idx) == 1 and items[idx[0]].low in ("him", "her"):  # "she quoted him as saying"
        return object_pronoun(items, idx[0], art, window)
    return resolve_phrase(items, idx, art, window) if idx else None


def object_pronoun(items: list[Item], k: int, art: Article, window: list[int]) -> str | None:
    """Whom "him" or "her" at items[k] means, read as "he" or "she"."""
    return art.pronoun("he" if items[k].low == "him" else "she", items, k, window)


def author(items: list[Item], k: int, art: Article, window: list[int]) -> str | None:
    """Whom the phrase right after the document at items[k] names as its author: "a letter
    written by X", "a statement from House Chairman X", "a memo by X"; not the owner of
    another noun ("a statement from Grimm's attorney" is the attorney's, named or not)."""
    j = k + 1
    if j < len(items) and items[j].kind == "W" and items[j].low in AUTHORED:
        j += 1
    if not (j < len(items) and items[j].kind == "W" and items[j].low in ("by", "from")):
        return None
    idx = []
    for m in range(j + 1, len(items)):
        it = items[m]
        if it.sent != items[k].sent or it.kind in ("Q", "P") or it.kind == "W" and it.low in NP_END:
            break
        idx.append(m)
    if not idx or any(possessive(items, m) for m in idx if items[m].kind == "E"):
        return None
    who = resolve_phrase(items, idx, art, window)
    first = items[idx[0]]
    return who or (first.name if first.kind == "E" and first.type in (PERSON, ORGANISATION) else None)
