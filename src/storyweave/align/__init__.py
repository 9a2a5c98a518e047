"""Facts across outlets: agreements, divergences and facts only one outlet reports.

Agreements and unique facts come from the fact groups (``agreements``). Divergences come
from two finders: figures placed in frames and compared across the story (``frames``), and
dates, figures, places and names compared within one fact group (``slots``); one quote given
to different speakers is a third (``speakers``).
"""
from __future__ import annotations

from ..analysis import StoryAnalysis
from ..config import Config
from ..model import Divergence
from .agreements import agreements, unique_facts
from .frames import frame_divergences
from .slots import fact_divergences
from .speakers import quote_divergences

__all__ = ["agreements", "unique_facts", "all_divergences", "frame_divergences", "fact_divergences",
           "quote_divergences"]


def all_divergences(analysis: StoryAnalysis, models, config: Config) -> list[Divergence]:
    """Framed figures first, then what only the fact groups show; one report per disagreement."""
    out = frame_divergences(analysis, models, config)
    seen = [(d.attribute, {sid for v in d.variants for sid in v.sentence_ids}) for d in out]
    for d in fact_divergences(analysis, config):
        ids = {sid for v in d.variants for sid in v.sentence_ids}
        if any(attr == d.attribute and len(ids & s) >= 2 for attr, s in seen):
            continue  # the same sentences already disagree on this in a reported divergence
        out.append(d)
        seen.append((d.attribute, ids))
    out.sort(key=lambda d: (d.kind != "contradiction", -sum(len(v.citations) for v in d.variants)))
    return out
