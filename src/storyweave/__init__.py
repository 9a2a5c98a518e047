"""storyweave: many news reports of the same events -> one cited brief.

Public API::

    from storyweave import Config, Pipeline, read_articles
    articles, problems = read_articles(["stories/"])
    brief = Pipeline(Config()).brief(articles, problems)
"""
__version__ = "0.1.0"

from .config import Config  # noqa: E402
from .ingest import read_articles  # noqa: E402


def __getattr__(name: str):
    # Pipeline pulls numpy/scipy; import it only when asked for
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


__all__ = ["Config", "Pipeline", "read_articles", "__version__"]
