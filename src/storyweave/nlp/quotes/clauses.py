"""Where a speech verb's clause begins and what it shares with the clause before: an opening
phrase or participle, a bracketed aside after a name, a verb joined by "and" to another, a
passive, a relative or subordinate clause, a participle set off inside a clause that goes on,
and the question a sentence opening on "Asked" puts."""
from __future__ import annotations

from ..entities import ORGANISATION, PERSON
from .items import Item
from .mentions import possessive
from .verbs import is_verb_word
from .vocab import (AUX, BE, CLAUSE_WORDS, FINITE, MIN_QUOTE_WORDS, NOT_PLURAL, OPENERS, PARTICIPLES, PAST, PRONOUNS,
                    SUBORDINATORS)


def in_opener(items: list[Item], k: int) -> bool:
    """items[k] lies inside the phrase that opens its sentence up to the first comma ("On point
    after point, the president insisted": "after" is a preposition there, no clause)."""
    own = [j for j in range(k) if items[j].sent == items[k].sent and items[j].kind != "P"]
    if not own or items[own[0]].kind != "W" or items[own[0]].low not in OPENERS or items[own[0]].low in SUBORDINATORS:
        return False
    return not any(items[j].kind == "P" and items[j].text == "," for j in range(own[0], k))


def plural_before(items: list[Item], v: int) -> bool:
    """The word right before the verb at items[v] is a plural subject ("critics accusing", "they
    said", "officials say")."""
    j = v - 1
    while j >= 0 and items[j].kind == "W" and items[j].low in AUX:
        j -= 1
    w = items[j] if j >= 0 else None
    return w is not None and w.kind == "W" and w.sent == items[v].sent and (
        w.low == "they" or w.text[:1].islower() and w.low.endswith("s") and not w.low.endswith("ss")
        and w.low not in NOT_PLURAL)


def opens_sentence(items: list[Item], v: int) -> bool:
    """The verb at items[v] is a participle that opens its sentence ("Asserting that ...,")."""
    return items[v].low.endswith("ing") and all(x.kind == "P" for x in items[:v] if x.sent == items[v].sent)


def before_aside(items: list[Item], j: int) -> int:
    """The item before a bracketed aside that ends at items[j] ("Pell (D-Calif.)", "Ruiz (pictured)"),
    past the words before it that may stand between a subject and its verb; else ``j``."""
    if j < 1 or items[j].kind != "P" or items[j].text != ")":
        return j
    for k in range(j - 1, max(-1, j - 8), -1):
        if items[k].sent != items[j].sent or items[k].kind == "Q":
            return j
        if items[k].kind == "P" and items[k].text == "(":
            k -= 1
            while k >= 0 and items[k].kind == "W" and items[k].low in AUX:
                k -= 1
            return k
    return j


def coordinated(items: list[Item], v: int, verbs: dict[int, str | None]) -> str | None:
    """A speech verb right after "and" with no subject of its own ("called the plan a “...” and
    vowed that") shares the speaker of the speech verb before it in its sentence, when no name or
    pronoun stands between them that could be a new subject."""
    j = v - 1
    while j >= 0 and items[j].kind == "W" and items[j].low in AUX:
        j -= 1
    if j < 1 or items[j].low != "and" or items[j].sent != items[v].sent:
        return None
    for k in range(j - 1, -1, -1):
        it = items[k]
        named = it.kind == "E" and it.type in (PERSON, ORGANISATION) and not possessive(items, k)
        if it.sent != items[v].sent or named \
                or it.kind == "W" and it.low in PRONOUNS \
                or it.kind == "P" and it.text in ";:":
            return None
        if k in verbs:
            return verbs[k]
        if it.kind == "W" and (it.low in CLAUSE_WORDS or it.low in PAST or it.low.endswith("ed")):
            return None  # "a colleague who stopped her and said": the nearer verb's subject says it
    return None


def participle_of(items: list[Item], v: int, verbs: dict[int, str | None]) -> str | None:
    """A speech participle set off by a comma ("..., adding:", "..., saying") shares the subject
    of the speech verb before it in its sentence, across no quotation: "X said Monday, adding"."""
    if not items[v].low.endswith("ing") or v < 2 or items[v - 1].text != ",":
        return None
    for k in range(v - 2, -1, -1):
        if items[k].sent != items[v].sent or items[k].kind == "Q" and len(items[k].text.split()) >= MIN_QUOTE_WORDS:
            return None
        if k in verbs:
            return verbs[k]
    return None


