"""How big a place is: country, region (state, province, county) or local (a city, a town).

Two reports placing one event in different *local* places disagree; a city against its
region or country may both be right. pycountry ships the ISO 3166 lists offline.
"""
from __future__ import annotations

from functools import lru_cache

# forms the ISO lists do not carry but outlets use
_EXTRA_COUNTRIES = {"us", "u.s.", "usa", "america", "uk", "u.k.", "britain", "great britain", "england", "scotland",
                    "wales", "northern ireland", "russia", "south korea", "north korea", "iran", "syria", "vietnam",
                    "taiwan", "palestine", "gaza", "west bank", "kosovo", "europe", "africa", "asia", "the west"}


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
