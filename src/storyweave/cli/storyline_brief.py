"""``storyweave brief --storyline ID --db PATH [--since DATE]`` and ``storyweave brief PATH...
--since DATE``: what each event of a stored storyline added and changed, or only what is new
or changed since a date, every line with its citations (article ids).

Steps: read the articles (the storyline's stories from the store, or the paths) -> one brief
over all of them (agreements, divergences and unique facts across events) -> the steps of
``web/storyline.py`` (what each article added first; a value unlike an earlier one is an
update) -> kept only from ``--since`` on -> grouped by event for a storyline -> Markdown or
JSON.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict

from ..config import Config
from ..errors import StoryweaveError


def iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2019-01-20, got {value!r}") from None


def run(args: argparse.Namespace, config: Config) -> int:
    from ..pipeline import Pipeline
    from ..render.json import brief_to_dict
    from ..web.storyline import by_event, since, storyline
    from . import report_problems
    from .brief import _read

    quiet = bool(getattr(args, "quiet", False))
    story_of: dict[str, str] | None = None
    titles: dict[str, str] = {}
    if args.storyline and args.paths:
        raise StoryweaveError("--storyline reads its articles from the store: give it without article paths")
    if args.storyline:
        articles, problems, story_of, titles = _stored(args.storyline, args.db)
    else:
        if not args.paths:
            raise StoryweaveError("give article paths, or --storyline ID --db PATH")
        articles, problems = _read(args.paths, config)
    report_problems(problems, quiet)
    if not articles:
        raise StoryweaveError("nothing could be read to write a brief of (reasons above)")
    steps = storyline(brief_to_dict(Pipeline(config).brief(articles, problems)))
    if args.since:
        steps = since(steps, args.since)
    head = f"Storyline {args.storyline}" if args.storyline else f"{len(articles)} articles"
    head += f": new or changed since {args.since}" if args.since else ": what each event added and changed"
    if story_of is not None:
        events = by_event(steps, story_of, titles)
        doc = {"storyline": args.storyline, "since": args.since, "events": [asdict(e) for e in events]}
        text = _events_markdown(head, events)
    else:
        doc = {"since": args.since, "articles": [asdict(s) for s in steps]}
        text = _steps_markdown(head, steps)
    out = json.dumps(doc, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else text
    if args.out:
        from .brief import _write

        _write(args.out, out, "storyline brief", quiet)
    else:
        sys.stdout.write(out)
    return 0


def _stored(storyline_id: str, db: str | None):
    from ..store import open_store
    from ..store.storylines import storyline_events

    if not db:
        raise StoryweaveError("--storyline reads a store: give --db PATH (the one storyweave cluster --storylines wrote)")
    with open_store(db) as store:
        events = storyline_events(store, storyline_id)
        if not events:
            raise StoryweaveError(f"no storyline '{storyline_id}' in {db}: run  storyweave cluster --storylines --db {db}")
        articles, story_of, titles = [], {}, {}
        for e in events:
            row = store.get_story(e["story"])
            titles[e["story"]] = row.title if row and row.title else e["story"]
            for a in store.iter_articles(e["story"]):
                articles.append(a)
                story_of[a.id] = e["story"]
    return articles, [], story_of, titles


def _cite(ids: list[str]) -> str:
    return " [" + ", ".join(ids) + "]" if ids else ""


def _events_markdown(head: str, events) -> str:
    lines = [f"# {head}", ""]
    for e in events:
        if not (e.added or e.changed):
            continue
        lines.append(f"## {e.first_date or 'undated'} · {' '.join(e.title.split())} ({e.story_id})")
        lines += [f"- {'Updated' if c['kind'] == 'update' else 'Outlets differ'}: {c['about']}: {c['before']} → "
                  f"**{c['now']}**{_cite(c['citations'])}" for c in e.changed]
        lines += [f"- {a['text']}{_cite(a['citations'])}" for a in e.added]
        lines.append("")
    if len(lines) == 2:
        lines.append("Nothing new or changed.")
    return "\n".join(lines) + "\n"


def _steps_markdown(head: str, steps) -> str:
    lines = [f"# {head}", ""]
    for s in steps:
        lines.append(f"## {s.published or 'undated'} · {s.outlet}: {' '.join(s.title.split())} ({s.article_id})")
        lines += [f"- Changed: {c['about']}: {c['before']} → **{c['now']}**{_cite(ids)}"
                  for c, ids in zip(s.changed, s.changed_cited)]
        lines += [f"- {t}{_cite(ids)}" for t, ids in zip(s.added, s.cited)]
        lines.append("")
    if len(lines) == 2:
        lines.append("Nothing new or changed.")
    return "\n".join(lines) + "\n"