def passive(items: list[Item], v: int) -> bool:
    """The speech verb at items[v] is a passive participle ("was asked", "were told")."""
    it = items[v]
    if not (it.low.endswith("ed") or it.low in PARTICIPLES):
        return False
    nxt = items[v + 1:v + 3]
    if nxt and nxt[0].low == "to" or len(nxt) == 2 and nxt[0].low == "as" and is_verb_word(items, v + 2):
        return False  # "Qin was reported as saying", "he is said to have told": his words, reported
    if v > 0 and items[v - 1].kind == "W" and items[v - 1].low in _ELLIPTIC \
            and not (v > 1 and (items[v - 2].kind == "E" or items[v - 2].low in PRONOUNS)):
        # "Dole said when asked whether ...": the "be" is left out, he was asked; but after its
        # subject the word is an adverb ("Dukes once told an interviewer")
        return True
    return be_before(items, v)


# subordinators before which a clause drops its "be": "when asked", "if pressed", "once told"
_ELLIPTIC = frozenset("when whenever if once unless until while after before".split())


def be_before(items: list[Item], v: int) -> bool:
    """A form of "be" governs the participle at items[v] ("was later asked", "had been told")."""
    j = v - 1
    while j >= 0 and items[j].kind == "W" and items[j].low in AUX and items[j].low not in BE:
        j -= 1
    return j >= 0 and items[j].kind == "W" and items[j].low in BE


def in_relative(items: list[Item], k: int) -> bool:
    """items[k] lies in a relative clause still open ("Ms. Vance, who has run it since 2015, said")."""
    return relative_word(items, k) is not None


def relative_word(items: list[Item], k: int) -> int | None:
    """Where the relative clause still open at items[k] begins ("who", "which", "whose"), if any."""
    for j in range(k - 1, -1, -1):
        if items[j].sent != items[k].sent or items[j].kind == "P" and items[j].text == ",":
            return None
        if items[j].kind == "W" and items[j].low in ("who", "which", "whose"):
            return j
    return None


def subordinate(items: list[Item], v: int) -> bool:
    """The verb at items[v] is in a clause opened by "when", "after", "because" ..."""
    for j in range(v - 1, -1, -1):
        it = items[j]
        if it.sent != items[v].sent or it.kind == "Q" or it.kind == "P" and it.text in ",;:":
            return False
        if it.kind == "W" and it.low in SUBORDINATORS:
            return True
    return False


def asked_by(items: list[Item], q: int) -> list[int] | None:
    """The quote at items[q] is the question a sentence opening on "Asked" puts ("Asked by one of
    Ms. Rice's aides, “Is this the final language?” Mr. Rhodes replied"): the asker's phrase after
    "by" (empty when none is given); None when the quote is not such a question."""
    own = [k for k in range(q) if items[k].sent == items[q].sent and items[k].kind != "P"]
    if not own or items[own[0]].low != "asked" or items[q - 1].kind != "P":
        return None
    rest = own[1:]
    if rest and items[rest[0]].low != "by" or any(items[k].kind == "Q" or is_verb_word(items, k) for k in rest):
        return None
    return rest[1:]


def participle_aside(items: list[Item], v: int) -> bool:
    """The participle at items[v] is set off inside a clause that goes on past it with a finite
    verb ("Wood said a written disclaimer that CBS aired, saying the opinions “...”, did not go far
    enough"): it describes a noun of that clause, and its words are not the speaker's."""
    if not items[v].low.endswith("ing") or v < 1 or items[v - 1].text != ",":
        return False
    for k in range(v + 1, len(items) - 1):
        if items[k].sent != items[v].sent or items[k].kind == "P" and items[k].text in ".;:!?":
            return False
        closes = items[k].kind == "Q" and items[k].text.rstrip("”\"’' ").endswith(",")  # the comma inside the marks
        if items[k].kind == "P" and items[k].text == "," or closes:
            nxt = items[k + 1]
            return nxt.kind == "W" and nxt.low in FINITE and nxt.sent == items[v].sent
    return False

