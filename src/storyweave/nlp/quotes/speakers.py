"""Who a speaker phrase names: "Mr. Clapper", "he", "the statement", "an AARP spokeswoman".

A phrase resolves to a canonical name of the story's entity index, or to nothing. It never
falls back on a name merely nearby: a pronoun needs exactly one person (not of the other
gender) in its paragraph and the sentence before, or exactly one among them who was speaking
and whose gender the story (or a telling given name) states; a
document ("the statement") speaks for whoever issued it; an anonymous description ("one
union official", "the aide") names no one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..entities import KIN, ORGANISATION, PERSON, PLACE, ROLES, EntityIndex  # noqa: F401
from .items import Item
from .mentions import possessive
from .vocab import (AGE_NOUN, AUX, CONJUNCTIONS, DESCRIPTION_MODIFIERS, DETERMINERS, DOCUMENTS, LEVELS, OFFICE,
                    OPENERS, ORG_NOUNS, PAST, POSSESSIVE_PRONOUNS, PREPOSITIONS, PRONOUNS, SECOND_REFERENCES, SPEECH,
                    GENERIC_BODIES, SPOKES, TERMS, TITLES)

_TITLE_WORDS = frozenset(t.lower() for t in TITLES) | {t.lower() + "." for t in TITLES}
_RELATIVE = frozenset("who which whose whom where".split())
_SEPARATORS = frozenset(",;:()[]—–-")
_OWNER_REACH = 3  # paragraphs back that "the statement" may point to the statement issued
_BODY_REACH = 3  # sentences back that "the company" may point to the body they name
_PARTITIVES = frozenset("one two three some several many each both most".split())


def compound(items: list[Item], k: int) -> bool:
    """The name at items[k] ends "X and Y": the subject is two people, not one."""
    j = k - 1
    # titles before the second name, a body or group among them ("and Senate Democratic Leader Y")
    while j >= 0 and (items[j].kind == "W" and (items[j].low in _TITLE_WORDS or items[j].text[:1].isupper()
                                                or items[j].low in ROLES)
                      or items[j].kind == "E" and items[j].type != PERSON):
        j -= 1
    return j >= 1 and items[j].low in ("and", "&") and items[j - 1].kind in "EW" and items[j - 1].text[:1].isupper()


def after_preposition(items: list[Item], k: int) -> bool:
    """The name at items[k] is the object of a preposition ("a lawyer for Mr. Grimm")."""
    j = k - 1
    while j >= 0 and items[j].kind == "W" and (items[j].low in _TITLE_WORDS or items[j].text[:1].isupper()
                                               and items[j].low not in OPENERS):
        j -= 1  # titles and capitalised words of a longer name ("for Sen. Ted Cruz")
    return j >= 0 and items[j].kind == "W" and items[j].low in PREPOSITIONS


def _relative_head(items: list[Item], k: int) -> str | None:
    """The person a relative clause holding items[k] is about ("X, who ... [k]"), if any."""
    for j in range(k - 1, 1, -1):
        it = items[j]
        if it.sent != items[k].sent or it.kind == "Q" or it.kind == "P" and it.text in ",;:—–":
            return None
        if it.kind == "W" and it.low == "who":
            ante = items[j - 2] if items[j - 1].text == "," else items[j - 1]
            return ante.name if ante.kind == "E" and ante.type == PERSON else None
    return None


def _named_relation(items: list[Item], k: int, possessive_word: str) -> bool:
    """The name at items[k] stands after "<his|her> <noun>," ("his fiancee, Dana Reyes")."""
    return k >= 3 and items[k - 1].text == "," and items[k - 2].kind == "W" \
        and possessive_word in (items[k - 3].low, items[k - 4].low if k >= 4 else "")


@dataclass
class Article:
    """What one article has said so far: who spoke in which sentence, who issued which document."""

    entities: EntityIndex
    first: int  # the article's first sentence
    said: dict[int, list[str | None]] = field(default_factory=dict)  # sentence -> speakers (None: unresolved)
    owners: list[tuple[int, str, str]] = field(default_factory=list)  # (paragraph, document noun, issuer)
    mentions: dict[int, list[Item]] = field(default_factory=dict)  # sentence -> names outside quotes
    described: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # sentence -> people described, unnamed
    subjects: dict[int, str] = field(default_factory=dict)  # sentence -> the person it opens on, as subject
    paragraph: int = 0
    learned: dict[str, str] = field(default_factory=dict)  # person -> gender the article's "he"/"she" gave them
    narrated: dict[int, frozenset[str]] = field(default_factory=dict)  # sentence -> genders its he/his/she/her say
    opens_on: dict[int, str] = field(default_factory=dict)  # sentence -> the "he"/"she" it opens on as subject
    bodies: dict[int, set[str]] = field(default_factory=dict)  # sentence -> names it gives bodies ("the IRS")
    opens_body: dict[int, str] = field(default_factory=dict)  # sentence -> the body it opens on as subject
    traits: dict[str, set[str]] = field(default_factory=dict)  # person -> words said of them (mentions.said_of)

    def spoke(self, sent: int, speaker: str | None) -> None:
        self.said.setdefault(sent, []).append(speaker)

    def speaker_of(self, sent: int) -> str | None:
        """The one speaker a sentence attributes words to (None when none, several or unknown)."""
        who = self.said.get(sent, [])
        return who[0] if len(set(who)) == 1 else None

    def issued(self, noun: str, speaker: str) -> None:
        self.owners.append((self.paragraph, noun, speaker))

    def issuer(self, noun: str, any_kind: bool = False) -> str | None:
        """Who issued the document ``noun`` names, in reach; with ``any_kind``, else the one issuer of
        any documents in reach ("said in a news release ... according to the statement")."""
        seen = set()
        for para, n, who in reversed(self.owners):
            if para < self.paragraph - _OWNER_REACH:
                break
            if n == noun or (n.rstrip("s") == noun.rstrip("s")):
                return who
            seen.add(who)
        return next(iter(seen)) if any_kind and len(seen) == 1 else None

    # ---- pronouns ---------------------------------------------------------------------------------

    def gender_of(self, name: str, default: str | None = None) -> str | None:
        """A person's gender as the story states it: a title or a given name (the entity index),
        else the "he" or "she" the article has used for them (``pronoun``)."""
        return self.entities.gender.get(name) or self.learned.get(name) or default

    def pronoun(self, word: str, items: list[Item], k: int, window: list[int]) -> str | None:
        """The referent of a subject pronoun at items[k]; ``window``: earlier sentences it may reach
        (nlp/quotes/pronouns.py)."""
        from .pronouns import pronoun  # it reads this module's phrase helpers

        return pronoun(self, word, items, k, window)

    def second_reference(self, noun: str, items: list[Item], k: int, window: list[int],
                         also: tuple[str, ...] = ()) -> str | None:
        """ "the Nevada rancher" at items[k]: the person in reach the article described so."""
        from .pronouns import second_reference

        return second_reference(self, noun, items, k, window, also)

    # ---- descriptions -----------------------------------------------------------------------------

    def role_holder(self, noun: str) -> str | None:
        """ "the minister", "her husband": the one person of the article (else of the story)
        introduced with that role."""
        if noun not in ROLES and noun not in KIN:
            return None
        seen = {it.name for ms in self.mentions.values() for it in ms if it.type == PERSON}
        holders = [n for n, r in self.entities.roles.items() if noun in r]
        local = [n for n in holders if n in seen]
        if len(local) == 1:
            return local[0]
        return holders[0] if not local and len(holders) == 1 else None

    def body(self, noun: str) -> str | None:
        """ "the department": the last organisation named with that word, else, when the article has named
        no body yet, the story's only one. A kind of body a name seldom holds in its words ("the
        company", "the paper"): first the body the nearest sentence naming any body opens on."""
        if noun in GENERIC_BODIES:
            # "Keurig's explanation was ... “...,” the company explained": the body the nearest
            # sentence naming one opens on as its subject
            for s in sorted(self.mentions, reverse=True)[:_BODY_REACH]:
                if self.opens_body.get(s):
                    return self.opens_body[s]
                if any(it.type == ORGANISATION for it in self.mentions[s]):
                    break
        for s in sorted(self.mentions, reverse=True):
            for it in reversed(self.mentions[s]):
                if it.type == ORGANISATION and noun in it.name.lower().split():
                    return it.name
        if any(it.type == ORGANISATION for ms in self.mentions.values() for it in ms):
            return None  # "the company explained" after Keurig: not a company the story names elsewhere
        story = [n for n, t in self.entities.types.items() if t == ORGANISATION and noun in n.lower().split()]
        return story[0] if len(story) == 1 else None


