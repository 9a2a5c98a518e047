"""The brief pipeline: articles of one story -> Brief.

Stages, each a plain function over the StoryAnalysis, run in order:
clean -> sentences + vectors + fact groups (prepare) -> spaCy docs (annotate) -> anchor
dates -> entities -> quotes -> timeline -> agreements / divergences / unique facts ->
summary -> syndication. Models load once per Pipeline (one per process or Ray worker).
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Callable

from . import __version__, align
from .analysis import StoryAnalysis, annotate, prepare
from .config import Config
from .dedup import syndication_records
from .log import logger
from .model import Article, Brief, Problem, SummarySentence
from .nlp.models import Models


@dataclass
class Pipeline:
    config: Config = field(default_factory=Config)
    models: Models = field(default_factory=Models)

    def warm_up(self) -> "Pipeline":
        """Load the models now (a server or benchmark wants the cost up front)."""
        self.models.embedder
        self.models.spacy
        return self

    def analyse(self, articles: list[Article]) -> StoryAnalysis:
        return prepare(articles, self.models, self.config)

    def brief(self, articles: list[Article], problems: list[Problem] | None = None) -> Brief:
        timings: dict[str, float] = {}

        def timed(name: str, fn: Callable):
            t0 = time.perf_counter()
            out = fn()
            timings[name] = round(time.perf_counter() - t0, 4)
            return out

        usable, skipped = _usable(articles, self.config)
        an = timed("prepare", lambda: prepare(usable, self.models, self.config))
        if self.config.brief.ner:
            timed("annotate", lambda: annotate(an, self.models))
        an.anchors = timed("dates", lambda: _anchors(an))
        an.entity_index = timed("entities", lambda: _entities(an))
        quotes = timed("quotes", lambda: _quotes(an))
        timeline = timed("timeline", lambda: _timeline(an))
        agreements, single = timed("agreements", lambda: align.agreements(an, self.config))
        divergences = timed(
            "divergences",
            lambda: align.all_divergences(an, self.models, self.config) + align.quote_divergences(an, quotes),
        )
        unique = timed("unique", lambda: align.unique_facts(an, self.config))
        summary = timed("summary", lambda: _summary(an, self.config))
        synd = syndication_records(an.sentences, an.syndicated)
        brief = Brief(
            articles=usable + skipped,
            sentences=an.sentences,
            summary=summary,
            agreements=agreements,
            divergences=divergences,
            unique=unique,
            quotes=quotes,
            timeline=timeline,
            entities=an.entity_index.entities if an.entity_index is not None else [],
            syndication=synd,
            problems=list(problems or []),
        )
        brief.meta.update(
            generator=f"storyweave {__version__}",
            generated=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            words=self.config.brief.words,
            timings=timings,
            single_source=[
                {"text": a.text, "citations": a.citations, "independent_sources": a.independent_sources}
                for a in single
            ],
            anchors={k: {"date": v[0].isoformat(), "inferred": v[1]} for k, v in an.anchors.items()},
        )
        logger.debug("brief timings: %s", timings)
        return brief


def _usable(articles: list[Article], config: Config) -> tuple[list[Article], list[Article]]:
    """Articles in the analysis language go in; others are kept in the brief, marked, not analysed."""
    usable, other = [], []
    from .clean.language import is_analysis_language

    for a in articles:
        if not is_analysis_language(a.language, config.clean.language):
            a.meta["skipped"] = f"language '{a.language}': left out of the {config.clean.language}-only analysis"
            logger.warning("%s: %s", a.id, a.meta["skipped"])
            other.append(a)
        else:
            usable.append(a)
    return usable, other


def _anchors(an: StoryAnalysis) -> dict[str, tuple[dt.date, bool]]:
    try:
        from .nlp.dates import article_anchors
    except ImportError:
        return {a.id: (a.published, False) for a in an.articles if a.published}
    return article_anchors(an)


def _entities(an: StoryAnalysis):
    try:
        from .nlp.entities import build_entities
    except ImportError:
        return None
    return build_entities(an)


def _quotes(an: StoryAnalysis):
    try:
        from .nlp.quotes import extract_quotes
    except ImportError:
        return []
    if an.entity_index is None:
        return []
    return extract_quotes(an, an.entity_index)


def _timeline(an: StoryAnalysis):
    try:
        from .nlp.dates import build_timeline
    except ImportError:
        return []
    return build_timeline(an, an.anchors)


def _summary(an: StoryAnalysis, config: Config) -> list[SummarySentence]:
    try:
        from .summary import summarize
    except ImportError:
        return _lead_summary(an, config.brief.words)
    return summarize(an, config.brief.words, config)


def _lead_summary(an: StoryAnalysis, words: int) -> list[SummarySentence]:
    """Fallback: most corroborated sentences first, within the budget."""
    order = sorted(range(len(an.sentences)), key=lambda i: (-an.independent[an.group_of[i]], i))
    out, used, groups = [], 0, set()
    for i in order:
        s = an.sentences[i]
        n = len(s.text.split())
        if an.group_of[i] in groups or used + n > words:
            continue
        groups.add(an.group_of[i])
        used += n
        out.append(SummarySentence(text=s.text, citations=an.citations(i), sentence_ids=[s.id]))
    return out
