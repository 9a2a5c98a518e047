"""Entities of a story: people, organisations, places and groups, with their aliases merged.

spaCy's small English model finds names but knows nothing of the story: it tags "Blinken" a
place in one sentence and a person in the next, "Wang" an organisation, a headline a
person. What makes its output usable is the story itself: within one set of reports about
one event a surname almost always means the one full name carrying it, "Mr Gang" means the
Qin Gang of the previous paragraph, and "Anthony Blinken" is a misspelling of the "Antony
Blinken" the other outlets write. So mentions are pooled over the story first and resolved
against the full names found there:

1. spans: NER entities per sentence (or, without spaCy docs, capitalised runs), cleaned of
   honorifics, titles, possessives and a leading "the"; junk (lower-case fragments, whole
   headlines, "Image") is dropped;
2. people: full names cluster by surname and similar given name; a lone surname or given
   name joins the full name carrying it; a span spaCy typed as a place or organisation joins
   a person when its word is that person's name;
3. organisations and places: the same key after case, "the" and a country prefix ("the US
   State Department" ~ "the state department"); countries through a small alias table;
4. a gazetteer pass finds the story's known names where spaCy missed them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Entity

__all__ = ["EntityIndex", "Mention", "build_entities", "normalise"]

PERSON, ORGANISATION, PLACE, GROUP, OTHER = "person", "organisation", "place", "group", "other"

_LABELS = {
    "PERSON": PERSON, "ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP,
    "EVENT": OTHER, "LAW": OTHER, "PRODUCT": OTHER, "WORK_OF_ART": OTHER, "MISC": OTHER,
}

# A small country alias table: the forms outlets use for the same state or union.
_COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "United States": (PLACE, ("US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America")),
    "United Kingdom": (PLACE, ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom")),
    "China": (PLACE, ("China", "PRC", "People's Republic of China", "People’s Republic of China", "mainland China")),
    "Russia": (PLACE, ("Russia", "Russian Federation")),
    "North Korea": (PLACE, ("North Korea", "DPRK")),
    "South Korea": (PLACE, ("South Korea", "ROK", "Republic of Korea")),
    "United Arab Emirates": (PLACE, ("UAE", "U.A.E.", "United Arab Emirates")),
    "Netherlands": (PLACE, ("Netherlands", "Holland")),
    "Myanmar": (PLACE, ("Myanmar", "Burma")),
    "Turkey": (PLACE, ("Turkey", "Türkiye", "Turkiye")),
    "Czech Republic": (PLACE, ("Czech Republic", "Czechia")),
    "Democratic Republic of the Congo": (PLACE, ("Democratic Republic of the Congo", "DRC", "DR Congo")),
    "European Union": (ORGANISATION, ("EU", "E.U.", "European Union")),
    "United Nations": (ORGANISATION, ("UN", "U.N.", "United Nations")),
    "NATO": (ORGANISATION, ("NATO", "Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation")),
}
_COUNTRY_OF = {alias.lower(): name for name, (_, aliases) in _COUNTRIES.items() for alias in aliases}

# Honorifics say "this is a person" (and often the gender); titles are stripped from names.
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": "", "dr": "", "prof": "", "sir": "m",
                     "dame": "f", "lord": "m", "lady": "f", "madam": "f", "madame": "f", "king": "m", "queen": "f",
                     "prince": "m", "princess": "f"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Madam|Madame)\.?\s+$")
_HONORIFIC_INSIDE = re.compile(r"^(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Madam|Madame)\.?\s+(?=[A-Z])")
_TITLE_WORDS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady madam madame president vice prime minister secretary "
    "of state foreign deputy assistant senator sen rep representative congressman congresswoman governor gov mayor "
    "chancellor king queen prince princess pope general gen colonel col lieutenant lt captain capt major judge "
    "justice chairman chairwoman chair premier ambassador speaker director commissioner reverend rev father sheikh "
    "emir crown former acting then chief executive spokesman spokeswoman spokesperson defence defense interior "
    "finance treasury commerce trade envoy leader top diplomat officer inspector detective sergeant sgt "
    "president-elect first".split()
)
# Roles a person is introduced with ("Health Minister Amara Okafor", "Qin Gang, the foreign
# minister,"): later "the minister said" means that person.
ROLES = frozenset(
    "president minister secretary senator governor mayor chancellor premier ambassador speaker director "
    "commissioner chairman chairwoman chair leader spokesman spokeswoman spokesperson diplomat envoy general "
    "judge king queen prince princess pope ceo chief prosecutor coach manager captain founder co-founder "
    "officer commander adviser advisor economist analyst professor lawyer attorney sheriff inspector".split())
_ROLE_BEFORE = re.compile(r"((?:[\w’'-]+\s+){1,3})$")
_ROLE_AFTER = re.compile(r"^,\s+(?:[\w’'-]+\s+){0,4}?([\w-]+)\s*[,;.]")
_PARTICLES = frozenset("von van der den de del della di da du dos das la le al el bin ibn ben ter ten st st.".split())
_JUNK = frozenset(
    "image images picture photo photos video videos read more related latest advertisement getty reuters/ "
    "share comments comment watch listen click subscribe newsletter opens in new window caption file pool "
    "state department ministry government secretary minister president office".split()
)
_GENERIC = frozenset("state department ministry government secretary minister president office party army "
                     "police court council agency".split())
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'’-]*$")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_ALIAS_EDGE = r"(?<![\w’'-])({})(?![\w-])"


_SPACES = re.compile(r"\s+")
_INITIALS_END = re.compile(r"\b[A-Z]\.[A-Z]$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_COUNTRY_PREFIX = re.compile(r"^(\S+?)(?:['’]s)?\s+(.+)$")  # "China's ministry ..." -> China, ministry ...
_DEMONYMS = re.compile(r"\b[A-Z][a-z]+(?:ese|ian|an|ish)\b")


def _before(text: str, start: int, width: int = 60) -> str:
    """The text just before a span: patterns anchored at its end need no more."""
    return text[max(0, start - width):start]


def normalise(surface: str) -> str:
    """A surface without a leading "the", a trailing possessive, or edge punctuation."""
    s = _SPACES.sub(" ", surface).strip(" \t,.;:!?\"“”‘’()[]–—-")
    if surface.rstrip().endswith(".") and _INITIALS_END.search(s):
        s += "."  # "U.S." keeps its final dot
    s = _LEADING_THE.sub("", s)
    return _POSSESSIVE.sub("", s).strip()


def _strip_titles(tokens: list[str]) -> tuple[list[str], str]:
    """Leading honorifics/titles (and a country word before them) off a person's name."""
    gender = ""
    i = 0
    for k, tok in enumerate(tokens[:-1]):
        # everything up to the last title word goes: "Health Minister Okafor", "Secretary of State X"
        low = tok.lower().rstrip(".")
        if low in _TITLE_WORDS or low in ROLES:
            gender = _HONORIFIC_GENDER.get(low, gender) or gender
            i = k + 1
    return tokens[i:], gender


