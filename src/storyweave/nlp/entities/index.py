"""The story's entity index: what quotes, alignment and the brief read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ...model import Entity
from ..places import country
from .bodies import country_prefixed
from .people import edit_distance, given_compatible, parse
from .spans import normalise, strip_titles
from .vocab import PERSON


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # character offsets in the sentence text
    end: int
    name: str  # canonical name
    type: str
    surface: str


@dataclass(slots=True)
class EntityIndex:
    """The story's entities, the mentions per sentence, and a resolver for new surfaces."""

    entities: list[Entity]
    by_sentence: list[list[tuple[str, str]]]
    mentions: list[list[Mention]] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # lower-cased normalised surface -> name
    types: dict[str, str] = field(default_factory=dict)  # name -> type
    gender: dict[str, str] = field(default_factory=dict)  # person name -> "m" | "f" (when an honorific said)
    roles: dict[str, set[str]] = field(default_factory=dict)  # person name -> role nouns seen with the name
    # two-word "names" made of two other people's names ("Xi Blinken"): a typo or a list, split
    misnamed: frozenset[str] = frozenset()

    def canonical(self, surface: str) -> str | None:
        """The canonical name for a surface form ("Mr Xi", "the state department"), if known."""
        s = normalise(surface)
        if not s:
            return None
        hit = self.aliases.get(s.lower())
        if hit:
            return hit
        tokens, _ = strip_titles(s.split())
        if tokens:
            hit = self.aliases.get(" ".join(tokens).lower())
            if hit:
                return hit
        # an organisation named with a country in front: "China's ministry of foreign affairs"
        pre = country_prefixed(s)
        if pre and country(pre[0]):
            hit = self.aliases.get(pre[1].lower())
            if hit:
                return hit
        return self._person_like(tokens)

    def person_of_surname(self, word: str) -> str | None:
        """The one person of the story whose surname ``word`` is, if exactly one."""
        return self._person_like([word])

    def _person_like(self, tokens: list[str]) -> str | None:
        """An unseen form of a known person: the surname alone, or a near-miss spelling of the
        name; only when exactly one person of the story fits."""
        if not tokens:
            return None
        people = [n for n, kind in self.types.items() if kind == PERSON and len(n.split()) >= 2]
        if len(tokens) == 1:
            hits = [n for n in people if parse(n).surname.lower() == tokens[0].lower()]
        else:
            want = parse(" ".join(tokens))
            last = want.surname.lower()
            hits = [n for n in people
                    if (parse(n).surname.lower() == last
                        or len(last) >= 5 and edit_distance(parse(n).surname.lower(), last) <= 1)
                    and given_compatible(parse(n).given, want.given, lenient=True)]
        return hits[0] if len(hits) == 1 else None

    def type_of(self, name: str) -> str | None:
        return self.types.get(name)


def entity_names(index: EntityIndex, kinds: Iterable[str]) -> list[str]:
    """Canonical names of the given types, most salient first."""
    wanted = set(kinds)
    return [e.name for e in index.entities if e.type in wanted]
