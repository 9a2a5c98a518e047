"""Command line: ``storyweave <command> ...``.

Each command lives in its own module with ``register(subparsers)``; the module's handler
gets the parsed args and a loaded Config. Heavy imports happen inside handlers so that
``storyweave --help`` stays instant.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ..config import Config
from ..errors import StoryweaveError

COMMANDS = ["brief", "extract", "cluster", "ingest", "summarize", "evaluate", "serve", "worker"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyweave",
        description="Read many news reports of the same events and tell the whole story, every sentence cited.",
    )
    parser.add_argument("--config", metavar="FILE", help="TOML config file (also STORYWEAVE_CONFIG)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.{name}":
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING,
        format="storyweave: %(message)s",
    )
    try:
        config = Config.load(args.config)
        return int(args.func(args, config) or 0)
    except StoryweaveError as e:
        print(f"storyweave: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storyweave: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. piped into head
        return 0


def report_problems(problems, quiet: bool = False) -> None:
    """Print one line per unusable input: the item and the reason."""
    for p in problems:
        if not quiet:
            print(f"storyweave: skipped {p.item}: {p.reason}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