# ---- phrases ------------------------------------------------------------------------------------------

def segments(items: list[Item]) -> list[list[int]]:
    """Indices of a phrase split at commas and brackets; relative clauses ("who ...") dropped."""
    out: list[list[int]] = [[]]
    depth = 0
    for k, it in enumerate(items):
        if it.kind == "P" and it.text in "([":
            depth += 1
        elif it.kind == "P" and it.text in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and it.kind == "P" and it.text in _SEPARATORS:
            if out[-1]:
                out.append([])
        elif depth == 0:
            out[-1].append(k)
            if it.kind == "Q" and it.text.rstrip("”\"’' ").endswith(","):
                out.append([])  # on CNN's “New Day,” Bundy ...: the comma inside the marks ends the phrase
    return [s for s in out if s and items[s[0]].low not in _RELATIVE]


def _describes_one(items: list[Item], head: list[int], noun: str) -> bool:
    """ "the former governor", "the Nevada rancher", "the 67-year-old": a description of one
    person (a role or a second-reference noun, qualified only by places, groups, ages and a
    few words such as "former")."""
    if not (noun in SECOND_REFERENCES or AGE_NOUN.match(noun) or noun in ROLES and noun not in SPOKES):
        return False
    return all(x.kind == "E" and x.type not in (PERSON, ORGANISATION) or x.kind == "W" and (
        x.low in DESCRIPTION_MODIFIERS or AGE_NOUN.match(x.low) or TERMS.match(x.low) or x.text[:1].isupper())
        for x in (items[k] for k in head[1:-1]))


