"""What the outlets agree and disagree on, and the brief's own parts, as steps."""
from __future__ import annotations

from .. import align
from ..config import Config
from ..summary import stands_alone, summarize
from ..syndication import syndication_records
from .record import StoryAnalysis
from .step import Step


class Agreements(Step):
    name = "agreements"
    reads = ("sentences", "tokens", "vectors", "copies", "similarity", "groups", "independent", "anchors", "entity_index", "meaning")
    adds = ("agreements", "single_source")

    def __init__(self, config: Config) -> None:
        self.config = config

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.agreements, an.single_source = align.agreements(an, self.config)
        return an


class Divergences(Step):
    """Figures in frames, dates/places/names within fact groups, and quotes given to different speakers."""

    name = "divergences"
    reads = ("sentences", "tokens", "groups", "similarity", "anchors", "entity_index", "quotes")
    adds = ("divergences", "refinements")

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, models) -> None:
        self.models = models  # frames embed the words around each figure

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        found = align.all_divergences(an, self.models, self.config)
        # one report saying more of the same ("Friday" / "Friday evening") is not shown, but its
        # sentences still report a shared fact (never "unique")
        refined = [align.refinement(d) for d in found]
        an.refinements = [d for d, r in zip(found, refined) if r]
        an.divergences = [d for d, r in zip(found, refined) if not r] + align.quote_divergences(an, an.quotes)
        return an


class Unique(Step):
    """Facts one outlet alone reports; a sentence another outlet contradicts or words more
    exactly (a divergence's variant) reports a shared fact, differently: never unique; nor is a
    sentence an agreement cites, nor what a person said when another outlet reports that person
    speaking."""

    name, reads, adds = ("unique", ("sentences", "tokens", "vectors", "groups", "anchors", "entity_index", "quotes",
                                    "divergences", "refinements", "agreements", "single_source"),
                         ("unique",))

    def __init__(self, config: Config) -> None:
        self.config = config

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        disputed = {sid for d in an.divergences + (an.refinements or []) for v in d.variants for sid in v.sentence_ids}
        agreed = {sid for a in (an.agreements or []) + (an.single_source or []) for sid in a.sentence_ids}
        an.unique = align.unique_facts(an, self.config, exclude=disputed | agreed)
        return an


class Summary(Step):
    """Opens with the story's main event: the clearest statement of the fact the most independent
    sources carry (the first agreement, when ``brief.lead_sources`` carry it), then the selection's picks."""

    name = "summary"
    reads = ("sentences", "tokens", "vectors", "similarity", "groups", "syndicated", "agreements")
    adds = ("summary",)

    def __init__(self, config: Config) -> None:
        self.config = config

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        # the first agreement whose statement stands alone: a summary cannot open on "A few
        # hours later, ..." or on a quotation whose speaker it leaves out
        alone = (an.sentence_index(a.sentence_ids[0]) for a in an.agreements or []
                 if a.independent_sources >= self.config.brief.lead_sources)
        lead = next((i for i in alone if stands_alone(an.sentences[i].text)), None)
        an.summary = summarize(an, self.config.brief.words, self.config, lead=lead)
        return an


class Syndication(Step):
    """Article pairs sharing copied passages (wire copy), with the shared text."""

    name, reads, adds = "syndication", ("sentences", "syndicated"), ("syndication",)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.syndication = syndication_records(an.sentences, an.syndicated)
        return an


class CitedSentences(Step):
    """Evidence for the parts whose finders name the sentences they rest on (divergence
    variants, quotes, timeline entries): per cited outlet, its first such sentence. A
    citation with no sentence of that outlet behind it is dropped, never shown."""

    name = "evidence"
    reads = ("sentences", "divergences", "quotes", "timeline")
    adds = ()

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        index = {s.id: i for i, s in enumerate(an.sentences)}
        items = [v for d in an.divergences for v in d.variants] + list(an.quotes) + list(an.timeline)
        for item in items:
            if item.evidence:
                continue
            evidence = an.evidence(index[sid] for sid in item.sentence_ids if sid in index)
            backed = {e.article for e in evidence}
            item.citations = [c for c in item.citations if c in backed]
            item.evidence = [e for e in evidence if e.article in set(item.citations)]
        return an
