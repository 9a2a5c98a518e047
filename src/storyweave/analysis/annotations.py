"""Who and when, as steps: anchor dates, entities, quotes, the timeline."""
from __future__ import annotations

from ..nlp.dates import article_anchors, build_timeline
from ..nlp.entities import build_entities
from ..nlp.quotes import extract_quotes
from .record import StoryAnalysis
from .step import Step


class RequestEntities(Step):
    """The sentences to the NER helper as soon as they are split (a one-shot brief's helper
    process: ``nlp.ner_process``), so that it tags them while they are embedded and grouped;
    ``annotate`` then reads the answer. Nothing to do when the model runs in this process."""

    name, reads, adds = "ner request", ("sentences",), ()

    def setup(self, models) -> None:
        self.models = models

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        self.models.prefetch_entities(an.distinct_texts())
        return an


class Anchors(Step):
    """Each article's date for resolving relative dates (inferred from the others when missing)."""

    name, reads, adds = "dates", ("articles", "sentences"), ("anchors",)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.anchors = article_anchors(an)
        return an


class Entities(Step):
    """People, organisations and places, aliases merged (spaCy docs when the brief runs NER)."""

    name, reads, adds = "entities", ("articles", "sentences"), ("entity_index",)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.entity_index = build_entities(an)
        return an


class Quotes(Step):
    name, reads, adds = "quotes", ("sentences", "entity_index"), ("quotes",)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.quotes = extract_quotes(an, an.entity_index)
        return an


class Timeline(Step):
    name, reads, adds = "timeline", ("sentences", "anchors"), ("timeline",)

    def run(self, an: StoryAnalysis) -> StoryAnalysis:
        an.timeline = build_timeline(an, an.anchors)
        return an