def _qualified(items: list[Item], head: list[int]) -> tuple[str, ...]:
    """The words of a description that change who holds its role ("the former governor")."""
    return tuple(items[k].low for k in head[1:-1] if items[k].low in DESCRIPTION_MODIFIERS)


def _head_noun(items: list[Item], seg: list[int]) -> tuple[str, int]:
    """The last plain word before any preposition: "the statement from X" -> statement."""
    noun, at = "", -1
    if len(seg) > 2 and items[seg[0]].low in _PARTITIVES and items[seg[1]].low == "of":
        seg = seg[2:]  # "one of the founders of X": the founders
    for k in seg:
        it = items[k]
        if it.kind == "W" and it.low in PREPOSITIONS:
            break
        if it.kind == "W" and it.low not in DETERMINERS:
            noun, at = it.low, k
    return noun, at


def _verb_like(it: Item) -> bool:
    return it.kind == "W" and it.text[:1].islower() and (it.low in SPEECH or it.low in AUX or it.low in PAST
                                                          or it.low.endswith("ed"))


def _office_of(items: list[Item], k: int) -> bool:
    """The possessive name at items[k] owns what speaks for it: "Grimm's office", "Trump's
    campaign", "Trump's account", "Voss's Twitter account"."""
    j = k + 1 if items[k].text.endswith(("'s", "’s")) else k + 2  # the "'s" in the name's item, or after it
    if j + 1 < len(items) and items[j].text[:1].isupper() and items[j + 1].low in OFFICE:
        j += 1  # the platform's name before "account"
    return j < len(items) and items[j].low in OFFICE


