"""``storyweave brief PATH...``: read articles, write the cited cross-source brief.

Markdown to the terminal by default, ``--format json`` for the contract, ``--html FILE`` for a
page a person reads. Unreadable inputs are reported one line each (item and reason) and the
rest go on; the exit status is non-zero only when nothing at all could be read.
"""
from __future__ import annotations

import argparse
import gc
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..config import Config
from ..errors import StoryweaveError
from . import report_problems

if TYPE_CHECKING:
    from ..model import Article, Brief, Problem


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "brief", help="write a cited cross-source brief of articles on one story",
        description="Read articles on one story (files, folders or URLs: .txt, .html, .json, .jsonl) and write "
                    "a brief: summary, agreements, divergences, unique facts, quotes, timeline, entities, "
                    "shared copy and the cleaned articles, every sentence cited.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files, folders of them, or http(s) URLs")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown",
                   help="what to print: Markdown for reading (default) or the JSON contract")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML page to FILE")
    p.add_argument("--words", type=_positive, metavar="N", help="summary length budget in words (default 150)")
    p.add_argument("--out", metavar="FILE", help="write the Markdown/JSON to FILE instead of the terminal")
    p.add_argument("--all", action="store_true",
                   help="the inputs hold several stories: group them first and write a brief per story")
    p.add_argument("--allow-private", action="store_true", default=None,
                   help="allow fetching URLs on loopback or private network addresses")
    p.add_argument("--no-ner", dest="ner", action="store_false", default=None,
                   help="skip spaCy NER: about 3x faster, rougher entities and quote speakers")
    p.add_argument("--llm", metavar="URL",
                   help="rewrite the summary fluently with an OpenAI-compatible model you run (llama.cpp, "
                        "Ollama, vLLM); every model sentence is checked against its sources, unsupported ones dropped")
    p.add_argument("--llm-model", metavar="NAME", default=None, help="model name to ask the --llm endpoint for")
    from ..engines import add_engine_arguments

    add_engine_arguments(p)  # pages read, and with --all stories briefed, in parallel
    from .storyline_brief import iso_date

    p.add_argument("--since", type=iso_date, metavar="DATE",
                   help="list only what is new or changed since DATE (YYYY-MM-DD), with citations")
    p.add_argument("--storyline", metavar="ID", help="the brief of a stored storyline (with --db): what each event added")
    p.add_argument("--db", metavar="PATH", help="the store --storyline reads (SQLite file or postgresql:// URL)")
    p.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of words, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"the summary needs at least 1 word, got {n}")
    return n


def run(args: argparse.Namespace, config: Config) -> int:
    config = config.with_overrides(
        {"brief": {"words": args.words, "ner": args.ner}, "ingest": {"allow_private": args.allow_private}},
        origin="command line",
    )
    if args.since or args.storyline:  # what each event added, or only what is new since a date
        from .storyline_brief import run as run_storyline

        return run_storyline(args, config)
    if not args.paths:
        raise StoryweaveError("give the articles to brief: files, folders or URLs")
    quiet = bool(getattr(args, "quiet", False))
    from ..engines import engine_from_args
    from ..nlp.models import Models

    models = Models.shared()
    engine = engine_from_args(args)
    # the briefs are written here, unless --all hands the stories to an engine's workers
    here = not (args.all and (getattr(engine, "workers", 1) > 1 or engine.name != "local"))
    if here and config.brief.ner:
        models.start_ner_process()  # spaCy loads in a helper process while the articles are read
    try:
        with _one_shot_settings():
            return _run(args, config, quiet, engine)
    finally:
        engine.close()
        models.close()


