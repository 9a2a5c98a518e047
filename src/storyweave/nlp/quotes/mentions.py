"""Who a sentence is about, read from its items: the person it opens on as subject, an owner
("Grimm's lawyer"), and people described but not named ("the senator"). The speaker rules
(speakers.py, attribute.py) weigh these as rivals or answers for "he" and "she"."""
from __future__ import annotations

from typing import Any

from ..entities import ABBREVIATED_ROLES, GENDERED_ROLES, ORGANISATION, PERSON, ROLES
from .items import Item
from .vocab import (CONJUNCTIONS, CREDIT_NOUNS, CREDIT_OPENERS, DESCRIBED, DETERMINERS, DOCUMENTS, OPENERS, PARTY_LETTERS,
                    POSSESSIVE_PRONOUNS, PREPOSITIONS, READ_MATTER, SPOKES, SUBORDINATORS, TITLES)

_TITLE_LOWS = frozenset(t.lower() for t in TITLES)
_TITLE_EXTRA = frozenset("justice representative former".split())  # capitalised before a name, not roles
_BEFORE_NAME = 4  # words before a name that may describe it ("former Senate Majority Leader")
_APPOSITION = 8  # words of an apposition after it
_STOP_BEFORE = PREPOSITIONS | CONJUNCTIONS | DETERMINERS
_NAMED_AFTER = 6  # items after a quote in which a name makes it no bare continuation
# words after which "the <noun>" describes someone already there ("served as the host")
_PREDICATIVE = frozenset("as is was are were be been being became becomes remains remained named".split())


def possessive(items: list[Item], k: int) -> bool:
    """The name at items[k] owns what follows ("Grimm's lawyer"): it is not the subject."""
    it = items[k]
    if it.text.endswith(("'s", "’s")):
        return True
    return k + 1 < len(items) and items[k + 1].text in ("'s", "’s", "'", "’")


def subject(items: list[Item]) -> str | None:
    """The person a sentence's items open on as its subject ("Nick Patterson, a former ...,
    agrees"), not an owner ("Mercer's influence"), one of two ("Smith and Jones met") or a
    transcript's label ("SMITH: ...")."""
    k = next((j for j, it in enumerate(items) if it.kind != "P"), None)
    if k is not None and items[k].kind == "W" and (items[k].low in OPENERS or items[k].low.endswith("ing")):
        # "Trying to claw his way back, Mr. Christie took ...", "Without a text, Mr. Christie
        # descended ...": an opening phrase ends at its comma, and the subject follows it; a
        # name set off inside it is passed ("In questioning by Rep. X, a Virginia Democrat, Mr. Y")
        commas = [j for j in range(k + 1, len(items)) if items[j].kind == "P" and items[j].text == ","][:3]
        starts = [j + 1 for j in commas if j + 1 < len(items)]
        k = next((j for j in starts if items[_past_title(items, j)].kind == "E"), starts[0] if starts else None)
    if k is not None:
        k = _past_title(items, k)  # "Mr. Christie took ...", "Former Speaker of the House Newt Gingrich lauded"
    if k is None or items[k].kind != "E" or items[k].type != PERSON or possessive(items, k):
        return None
    nxt = items[k + 1] if k + 1 < len(items) else None
    if nxt is None or not (nxt.kind == "W" and nxt.low not in ("and", "&", "or") or nxt.text == ","):
        return None  # a transcript's "NAME:" is a label, not a subject
    return items[k].name


def body_subject(items: list[Item]) -> str | None:
    """The body a sentence's items open on as its subject, after an opening phrase and "the"
    ("Crayola responded ...", "Keurig's explanation was ...", "Hours later, the FWS defended ...")."""
    k = next((j for j, it in enumerate(items) if it.kind != "P"), None)
    if k is not None and items[k].kind == "W" and items[k].low in OPENERS:
        comma = next((j for j in range(k + 1, len(items)) if items[j].text == ","), None)
        k = comma + 1 if comma is not None and comma + 1 < len(items) else None
    while k is not None and k + 1 < len(items) and items[k].kind == "W" and items[k].low == "the":
        k += 1
    return items[k].name if k is not None and items[k].kind == "E" and items[k].type == ORGANISATION else None


