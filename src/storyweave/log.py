"""Library logging (NullHandler; the CLI decides what is shown) and terminal progress."""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from typing import Iterator

logger = logging.getLogger("storyweave")
logger.addHandler(logging.NullHandler())


@contextmanager
def progress(description: str, total: int | None = None, enabled: bool | None = None) -> Iterator:
    """A progress bar on a terminal (stderr), silent when piped. Yields ``advance(n=1)``."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield lambda n=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=True, console=None,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)
