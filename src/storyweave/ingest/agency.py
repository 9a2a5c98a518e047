"""The outlet of a plain-text article from an agency credit in its text (patterns in
agency_patterns.py): a dateline tag in the opening lines, else a credit line anywhere."""
from __future__ import annotations

from . import agency_patterns as P


def outlet_from_text(text: str) -> str | None:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    opening = "\n".join(lines[:P.OPENING_LINES])
    found = P.DATELINE.search(opening) or P.CREDIT_LINE.search("\n".join(lines))
    return P.AGENCIES[found.group("agency").lower()] if found else None
