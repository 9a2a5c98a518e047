"""One person, two ages: outlets that give a named person different ages.

An age is no amount to compare between facts (nlp/quantities.py leaves "a 43-year-old" out),
but it belongs to its person: "Odile Fenn, 54," and "the 56-year-old Odile Fenn" cannot both
be right. Only the forms that tie a number to a name are read — the appositive ("Name, 54,"),
"54-year-old [title] Name" and "Name, aged 54" — and only for a person the story's entity
index knows, matched by surname in the same sentence: precision before recall. Ages one
year apart are a contradiction only when the two reports appeared within a week of each
other (a birthday may fall between them).
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..analysis import StoryAnalysis
from ..model import Divergence
from .variants import short, slot_divergence

_NAME = r"((?:[A-Z][\w'’-]+\.?\s+){0,3}[A-Z][\w'’-]+)"
_AGE_FORMS = (
    re.compile(_NAME + r",\s+(\d{1,3}),"),  # "Steny H. Hoyer, 77, of Maryland"
    re.compile(_NAME + r",?\s+aged\s+(\d{1,3})\b"),  # "Odile Fenn, aged 54"
    re.compile(r"\b(\d{1,3})-year-old\s+(?:[a-z][\w-]*,?\s+){0,3}" + _NAME),  # "the 56-year-old harbour master, Odile Fenn"
)
_BIRTHDAY_DAYS = 7


def _ages(an: StoryAnalysis, i: int) -> list[tuple[str, int, str]]:
    """(person, age, surface) for each age sentence i ties to a person the index knows."""
    if an.entity_index is None:
        return []
    people = [n for n, t in an.entity_index.by_sentence[i] if t == "person"]
    text = an.sentences[i].text
    out = []
    for k, form in enumerate(_AGE_FORMS):
        for m in form.finditer(text):
            name, age = (m.group(2), m.group(1)) if k == 2 else (m.group(1), m.group(2))
            surname = name.split()[-1]
            who = [p for p in people if p.split()[-1] == surname]
            # a surname alone, where the story names two people who bear it, is either of them
            # ("Pasztor, 29" is the mother; "6-year-old Rene Pasztor" her son)
            # (whatever type the tagger gave the other: it calls "Amber Pasztor" an organisation)
            alone = " " not in name.strip() and sum(
                1 for n in an.entity_index.types if " " in n and n.split()[-1] == surname) > 1
            if len(who) == 1 and not alone and 0 < int(age) < 120:
                out.append((who[0], int(age), m.group(0)))
    return out


def age_divergences(an: StoryAnalysis) -> list[Divergence]:
    """A contradiction for each person two outlets give different ages."""
    found: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for i in range(len(an.sentences)):
        for person, age, surface in _ages(an, i):
            found[person][age].append((i, surface))
    out = []
    for person, ages in found.items():
        if len(ages) < 2:
            continue
        arts = {age: {an.sentences[i].article_id for i, _ in items} for age, items in ages.items()}
        if len(set().union(*arts.values())) < 2 or any(len(a) > 1 and a == set().union(*arts.values()) for a in arts.values()):
            continue  # one outlet alone, or one age that every outlet gives (the other is a second reading)
        lo, hi = min(ages), max(ages)
        if hi - lo == 1 and not _within(an, arts[lo] | arts[hi], _BIRTHDAY_DAYS):
            continue
        sentence = ages[lo][0][0]
        out.append(slot_divergence(an, "age", "contradiction",
                                   {str(age): [(i, surface) for i, surface in items] for age, items in ages.items()},
                                   about=f"age of {person} — {short(an.sentences[sentence].text)}"))
    return out


def _within(an: StoryAnalysis, articles: set[str], days: int) -> bool:
    dates = [an.article(a).published for a in articles]
    if any(d is None for d in dates):
        return False
    return (max(dates) - min(dates)).days <= days
