"""``storyweave eval extraction|stories|summaries``: each evaluation lives in storyweave.eval.*."""
from __future__ import annotations

import importlib

EVALS = ["extraction", "stories", "storylines", "summaries", "divergences", "briefs", "dates", "metadata"]


def register(sub) -> None:
    p = sub.add_parser("eval", help="measure quality against gold data (extraction, stories, summaries)")
    evsub = p.add_subparsers(dest="evaluation", metavar="WHAT")
    for name in EVALS:
        try:
            module = importlib.import_module(f"storyweave.eval.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"storyweave.eval.{name}":
                continue
            raise
        module.register(evsub)
    p.set_defaults(func=lambda args, config: p.print_help() or 2)
