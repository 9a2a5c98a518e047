"""Step 2: person names parsed and merged over the story.

Within one set of reports about one event a name almost always means one person, and the
forms vary: "Jim Mattis" / "James N. Mattis", "Joseph R. Biden Jr." / "Joe Biden", "Anthony
Blinken" for "Antony Blinken". What must never merge: "George H.W. Bush" and "George W. Bush"
(middle initials differ), "Robert F. Kennedy" and "Robert F. Kennedy Jr." (a generation), and
a bare "Clinton" when the story has Bill and Hillary (two candidates: no merge, precision first).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .vocab import NICKNAMES, PARTICLES, SUFFIXES

@lru_cache(maxsize=65536)  # the same few hundred names, folded thousands of times a brief
def _fold(s: str) -> str:
    """Lower case without accents: "Léon" ~ "Leon"."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def edit_distance(a: str, b: str) -> int:
    """Edits between two words, a swap of two neighbours counting one ("Preibus"/"Priebus")."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(rows[-1][j] + 1, cur[j - 1] + 1, rows[-1][j - 1] + (ca != cb)))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], rows[-2][j - 2] + 1)
        rows.append(cur)
    return rows[-1][-1]


def _is_initial(token: str) -> bool:
    t = token.rstrip(".")
    return bool(t) and (len(t) == 1 and t.isupper() or bool(re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", token)))


def _initials(token: str) -> str:
    return "".join(c for c in token if c.isupper()) if _is_initial(token) else token[:1].upper()


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as parts: given name, middle initials, surname, generation suffix."""

    text: str
    given: str  # "" for a single word
    middles: str  # initials of the middle names, "HW" for "George H.W. Bush"
    surname: str
    suffix: str  # "jr", "sr", "iii" ... or ""

    @property
    def full(self) -> bool:
        return bool(self.given)


@lru_cache(maxsize=4096)
def parse(name: str) -> PersonName:
    tokens = name.split()
    suffix = ""
    if len(tokens) > 1 and tokens[-1].lower() in SUFFIXES:
        suffix = tokens.pop().lower().rstrip(".")
    # the surname with its particles: "Kevin de León", "Greta Van Susteren", "Mr de León"
    # (a capitalised first word is a given name: "Ben Carson")
    k = len(tokens) - 1
    while k > 0 and tokens[k - 1].lower() in PARTICLES and (k > 1 or tokens[0].islower()):
        k -= 1
    surname = " ".join(tokens[k:])
    rest = tokens[:k]
    if not rest:
        return PersonName(name, "", "", surname, suffix)
    given, middles = rest[0], rest[1:]
    lead = ""
    if _is_initial(given) and middles and not _is_initial(middles[0]):
        # "J. Christopher Stevens", "A. Barry Rand": known by the middle name
        lead, given, middles = _initials(given), middles[0], middles[1:]
    initials = "".join(_initials(m) for m in middles)
    return PersonName(name, given, lead + initials if lead else initials, surname, suffix)