def _name_in(items: list[Item], seg: list[int], start_only: bool = False, clause: bool = False) -> Item | None:
    """The subject name of a segment: a person first, else a body that is the phrase's head.

    ``clause``: the segment may go on past its verb; a name after a verb is its object
    ("faculty at Georgetown took Mr. Ryan to task") and cannot be the subject.
    """
    if clause:
        # (a verb opening the segment is the attribution's own: "“...,” said X, complaining that")
        verb = next((n for n, k in enumerate(seg) if n and _verb_like(items[k]) and not (
            items[k].low in ("called", "named") and k + 1 < len(items) and items[k + 1].kind == "E")), len(seg))
        seg = seg[:verb]
    # (a clause's first word is not after a preposition: "This was after Trump's account tweeted")
    cands = [k for k in seg if items[k].kind == "E" and items[k].type in (PERSON, ORGANISATION, PLACE)
             and not (after_preposition(items, k) and not (clause and k == seg[0])) and not _modifier(items, seg, k)]
    owners = [k for k in cands if possessive(items, k) and _office_of(items, k)]
    cands = [k for k in cands if not possessive(items, k)] or owners
    if start_only:
        # an apposition is a name itself ("the legislator, Representative Carl Seel")
        first = next((k for k in seg if not (items[k].kind == "W" and (items[k].low in _TITLE_WORDS
                                                                        or items[k].text[:1].isupper()))), None)
        return items[first] if first in cands and items[first].type == PERSON else None
    people = [k for k in cands if items[k].type == PERSON
              and not (k > 0 and items[k - 1].low in DETERMINERS)]  # "the Trump administration"
    if people:
        k = people[0]
        if any(items[j].low in ("and", "&") for j in seg if k < j < people[-1]):
            return None  # "Nancy Pelosi of California and Senator Chuck Schumer": two speakers
        for later in people[1:]:
            # the head of a name phrase is its last name: "Indivisible co-founder Ezra Levin"
            between = items[k + 1:later]
            if not all(x.kind == "W" and (x.low in ROLES or x.low in _TITLE_WORDS or x.text[:1].isupper())
                       for x in between):
                break
            k = later
        return items[k]
    for k in cands:
        it = items[k]
        nxt = next((items[j] for j in seg if j > k and items[j].kind == "W"), None)
        if it.type == ORGANISATION and (nxt is None or nxt.low in AUX or nxt.low in SPEECH or nxt.low in SPOKES
                                        or nxt.low in DOCUMENTS or nxt.low.endswith("ed") or nxt.low == "called"):
            return it  # the body is the head, or speaks through a spokesman or a statement
    return None


def names_a_thing(items: list[Item], k: int) -> bool:
    """The name at items[k] only qualifies a noun ("the Obama campaign", "a Haldane aide"): it
    names a thing, and is no person on the scene for a "he" or "she" to mean."""
    return 0 < k < len(items) - 1 and items[k - 1].sent == items[k].sent == items[k + 1].sent \
        and _modifier(items, [k - 1, k, k + 1], k)


def _modifier(items: list[Item], seg: list[int], k: int) -> bool:
    """The name at items[k] qualifies the noun after it inside a noun phrase ("a senior Haldane
    campaign official", "the lone Duma dissenter"): the phrase's head is that noun, not the name."""
    pos = seg.index(k)
    if pos == 0 or items[seg[0]].low not in DETERMINERS or pos + 1 >= len(seg):
        return False
    nxt = items[seg[pos + 1]]
    return nxt.kind == "W" and nxt.text[:1].islower() and not _verb_like(nxt) and not nxt.low.endswith("ly") \
        and nxt.low not in PREPOSITIONS and nxt.low not in CONJUNCTIONS and nxt.low not in _RELATIVE \
        and nxt.low not in SPOKES and nxt.low not in DOCUMENTS  # "an AARP spokeswoman" speaks for AARP


