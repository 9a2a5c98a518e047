"""Facts across outlets: agreements, divergences and facts only one outlet reports.

Agreements and unique facts come from the fact groups (``agreements``). Divergences come
from two finders: figures placed in frames and compared across the story (``frames``), and
dates, figures, places and names compared within one fact group (``slots``); one quote given
to different speakers is a third (``speakers``).
"""
from __future__ import annotations

from ..analysis import StoryAnalysis
from ..config import Config
from ..model import Divergence, Variant
from ..nlp.quantities import AT_LEAST, compatible, find_quantities
from .ages import age_divergences
from .agreements import agreements, unique_facts
from .frames import frame_divergences, nearest_outcome, whole_and_part
from .negation import negation_divergences
from .pairs import paraphrase_divergences
from .roles import (an_individual, days_of_two_acts, different_terms, elapsed_when_undated, on_a_guessed_day,
                    past_and_future, planned_and_done, same_role, same_words, states_the_other, tallies,
                    unnamed_groups)
from .slots import fact_divergences
from .speakers import quote_divergences
from .statements import statement_days
from .variants import as_update, refinement

__all__ = ["agreements", "unique_facts", "all_divergences", "frame_divergences", "fact_divergences",
           "paraphrase_divergences",
           "quote_divergences", "refinement"]


_NOT_FIGURES = {"date", "place", "person", "name", "claim", "speaker", "age"}


def all_divergences(analysis: StoryAnalysis, models, config: Config) -> list[Divergence]:
    """Framed figures first, then what only the fact groups show; one report per disagreement."""
    # a conflict between values that the words around them set apart stands only where both
    # measure one thing (align/roles.py); the dates of a fact group's close rewrites date one fact
    def one_thing(d: Divergence, dates: bool = True) -> bool:
        if d.attribute == "count" and tallies(d):
            return False  # "63 yards" / "793 yards": a game's and a season's, of any kind of difference
        if d.kind != "contradiction" and not _bounded(d):
            return True  # a bound that holds of the other figure is checked as closely as a conflict
        if same_words(analysis, d):
            return False  # "Thursday" and "Thursday": only the dates they were read against differ
        if planned_and_done(analysis, d):
            return False  # "valid only with a turnout above 50 percent" / "90 percent voted"
        if d.attribute not in _NOT_FIGURES and states_the_other(d):
            return False  # "deadlocked 9-3, nine in favor and three voting for life" / "nine voting"
        if on_a_guessed_day(analysis, d):
            return False  # "yesterday" in an undated article, against a date written out
        if days_of_two_acts(analysis, d):
            return False  # "killed Wednesday" / "identified on Thursday"
        if d.attribute == "count" and (whole_and_part(d) or an_individual(d, _counts_outcome)):
            return False  # "12 dead, including the two attackers" / "killed 10"; "one group" / "five groups"
        if d.attribute == "duration" and (different_terms(analysis, d) or past_and_future(analysis, d)
                                          or elapsed_when_undated(analysis, d)):
            return False  # jail and probation; "over the last 30 years" / "in the next 40 years"
        if d.attribute == "date" and not dates:
            return True
        return same_role(analysis, d, models.embedder.embed, config.align.same_role)

    # a frame ties figures by the words around them, not by the sentence's claim: a count must name its group
    out = [d for d in frame_divergences(analysis, models, config)
           if one_thing(d) and not (d.kind == "contradiction" and d.attribute == "count"
                                     and unnamed_groups(d, nearest_outcome))]
    seen = [(d.attribute, {sid for v in d.variants for sid in v.sentence_ids}) for d in out]
    found = ([d for d in fact_divergences(analysis, config) if one_thing(d, dates=False)]
             + [d for d in paraphrase_divergences(analysis, config) if one_thing(d)])
    for d in found + negation_divergences(analysis, config) + statement_days(analysis) + age_divergences(analysis):
        ids = {sid for v in d.variants for sid in v.sentence_ids}
        if any(attr == d.attribute and len(ids & s) >= 2 for attr, s in seen):
            continue  # the same sentences already disagree on this in a reported divergence
        out.append(d)
        seen.append((d.attribute, ids))
    out = _one_report(as_update(analysis, d, _running_tally) for d in out)
    out.sort(key=lambda d: (d.kind != "contradiction", -sum(len(v.citations) for v in d.variants)))
    return out


def _bounded(d: Divergence) -> bool:
    """Figures that agree only because a bound is open ("at least 6,000 sites" / "about 10,000")."""
    if d.kind != "precision" or not any(v.value.startswith(h + " ") for v in d.variants for h in AT_LEAST):
        return False
    qs = [q[0] for q in (find_quantities(v.text) for v in d.variants) if q]
    return any(not compatible(a, b, open_bounds=False) for k, a in enumerate(qs) for b in qs[k + 1:])


def _one_report(found) -> list[Divergence]:
    """One report per disagreement: the same values set against each other by other sentence
    pairs (ten outlets each giving the toll) are one divergence citing them all."""
    out: dict[tuple, Divergence] = {}
    for d in found:
        k = (d.kind, d.attribute, frozenset(v.value for v in d.variants))
        if k not in out:
            out[k] = d
            continue
        by_value = {v.value: v for v in out[k].variants}
        for v in d.variants:
            w = by_value[v.value]
            w.citations = list(dict.fromkeys(w.citations + v.citations))
            w.sentence_ids = list(dict.fromkeys(w.sentence_ids + v.sentence_ids))
            w.sentences = list(dict.fromkeys(w.sentences + v.sentences))
    return list(out.values())


def _counts_outcome(sentence: str, figure: str) -> bool:
    """The figure as written in the sentence counts a casualty, an arrest ... ("one dead")."""
    q = next((q for q in find_quantities(sentence) if q.text == figure), None)
    return q is not None and bool(nearest_outcome(sentence, q))


def _running_tally(variant: Variant) -> bool:
    """A count of casualties, arrests, evacuations ... in each of the variant's sentences."""
    return bool(variant.sentences) and all(_counts_outcome(s, variant.text) for s in variant.sentences)
