"""Step 1: the entity mentions of each sentence, cleaned, typed and with the evidence around them.

spaCy's NER gives the spans (without spaCy docs, capitalised runs typed by cheap cues do);
here they are cleaned of honorifics, titles, possessives and a leading "the", completed where
the tokenizer cut a hyphenated word ("Asia-Pacific Economic Co-operation"), and junk is
dropped. Each span keeps what the words around it say (an honorific, a verb of speech, a place
preposition), which the typing step weighs over the whole story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..places import country, region_or_country, us_state
from .context import before_span, in_quoted_title, role_gender, roles, span_cues
from .given_names import gender_of_given_name
from .vocab import (
    ABBREVIATED_ROLES, AGENT_ENDINGS, BODY_OF, BUILT_PLACE_HEADS, GENERIC, GROUP, HONORIFIC_BEFORE,
    HONORIFIC_GENDER, HONORIFIC_INSIDE, HYPHEN_ADJECTIVES, JUNK, KIN_BEFORE, LABELS, NAME_OPENERS, NOT_NAMES,
    NOT_PERSON_HEADS, ORGANISATION, ORG_HEADS, OTHER, OUTLETS, PARTICLES, PERSON, PERSON_TITLES, PLACE, PLACE_HEADS, PLACE_LEADS, PORTFOLIOS,
    ROLES, ROLE_ENDS, SPEECH_INSIDE, SUFFIXES, THING_HEADS, TITLE_CONTEXT, TITLE_WORDS,
)

_SPACES = re.compile(r"\s+")
_INITIALS_END = re.compile(r"\b[A-Z]\.[A-Z]$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'’-]*$")
# "-operation" after "Co", "-fil-A" after "Chick"; not "-Xi" after "Blinken", nor "-based"
_HYPHEN_TAIL = re.compile(r"^-(?!(?:" + "|".join(HYPHEN_ADJECTIVES) + r")\b)[^\W\d_A-Z][\w’']*(?:-[^\W_][\w’']*)*")
_LAST_WORD = re.compile(r"[\w’']+$")
_SPLIT_AT_VERB = re.compile(r"\s+" + SPEECH_INSIDE + r"(?:\s+|$)")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ese|ian|an|ish|i)|Sino|Euro|Anglo)(?:-[A-Z]\w*)?$")
_CAPS_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'.-]*(?:\s+(?:(?:of|the|de|von|van|der|al|bin)\s+)?[A-Z][\w’'.-]*)*")


@dataclass(slots=True)
class Span:
    sent: int
    start: int  # character offsets in the sentence text
    end: int
    surface: str  # as written (with the honorific when one preceded it)
    name: str  # cleaned
    label: str  # type
    gender: str = ""
    honorific: bool = False
    roles: tuple[str, ...] = ()
    cues: frozenset[str] = frozenset()  # "titled", "speech", "report", "place", "located", "at", "the" (context.span_cues)


def normalise(surface: str) -> str:
    """A surface without a leading "the", a trailing possessive, or edge punctuation."""
    s = _SPACES.sub(" ", surface).strip(" \t,.;:!?\"“”‘’()[]–—-")
    if surface.rstrip().endswith(".") and (_INITIALS_END.search(s) or s.lower() in SUFFIXES):
        s += "."  # "U.S." and "Jr." keep their final dot
    s = _LEADING_THE.sub("", s)
    return POSSESSIVE.sub("", s).strip()


def is_title_word(token: str) -> bool:
    return token.lower().rstrip(".") in TITLE_WORDS


def strip_titles(tokens: list[str]) -> tuple[list[str], str]:
    """Leading honorifics and titles off a person's name, and the gender an honorific says.

    A title is stripped with everything before it only when all of that is title-like
    ("Kenyan Health Minister", "US Secretary of State", "Senate Majority Leader"): in
    "Martin Luther King Jr." the "King" is a name.
    """
    gender, cut = "", 0
    for k, tok in enumerate(tokens[:-1]):
        low = tok.lower().rstrip(".")
        if low in TITLE_WORDS or low in ROLES:
            gender = HONORIFIC_GENDER.get(low, gender) or gender
            cut = k + 1
        elif not (low in TITLE_CONTEXT or low in PORTFOLIOS or tok.isupper() or not tok[:1].isupper()
                  or _DEMONYM.match(tok) or country(tok)):
            break
    rest = tokens[cut:]
    if rest and rest[-1].lower().rstrip(".") in SUFFIXES and len(rest) == 1:
        return tokens, gender  # "Jr." alone is not a name
    return rest, gender


# ---- raw spans -------------------------------------------------------------------------------------

def doc_spans(text: str, doc: Any) -> list[tuple[int, int, str, str]]:
    """spaCy's entities, widened to the whole word where the tokenizer split a hyphenated one
    and the tagger stopped at the hyphen after a fragment of up to four letters ("Asia-Pacific
    Economic Co" + "-operation", "Moon Jae" + "-in"); "Colorado-grown" stays "Colorado"."""
    out = []
    for e in doc.ents:
        if e.label_ not in LABELS:
            continue
        for start, end in _around_verbs(text, e.start_char, e.end_char):
            tail = _HYPHEN_TAIL.match(text[end:])
            last = _LAST_WORD.search(text[start:end])
            if tail and last and len(last.group(0)) <= 4:
                end += tail.end()
            end = _past_connector(text, start, end, extend=e.label_ != "PERSON")
            out += _split_list(start, end, text[start:end], e.label_)
    return out


# a name never ends on one of these; the tagger stopped early ("California Commission on" +
# "Judicial Performance") or took a word too many
_CONNECTORS = frozenset("of on for and the in at to from with by de".split())
_CONNECTOR_END = re.compile(r"\s+([a-z]+)$")
_NEXT_RUN = re.compile(r"\s+(?:the\s+)?[A-Z]")
_NEXT_NUMBER = re.compile(r"\s+\d+\b")  # "Group of" + "20"


def _past_connector(text: str, start: int, end: int, extend: bool = True) -> int:
    """The end of a span that stops on a small word: through the capitalised run that follows
    it ("Book of" + "Mormon"), else before the word. A person's name never runs on ("Rita
    Schrimsher of" + "Athens" is Rita Schrimsher, of Athens): ``extend`` False."""
    m = _CONNECTOR_END.search(text, start, end)
    if not m or m.group(1) not in _CONNECTORS:
        return end
    if not extend:
        return m.start()
    nxt = _NEXT_RUN.match(text, end)
    run = _CAPS_RUN.match(text, nxt.end() - 1) if nxt else _NEXT_NUMBER.match(text, end)
    return run.end() if run else m.start()


def _around_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in a tagged span that swallowed a verb of saying: a name never holds "said" or
    "told". After a quote the tagger takes "Okafor told Gizmodo on the riverbank" for a title;
    it is Okafor, and after the verb the capitalised run that opens the rest (Gizmodo)."""
    parts = []
    for m in _SPLIT_AT_VERB.finditer(text, start, end):
        parts.append((start, m.start()))
        start = m.end()
    if not parts:
        return [(start, end)]
    parts.append((start, end))
    runs = [parts[0]] + [(m.start(), m.end()) for a, b in parts[1:] if (m := _CAPS_RUN.search(text, a, b))]
    return [(a, b) for a, b in runs if b > a]


_LIST_JOIN = re.compile(r"\s+(?:and|&)\s+|,\s+")


def _split_list(start: int, end: int, surface: str, label: str) -> list[tuple[int, int, str, str]]:
    """"Facebook and YouTube" tagged as one name: two, when every part is a known outlet or
    country on its own; "Larkspur, Idaho": the town and its region."""
    town = re.match(r"^([^,]+),\s+([^,]+?)\.?$", surface)
    if town and label in ("GPE", "LOC") and region_or_country(town.group(2)):
        # "Larkspur, Idaho": the town and its state, two places
        return [(start, start + len(town.group(1)), town.group(1), label),
                (start + town.start(2), start + town.end(2), town.group(2), label)]
    parts = _LIST_JOIN.split(surface)
    if len(parts) < 2 or not all(p.lower() in OUTLETS or country(p) for p in parts):
        return [(start, end, surface, label)]
    out, at = [], 0
    for p in parts:
        at = surface.index(p, at)
        out.append((start + at, start + at + len(p), p, label))
        at += len(p)
    return out


def text_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Without spaCy: capitalised runs, typed by cheap cues. A fallback, not a tagger."""
    out = []
    runs = []
    for m in _CAPS_RUN.finditer(text):
        # a possessive ends a name: "China’s Ministry of Foreign Affairs" is two things
        words = [(m.start() + w.start(), m.start() + w.end(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        cut = [k + 1 for k, w in enumerate(words) if POSSESSIVE.search(w[2])]
        runs += [words[a:b] for a, b in zip([0, *cut], [*cut, len(words)]) if words[a:b]]
    for words in runs:
        titled = False
        # leading sentence openers, weekdays, titles and demonyms are not part of a name
        while words and (words[0][2].lower() in NOT_NAMES or is_title_word(words[0][2])
                         or _DEMONYM.match(words[0][2]) or country(words[0][2]) and len(words) > 1
                         and is_title_word(words[1][2])):
            titled = titled or is_title_word(words[0][2])
            words.pop(0)
        while words and words[-1][2].lower() in NOT_NAMES:
            words.pop()
        if not words or (words[0][0] == 0 and len(words) == 1 and not titled):
            continue  # a capitalised sentence opener is usually just a word
        start, end = words[0][0], words[-1][1]
        surface = text[start:end]
        head = POSSESSIVE.sub("", words[-1][2].lower())
        if "-" in surface and " " not in surface and any(country(p) for p in surface.split("-")):
            continue  # "China-US": a relation, not a thing
        if country(normalise(surface)):
            label = "GPE"
        elif head in ORG_HEADS:
            label = "ORG"
        elif head in PLACE_HEADS or words[0][2].lower() in PLACE_LEADS:
            label = "FAC"
        elif titled or HONORIFIC_BEFORE.search(before_span(text, start)) or _name_shaped([w for *_, w in words]):
            label = "PERSON"
        else:
            label = "MISC"
        out.append((start, end, surface, label))
    return out


_CAPITAL_HYPHEN_TAIL = re.compile(r"-[A-Z][\w’']*")


def join_hyphenated(spans: list[Span], texts: list[str]) -> list[Span]:
    """A person cut at a capitalised hyphen part ("Mr. Campa" of "Mr. Campa-Najjar") made whole
    when the story writes the whole word in a person's name elsewhere ("Ammar Campa-Najjar"):
    the tagger's cut is then an accident, not two names ("the Blinken-Xi talks")."""
    whole = {w for s in spans if s.label == PERSON for w in s.name.split() if "-" in w}
    if not whole:
        return spans
    out = []
    for s in spans:
        tail = _CAPITAL_HYPHEN_TAIL.match(texts[s.sent], s.end) if s.label == PERSON else None
        last = s.name.split()[-1]
        if tail and last + tail.group(0) in whole:
            s = Span(s.sent, s.start, tail.end(), s.surface + tail.group(0), s.name + tail.group(0), s.label,
                     s.gender, s.honorific, s.roles, s.cues)
        out.append(s)
    return out


def _name_shaped(words: list[str]) -> bool:
    """Two or three words, or four with initials or a generation: "George T. Conway III"."""
    core = [w for n, w in enumerate(words) if not (_INITIAL.match(w) or n and n == len(words) - 1
                                                    and w.lower() in SUFFIXES)]
    return 2 <= len(core) <= 3 and len(words) <= 4 and all(w.rstrip(".").isalpha() for w in core)


# ---- cleaning ----------------------------------------------------------------------------------------

_QUOTE_MARKS = "“”\"«»„"


def clean_span(i: int, text: str, start: int, end: int, surface: str, label: str) -> Span | None:
    """Cleaned name and type for one raw span, or None for junk."""
    kind = LABELS[label]
    lead = len(surface) - len(surface.lstrip(_QUOTE_MARKS + " "))
    start, surface = start + lead, surface[lead:]
    if any(ch in _QUOTE_MARKS for ch in surface.rstrip(_QUOTE_MARKS)):
        # no name holds a quotation mark: "Focus on the Family “Love Won Out Conference" ran a
        # body into a titled event, "American citizen—“and" into a quotation; what the tagger
        # joined there cannot be told apart safely, so neither is taken
        return None
    name = normalise(surface)
    if "-" in name and " " not in name and all(country(p) for p in name.split("-")):
        return None  # "U.S.-U.K.", "China-US": a relation between countries, not a thing
    if not name or len(name) < 2 or any(c in name for c in "|@#/\\…") or name.lower() in JUNK | NOT_NAMES:
        return None
    tokens = name.split()
    if kind != PERSON and all(t.lower() in PORTFOLIOS for t in tokens) and re.match(r"^\s+\w+", text[end:]) \
            and text[end:].split()[0].lower().strip(",") in ROLES:
        return None  # "Interior minister Paolo Ferrante": a portfolio, not a body
    if kind in (PLACE, ORGANISATION) and " " not in name and KIN_BEFORE.search(before_span(text, start)):
        kind = PERSON  # "her husband Leroy": kin name a person, whatever the tagger said
    before = HONORIFIC_BEFORE.search(before_span(text, start))
    inside = HONORIFIC_INSIDE.match(name)  # spaCy sometimes tags "Ms Okafor" a place
    honorific = before.group(1) if before else (inside.group(1) if inside else "")
    if kind == PLACE and (state := us_state(name)) and not honorific:
        return Span(i, start, end, name, state, PLACE, cues=span_cues(text, start, end, False))  # "Ark." is Arkansas
    known = country(name) or BODY_OF.get(name.lower())
    if known and not honorific and (kind != PERSON or " " in name or not name.isalpha()):
        return Span(i, start, end, name, known, PLACE if country(name) else ORGANISATION,
                    cues=span_cues(text, start, end, False))
    if not honorific and _descriptor_first(text, start, tokens) and (
            kind != PERSON or tokens[0].lower().endswith(AGENT_ENDINGS)):
        # "Farmer Grace Okafor said", "Filmmaker Kenneth Lonergan": a common noun capitalised only
        # by the sentence's start before a given name and a surname describes the person (in a
        # span tagged a person, only a noun of a doer: "Sid Ahmed Ghlam" is all name)
        cut = text.find(tokens[1], start + len(tokens[0]))
        if cut > 0 and (span := _person_span(i, text, cut, end, " ".join(tokens[1:]), "", True)):
            return span
    titled_body = kind != PERSON and tokens[0].lower().rstrip(".") in PERSON_TITLES and len(tokens) > 1 \
        and tokens[-1].lower() not in ORG_HEADS | PLACE_HEADS | GENERIC  # not "Justice Department"
    if kind == PERSON and not honorific and in_quoted_title(text, start, end) \
            and not gender_of_given_name(tokens[0]):
        kind = OTHER  # "his memoir, “From Hope to Higher Ground,”": a work's title, no person (but
        # "“On the Record with Greta Van Susteren”" names its host)
    if kind == PERSON or honorific or titled_body:
        span = _person_span(i, text, start, end, name, honorific, kind == PERSON)
        if span or not titled_body:
            return span
    if kind == GROUP and not name.endswith("s"):
        return None  # adjectival "Chinese", "American": the country is tagged on its own
    if not name[0].isupper() and not name[0].isdigit():
        return None  # lower-case fragments; the gazetteer pass finds real lower-case mentions
    if len(tokens) > 8 or (len(tokens) == 1 and name.lower() in GENERIC):
        return None
    if len(tokens) > 1 and tokens[0].lower() in PLACE_LEADS:
        kind = PLACE  # "River Sella", "Lake Chad": spaCy calls rivers organisations
    elif kind == ORGANISATION and len(tokens) > 1 and tokens[-1].lower() in BUILT_PLACE_HEADS:
        kind = PLACE  # "Constitution Hall", "Davis-Monthan Air Force Base"
    elif kind == ORGANISATION and len(tokens) > 1 and tokens[-1].lower() in THING_HEADS:
        kind = OTHER  # "American Jobs Act": a law, not a body
    return Span(i, start, end, name, name, kind, cues=span_cues(text, start, end, False))


def _descriptor_first(text: str, start: int, tokens: list[str]) -> bool:
    """The span opens its sentence with a capitalised word before a given name that says a
    gender and a surname ("Farmer Grace Okafor"), and ends in no body's or place's head."""
    return (len(tokens) in (3, 4) and not text[:start].strip(" \"'“‘(")
            and bool(gender_of_given_name(tokens[1])) and not gender_of_given_name(tokens[0])
            and tokens[0].isalpha() and tokens[0].lower() not in PLACE_LEADS | NAME_OPENERS | TITLE_WORDS
            and tokens[-1].lower() not in ORG_HEADS | PLACE_HEADS | GENERIC and _name_shaped(tokens[1:]))


def _person_span(i: int, text: str, start: int, end: int, name: str, honorific: str, tagged: bool) -> Span | None:
    tokens = name.split()
    # "Mitt Romney’s Medicare": the owner is the person
    for k, tok in enumerate(tokens[:-1]):
        if POSSESSIVE.search(tok):
            tokens = tokens[:k + 1]
            tokens[-1] = POSSESSIVE.sub("", tokens[-1])
            end = start + len(" ".join(tokens)) if text[start:].startswith(" ".join(tokens)) else end
            break
    stripped, gender = strip_titles(tokens)
    titled = len(stripped) < len(tokens)
    if not tagged and not honorific and not titled:
        return None  # a body opening with a title-like word that is not one here
    if honorific:
        gender = HONORIFIC_GENDER.get(honorific.lower(), "")
    gender = gender or role_gender(text, start, end)
    tokens = stripped
    if not tokens or len(tokens) > 6 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    lows = [t.lower().rstrip(".") for t in tokens]
    if all(w in TITLE_WORDS or w in TITLE_CONTEXT or w in ROLES for w in lows) or lows[-1] in ROLE_ENDS \
            or lows[-1] in ABBREVIATED_ROLES:
        return None  # "Pro Tem", "America's Toughest Sheriff", "Valmora Police Sgt": a title without a name
    if not honorific:
        # "Alexandria Police", "Obama White House": a body or a place named after someone
        for kind, heads in NOT_PERSON_HEADS.items():
            if len(tokens) >= 2 and lows[-1] in heads:
                return Span(i, start, end, name, name, kind, cues=span_cues(text, start, end, False))
        if len(tokens) >= 3 and lows[-1] in ORG_HEADS | PLACE_HEADS:
            kind = ORGANISATION if lows[-1] in ORG_HEADS else PLACE
            return Span(i, start, end, name, name, kind, cues=span_cues(text, start, end, False))
    if not all(t[0].isupper() or t.lower() in PARTICLES for t in tokens) or not tokens[-1][0].isupper():
        return None
    clean = " ".join(tokens)
    shown = f"{honorific} {clean}" if honorific else clean  # other titles are not part of an alias
    return Span(i, start, end, shown, clean, PERSON, gender, bool(honorific or gender),
                roles(text, start, end, name), span_cues(text, start, end, titled or bool(honorific)))
