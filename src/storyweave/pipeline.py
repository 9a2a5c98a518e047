"""The brief pipeline: articles of one story -> Brief, as an explicit list of steps.

    clean -> sentences -> [ner request] -> embed -> copies -> similarity -> fact groups -> meaning
                                                                         (analysis.preparation)
    -> annotate (spaCy NER) -> dates -> entities -> quotes -> timeline     (analysis.annotations)
    -> agreements -> divergences -> unique -> summary -> syndication       (analysis.facts)
    -> evidence (each citation's own sentence)

Each step declares what it reads and adds (``analysis.step``); the list is checked when the
pipeline is built. The pipeline owns the models: they load once per Pipeline (one per
process or Ray worker), lazily, and every step gets them in ``setup``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import __version__
from .analysis import StoryAnalysis, Steps
from .analysis.annotations import Anchors, Entities, Quotes, RequestEntities, Timeline
from .analysis.facts import Agreements, CitedSentences, Divergences, Summary, Syndication, Unique
from .analysis.preparation import Annotate, preparation_steps
from .analysis.step import Step
from .clean.language import is_analysis_language
from .config import Config
from .log import logger
from .model import Article, Brief, Problem
from .nlp.models import Models


def brief_steps(config: Config) -> list[Step]:
    """The brief's steps in order; NER only when ``brief.ner`` (entities then come from
    capitalised phrases, ~3x faster)."""
    prep = preparation_steps(config)
    if config.brief.ner:  # right after the split: a NER helper tags while the rest prepares
        prep.insert(next(i for i, s in enumerate(prep) if "sentences" in s.adds) + 1, RequestEntities())
    return [
        *prep,
        *([Annotate()] if config.brief.ner else []),
        Anchors(), Entities(), Quotes(), Timeline(),
        Agreements(config), Divergences(config), Unique(config), Summary(config), Syndication(), CitedSentences(),
    ]


@dataclass
class Pipeline:
    config: Config = field(default_factory=Config)
    models: Models = field(default_factory=Models.shared)

    def __post_init__(self) -> None:
        self.steps = Steps(brief_steps(self.config), self.models)

    def warm_up(self) -> "Pipeline":
        """Load the models now (a server or benchmark wants the cost up front)."""
        self.models.embedder
        if self.config.brief.ner:
            share = self.config.brief.ner_helper_share
            if share > 0 and _cores() > 1:
                self.models.share_ner(share)
            self.models.spacy
        if self.config.summary.exact:
            from .summary.solver import warm

            warm()  # the compiled search: a one-shot process solves in numpy instead
        self.steps.setup()
        return self

    def analyse(self, articles: list[Article]) -> StoryAnalysis:
        """Run every step; the analysis holds each step's output (the brief is a view of it)."""
        usable, skipped = _usable(articles, self.config)
        return self.steps.run(StoryAnalysis(articles=usable, skipped=skipped))

    def brief(self, articles: list[Article], problems: list[Problem] | None = None) -> Brief:
        return to_brief(self.analyse(articles), self.config, problems)


def to_brief(an: StoryAnalysis, config: Config, problems: list[Problem] | None = None) -> Brief:
    """The Brief record of a finished analysis: no analysis here, only assembly."""
    brief = Brief(
        articles=an.articles + an.skipped,
        sentences=an.sentences,
        summary=an.summary,
        agreements=an.agreements,
        divergences=an.divergences,
        unique=an.unique,
        quotes=an.quotes,
        timeline=an.timeline,
        entities=an.entity_index.entities,
        syndication=an.syndication,
        problems=list(problems or []),
    )
    brief.meta.update(
        generator=f"storyweave {__version__}",
        generated=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        words=config.brief.words,
        timings=dict(an.timings),
        single_source=[
            {"text": a.text, "citations": a.citations, "independent_sources": a.independent_sources}
            for a in an.single_source
        ],
        anchors={k: {"date": v[0].isoformat(), "inferred": v[1]} for k, v in an.anchors.items()},
    )
    return brief


def _usable(articles: list[Article], config: Config) -> tuple[list[Article], list[Article]]:
    """Articles in the analysis language go in; others are kept in the brief, marked, not analysed."""
    usable, other = [], []
    for a in articles:
        if not is_analysis_language(a.language, config.clean.language):
            a.meta["skipped"] = f"language '{a.language}': left out of the {config.clean.language}-only analysis"
            logger.warning("%s: %s", a.id, a.meta["skipped"])
            other.append(a)
        else:
            usable.append(a)
    return usable, other


def _cores() -> int:
    """The cores this process may run on: its CPU affinity, and a container's CPU quota
    (cgroup v2 ``cpu.max``) when it allows fewer."""
    import math
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        quota, period = open("/sys/fs/cgroup/cpu.max", encoding="ascii").read().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cores
