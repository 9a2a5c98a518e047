"""One quote, different speakers: outlets disagree on who said it."""
from __future__ import annotations

import re
from collections import defaultdict

from ..analysis import StoryAnalysis
from ..model import Divergence, Variant
from .patterns import QUOTED


def quote_divergences(analysis: StoryAnalysis, quotes: list) -> list[Divergence]:
    """One quote, different people: outlets disagree on who said it.

    Only people, each named (surname) outside the quotation marks in the outlet's own
    sentence with the other's surname absent: a resolved "he said" may be our error, and an
    organisation against its spokesperson or a couple sharing a surname is no disagreement.
    """
    by_id = {s.id: s for s in analysis.sentences}
    ents = analysis.entity_index
    out = []
    for q in quotes:
        attributions = {a: sp for a, sp in getattr(q, "attributions", {}).items()
                        if sp and (ents is None or ents.type_of(sp) == "person")}  # None: no speaker given
        surnames = {sp: sp.split()[-1] for sp in attributions.values()}
        if len(set(surnames.values())) < 2:
            continue
        named: dict[str, list[str]] = defaultdict(list)
        for article, speaker in attributions.items():
            outside = QUOTED.sub(" ", " ".join(
                by_id[sid].text for sid in q.sentence_ids if sid in by_id and by_id[sid].article_id == article))
            own = re.search(rf"\b{re.escape(surnames[speaker])}\b", outside)
            others = any(re.search(rf"\b{re.escape(o)}\b", outside) for o in set(surnames.values()) - {surnames[speaker]})
            if own and not others:
                named[speaker].append(article)
        if len(named) < 2:
            continue
        words = q.text.split()
        short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")

        def ids(arts: list[str]) -> list[str]:
            return [sid for sid in q.sentence_ids if sid in by_id and by_id[sid].article_id in arts]

        variants = [Variant(text=speaker, value=speaker, citations=arts, sentence_ids=ids(arts),
                            sentences=[by_id[sid].text for sid in ids(arts)])
                    for speaker, arts in sorted(named.items(), key=lambda kv: -len(kv[1]))]
        out.append(Divergence(about=f"who said “{short}”", kind="contradiction", variants=variants, attribute="speaker"))
    return out
