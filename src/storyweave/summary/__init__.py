"""The summary: whole source sentences that cover what the outlets agree on, each cited.

One summarizer for the brief and for ``storyweave summarize``. It reads a
:class:`~storyweave.analysis.StoryAnalysis` (cleaned bodies, sentences, vectors; the brief's
full analysis adds fact groups, the light one of ``summarize`` does not need them) and picks
the set of sentences with the best score within a word budget: exactly, as a small integer
programme (``exact.py``), or greedily (``greedy.py``). What decides (each measured with
``storyweave eval summaries``, see docs/summaries.md):

* **shared concepts** - the word pairs of a sentence, each weighted by how many independent
  sources use it. A term in one source is that outlet's angle; a term in most of them is the
  story. Counting only terms not yet covered by the chosen sentences makes the greedy pass
  move on to the story's other sub-events instead of restating the lead fact (the
  concept-coverage idea of Gillick & Favre's ICSI summarizer). This was the largest gain.
* **centrality** - cosine of the sentence to the story's mean vector.
* **position** - news puts its main facts first: a prior that decays with the index.
* **one sentence per fact** - near-duplicates, sentences similar enough to align with a
  chosen one (the analysis's ``same_fact`` threshold) and, with the full analysis, the rest
  of its fact group are never chosen as well.
* **self-contained** - a sentence that opens on a pronoun or a connective refers to
  something outside itself: it is a candidate right after its predecessor in the same
  article, or together with it as one unit, so its referent is in the summary. Fragments
  (a dangling quotation mark, no final punctuation, very short) are not candidates.

Sentences appear in source order, article by article, starting with the article of the first
pick (the story's main fact), and cite every outlet that carries the fact.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import SummarySentence
from .batch import Summarizer, cluster_row
from .exact import select_exact
from .features import (STOP, concept_matrix, concepts, sentence_features, is_dependent, is_fragment,
                       is_unattributed_quote, stands_alone, stem)
from .greedy import overflow, select_greedy
from ..config import SummaryConfig
from .similarity import Similarity

if TYPE_CHECKING:  # the analysis imports heavy modules; only its type is needed here
    from ..analysis import StoryAnalysis
    from ..config import Config

__all__ = [
    "STOP", "Summarizer", "SummaryConfig", "cluster_row", "concept_matrix", "concepts", "is_dependent",
    "is_fragment", "is_unattributed_quote", "rank", "stands_alone", "stem", "summarize",
]


def rank(
    analysis: "StoryAnalysis", words: int, params: SummaryConfig = SummaryConfig(), fill: bool = False,
    similarity: "Similarity | None" = None,
) -> list[int]:
    """Sentence indices of the summary, the most central first, within ``words``.

    ``fill``: also return the best sentence that did not fit, last (the caller may cut it to
    fill the budget exactly; only evaluations do that).
    """
    if not analysis.sentences or words <= 0:
        return []
    similarity = similarity or Similarity(analysis)
    f = sentence_features(analysis, params)
    if params.exact:
        chosen = select_exact(analysis, f, words, params, similarity)
        if chosen is not None:
            return chosen + (overflow(analysis, f, chosen, words, params, similarity) if fill else [])
    return select_greedy(analysis, f, words, params, fill, similarity)


def summarize(
    analysis: "StoryAnalysis", words: int, config: "Config | None" = None,
    params: SummaryConfig | None = None, fill: bool = False, lead: int | None = None,
) -> list[SummarySentence]:
    """Whole, cited source sentences within ``words`` words, in source order.

    ``lead``: a sentence the summary must open with — the brief passes the clearest statement
    of the fact most independent sources carry (the story's main event); sentences stating
    the same fact make way for it, and the lowest-ranked picks for its words.

    ``fill`` (evaluation only): cut one more sentence so the summary has exactly ``words``
    words; its text ends with "…". The weights and switches are ``config.summary`` unless
    ``params`` is given (``summary.exact = false``: the greedy selection).
    """
    params = params or (config.summary if config is not None else SummaryConfig())
    similarity = Similarity(analysis)
    picked = rank(analysis, words, params, fill=fill, similarity=similarity)
    if lead is not None and lead not in picked and not fill:
        picked = _with_lead(analysis, picked, lead, words, params, similarity)
    if not picked:
        return []
    similarity.rows(picked)  # every picked sentence's citations, computed together
    extra = picked[-1] if fill and sum(len(analysis.sentences[i].text.split()) for i in picked) > words else None
    # Lead with the outlet of the first pick (the most central, most shared fact); each outlet's
    # sentences stay in its own order, so the story unfolds as it was told.
    article_rank: dict[str, int] = {}
    for i in ([lead] if lead in picked else []) + picked:
        article_rank.setdefault(analysis.sentences[i].article_id, len(article_rank))
    order = sorted(
        (i for i in picked if i != extra),
        key=lambda i: (i != lead, article_rank.get(analysis.sentences[i].article_id, 0), analysis.sentences[i].index),
    )
    out = [summary_sentence(analysis, i, similarity) for i in order]
    if extra is not None:
        used = sum(len(s.text.split()) for s in out)
        cut = summary_sentence(analysis, extra, similarity)
        cut.text = " ".join(cut.text.split()[: words - used]) + "…"
        out.append(cut)
    return out


def _with_lead(analysis: "StoryAnalysis", picked: list[int], lead: int, words: int, params: SummaryConfig,
               similarity: Similarity) -> list[int]:
    """The picks with ``lead`` first: picks stating its fact (its fact group, or as close to it
    as the selection keeps any two picks apart) leave, then the lowest-ranked picks until it
    fits; a pick that opens by pointing back leaves with the sentence it points to."""
    row = similarity.row(lead)
    group = set(analysis.groups[analysis.group_of[lead]]) if analysis.groups else {lead}
    close = analysis.same_fact if params.same_fact else params.duplicate
    kept = [i for i in picked if i not in group and row[i] < close]
    size = lambda i: len(analysis.sentences[i].text.split())  # noqa: E731
    while kept and size(lead) + sum(map(size, kept)) > words:
        kept.pop()  # rank order: the least central last
    kept = [i for i in kept if not _orphaned(analysis, i, {lead, *kept})]
    return [lead, *kept] if size(lead) <= words else picked


def _orphaned(analysis: "StoryAnalysis", i: int, chosen: set[int]) -> bool:
    """Sentence i points back ("He said …") and the sentence before it is not in the summary."""
    s = analysis.sentences[i]
    if not is_dependent(s.text):
        return False
    before = [j for j in analysis.sentence_indices(s.article_id) if analysis.sentences[j].index == s.index - 1]
    return not (set(before) & chosen)


def summary_sentence(analysis: "StoryAnalysis", i: int, similarity: Similarity) -> SummarySentence:
    s = analysis.sentences[i]
    evidence = analysis.evidence(similarity.support(i))
    return SummarySentence(text=s.text, citations=[e.article for e in evidence], sentence_ids=[s.id], evidence=evidence)
