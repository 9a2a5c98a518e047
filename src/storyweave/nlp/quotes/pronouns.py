"""Who "he", "she" or "it" is, for a quote's speaker; and who a second reference by
description is ("said the Kentucky Republican").

A pronoun needs exactly one person (not of the other gender) in its paragraph and the sentence
before, or exactly one among them who was speaking and whose gender the story states. When that
reach holds no one at all — the paragraph before was page furniture ("Advertisement") or
narration of the same person ("During his year there, he ...") — the pronoun reaches a few
sentences further back, and again needs exactly one person there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..entities import GENDERED_ROLES, ORGANISATION, PERSON
from .items import Item
from .mentions import clause_subject, described, said_of, subject
from .vocab import AGE_NOUN, IMPLIED_BY, PARTY_LETTERS, PRONOUNS

if TYPE_CHECKING:
    from .speakers import Article

_UNNAMED = "\0unnamed:"  # a person described, not named: a rival, never an answer
# sentences further back a pronoun reaches when its paragraph and the sentence before name no one
_FURTHER = 3
_GENDER_WORDS = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


def pronoun(art: "Article", word: str, items: list[Item], k: int, window: list[int]) -> str | None:
    """The referent of a subject pronoun at items[k]. "She" continuing the person the sentence
    before opened on, whose gender was unknown, states it for the sentences after (not a "she"
    resolved to someone merely named nearby)."""
    who = _pronoun(art, word, items, k, window)
    if (who is not None and PRONOUNS.get(word.lower()) and not art.gender_of(who) and window
            and art.subjects.get(window[-1]) == who):
        art.learned[who] = PRONOUNS[word.lower()]
    return who


def _pronoun(art: "Article", word: str, items: list[Item], k: int, window: list[int]) -> str | None:
    from .speakers import _named_relation, _relative_head, names_a_thing

    low = word.lower()
    if low not in ("he", "she", "it"):
        return None  # "they" is too often a group with no name
    kinds = (PERSON,) if low != "it" else (ORGANISATION,)
    gender = PRONOUNS[low]
    # "Sean Hannity, who has ripped what he called ...": in a relative clause on a person,
    # "he" is that person, whoever spoke before
    head = _relative_head(items, k)
    if head is not None and low != "it" and art.gender_of(head, gender) == gender:
        return head
    # the subject its own sentence opened on, of the pronoun's gender ("Ryan hammered Obama for
    # what he called ...", "Ryan said ... – he also claimed"): a pronoun later in a sentence goes
    # on with its subject, not with a name in its predicate nor anyone before the sentence
    own_subject = subject([x for x in items[:k] if x.sent == items[k].sent]) or clause_subject(items, k)
    if own_subject is not None and gender and art.gender_of(own_subject) == gender:
        return own_subject
    before = art.said.get(window[-1], []) if window else []
    same = art.said.get(items[k].sent, [])
    if before and not any(before) or same and not any(same):
        # the sentence before, or this one before the pronoun, has someone the text leaves
        # unnamed speak ("Sinbad himself has long denied that ..., he tweeted"): "he" may be them
        return None
    # "his fiancee, Dana Reyes, he added": the one named as his relation is not "he"
    own = {"he": "his", "she": "her"}.get(low)
    here = [it.name for j, it in enumerate(items[:k]) if it.kind == "E" and it.type in kinds
            and not (own and _named_relation(items, j, own)) and not names_a_thing(items, j)]
    speakers = [w for s in [*window, items[k].sent] for w in art.said.get(s, []) if w]
    fits = _fits(art, here, window, speakers, kinds, gender, low, described(items[:k]))
    own_part = [x for x in items[:k] if x.sent == items[k].sent]
    reported = own_part and own_part[-1].text == "," and not any(x.kind == "Q" for x in own_part)
    if not fits and window and (all(x.kind in "QP" for x in own_part) or reported) \
            and not any(it.kind == "E" for it in items[:k]) \
            and not any(any(m.name not in art.bodies.get(s, ()) for m in art.mentions.get(s, ()))
                        or art.said.get(s) or art.described.get(s) for s in window):
        # “...,” he said (or "People are losing faith, he said."), with no one in reach, no name
        # but of a body ("the Democrats") and no one speaking: if the text went on about a "he"
        # ("During his year there, he developed ..."), the person named before that
        further = list(range(max(art.first, window[0] - _FURTHER), window[0]))
        if not any(gender in art.narrated.get(s, ()) for s in [*further, *window]):
            return None
        far_speakers = [w for s in further for w in art.said.get(s, []) if w]
        fits = _fits(art, [], further, far_speakers, kinds, gender, low, [])
        return fits[0] if len(fits) == 1 and not fits[0].startswith(_UNNAMED) else None
    if low != "it" and any(w and w not in fits and art.entities.types.get(w) != PERSON for w in before):
        return None  # the sentence before has another voice ("Le Bras argues", typed a body): not skipped back over
    if len(fits) == 1:
        return None if fits[0].startswith(_UNNAMED) else fits[0]  # the one person in reach
    # several: the one who was speaking, and only if the story says that person's gender
    spoke = list(dict.fromkeys(n for n in fits if n in speakers))
    before_subject = (art.subjects.get(window[-1]) or subject([x for x in items if x.sent == window[-1]])
                      if window else None)
    named_here = any(it.kind == "E" and it.type == PERSON and it.sent == items[k].sent for it in items[:k])
    if window and window[-1] not in art.said and before_subject in fits and not named_here \
            and gender and art.gender_of(before_subject) == gender:
        # the sentence before, saying nothing, brought in a person as its subject: "he"
        # continues that person ("Nick Patterson, ..., agrees that Mercer's influence has been
        # huge. “...,” he said"), not a name inside its clauses nor an earlier speaker
        return before_subject
    if window and not named_here and len(set(before)) == 1 and before[0] == before_subject in fits \
            and gender and art.gender_of(before_subject) == gender:
        # the sentence before is its subject speaking ("Mr. Sellers said that was not the
        # comparison. “...,” he said"): "he" goes on with that speaker, not one further back
        return before_subject
    if spoke:
        return spoke[0] if len(spoke) == 1 and (not gender or art.gender_of(spoke[0]) == gender) else None
    return _nearest(art, items, k, window, gender) if not any(speakers) else None


def _nearest(art: "Article", items: list[Item], k: int, window: list[int], gender: str) -> str | None:
    """With no one speaking in reach: the one person of the pronoun's gender (stated by the story)
    that the nearest sentence naming any such person names ("Those comments drew a response from
    the Rev. Will Owen. “...,” he said"; "But Ms. Coulter, who attacked Mr. Trump, has gotten under
    his skin. “...,” he said"), when no one that sentence describes without a name could be meant."""
    if not gender:
        return None
    from .speakers import names_a_thing

    for s in [items[k].sent, *reversed(window)]:
        here = [j for j, it in enumerate(items[:k]) if it.sent == s]  # this paragraph's, not yet recorded
        if here:
            names = [items[j].name for j in here if items[j].kind == "E" and items[j].type == PERSON
                     and not names_a_thing(items, j)]
            nouns = described([items[j] for j in here])
        else:
            names = [it.name for it in art.mentions.get(s, []) if it.type == PERSON]
            nouns = art.described.get(s, [])
        rivals = [noun for _, noun in nouns
                  if art.role_holder(noun) is None and GENDERED_ROLES.get(noun, gender) == gender]
        opening = opens_on(items[j] for j in here) if here else art.opens_on.get(s, "")
        if opening == {"m": "he", "f": "she"}[gender]:
            return None  # "He also said he and Urgant had ...": about someone earlier, maybe not the one named
        match = list(dict.fromkeys(n for n in names if art.gender_of(n) == gender))
        unknown = [n for n in names if art.gender_of(n) is None]
        if match or rivals or unknown:
            return match[0] if len(match) == 1 and not rivals and not unknown else None
    return None


def opens_on(items) -> str:
    """The subject pronoun ("he", "she") a sentence's items open on, after a conjunction, else ""."""
    words = [x for x in items if x.kind != "P"]
    if words and words[0].low in ("but", "and", "yet", "so", "still"):
        words = words[1:]
    return words[0].low if words and words[0].kind == "W" and words[0].low in ("he", "she") else ""


def _fits(art: "Article", names: list[str], window: list[int], speakers: list[str], kinds: tuple[str, ...],
          gender: str | None, low: str, described_here: list[tuple[str, str]]) -> list[str]:
    """The people in reach a pronoun of this gender may mean: named in ``window`` (or ``names``,
    before it in its own sentence), carried on as a subject, speaking; a person whose gender the
    story contradicts is out, one it does not state stays a rival. For "he"/"she", a person
    described and not named ("the senator") is a rival too, unless the role is a named person's."""
    names = list(names)
    for s in window:
        names += [it.name for it in art.mentions.get(s, []) if it.type in kinds]
        if s in art.subjects and not art.mentions.get(s) and art.entities.types.get(art.subjects[s]) in kinds:
            names.append(art.subjects[s])  # "But she's also worried ...": she, carried on
    names += [w for w in speakers if art.entities.types.get(w) in kinds]
    fits = list(dict.fromkeys(n for n in names if gender is None or art.gender_of(n, gender) == gender))
    if low != "it":
        nouns = [n for s in window for n in art.described.get(s, [])] + described_here
        for _, noun in nouns:
            holder = art.role_holder(noun)
            if holder is None and (gender is None or GENDERED_ROLES.get(noun, gender) == gender):
                fits.append(f"{_UNNAMED}{len(fits)}")
            elif holder is not None and holder not in fits and (gender is None or art.gender_of(holder, gender) == gender):
                fits.append(holder)
    return fits


def second_reference(art: "Article", noun: str, items: list[Item], k: int, window: list[int],
                     also: tuple[str, ...] = ()) -> str | None:
    """A person described, not named, at items[k] ("said the Kentucky Republican", "the Nevada
    rancher said", "the 67-year-old added"): of the people in reach of a pronoun, the one the
    article has already described so ("Nevada rancher Cliven Bundy", "Bundy, 67,", "Sen. Rand
    Paul (R-Ky.)", or an office that implies it: "Sen. Lindsey Graham"); nobody when someone in reach is described without a name (a rival) or when
    the article never said it of them. ``also``: words that must have been said of them too
    ("the former governor" is not the governor). Precision first: a new person is often brought
    in this way."""
    from .speakers import names_a_thing

    here = [it.name for j, it in enumerate(items[:k]) if it.kind == "E" and it.type == PERSON
            and not names_a_thing(items, j)]
    speakers = [w for s in [*window, items[k].sent] for w in art.said.get(s, []) if w]
    fits = _fits(art, here, window, speakers, (PERSON,), GENDERED_ROLES.get(noun), "description",
                 described(items[:k]))
    if not fits or any(f.startswith(_UNNAMED) for f in fits):
        return None
    age = AGE_NOUN.match(noun)
    word = age.group(1) if age else noun
    implied = IMPLIED_BY.get(noun, frozenset())
    other_parties = set(PARTY_LETTERS.values()) - {noun} if noun in PARTY_LETTERS.values() else set()
    told = [f for f in fits if (word in (said := _said_of(art, f, items[:k]))
                                or implied & said and not other_parties & said) and set(also) <= said]
    return told[0] if len(told) == 1 else None


def _said_of(art: "Article", person: str, before: list[Item]) -> set[str]:
    """What the article has said of a person so far, with the sentences of this paragraph
    before the reference (not yet recorded)."""
    return set(art.traits.get(person, ())) | said_of(before).get(person, set())


def narrated(items: list[Item]) -> frozenset[str]:
    """The genders the words outside quotes refer to by pronoun ("his", "she", "herself")."""
    return frozenset(_GENDER_WORDS[it.low] for it in items if it.kind == "W" and it.low in _GENDER_WORDS)
