"""Countries and how big a place is: country, region (state, province, county) or local.

Two reports placing one event in different *local* places disagree; a city against its
region or country may both be right. The entity index names a country one way whatever form
an outlet wrote ("U.S.", "America" -> United States). pycountry ships the ISO 3166 lists offline.
"""
from __future__ import annotations

import re

from functools import lru_cache

# forms the ISO lists do not carry but outlets use
_EXTRA_COUNTRIES = {"us", "u.s.", "usa", "america", "uk", "u.k.", "britain", "great britain", "england", "scotland",
                    "wales", "northern ireland", "russia", "south korea", "north korea", "iran", "syria", "vietnam",
                    "taiwan", "palestine", "gaza", "west bank", "kosovo", "europe", "africa", "asia", "the west"}


# The name a country is shown by, where ISO's is not the one outlets write.
_SHOWN = {"RU": "Russia", "TR": "Turkey", "CZ": "Czech Republic", "CD": "Democratic Republic of the Congo",
          "PS": "Palestine", "VA": "Vatican City", "BN": "Brunei", "FM": "Micronesia", "KP": "North Korea",
          "KR": "South Korea"}
# Forms of a country's name that ISO does not carry but outlets use.
_FORMS = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "CN": ("PRC", "People's Republic of China", "People’s Republic of China", "mainland China"),
    "RU": ("Russia", "Russian Federation"),
    "KP": ("DPRK", "North Korea"),
    "KR": ("ROK", "Republic of Korea", "South Korea"),
    "AE": ("UAE", "U.A.E."),
    "NL": ("Holland",),
    "MM": ("Burma",),
    "TR": ("Turkey", "Turkiye", "Türkiye"),
    "CZ": ("Czech Republic", "Czechia"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of the Congo"),
}


# AP style's abbreviations of US states, as datelines and party labels write them ("Hope, Ark.",
# "(R-Ky.)"); two-letter postal codes are left out: "IN", "OR", "ME" are words
_US_STATE_AP = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California", "colo": "Colorado",
    "conn": "Connecticut", "del": "Delaware", "fla": "Florida", "ga": "Georgia", "ill": "Illinois",
    "ind": "Indiana", "kan": "Kansas", "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland",
    "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri",
    "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "n.h": "New Hampshire", "n.j": "New Jersey",
    "n.m": "New Mexico", "n.y": "New York", "n.c": "North Carolina", "n.d": "North Dakota", "okla": "Oklahoma",
    "ore": "Oregon", "pa": "Pennsylvania", "r.i": "Rhode Island", "s.c": "South Carolina", "s.d": "South Dakota",
    "tenn": "Tennessee", "tex": "Texas", "vt": "Vermont", "va": "Virginia", "wash": "Washington",
    "w.va": "West Virginia", "wis": "Wisconsin", "wyo": "Wyoming",
}


def us_state_abbreviations() -> list[str]:
    """The AP abbreviations as written, without their final stop ("Calif", "N.H", "W.Va")."""
    return [".".join(p[:1].upper() + p[1:] for p in k.split(".")) for k in _US_STATE_AP]


def us_state(surface: str) -> str | None:
    """The US state an AP abbreviation stands for ("Ark." -> Arkansas), else None. Many are
    words or names too ("Miss", "Mass", "Del"): ask only of what is already known to be a place."""
    surface = surface.strip()
    if surface.isupper() and "." not in surface:
        return None  # "LA" is Los Angeles, "VA" Veterans Affairs: AP writes "La.", "Va."
    return _US_STATE_AP.get(surface.lower().rstrip("."))


def region_or_country(surface: str) -> bool:
    """A country, a first-level region (state, province) or a US state's abbreviation."""
    return bool(country(surface) or level(surface) == "region" or us_state(surface))


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Lower-cased form -> the country's shown name."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        shown = _SHOWN.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        forms = [shown, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                 *_FORMS.get(c.alpha_2, ())]
        for f in forms:
            if f:
                key = f.lower()
                out.setdefault(key[4:] if key.startswith("the ") else key, shown)
    return out


def country(surface: str) -> str | None:
    """The shown name of the country a surface names ("U.S." -> United States), else None."""
    key = surface.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    return _countries().get(key)


def country_forms(name: str) -> list[str]:
    """Every known form of a country's shown name, as written ("United States" -> US, U.S., America ...)."""
    return list(_country_forms(name))


@lru_cache(maxsize=512)  # a walk over every country: the same few names come back in every brief
def _country_forms(name: str) -> tuple[str, ...]:
    import pycountry

    out = [name]
    for c in pycountry.countries:
        if (_SHOWN.get(c.alpha_2) or getattr(c, "common_name", None) or c.name) == name:
            out += [f for f in (c.name, getattr(c, "official_name", None), *_FORMS.get(c.alpha_2, ())) if f]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    import pycountry

    countries = set(_EXTRA_COUNTRIES)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                countries.add(v.lower())
    regions = {s.name.lower() for s in pycountry.subdivisions}
    return frozenset(countries), frozenset(regions)


# the last word of a street's name: a street lies in a town or district, never beside one
_STREET_END = re.compile(r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|highway|hwy|"
                         r"parkway|pkwy|terrace|court|plaza|square)\.?$", re.IGNORECASE)


def level(name: str) -> str:
    """country, region (a state or province), street, or local (a town, district, site ...)."""
    key = name.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    countries, regions = _tables()
    if key in countries:
        return "country"
    if key in regions:
        return "region"
    return "street" if _STREET_END.search(key) else "local"
