"""build_entities: the steps from sentences to the story's entity index.

spaCy's small English model finds names but knows nothing of the story: it tags "Blinken" a
place in one sentence and a person in the next, "Wang" an organisation, a headline a person.
What makes its output usable is the story itself: within one set of reports about one event
a surname almost always means the one full name carrying it, "Mr Gang" means the Qin Gang of
the previous paragraph, and "Anthony Blinken" is a misspelling of the "Antony Blinken" the
other outlets write. So mentions are pooled over the story first and resolved against the
full names found there:

1. spans (spans.py): mentions per sentence, cleaned, with the evidence around them;
2. people (people.py): full names cluster when they can be one person; a lone surname or
   given name joins the one person carrying it (two candidates: no merge);
3. bodies (bodies.py): organisations and places grouped by key, acronyms, countries;
4. types (evidence.py): weighed over every mention of a name;
5. a gazetteer pass finds the story's known names where spaCy missed them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ...model import Entity
from ..places import country, country_forms
from .bodies import group_others, is_acronym
from .evidence import decide_types, retype_person_names
from .given_names import gender_of_given_name
from .index import EntityIndex, Mention
from .people import People, parse
from .spans import Span, clean_span, doc_spans, join_hyphenated, normalise, text_spans
from .vocab import BODIES, GROUP, ORGANISATION, OTHER, PERSON, PLACE

_ALIAS_EDGE = r"(?<![\w’'-])({})(?![\w-])"
_DEMONYMS = re.compile(r"\b[A-Z][a-z]+(?:ese|ian|an|ish)\b")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


def build_entities(analysis: Any) -> EntityIndex:
    """Entities of a story from ``analysis.sentences`` (and ``analysis.docs``, spaCy docs per
    sentence, when present; ``analysis.articles`` orders the citations)."""
    sentences = analysis.sentences
    spans = join_hyphenated(find_spans(sentences, analysis.docs), [s.text for s in sentences])
    people = People(Counter(s.name for s in spans if s.label == PERSON))
    spans = _split_pairs(spans, people.split)
    retype_person_names(spans, people, [s.text for s in sentences])
    names = _name_people(spans, people)
    others, keys = _name_others(spans, sentences)
    names.update(others)
    common = frozenset(w for s in sentences for w in _LOWER_WORD.findall(s.text))
    types = decide_types(spans, names, people, common)
    aliases = _aliases(spans, names, types, people)
    for key, name in keys.items():
        aliases.setdefault(key, name)
    found = _gazetteer(sentences, spans, aliases, types)
    for k, s in enumerate(found, len(spans)):
        names[k] = s.name
    index = _index(analysis.articles, sentences, spans + found, names, types, aliases)
    index.misnamed = frozenset(people.split)
    return index


def find_spans(sentences: list[Any], docs: list[Any] | None) -> list[Span]:
    spans: list[Span] = []
    for i, s in enumerate(sentences):
        raw = doc_spans(s.text, docs[i]) if docs is not None else text_spans(s.text)
        for start, end, surface, label in raw:
            span = clean_span(i, s.text, start, end, surface, label)
            if span:
                spans.append(span)
    return spans


def _split_pairs(spans: list[Span], split: set[str]) -> list[Span]:
    out = []
    for s in spans:
        if s.label == PERSON and s.name in split:
            a, b = s.name.split()
            off = s.start + s.surface.find(b) if b in s.surface else s.end - len(b)
            out.append(Span(s.sent, s.start, s.start + len(a), a, a, PERSON))
            out.append(Span(s.sent, off, off + len(b), b, b, PERSON))
        else:
            out.append(s)
    return out


def _name_people(spans: list[Span], people: People) -> dict[int, str]:
    """Span index -> canonical person name. Single words first without, then with, the gender
    their honorific says, which the unambiguous ones taught the clusters ("Mr Conway")."""
    names: dict[int, str] = {}
    genders: dict[str, Counter[str]] = defaultdict(Counter)
    for k, s in enumerate(spans):
        if s.label == PERSON:
            names[k] = people.resolve(s.name)
            if s.gender and parse(names[k]).full:
                genders[names[k]][s.gender] += 1
    people.gender = {n: c.most_common(1)[0][0] for n, c in genders.items()}
    for c in people.clusters:  # what the story does not say, a telling given name may ("Mr Conway")
        if c[0] not in people.gender and gender_of_given_name(parse(c[0]).given):
            people.gender[c[0]] = gender_of_given_name(parse(c[0]).given)
    for _ in range(2):  # "Ms Conway" settles on Kellyanne, which tells who "Mr Conway" is
        for k, s in enumerate(spans):
            if s.label == PERSON and names[k] == s.name and " " not in s.name and s.gender:
                names[k] = people.resolve(s.name, s.gender)
                if names[k] != s.name:
                    people.gender.setdefault(names[k], s.gender)
    return names


def _name_others(spans: list[Span], sentences: list[Any]) -> tuple[dict[int, str], dict[str, str]]:
    """Span index -> canonical name for organisations, places, groups and others; and the
    group keys of several words as aliases ("state department" -> "US State Department")."""
    prefixes = {s.name.lower() for s in spans if s.label in (PLACE, GROUP) and " " not in s.name}
    prefixes |= {normalise(w).lower() for s in sentences for w in _DEMONYMS.findall(s.text)}
    prefixes |= {w.lower() for s in spans for w in s.name.split()[:1] if country(w)}
    others = [(k, s) for k, s in enumerate(spans) if s.label != PERSON]
    key_of = group_others([s for _, s in others], prefixes)
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for _, s in others:
        by_key[key_of[s.name.lower()]][s.name] += 1
    # the most frequent full form: spelled out before an acronym, not a dateline's capitals,
    # capitalised before not
    canon = {key: max(c, key=lambda n: (not is_acronym(n), not n.isupper(), c[n], n[0].isupper(), len(n)))
             for key, c in by_key.items()}
    keys = {key: canon[key] for key in key_of.values() if len(key.split()) >= 2}
    return {k: canon[key_of[s.name.lower()]] for k, s in others}, keys


def _aliases(spans: list[Span], names: dict[int, str], types: dict[str, str], people: People) -> dict[str, str]:
    """Lower-cased surface -> canonical name, for the gazetteer pass and ``canonical``."""
    aliases: dict[str, str] = {}
    for k, s in enumerate(spans):
        aliases.setdefault(s.name.lower(), names[k])
        aliases.setdefault(normalise(s.surface).lower(), names[k])
    for name in types:
        forms = country_forms(name) if country(name) == name else BODIES.get(name, ())
        for f in forms:
            aliases.setdefault(f.lower(), name)
    surnames = Counter(parse(c[0]).surname.lower() for c in people.clusters)
    for c in people.clusters:
        for v in c:
            aliases[v.lower()] = c[0]
        last = parse(c[0]).surname.lower()
        if surnames[last] == 1:
            aliases.setdefault(last, c[0])  # the surname only when one person carries it
    return aliases


def _gazetteer(sentences: list[Any], spans: list[Span], aliases: dict[str, str], types: dict[str, str]) -> list[Span]:
    """Known names where NER missed them: case-sensitive for names, any case for multi-word bodies."""
    exact = {s.name for s in spans} | {normalise(s.surface) for s in spans if not s.honorific}
    # a person's surname alone, even where NER never tagged it alone ("Nunes said"), when
    # the story has one person of that surname
    exact |= {parse(n).surname for n, t in types.items() if t == PERSON and " " in n and len(parse(n).surname) > 2
              and aliases.get(parse(n).surname.lower()) == n}
    exact = sorted(exact, key=len, reverse=True)
    loose = sorted({k for k, v in aliases.items() if len(k.split()) >= 2 and types.get(v) in (ORGANISATION, PLACE)},
                   key=len, reverse=True)
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in spans:
        covered[s.sent].append((s.start, s.end))
    found: list[Span] = []
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
                found.append(Span(i, m.start(), m.end(), m.group(0), name, types.get(name, OTHER)))
    return found


def _index(articles: list[Any], sentences: list[Any], spans: list[Span], names: dict[int, str],
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
    order = {a.id: n for n, a in enumerate(articles or [])}
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
    for name, kind in types.items():
        if kind == PERSON and name not in gender and gender_of_given_name(parse(name).given):
            gender[name] = gender_of_given_name(parse(name).given)
    return EntityIndex(entities=entities, by_sentence=by_sentence, mentions=mentions, aliases=aliases,
                       types=types, gender=gender, roles={n: r for n, r in roles.items() if r})