def clause_subject(items: list[Item], k: int) -> str | None:
    """The person the opening subordinate clause of items[k]'s sentence has as its subject, when
    items[k] lies inside that clause ("While Mr. Abe praised Mr. Trump for the sanctions, which
    he said ...": Abe), or in a relative clause set off within it."""
    own = [j for j in range(k) if items[j].sent == items[k].sent and items[j].kind != "P"]
    if not own or items[own[0]].low not in SUBORDINATORS:
        return None
    j = own[1] if len(own) > 1 else k
    while j < k and items[j].kind == "W" and items[j].text[:1].isupper() and items[j].low.rstrip(".") in _TITLE_LOWS:
        j += 1
    if j >= k or items[j].kind != "E" or items[j].type != PERSON or possessive(items, j) \
            or not (j + 1 < k and items[j + 1].kind == "W" and items[j + 1].text[:1].islower()):
        return None
    commas = any(items[i].text == "," for i in range(own[0], k))
    return items[j].name if not commas or items[k - 1].low in ("which", "that", "who") else None


_TITLE_JOINS = frozenset("of the".split())


def _past_title(items: list[Item], k: int) -> int:
    """The index of the name after a title phrase that starts at items[k] ("Justice", "Florida Sen.",
    "Former Speaker of the House", "Representative"), else ``k``: capitalised titles, roles, places
    and bodies, joined by "of the"."""
    j, titled = k, False
    while j + 1 < len(items) and j - k < _BEFORE_NAME + 3:
        it = items[j]
        if it.kind == "W" and it.text[:1].isupper() and (
                it.low.rstrip(".") in _TITLE_LOWS or it.low in ROLES or it.low in _TITLE_EXTRA):
            titled = True
        elif not (it.kind == "E" and it.type != PERSON or it.kind == "W" and titled and it.low in _TITLE_JOINS):
            break
        j += 1
    return j if titled and items[j].kind == "E" and items[j].type == PERSON else k


def colon_speaker(clause: list[Item]) -> str | None:
    """The person a clause opens on when it hands over to a quote with a colon ("Ida Venn
    broached the subject first: “...”", "Rick Perry was not convinced: “...”"): a plain clause,
    written in lower case after its subject, not a newsletter's "OBAMA GOES ... - POLITICO's X:"
    header nor a "SOURCE - From spokesman X:" credit line, and not about a text the person
    found or read, whose words the quote then is."""
    who = subject(clause)
    if who is None:
        return None
    start = next(k for k, x in enumerate(clause) if x.kind != "P")
    rest = clause[start + 1:]
    if clause[start].text.isupper() or any(x.kind == "P" and x.text in "-–—:" for x in rest) \
            or not any(x.kind == "W" and x.text[:1].islower() for x in rest[:3]):
        return None
    if any(x.kind == "W" and (x.low in DOCUMENTS or x.low in READ_MATTER) for x in rest):
        return None  # "Ida Venn read out the letter: “...”": the letter's words
    return who


