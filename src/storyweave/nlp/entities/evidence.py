"""Types from the story's evidence, not from one tagger decision per sentence.

spaCy's small model calls "Valmora" a person in four sentences of five, "Twitter" a person,
"F.B.I." a place. What the story says around a name is better evidence: an honorific or a
title before it, a verb of speech after it ("said"), a verb of publishing ("Politico
reported"), a place preposition before it ("residents of Valmora", "in Valmora"). Names of
outlets and platforms, and initials with dots, are organisations whatever the tagger says.
"""
from __future__ import annotations

import re

from collections import Counter, defaultdict

from ..places import country, level
from .given_names import gender_of_given_name
from .people import People
from .spans import Span
from .vocab import (
    AGENT_ENDINGS, BUILT_PLACE_HEADS, CALL_SIGN, DOTTED, FEATURE_WORDS, GROUP, MACHINE_NAME, MODEL_CODE, NAME_TAILS,
    NAMED_PLACE_TAILS, NOT_PERSON_HEADS, ORG_HEADS, ORGANISATION, OTHER, OUTLETS, PARTICLES, PERSON, PLACE, PLACE_HEADS,
    ROLES, THING_HEADS, TITLE_WORDS, US_STATE_ABBREVIATIONS,
)


def fixed_type(name: str) -> str | None:
    """The type a name has whatever the story says: outlets, call signs, dotted initials."""
    low = name.lower()
    if low in OUTLETS or CALL_SIGN.match(name):
        return ORGANISATION
    if DOTTED.match(name):
        return PLACE if country(name) or low.rstrip(".") in US_STATE_ABBREVIATIONS or low in US_STATE_ABBREVIATIONS \
            else ORGANISATION
    return None


def retype_person_names(spans: list[Span], people: People, texts: list[str] | None = None) -> None:
    """Spans whose type the story's other mentions settle, before names are resolved.

    - a span typed place/organisation whose words are a person's name in this story is that
      person: a word tagged a person somewhere in the story (or after "Mr"), or never tagged a
      place, follows the person; a word tagged only a place, and more often than the person's
      full name appears ("Washington" beside one "Denzel Washington"), stays a place, unless
      that mention says something ("Houston said" beside "Angus Houston");
    - a lone word tagged a person that is the name of a river, lake or mountain of the story
      and no person's name ("the Sella" beside "River Sella") is that place;
    - an outlet, platform or dotted body is an organisation.
    """
    person = Counter(s.name for s in spans if s.label == PERSON)
    place = Counter(s.name for s in spans if s.label == PLACE)
    full_count: Counter[str] = Counter()
    for c in people.clusters:
        for v in c:
            for t in v.split():
                full_count[t] += people.counts[v]
    place_only = {n for n, k in place.items() if n not in person and k > full_count[n]}
    full = {v for c in people.clusters for v in c}
    features = {w for s in spans if s.label == PLACE and len(s.name.split()) >= 2
                for w in s.name.split() if s.name.split()[0].lower() in FEATURE_WORDS and w.lower() not in FEATURE_WORDS}
    # a body named for someone's possession or a web site ("Angie’s List", "Salesforce.com"): the
    # word tagged a person, wherever it is written only as the start of that name, is that body
    possessive_bodies = {m.group(1): s.name for s in spans if s.label == ORGANISATION
                         and (m := re.match(r"^(\w+)(?:['’]s\s|\.(?:com|net|org)$)", s.name))}
    for word, body in list(possessive_bodies.items()):
        rest = body[len(word):].replace("’", "'")
        if texts is None or not all(texts[s.sent][s.end:].replace("’", "'").startswith(rest)
                                    for s in spans if s.label == PERSON and s.name == word):
            del possessive_bodies[word]  # "Hitler" alone somewhere: a person beside "Hitler’s Final Solution"
    for s in spans:
        fixed = fixed_type(s.name)
        if fixed and not s.honorific:
            s.label = fixed
            continue
        if s.label == PERSON and s.name in possessive_bodies and not (s.honorific or s.roles or s.cues) \
                and s.name not in full_count:
            s.label, s.name = ORGANISATION, possessive_bodies[s.name]  # "Angie's List" cut at its possessive
            continue
        if s.label == PERSON:
            if " " not in s.name and s.name in features and s.name not in people.tokens and not s.honorific:
                s.label = PLACE
            continue
        if country(s.name) and s.name == country(s.name):
            continue
        if s.label == GROUP and s.name not in people.tokens:
            continue  # "Republicans"; but "Mattis" beside "Jim Mattis" is him
        if s.name in full or (" " not in s.name and s.name in people.tokens
                              and (s.name not in place_only or "speech" in s.cues)):
            s.label = PERSON  # "Houston said", beside "Angus Houston": a town says nothing


