"""Countries and how big a place is: country, region (state, province, county) or local.

Two reports placing one event in different *local* places disagree; a city against its
region or country may both be right. The entity index names a country one way whatever form
an outlet wrote ("U.S.", "America" -> United States). pycountry ships the ISO 3166 lists offline.
"""
from __future__ import annotations

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
    import pycountry

    out = [name]
    for c in pycountry.countries:
        if (_SHOWN.get(c.alpha_2) or getattr(c, "common_name", None) or c.name) == name:
            out += [f for f in (c.name, getattr(c, "official_name", None), *_FORMS.get(c.alpha_2, ())) if f]
    return list(dict.fromkeys(out))


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


def level(name: str) -> str:
    key = name.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    countries, regions = _tables()
    if key in countries:
        return "country"
    if key in regions:
        return "region"
    return "local"