def described(items: list[Item]) -> list[tuple[str, str]]:
    """The people ``items`` describe without naming them, as (determiner, noun): "the senator",
    "the young woman", "Valek's son" (not "the senator, X", "the lawyer X" nor "Obama's lawyer")."""
    out = []
    for k, it in enumerate(items):
        if it.kind != "W" or not (it.low in DESCRIBED or it.low in ROLES or it.low in GENDERED_ROLES):
            continue
        j = k - 1
        while j >= 0 and k - j <= 3 and items[j].kind == "W" and items[j].text[:1].islower() \
                and items[j].low not in DETERMINERS and items[j].low not in POSSESSIVE_PRONOUNS:
            j -= 1
        if j >= 1 and items[j].text in ("'s", "’s") and items[j - 1].kind == "E" and it.low in GENDERED_ROLES:
            out.append(("the", it.low))  # "the speech by Valek's son": his son, unnamed, is another he
            continue
        if j < 0 or items[j].kind != "W" or items[j].low != "the":
            continue  # (one introduced with "a" is a passer-by more often than the one who speaks next)
        if j > 0 and (items[j - 1].low in _PREDICATIVE or items[j - 1].low in PREPOSITIONS
                      or items[j - 1].text == "," and j > 1 and items[j - 2].kind == "E"):
            # "as a pastor", "is a host", "Huckabee, a minister,": said of someone named; "hosted
            # by the new president": in passing, not a person the story turns to
            continue
        nxt = items[k + 1:k + 3]
        if nxt and (nxt[0].kind == "E" or nxt[0].text == "," and len(nxt) > 1 and nxt[1].kind == "E"):
            continue  # named in apposition
        out.append((items[j].low, it.low))
    return out


def pronoun_subject(items: list[Item], s: int, art: Any, window: list[int]) -> str | None:
    """The person sentence ``s`` opens on as "he" or "she" ("But she's also worried ..."), when
    that pronoun has one referent in reach (``art.pronoun``, ``window``: the sentences it may
    reach): the next sentence's "she said" may reach it through this one, as a reader's does."""
    own = [k for k, x in enumerate(items) if x.sent == s and x.kind != "P"]
    if own and items[own[0]].low in CONJUNCTIONS:
        own = own[1:]
    word = items[own[0]].low.split("'")[0].split("’")[0] if own else ""  # "she's", "he’d"
    if not own or items[own[0]].kind != "W" or word not in ("he", "she"):
        return None
    return art.pronoun(word, items, own[0], window)


def credit_speaker(clause: list[Item]) -> str | None:
    """The person or body a credit line names when it hands over to a quote with a colon, the
    line being that credit and nothing more: "Bunder's response:", "From Sen. Dick Durant's floor
    statement:" (an owner and what they said or issued), "TechWorld's Dan Lyle:", "From spokesman
    Lawrence Dirita:", "Per Goldman Sachs:" (a name, after its outlet or role). A newsletter's
    header before a dash ("BANKS BACK DOWN - TechWorld's Dan Lyle:") is not part of it."""
    cut = max((k for k, x in enumerate(clause) if x.kind == "P" and x.text in "-–—"), default=-1)
    rest = [x for x in clause[cut + 1:] if x.kind != "P" or x.text in ("'s", "’s", "'", "’")]
    if rest and rest[0].kind == "W" and rest[0].low in CREDIT_OPENERS:
        rest = rest[1:]
    if not rest:
        return None
    owner = next((k for k in range(len(rest) - 1) if rest[k].kind == "E" and possessive(rest, k)), None)
    if owner is not None and rest[-1].kind == "W" and (rest[-1].low in CREDIT_NOUNS or rest[-1].low in DOCUMENTS) \
            and len(rest) - owner <= 5 and all(x.kind == "W" and x.text[:1].islower() for x in rest[_past_owner(rest, owner):-1]) \
            and _titles_only(rest[:owner]) and rest[owner].type in (PERSON, ORGANISATION):
        return rest[owner].name  # "Bunder's response:"
    last = rest[-1]
    if last.kind != "E" or last.type not in (PERSON, ORGANISATION) or any(d in last.text for d in (" - ", " – ", " — ")):
        return None  # (a name glued to the header before it is no name to show)
    lead = rest[:-1]
    owner = next((k for k in range(len(lead)) if possessive(lead, k)), None)
    if owner is not None and all(x.kind == "E" or x.text[:1].isupper() for x in lead[:owner + 1]):
        lead = lead[_past_owner(lead, owner):]  # "TechWorld's", "The Daily Post's": the outlet the writer is with
    return last.name if _titles_only(lead) else None


