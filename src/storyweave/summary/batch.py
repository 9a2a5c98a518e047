"""Raw cluster lines and texts -> summaries, models loaded once (``storyweave summarize``,
``eval summaries``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..analysis import StoryAnalysis, prepare
from ..config import Config, SummaryConfig
from ..model import Article, SummarySentence

if TYPE_CHECKING:
    from ..nlp.models import Models


def cluster_row(line: str, n: int) -> tuple[str, list[str], dict]:
    """One ``{id, documents[]}`` JSONL line -> (id, non-empty document texts, the row).

    Raises ValueError (JSON), KeyError or TypeError on a malformed line; callers decide
    whether that skips the line (``summarize``) or stops the run (the evaluation).
    """
    import json

    row = json.loads(line)
    docs = [d for d in row["documents"] if isinstance(d, str) and d.strip()]
    return str(row.get("id", n)), docs, row


class Summarizer:
    """Raw texts -> summary, with models loaded once for a whole batch of clusters.

    ``light`` (the default here): the summarizer's own analysis path, without the brief's
    pairwise stages (see ``analysis.preparation``); ``light=False`` summarizes exactly as the
    brief does.
    """

    def __init__(
        self, models: "Models", config: Config, params: SummaryConfig | None = None, light: bool = True,
    ) -> None:
        self.models = models
        self.config = config
        self.params = params or config.summary
        self.light = light

    def warm(self) -> None:
        """Load the models and the modules a first cluster would import, so that per-cluster
        timings do not include one-off loading."""
        import dateutil.parser  # noqa: F401  (the cleaner parses datelines)
        import scipy.cluster.hierarchy  # noqa: F401
        import scipy.sparse  # noqa: F401

        from .. import analysis  # noqa: F401
        from .solver import warm

        warm()  # the exact selection's compiled search: loaded once, used for every cluster

        self.models.embedder

    def analyse(self, cluster_id: str, documents: Sequence[str]) -> StoryAnalysis:
        articles = [Article(id=f"{cluster_id}-{k}", text=d) for k, d in enumerate(documents)]
        return prepare(articles, self.models, self.config, light=self.light)

    def from_texts(self, cluster_id: str, documents: Sequence[str], words: int, fill: bool = False) -> list[SummarySentence]:
        from . import summarize

        return summarize(self.analyse(cluster_id, documents), words, self.config, self.params, fill=fill)
