"""Steps and the runner, in the spirit of datatrove's ``PipelineStep``.

A step is a small picklable object: settings in its constructor, models in ``setup``
(once per process or worker), and ``run(analysis) -> analysis`` adding the fields it
declares. The runner checks the order when it is built — a step reading a field no earlier
step adds is an error then, not a silent ``None`` deep in another module — and times each
step.
"""
from __future__ import annotations

import time
from typing import Iterable, Sequence

from ..errors import StoryweaveError
from ..log import logger
from .record import StoryAnalysis

# Fields an analysis has from its construction
INPUTS = frozenset({"articles", "skipped", "same_fact", "cite_bars", "light", "timings"})


class Step:
    name: str = "step"
    reads: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()

    def setup(self, models) -> None:
        """Keep what the step needs of the models; called once before the first run."""

    def run(self, analysis: StoryAnalysis) -> StoryAnalysis:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(reads={list(self.reads)}, adds={list(self.adds)})"


class StepOrderError(StoryweaveError):
    """A step reads a field that no earlier step adds."""


def check_order(steps: Sequence[Step], given: Iterable[str] = INPUTS) -> None:
    known = StoryAnalysis.field_names()
    have = set(given)
    for step in steps:
        for f in (*step.reads, *step.adds):
            if f not in known:
                raise StepOrderError(f"step {step.name}: '{f}' is not a field of StoryAnalysis")
        missing = [f for f in step.reads if f not in have]
        if missing:
            raise StepOrderError(f"step {step.name} reads {', '.join(missing)}, which no earlier step adds")
        have.update(step.adds)


class Steps:
    """An ordered, checked list of steps with their models set up once."""

    def __init__(self, steps: Sequence[Step], models, given: Iterable[str] = INPUTS) -> None:
        check_order(steps, given)
        self.steps = list(steps)
        self.models = models
        self._ready = False

    def setup(self) -> "Steps":
        if not self._ready:
            for step in self.steps:
                step.setup(self.models)
            self._ready = True
        return self

    def run(self, analysis: StoryAnalysis) -> StoryAnalysis:
        self.setup()
        for step in self.steps:
            t0 = time.perf_counter()
            analysis = step.run(analysis)
            analysis.timings[step.name] = round(analysis.timings.get(step.name, 0.0) + time.perf_counter() - t0, 4)
            for f in step.adds:
                if getattr(analysis, f) is None:
                    raise StepOrderError(f"step {step.name} promised '{f}' and did not add it")
        logger.debug("analysis timings: %s", analysis.timings)
        return analysis