def given_compatible(a: str, b: str, lenient: bool = False) -> bool:
    """Given names of one person: equal, an initial of the other, a short form, or a small misspelling."""
    a, b = _fold(a).rstrip("."), _fold(b).rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ()):
        return True
    if any(a in forms and b in forms for forms in NICKNAMES.values()):
        return True  # Jim ~ Jimmy
    if a[:1] != b[:1]:
        return False
    shortest = min(len(a), len(b))
    # "Antony"/"Anthony", "Amara"/"Amarah"; four letters are too few ("Mark"/"Mary")
    return (shortest >= 5 or lenient and shortest >= 4) and edit_distance(a, b) <= max(1, shortest // 4)


def _spelling(name: str) -> str:
    """A name as letters and spaces: hyphenation, case and accents are an outlet's spelling."""
    return " ".join(re.findall(r"[a-z0-9]+", _fold(name).replace("’", "").replace("'", "")))


def surname_close(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    return fa == fb or (min(len(fa), len(fb)) >= 5 and edit_distance(fa, fb) <= 1)


def same_person(a: PersonName, b: PersonName) -> bool:
    """Two full names that can be one person."""
    if _spelling(a.text) == _spelling(b.text):
        return True  # "Kim Jong-un", "Kim Jong Un"
    if _fold(a.surname) != _fold(b.surname):
        # a misspelt surname only with the very same given name ("Reince Preibus")
        if not (_fold(a.given) == _fold(b.given) and surname_close(a.surname, b.surname)):
            return False
    if not given_compatible(a.given, b.given):
        return False
    if a.middles and b.middles and a.middles != b.middles:
        return False  # George H.W. Bush is not George W. Bush
    if a.suffix != b.suffix:
        if a.suffix and b.suffix:
            return False  # Jr. and Sr.
        # "Joseph R. Biden Jr." is "Joe Biden" (a formal first reference carries the middle
        # initial too); "Donald Trump Jr." is not "Donald Trump", nor "Robert F. Kennedy Jr."
        # "Robert F. Kennedy"
        suffixed, plain = (a, b) if a.suffix else (b, a)
        if not suffixed.middles or plain.middles:
            return False
    return True


def _fits(p: PersonName, cluster: list[str]) -> bool:
    """A name fits a cluster when it can be the person of every form in it, judged on
    generations with the cluster's fullest form ("Theodore Boutrous" fits "Theodore J.
    Boutrous Jr." + "Theodore Boutrous Jr.")."""
    forms = [parse(v) for v in cluster]
    if not all(same_person(p, f) or p.suffix != f.suffix and _same_but_generation(p, f) for f in forms):
        return False
    suffix = next((f.suffix for f in forms if f.suffix), "")
    if p.suffix == suffix:
        return True
    middles = max((f.middles for f in forms), key=len)
    plain_middles = p.middles if suffix else middles
    suffixed_middles = middles if suffix else p.middles
    return not (p.suffix and suffix) and bool(suffixed_middles) and not plain_middles


def _same_but_generation(a: PersonName, b: PersonName) -> bool:
    return same_person(PersonName(a.text, a.given, a.middles, a.surname, ""),
                       PersonName(b.text, b.given, b.middles, b.surname, ""))


def _is_short_form(given: str) -> bool:
    low = given.lower()
    return low not in NICKNAMES and any(low in forms for forms in NICKNAMES.values())


class People:
    """Clusters of full names (variants of one person), and resolution of single words."""

    def __init__(self, names: Counter[str]) -> None:
        full = Counter({n: k for n, k in names.items() if parse(n).full})
        # A two-word "name" made of two other people's names ("Xi Blinken", a typo or a list)
        # is split rather than made a person of its own.
        self.split: set[str] = set()
        for name, n in full.items():
            toks = name.split()
            if n == 1 and len(toks) == 2:
                a = [o for o in full if o != name and toks[0] in o.split()]
                b = [o for o in full if o != name and toks[1] in o.split()]
                if a and b and not set(a) & set(b):
                    self.split.add(name)
        self.counts = full
        clusters: list[list[str]] = []
        # the most specific forms first, so that "George Bush" meets both H.W. and W. and,
        # fitting two people, stays apart instead of founding a cluster either joins
        order = sorted((n for n in full if n not in self.split),
                       key=lambda n: (-len(parse(n).middles) - bool(parse(n).suffix), -full[n]))
        for name in order:
            p = parse(name)
            fits = [c for c in clusters if _fits(p, c)]
            if len(fits) == 1:
                fits[0].append(name)
            else:
                clusters.append([name])
        # each cluster shown by its most frequent form (on a tie the plainer, the full given name)
        self.clusters = [sorted(c, key=lambda v: (-full[v], len(parse(v).middles), _is_short_form(parse(v).given),
                                                  len(v))) for c in clusters]
        self.clusters.sort(key=lambda c: -sum(full[v] for v in c))
        self.tokens = {t for c in self.clusters for v in c for t in v.split()}
        self.gender: dict[str, str] = {}

    def canonical_of(self, name: str) -> str | None:
        for c in self.clusters:
            if name in c:
                return c[0]
        return None

    def candidates(self, word: str, gender: str = "") -> list[str]:
        """Full names a single word ("Mattis", "Mr Xi", "Hillary") may stand for, by the first test that finds any."""
        low = _fold(word)
        tests = (
            lambda c: any(_fold(parse(v).surname) == low for v in c),  # the surname
            lambda c: any(_fold(v.split()[0]) == low for v in c),  # a family name written first, a given name
            lambda c: any(_fold(t) == low for v in c for t in v.split()),  # any part
            lambda c: len(low) >= 6 and any(edit_distance(_fold(parse(v).surname), low) <= 1 for v in c),
        )
        for test in tests:
            hits = [c[0] for c in self.clusters if test(c)]
            # "Trump" is Donald Trump beside Donald Trump Jr., who is written with his suffix
            plain = {(_fold(parse(h).given), _fold(parse(h).surname)) for h in hits if not parse(h).suffix}
            hits = [h for h in hits if not parse(h).suffix or (_fold(parse(h).given), _fold(parse(h).surname)) not in plain]
            if gender:
                hits = [h for h in hits if self.gender.get(h, gender) == gender]
            if hits:
                return hits
        return []

    def resolve(self, name: str, gender: str = "") -> str:
        """The canonical full name for a person surface: itself when nothing, or more than one person, fits."""
        hit = self.canonical_of(name)
        if hit:
            return hit
        toks = name.split()
        if len(toks) == 1 or toks[0].lower() in PARTICLES:
            hits = self.candidates(name, gender)
            if len(hits) == 1:
                return hits[0]
        if len(toks) == 2 and toks[1].lower() in SUFFIXES:
            # "Donald Jr.": the one person of that given name and that generation
            p = parse(name)
            hits = [c[0] for c in self.clusters if any(
                _fold(parse(v).given) == _fold(toks[0]) and parse(v).suffix == p.suffix for v in c)]
            if len(hits) == 1:
                return hits[0]
        return name
