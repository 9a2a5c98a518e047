"""Opposite phases of one event: the start and the end of it, going in and coming out.

Two outlets' sentences about one election, one of them that voting began and the other that
the election ended, share the event's words and meaning and pass every closeness bar, yet
state two facts. Each sentence's phases (``patterns.PHASES``) are read from its main clause
(an opening time clause, "After she left the clinic, ...", names another event); two sentences
clash when one names a phase and the other its opposite and neither names the other's.
On the 529 hand-labelled cited pairs of the tune half (bench/labels) this holds for two pairs,
both labelled another fact, and for 3 of the 2,215 cross-outlet pairs of those stories' fact groups.
"""
from __future__ import annotations

from .patterns import LEADING_TIME_CLAUSE, OPPOSITE_PHASES, PHASE


def phases(text: str) -> frozenset[str]:
    """The event phases a sentence's main clause names ("begin", "end", "enter", ...)."""
    main = LEADING_TIME_CLAUSE.sub("", text, count=1)
    return frozenset(name for name, rx in PHASE.items() if rx.search(main))


def opposite_phases(a: frozenset[str], b: frozenset[str]) -> bool:
    """One names a phase, the other its opposite, and they name no phase in common."""
    if not a or not b or a & b:
        return False
    return any((x in a and y in b) or (y in a and x in b) for x, y in OPPOSITE_PHASES)
