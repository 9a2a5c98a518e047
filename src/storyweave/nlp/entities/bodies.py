"""Step 3: organisations and places grouped under one name each.

The same key after case, "the" and a country prefix ("the US State Department" ~ "the state
department"); an acronym joins the long name it abbreviates ("WHO", "F.B.I."); a bare feature
name joins the one named feature carrying it ("the Sella" ~ "River Sella").
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .spans import Span
from .vocab import FEATURE_WORDS, PLACE

_COUNTRY_PREFIX = re.compile(r"^(\S+?)(?:['’]s)?\s+(.+)$")  # "China's ministry ..." -> China, ministry ...
_INITIAL_SKIP = frozenset("of the and for de du la in on at".split())


def country_prefixed(name: str) -> tuple[str, str] | None:
    """("China", "ministry of foreign affairs") for "China's ministry of foreign affairs"."""
    m = _COUNTRY_PREFIX.match(name)
    return (m.group(1), m.group(2)) if m else None


def is_acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _org_key(name: str, prefixes: set[str]) -> tuple[str, str]:
    """(key, country prefix): "US State Department" -> ("state department", "us"); a curly and a
    straight apostrophe are one ("Angie’s List" ~ "Angie's List")."""
    low = name.lower().replace("’", "'")
    m = _COUNTRY_PREFIX.match(low)
    if m and m.group(1) in prefixes and len(m.group(2).split()) >= 2:
        return m.group(2), m.group(1)
    if is_acronym(name):
        return name.replace(".", "").lower(), ""  # "F.B.I." ~ "FBI"
    return low, ""


def group_others(spans: list[Span], prefixes: set[str]) -> dict[str, str]:
    """Lower-cased cleaned name -> group key, for organisations and places."""
    keyed: dict[str, tuple[str, str]] = {}
    prefixes_of: dict[str, Counter[str]] = defaultdict(Counter)
    for s in spans:
        key, pre = _org_key(s.name, prefixes) if s.label != PLACE or is_acronym(s.name) else (s.name.lower(), "")
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
        bare = s.name.replace(".", "")
        if is_acronym(s.name) and bare in by_initials:
            out[s.name.lower()] = by_initials[bare]
    # a bare feature name joins the one named feature of the story carrying it
    features: dict[str, set[str]] = defaultdict(set)
    for s in spans:
        words = s.name.split()
        rest = [w for w in words if w.lower() not in FEATURE_WORDS]
        if s.label == PLACE and len(words) >= 2 and len(rest) == 1 and len(rest) < len(words):
            features[rest[0].lower()].add(out[s.name.lower()])
    for s in spans:
        low = s.name.lower()
        if " " not in low and len(features.get(low, ())) == 1:
            out[low] = next(iter(features[low]))
    return out