def decide_types(spans: list[Span], names: dict[int, str], people: People,
                 common: frozenset[str] = frozenset()) -> dict[str, str]:
    """Canonical name -> type, weighed over all its mentions; ``common``: the words the story
    writes in lower case (a name opening on one is no person's, see ``_person_shaped``)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    cues: dict[str, Counter[str]] = defaultdict(Counter)
    for k, s in enumerate(spans):
        votes[names[k]][s.label] += 1
        cues[names[k]].update(s.cues)
        if s.honorific or s.roles:
            cues[names[k]]["titled"] += 1
    # the first word of a body's name ("Indivisible Brooklyn", "Indivisible Nation")
    bodies = {s.name.split()[0] for s in spans if s.label == ORGANISATION and " " in s.name}
    types = {}
    for name, c in votes.items():
        fixed = fixed_type(name)
        if fixed:
            types[name] = fixed
        elif c[PERSON]:
            types[name] = _lone_word_type(name, cues[name], sum(c.values()), people, bodies)
            if types[name] == PERSON and not _person_shaped(name, cues[name], people, common):
                types[name] = (ORGANISATION if MACHINE_NAME.search(name) else PLACE if " " not in name else OTHER)
            elif types[name] == PERSON and _a_plural_with_the(name, cues[name], sum(c.values())):
                # "the Colts" are a team; "the Clintons", beside a Clinton of the story, a family
                types[name] = GROUP if name[:-1] in people.tokens or name[:-2] in people.tokens else ORGANISATION
        else:
            types[name] = c.most_common(1)[0][0]
            if types[name] in (PLACE, ORGANISATION) and _a_persons_name(name, cues[name]):
                types[name] = PERSON
    return types


def _a_plural_with_the(name: str, cue: Counter[str], mentions: int) -> bool:
    """One capitalised plural word written after "the" in at least half its mentions, never titled:
    a team, a band or a family, not one person."""
    return (" " not in name and name.endswith("s") and not name.endswith("ss") and not cue["titled"]
            and 2 * cue["the"] >= mentions)


# what ends a place's or a body's name, so never a surname here
_NAME_TAILS = (ORG_HEADS | PLACE_HEADS | BUILT_PLACE_HEADS | FEATURE_WORDS | THING_HEADS | NAMED_PLACE_TAILS
               | frozenset().union(*NOT_PERSON_HEADS.values()))


def _a_persons_name(name: str, cue: Counter[str]) -> bool:
    """A name the tagger called a place or a body that reads as a person's: a given name that is
    no region's or country's, then one capitalised word that ends no place's or body's name
    ("Crystal Dunn", "Lester Holt", "Carly Fiorina"; not "Virginia Beach", "Rose Garden",
    "Al Jazeera"), never written where a place goes ("in ...", "at ...", "..., Idaho")."""
    tokens = name.split()
    if len(tokens) != 2 or cue["place"] or cue["located"] or cue["at"]:
        return False
    first, last = tokens
    low = first.lower()
    return bool(gender_of_given_name(low) and low not in PARTICLES and not country(first)
                and level(first) == "local" and last[:1].isupper() and not last.isupper()
                and last.lower() not in _NAME_TAILS)


def _person_shaped(name: str, cue: Counter[str], people: People, common: frozenset[str]) -> bool:
    """Does nothing contradict that a person-tagged name is a person's? A name with a digit or a
    web address is a body's (NBC10, a site); a lone word that is a country or a region is that
    place; a name opening on a word the story writes in lower case ("Frozen Yogurt Pearls",
    "Daily Shoah") is a thing's — unless a title or a verb of speech vouches for the person, or
    the word is a given name ("Will", "Rich"), a particle ("de la Renta"), a title or a doer ("Airman")."""
    tokens = name.split()
    if len(tokens) >= 2 and MODEL_CODE.match(tokens[-1]) and tokens[-1] not in NAME_TAILS \
            and not all(t.isupper() for t in tokens):
        return False  # "Fitbit Charge HR" said: the company, through its product's name
    if cue["titled"] or cue["speech"]:
        return True
    if MACHINE_NAME.search(name):
        return False
    first = tokens[0].lower()
    if len(tokens) == 1:
        return not (country(name) or level(name) == "region") or name in people.tokens
    return bool(first not in common or first in PARTICLES or first in TITLE_WORDS | ROLES
                or first.endswith(AGENT_ENDINGS) or gender_of_given_name(first))


def _lone_word_type(name: str, cue: Counter[str], mentions: int, people: People, bodies: set[str]) -> str:
    """A person-tagged name: a person, unless it is one word no person of the story carries,
    never titled, and the story uses it as a place, an outlet or the name of a body — or several
    words opening on no given name that the story writes where a place goes."""
    if " " not in name and cue["located"] and not (cue["titled"] or cue["speech"]):
        return PLACE  # "Larkspur, Idaho": a town, though named like a person
    if " " in name and not (cue["titled"] or cue["speech"]) and cue["place"] >= 2 and 2 * cue["place"] >= mentions \
            and not gender_of_given_name(name.split()[0]):
        return PLACE  # "in Banda Aceh", "residents of Banda Aceh": no given name, written where a place goes
    if " " in name or people.canonical_of(name) or cue["titled"]:
        return PERSON
    if name in bodies and name not in people.tokens and not cue["place"]:
        return ORGANISATION  # "groups like Indivisible" beside "Indivisible Brooklyn"
    if cue["report"] and not cue["speech"]:
        return ORGANISATION  # "Axios reported"
    if not cue["speech"] and cue["place"] >= 2 and 2 * cue["place"] >= mentions:
        return PLACE  # "residents of Valmora", "in Valmora"
    return PERSON