def _edit_distance(a: str, b: str) -> int:
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _similar_given(a: str, b: str) -> bool:
    """Given names of one person: equal, an initial of the other, or a small misspelling."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return min(len(a), len(b)) >= 4 and _edit_distance(a, b) <= max(1, min(len(a), len(b)) // 4)


# ---- records -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # character offsets in the sentence text
    end: int
    name: str  # canonical name
    type: str
    surface: str


@dataclass(slots=True)
class _Span:
    sent: int
    start: int
    end: int
    surface: str  # as written (with honorific when one preceded it)
    name: str  # cleaned
    label: str  # mapped type
    gender: str = ""
    honorific: bool = False
    roles: tuple[str, ...] = ()


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

    def canonical(self, surface: str) -> str | None:
        """The canonical name for a surface form ("Mr Xi", "the state department"), if known."""
        s = normalise(surface)
        if not s:
            return None
        hit = self.aliases.get(s.lower())
        if hit:
            return hit
        tokens, _ = _strip_titles(s.split())
        if tokens:
            hit = self.aliases.get(" ".join(tokens).lower())
            if hit:
                return hit
        # an organisation named with a country in front: "China's ministry of foreign affairs"
        m = _COUNTRY_PREFIX.match(s)
        if m and m.group(1).lower() in _COUNTRY_OF:
            hit = self.aliases.get(m.group(2).lower())
            if hit:
                return hit
        return self._person_like(tokens)

    def _person_like(self, tokens: list[str]) -> str | None:
        """An unseen form of a known person: the surname alone, or a near-miss spelling of the name."""
        if not tokens:
            return None
        first, last = tokens[0], tokens[-1].lower()
        for name, kind in self.types.items():
            parts = name.split()
            if kind != PERSON or len(parts) < 2:
                continue
            if len(tokens) == 1:
                if parts[-1].lower() == last:
                    return name
                continue
            close = parts[-1].lower() == last or (len(last) >= 5 and _edit_distance(parts[-1].lower(), last) <= 1)
            if close and _similar_given(parts[0], first):
                return name
        return None

    def type_of(self, name: str) -> str | None:
        return self.types.get(name)


# ---- spans ------------------------------------------------------------------------------------

def _doc_spans(i: int, text: str, doc: Any) -> list[tuple[int, int, str, str]]:
    return [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in _LABELS]


_CAPS_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'.-]*(?:\s+(?:(?:of|the|de|von|van|der|al|bin)\s+)?[A-Z][\w’'.-]*)*")
_ORG_HEADS = frozenset("ministry department agency office party council bank university times post news company "
                       "inc corp corporation association committee commission union organisation organization fund "
                       "group institute court parliament congress senate army navy police service authority board "
                       "foundation network broadcaster cctv bbc reuters".split())
_PLACE_HEADS = frozenset("guesthouse hall palace house square street road airport station park river sea ocean "
                         "mountain mountains island islands gardens city province county bridge tower building "
                         "centre center valley lake bay coast strait".split())
# capitalised words that open sentences or name days, not things
_NOT_NAMES = frozenset(
    "the a an on in at of for and but or nor neither either however it its he she they we i you this that these "
    "those there his her their our after before when while as if then also yet still so because although though "
    "despite during earlier later today yesterday tomorrow".split()
) | {w.lower() for w in ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
                         "June July August September October November December").split()}
_DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ese|ian|an|ish|i)|Sino|Euro|Anglo)(?:-[A-Z]\w*)?$")


def _text_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Without spaCy: capitalised runs, typed by cheap cues. A fallback, not a tagger."""
    out = []
    runs = []
    for m in _CAPS_RUN.finditer(text):
        # a possessive ends a name: "China’s Ministry of Foreign Affairs" is two things
        words = [(m.start() + w.start(), m.start() + w.end(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        cut = [k + 1 for k, w in enumerate(words) if _POSSESSIVE.search(w[2])]
        runs += [words[a:b] for a, b in zip([0, *cut], [*cut, len(words)]) if words[a:b]]
    for words in runs:
        titled = False
        # leading sentence openers, weekdays, titles and demonyms are not part of a name
        while words and (words[0][2].lower() in _NOT_NAMES or words[0][2].lower().rstrip(".") in _TITLE_WORDS
                         or _DEMONYM.match(words[0][2]) or words[0][2].lower() in _COUNTRY_OF and len(words) > 1
                         and words[1][2].lower().rstrip(".") in _TITLE_WORDS):
            titled = titled or words[0][2].lower().rstrip(".") in _TITLE_WORDS
            words.pop(0)
        while words and words[-1][2].lower() in _NOT_NAMES:
            words.pop()
        if not words or (words[0][0] == 0 and len(words) == 1 and not titled):
            continue  # a capitalised sentence opener is usually just a word
        start, end = words[0][0], words[-1][1]
        surface = text[start:end]
        low = normalise(surface).lower()
        head = _POSSESSIVE.sub("", words[-1][2].lower())
        if "-" in surface and " " not in surface and any(p.lower() in _COUNTRY_OF for p in surface.split("-")):
            continue  # "China-US": a relation, not a thing
        if low in _COUNTRY_OF:
            label = "GPE"
        elif head in _ORG_HEADS:
            label = "ORG"
        elif head in _PLACE_HEADS:
            label = "FAC"
        elif titled or _HONORIFIC_BEFORE.search(_before(text, start)) or 2 <= len(words) <= 3 and all(w.isalpha() for *_, w in words):
            label = "PERSON"
        else:
            label = "MISC"
        out.append((start, end, surface, label))
    return out


def _clean_span(i: int, text: str, start: int, end: int, surface: str, label: str) -> _Span | None:
    """Cleaned name and type for one raw span, or None for junk."""
    kind = _LABELS[label]
    name = normalise(surface)
    if not name or len(name) < 2 or any(c in name for c in "|@#/\\…") or name.lower() in _JUNK | _NOT_NAMES:
        return None
    if name.lower() in _COUNTRY_OF:
        canon = _COUNTRY_OF[name.lower()]
        return _Span(i, start, end, name, canon, _COUNTRIES[canon][0])
    before = _HONORIFIC_BEFORE.search(_before(text, start))
    inside = _HONORIFIC_INSIDE.match(name)  # spaCy sometimes tags "Ms Okafor" a place
    honorific = before.group(1) if before else (inside.group(1) if inside else "")
    tokens = name.split()
    if kind == PERSON or honorific:
        tokens, gender = _strip_titles(tokens)
        if honorific:
            gender = _HONORIFIC_GENDER.get(honorific.lower(), "")
        if not tokens or len(tokens) > 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
            return None
        if not all(t[0].isupper() or t.lower() in _PARTICLES for t in tokens) or not tokens[-1][0].isupper():
            return None
        shown = f"{honorific} {name}" if before else name
        return _Span(i, start, end, shown, " ".join(tokens), PERSON, gender, bool(honorific or gender),
                     _roles(text, start, end, name))
    if kind == GROUP and not name.endswith("s"):
        return None  # adjectival "Chinese", "American": the country is tagged on its own
    if not name[0].isupper() and not name[0].isdigit():
        return None  # lower-case fragments; the gazetteer pass finds real lower-case mentions
    if len(tokens) > 8 or (len(tokens) == 1 and name.lower() in _GENERIC):
        return None
    return _Span(i, start, end, name, name, kind)


def _roles(text: str, start: int, end: int, name: str) -> tuple[str, ...]:
    """Role nouns in the words right before a name, inside it, or in an apposition after it."""
    words = name.split()
    m = _ROLE_BEFORE.search(_before(text, start))
    if m:
        words += m.group(1).split()
    m = _ROLE_AFTER.match(text[end:])
    if m:
        words.append(m.group(1))
    return tuple(dict.fromkeys(w.lower() for w in words if w.lower() in ROLES))


# ---- people ----------------------------------------------------------------------------------

class _People:
    """Clusters of person names: full names by surname + similar given name; single names join."""

    def __init__(self, spans: list[_Span]) -> None:
        full = Counter(s.name for s in spans if len(s.name.split()) >= 2 and s.name.split()[0][0].isupper())
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
        self.clusters: list[list[str]] = []  # each: full-name variants, most frequent first
        for name, _ in full.most_common():
            if name in self.split:
                continue
            first, last = name.split()[0], name.split()[-1]
            for c in self.clusters:
                cf, cl = c[0].split()[0], c[0].split()[-1]
                same_last = cl.lower() == last.lower() or (first == cf and len(last) >= 5 and _edit_distance(cl.lower(), last.lower()) <= 1)
                if same_last and _similar_given(cf, first):
                    c.append(name)
                    break
            else:
                self.clusters.append([name])
        self.counts = full
        self.tokens = {t for c in self.clusters for v in c for t in v.split()}

    def resolve(self, name: str, recent: list[str] | None = None) -> str:
        """The canonical full name for a person surface (itself when nothing fits).

        A surname several people share ("Obama") goes to the one of them named in full most
        recently in the same article (``recent``, latest last), else the most mentioned.
        """
        for c in self.clusters:
            if name in c:
                return c[0]
        toks = name.split()
        token = toks[-1]
        if len(toks) == 1 or toks[0].lower() in _PARTICLES:
            # surname first, then a family-name-first or given name ("Mr Xi", "Mr Gang"),
            # then a near-miss spelling of a surname
            tests = (
                lambda c: c[0].split()[-1] == token,
                lambda c: c[0].split()[0] == token,
                lambda c: any(token in v.split() for v in c),
                lambda c: len(token) >= 6 and _edit_distance(c[0].split()[-1].lower(), token.lower()) <= 1,
            )
            for test in tests:
                hits = [c for c in self.clusters if test(c)]
                if len(hits) > 1 and recent:
                    names = {c[0] for c in hits}
                    local = [r for r in recent if r in names]
                    if local:
                        return local[-1]
                if hits:
                    return max(hits, key=lambda c: sum(self.counts[v] for v in c))[0]
        return name


def _person_votes(spans: list[_Span]) -> Counter[str]:
    return Counter(s.name for s in spans if s.label == PERSON)


# ---- organisations and places -----------------------------------------------------------------------

def _org_key(name: str, prefixes: set[str]) -> tuple[str, str]:
    """(key, country prefix): "US State Department" -> ("state department", "us")."""
    low = name.lower()
    m = _COUNTRY_PREFIX.match(low)
    if m and m.group(1) in prefixes and len(m.group(2).split()) >= 2:
        return m.group(2), m.group(1)
    return low, ""


def _group_others(spans: list[_Span], prefixes: set[str]) -> dict[str, str]:
    """Lower-cased cleaned name -> group key for organisations and places."""
    keyed: dict[str, tuple[str, str]] = {}
    prefixes_of: dict[str, Counter[str]] = defaultdict(Counter)
    for s in spans:
        key, pre = _org_key(s.name, prefixes) if s.label == ORGANISATION else (s.name.lower(), "")
        keyed[s.name.lower()] = (key, pre)
        if pre:
            prefixes_of[key][pre] += 1
    out: dict[str, str] = {}
    for low, (key, pre) in keyed.items():
        seen = prefixes_of.get(key)
        if seen and len(seen) > 1:
            # "US Foreign Ministry" and "Russian Foreign Ministry" are two bodies: a bare
            # "Foreign Ministry" goes with the prefix seen most.
            pre = pre or seen.most_common(1)[0][0]
            out[low] = f"{pre} {key}"
        else:
            out[low] = key
    # an acronym joins the long name it abbreviates: "WHO" ~ "World Health Organization"
    by_initials: dict[str, str] = {}
    for s in spans:
        words = [w for w in re.findall(r"[A-Za-z]+", s.name) if w.lower() not in _INITIAL_SKIP]
        if len(words) >= 2 and s.label != PLACE:
            by_initials.setdefault("".join(w[0] for w in words).upper(), out[s.name.lower()])
    for s in spans:
        if _is_acronym(s.name) and s.name in by_initials:
            out[s.name.lower()] = by_initials[s.name]
    return out


_INITIAL_SKIP = frozenset("of the and for de du la in on at".split())


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


# ---- the index ---------------------------------------------------------------------------------------

def build_entities(analysis: Any) -> EntityIndex:
    """Entities of a story from its sentences (and their spaCy docs when present)."""
    sentences = analysis.sentences
    docs = getattr(analysis, "docs", None)
    spans: list[_Span] = []
    for i, s in enumerate(sentences):
        raw = _doc_spans(i, s.text, docs[i]) if docs is not None else _text_spans(s.text)
        for start, end, surface, label in raw:
            span = _clean_span(i, s.text, start, end, surface, label)
            if span:
                spans.append(span)

    people = _People([s for s in spans if s.label == PERSON])
    spans = _split_pairs(spans, people.split)
    _retype_person_names(spans, people)
    names: dict[int, str] = {}
    recent: list[str] = []  # full names met so far in the current article
    article = None
    for k, s in enumerate(spans):
        if sentences[s.sent].article_id != article:
            article, recent = sentences[s.sent].article_id, []
        if s.label == PERSON:
            names[k] = people.resolve(s.name, recent)
            if " " in s.name:
                recent.append(names[k])
    prefixes = set(_COUNTRY_OF) | {s.name.lower() for s in spans if s.label in (PLACE, GROUP) and " " not in s.name}
    prefixes |= {normalise(w).lower() for s in sentences for w in _DEMONYMS.findall(s.text)}
    others = [s for s in spans if s.label != PERSON]
    key_of = _group_others(others, prefixes)
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for s in others:
        by_key[key_of[s.name.lower()]][s.name] += 1
    # the most frequent full form: spelled out before an acronym, capitalised before not
    canon_of_key = {k: max(c, key=lambda n: (not _is_acronym(n), c[n], n[0].isupper(), len(n))) for k, c in by_key.items()}
    for k, s in enumerate(spans):
        if s.label != PERSON:
            names[k] = canon_of_key[key_of[s.name.lower()]]

    # Types: people are people; others by majority over their mentions.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for k, s in enumerate(spans):
        votes[names[k]][s.label] += 1
    types = {n: (PERSON if c[PERSON] else c.most_common(1)[0][0]) for n, c in votes.items()}

    # Aliases the gazetteer pass and ``canonical`` know.
    aliases: dict[str, str] = {}
    for k, s in enumerate(spans):
        aliases.setdefault(s.name.lower(), names[k])
        aliases.setdefault(normalise(s.surface).lower(), names[k])
    for low, key in key_of.items():
        if len(key.split()) >= 2:
            aliases.setdefault(key, canon_of_key[key])
    for name, (kind, forms) in _COUNTRIES.items():
        if name in types:
            for f in forms:
                aliases.setdefault(f.lower(), name)
    for c in people.clusters:
        for v in c:
            aliases[v.lower()] = c[0]
        aliases.setdefault(c[0].split()[-1].lower(), c[0])

    spans += _gazetteer(sentences, spans, aliases, types)
    for k in range(len(names), len(spans)):
        names[k] = spans[k].name
    return _index(analysis, sentences, spans, names, types, aliases)


def _split_pairs(spans: list[_Span], split: set[str]) -> list[_Span]:
    out = []
    for s in spans:
        if s.label == PERSON and s.name in split:
            a, b = s.name.split()
            off = s.start + s.surface.find(b) if b in s.surface else s.end - len(b)
            out.append(_Span(s.sent, s.start, s.start + len(a), a, a, PERSON))
            out.append(_Span(s.sent, off, off + len(b), b, b, PERSON))
        else:
            out.append(s)
    return out


def _retype_person_names(spans: list[_Span], people: _People) -> None:
    """A span typed place/organisation whose words are a person's name in this story is that person.

    A word tagged a person somewhere in the story (or after "Mr"), or never tagged a place,
    follows the person; a word tagged only a place, and more often than the person's full
    name appears ("Washington" beside one "Denzel Washington"), stays a place.
    """
    person = _person_votes(spans)
    place = Counter(s.name for s in spans if s.label == PLACE)
    full_count = Counter()
    for c in people.clusters:
        for v in c:
            for t in v.split():
                full_count[t] += people.counts[v]
    place_only = {n for n, k in place.items() if n not in person and k > full_count[n]}
    full = {v for c in people.clusters for v in c}
    for s in spans:
        if s.label in (PERSON, GROUP) or s.name.lower() in _COUNTRY_OF:
            continue
        if s.name in full or (" " not in s.name and s.name in people.tokens and s.name not in place_only):
            s.label = PERSON


def _gazetteer(sentences: list[Any], spans: list[_Span], aliases: dict[str, str], types: dict[str, str]) -> list[_Span]:
    """Known names where NER missed them: case-sensitive for names, any case for multi-word bodies."""
    exact = {s.name for s in spans} | {normalise(s.surface) for s in spans if not s.honorific}
    # a person's surname alone, even where NER never tagged it alone ("Nunes said")
    exact |= {n.split()[-1] for n, t in types.items() if t == PERSON and " " in n and len(n.split()[-1]) > 2}
    exact = sorted(exact, key=len, reverse=True)
    loose = sorted({k for k, v in aliases.items() if len(k.split()) >= 2 and types.get(v) in (ORGANISATION, PLACE)},
                   key=len, reverse=True)
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in spans:
        covered[s.sent].append((s.start, s.end))
    found: list[_Span] = []
    regexes = []
    if exact:
        regexes.append(re.compile(_ALIAS_EDGE.format("|".join(map(re.escape, exact)))))
    if loose:
        regexes.append(re.compile(_ALIAS_EDGE.format("|".join(map(re.escape, loose))), re.I))
    for i, sent in enumerate(sentences):
        for regex in regexes:
            for m in regex.finditer(sent.text):
                if any(m.start() < e and m.end() > s for s, e in covered[i]):
                    continue
                name = aliases.get(normalise(m.group(0)).lower())
                if not name:
                    continue
                covered[i].append(m.span())
                found.append(_Span(i, m.start(), m.end(), m.group(0), name, types.get(name, OTHER)))
    return found


def _index(analysis: Any, sentences: list[Any], spans: list[_Span], names: dict[int, str],
           types: dict[str, str], aliases: dict[str, str]) -> EntityIndex:
    mentions: list[list[Mention]] = [[] for _ in sentences]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    cites: dict[str, dict[str, None]] = defaultdict(dict)
    genders: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, set[str]] = defaultdict(set)
    for k, s in enumerate(spans):
        name = names[k]
        mentions[s.sent].append(Mention(s.start, s.end, name, types[name], s.surface))
        forms[name][normalise(s.surface)] += 1
        cites[name][sentences[s.sent].article_id] = None
        if s.gender:
            genders[name][s.gender] += 1
        roles[name].update(s.roles)
    order = {a.id: n for n, a in enumerate(getattr(analysis, "articles", []))}
    entities = []
    for name, c in forms.items():
        entities.append(Entity(
            name=name, type=types[name],
            aliases=[f for f, _ in c.most_common() if f != name],
            citations=sorted(cites[name], key=lambda a: order.get(a, len(order))),
            mentions=sum(c.values()),
        ))
    # salience: carried by more outlets first, then mentioned more often
    entities.sort(key=lambda e: (-len(e.citations), -e.mentions, e.name))
    for m in mentions:
        m.sort(key=lambda x: x.start)
    by_sentence = [list(dict.fromkeys((m.name, m.type) for m in ms)) for ms in mentions]
    gender = {n: c.most_common(1)[0][0] for n, c in genders.items() if types.get(n) == PERSON}
    return EntityIndex(entities=entities, by_sentence=by_sentence, mentions=mentions, aliases=aliases,
                       types=types, gender=gender, roles={n: r for n, r in roles.items() if r})


def entity_names(index: EntityIndex, kinds: Iterable[str]) -> list[str]:
    """Canonical names of the given types, most salient first."""
    wanted = set(kinds)
    return [e.name for e in index.entities if e.type in wanted]