def resolve_phrase(items: list[Item], idx: list[int], art: Article, window: list[int],
                   clause: bool = False) -> str | None:
    """The speaker a phrase (items at ``idx``) names, or None.

    ``clause``: the phrase runs from a clause's start to its verb, so a leading subordinate
    clause ("After X finished, ...") is skipped and a predicate may follow the subject.
    """
    idx = [k for k in idx if not (items[k].kind == "W" and items[k].low in AUX and k == idx[-1])]
    while idx and (items[idx[-1]].kind == "P" or items[idx[-1]].low in AUX):
        idx.pop()  # "Qin was reported as", "Schumer, ..., also"
    while idx and (items[idx[0]].kind == "P" or items[idx[0]].low in CONJUNCTIONS):
        idx.pop(0)
    segs = segments([items[k] for k in idx]) if idx else []
    segs = [[idx[k] for k in s] for s in segs]
    if clause:
        # "After reporter X finished his report, Grimm ...": openers end at their comma
        opened = False
        while len(segs) > 1 and items[segs[0][0]].kind == "W" and (
                items[segs[0][0]].low in OPENERS or items[segs[0][0]].low.endswith("ing")):
            segs.pop(0)
            opened = True
        # "In a call with his fiancee, Dana Reyes, he added": a name set off after the opener
        # is the opener's noun named, when a subject (a pronoun or a name) follows it
        if opened and len(segs) > 1 and all(items[k].kind == "E" for k in segs[0]) \
                and (items[segs[1][0]].kind == "E" or items[segs[1][0]].low in PRONOUNS):
            segs.pop(0)
        # "Joplin, Mo., Mayor Melodee Colbert-Kean, ..., said": the places qualify the title after them
        places = 0
        while places < len(segs) and all(items[k].kind == "E" and items[k].type == PLACE for k in segs[places]):
            places += 1
        if 0 < places < len(segs) and any(items[k].kind == "E" and items[k].type == PERSON for k in segs[places]):
            segs = segs[places:]
    if not segs:
        return None
    head = segs[0]
    first = items[head[0]]
    if first.kind == "W" and first.low in PRONOUNS and (len(head) == 1 or clause):
        return art.pronoun(first.text, items, head[0], window)
    noun, at = _head_noun(items, head)
    appos = _name_in(items, segs[1], start_only=True) if len(segs) > 1 else None
    if appos and (noun in SPOKES or noun in ROLES):
        return appos.name  # "a White House spokesman, Eric Schultz", "Grimm's lawyer, William McGinley"
    named = _name_in(items, head, clause=clause)
    if named:
        return named.name
    if noun in SPOKES:
        bodies = [k for k in head if k > at and items[k].kind == "E" and items[k].type == ORGANISATION]
        if bodies:
            return items[bodies[0]].name  # "a spokeswoman for the Teachers Union"
    if noun in DOCUMENTS:
        by = [k for k in head if k > at and items[k].kind == "E" and items[k].type in (PERSON, ORGANISATION)
              and (not possessive(items, k) or _office_of(items, k))]
        if by:
            return items[by[0]].name  # "a statement from Mr. Smith"
        owner = [k for k in head if k < at and items[k].kind == "E" and items[k].type in (PERSON, ORGANISATION)
                 and possessive(items, k)]
        if owner:
            return items[owner[-1]].name  # "quoted Eichmann's letter": the letter's writer
        return appos.name if appos else art.issuer(noun)
    if appos and noun:
        return appos.name  # "the legislator, Representative Carl Seel"
    hit = art.entities.canonical(" ".join(items[k].text for k in head))
    if hit and art.entities.types.get(hit) == ORGANISATION:
        return hit  # "China's ministry of foreign affairs"
    if noun in ORG_NOUNS and all(items[k].kind == "W" and (items[k].low in DETERMINERS or k == at) for k in head):
        return art.body(noun)
    qualified = [items[k] for k in head if k < at and items[k].low not in DETERMINERS]
    if noun in ORG_NOUNS and qualified and qualified[-1].text[:1].isupper() \
            and all(x.text[:1].isupper() or x.low in LEVELS for x in qualified):
        # a body described, not named: "the Brazilian embassy", "the state Health Department" is kept as written
        return " ".join(x.text for x in qualified) + " " + items[at].text
    if first.low == "the" and at == head[-1] and _describes_one(items, head, noun):
        # "the minister"; "said the Kentucky Republican", "the 67-year-old added": a second reference
        held = art.role_holder(noun) if not _qualified(items, head) else None
        return held or art.second_reference(noun, items, head[0], window, _qualified(items, head))
    if noun and all(items[k].low in DETERMINERS or k == at for k in head):
        return art.role_holder(noun)  # a bare role, not "one union official"
    if noun in KIN and len(head) == 2 and items[head[0]].low in POSSESSIVE_PRONOUNS:
        return art.role_holder(noun)  # "her husband", introduced as "her husband, Keith Rogers"
    return None