def _titles_only(items: list[Item]) -> bool:
    """Nothing but titles and role words ("Sen.", "spokesman", "White House press secretary")."""
    return all(x.kind == "W" and (x.low.rstrip(".") in _TITLE_LOWS or x.low in ROLES or x.low in SPOKES
                                  or x.low in ("press", "chief", "deputy", "senior", "former", "a", "the"))
               for x in items)


def _past_owner(items: list[Item], k: int) -> int:
    """The index after the owner at items[k] and its "'s"."""
    return k + 1 if items[k].text.endswith(("'s", "’s")) else k + 2


def said_of(items: list[Item]) -> dict[str, set[str]]:
    """What a sentence says of each person it names, outside quotes, in the words a second
    reference would repeat: the words right before the name ("Nevada rancher Cliven Bundy",
    "Sen." spelled out as senator) and its apposition (", 67,", "(R-Ky.)" as republican, ", a
    retired judge,"). Not the rest of the sentence: it may describe someone else."""
    out: dict[str, set[str]] = {}
    for k, x in enumerate(items):
        if x.kind != "E" or x.type != PERSON:
            continue
        near = []
        j = k - 1
        while j >= 0 and k - j <= _BEFORE_NAME and items[j].kind in "EW" and items[j].type != PERSON \
                and items[j].low not in _STOP_BEFORE:
            near.append(items[j])
            j -= 1
        if k + 1 < len(items) and items[k + 1].text in ("(", ","):
            close = ")" if items[k + 1].text == "(" else ","
            for y in items[k + 2:k + 2 + _APPOSITION]:
                if y.kind == "Q" or y.kind == "E" and y.type == PERSON or y.kind == "P" and y.text in (close, ".", ";"):
                    break
                near.append(y)
        out.setdefault(x.name, set()).update(_words(near))
    return out


def _words(near: list[Item]) -> set[str]:
    words: set[str] = set()
    for k, x in enumerate(near):
        words.update(x.low.split())
        words.update(ABBREVIATED_ROLES.get(x.low.rstrip("."), ()))
        if x.low in PARTY_LETTERS and k + 1 < len(near) and near[k + 1].text == "-" \
                or len(x.text) > 2 and x.text[1] == "-" and x.text[0].lower() in PARTY_LETTERS:
            words.add(PARTY_LETTERS[x.low[0]])
    return words


def named_after(items: list[Item], q: int, last: str | None) -> bool:
    """Words right after the quote at items[q] name someone other than the last speaker
    ("“...,” ripped Rep. X"): an attribution by a verb the rules don't know, not a continuation."""
    after = []
    for x in items[q + 1:q + 1 + _NAMED_AFTER]:
        if x.kind == "Q" or x.sent != items[q].sent_end:
            break
        after.append(x)
    first = next((x for x in after if x.kind != "P"), None)
    return first is not None and first.kind == "W" and after[0].kind != "P" and any(
        x.kind == "E" and x.type in (PERSON, ORGANISATION) and x.name != last for x in after)


def signed_speaker(items: list[Item], q: int) -> str | None:
    """The person a dash after a finished quotation credits with it (“... I do.” — Claire Danes,
    on ...): a caption, the way roundups and epigraphs attribute. A headline's author ("“Congress
    putting its faith in committee” — X, Washington Post") is no speaker: its words end on no stop."""
    if q + 1 >= len(items) or not items[q].text.rstrip(" ”\"’'").endswith((".", "!", "?", "…")):
        return None
    nxt = items[q + 1]
    if nxt.kind == "E" and nxt.text[:1] in "—–":
        name = nxt  # the tagger took the dash into the name
    elif nxt.kind == "P" and nxt.text in "—–" and q + 2 < len(items):
        name = items[q + 2]
    else:
        return None
    return name.name if name.kind == "E" and name.type == PERSON else None