@contextmanager
def _one_shot_settings() -> Iterator[None]:
    """Settings for the command's run, restored after (tests call commands in-process):

    - young GC collections every 100,000 allocations, not 700: importing and loading allocate
      millions of objects that live to the end (~3 % of a one-shot brief's CPU);
    - one BLAS thread: the brief's matrix products are small, and OpenBLAS's second thread
      only spins waiting for work (~0.25 s of a one-shot brief's CPU, the same wall time;
      measured alternately).
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, *thresholds[1:])
    try:
        from threadpoolctl import threadpool_limits

        limits = threadpool_limits(1, user_api="blas")
    except ImportError:  # pragma: no cover - installed with scipy's stack
        limits = None
    try:
        yield
    finally:
        if limits is not None:
            limits.restore_original_limits()
        gc.set_threshold(*thresholds)


def _run(args: argparse.Namespace, config: Config, quiet: bool, engine) -> int:
    articles, problems = _read(args.paths, config, engine)
    report_problems(problems, quiet)
    if not articles:
        raise StoryweaveError(
            f"nothing could be read from {', '.join(args.paths)} "
            f"({len(problems)} input{'s' if len(problems) != 1 else ''} skipped, reasons above): "
            "give text, HTML or JSON articles"
        )
    briefs = _briefs(articles, problems, config, quiet, engine) if args.all else [_brief_one(articles, problems, config)]
    if not args.all and not quiet:
        _warn_if_unrelated(briefs[0])
    if args.llm:
        for b in briefs:
            _fuse(b, args, config)
    _emit(briefs, problems, args, quiet)
    return 0


# ---- stages ------------------------------------------------------------------------------------

def _read(paths: list[str], config: Config, engine=None) -> tuple[list[Article], list[Problem]]:
    from ..engines.stages import read_parallel
    from ..log import progress
    from ..model import Article

    articles, problems = [], []
    with progress("Reading articles") as advance:
        # the whole Config: its [clean] section cleans at ingest, as the brief's own Clean step would
        for item in read_parallel(paths, config, engine):
            (articles if isinstance(item, Article) else problems).append(item)
            advance()
    return articles, problems


def _brief_one(articles: list[Article], problems: list[Problem], config: Config) -> Brief:
    from ..log import progress
    from ..pipeline import Pipeline

    with progress("Writing the brief", total=1) as advance:
        brief = Pipeline(config).brief(articles, problems)
        advance()
    return brief


def _briefs(articles: list[Article], problems: list[Problem], config: Config, quiet: bool, engine=None) -> list[Brief]:
    """--all: stories first (largest first), then one brief per story, in parallel on the
    engine's workers, each keeping one pipeline (models load once per worker)."""
    from ..engines.stages import BriefStage
    from ..log import progress

    groups = _stories(articles, config, quiet, engine)
    out = []
    with progress("Writing briefs", total=len(groups)) as advance:
        # input problems are reported once, not per story
        for brief in (engine.map(BriefStage(config), groups) if engine else map(BriefStage(config), groups)):
            out.append(brief)
            advance()
    return out


def _stories(articles: list[Article], config: Config, quiet: bool, engine=None) -> list[list[Article]]:
    from ..stories import cluster_articles

    # articles from read_inputs are cleaned already (with config.clean): no prepare step here
    clustering = cluster_articles(articles, config.stories, engine)
    report_problems(clustering.problems, quiet)
    by_id = {a.id: a for a in articles}
    groups: dict[str, list[Article]] = {}
    for article_id, story_id in clustering.assignments.items():
        if article_id in by_id:
            groups.setdefault(story_id, []).append(by_id[article_id])
    if not groups:
        raise StoryweaveError("no stories could be formed from the articles read (reasons above)")
    # the biggest story first: it is the one a reader of many inputs most likely wants
    return sorted(groups.values(), key=len, reverse=True)


def _warn_if_unrelated(brief: Brief) -> None:
    """Several articles and not one fact in common: probably not one story."""
    analysed = [a for a in brief.articles if not a.meta.get("skipped")]
    if len(analysed) >= 2 and not brief.agreements and not brief.divergences and not brief.meta.get("single_source"):
        print(f"storyweave: note: the {len(analysed)} articles share no reported fact; they may be different "
              "stories (use --all to group them first)", file=sys.stderr)


def _fuse(brief: Brief, args: argparse.Namespace, config: Config) -> None:
    """Model-written summary; each sentence verified against the source sentences it cites."""
    from ..llm import ChatClient, fuse
    from ..model import to_plain
    from ..nlp.models import Models

    with ChatClient(args.llm, args.llm_model) as client:
        result = fuse(brief.summary, client, Models.shared().embedder, config.brief.words)
    brief.summary = result.sentences
    brief.meta["summary_unsupported"] = to_plain(result.unsupported)


# ---- output ------------------------------------------------------------------------------------

def _emit(briefs: list[Brief], problems: list[Problem], args: argparse.Namespace, quiet: bool) -> None:
    from ..render.json import SCHEMA_VERSION, brief_to_dict, dumps
    from ..render.markdown import render_markdown

    dicts = [brief_to_dict(b) for b in briefs]
    if args.format == "json":
        if args.all:
            doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "stories": dicts,
                                   "problems": [{"item": p.item, "reason": p.reason} for p in problems]}
            text = dumps(doc) + "\n"
        else:
            text = dumps(dicts[0]) + "\n"
    elif args.all:
        text = "\n---\n\n".join(
            f"_Story {i} of {len(dicts)}_\n\n{render_markdown(d)}" for i, d in enumerate(dicts, 1)
        )
    else:
        text = render_markdown(dicts[0])
    if args.out:
        _write(args.out, text, "brief", quiet)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if args.html:
        from ..render.html import render_html, render_html_stories

        page = render_html_stories(dicts) if args.all else render_html(dicts[0])
        _write(args.html, page, "HTML brief", quiet)


def _write(path: str, text: str, what: str, quiet: bool) -> None:
    target = Path(path)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        raise StoryweaveError(f"cannot write the {what} to {target}: {e.strerror or e}") from e
    if not quiet:
        print(f"storyweave: wrote {what} to {target}", file=sys.stderr)
