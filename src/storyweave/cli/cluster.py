"""``storyweave cluster INPUT... [--format jsonl|json] [--db PATH] [--engine local|ray]``.

Prints one JSON line per article ``{id, story}`` (``copy_of`` when it is a near-copy) and a
table of stories (size, outlets, dates, title) on stderr, or on stdout with ``--table``.
Without ``--db`` the input is clustered as one batch; with ``--db`` the articles are stored
and join the stories already there.
"""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    from ..engines import add_engine_arguments

    p = sub.add_parser("cluster", help="group articles into stories (one real-world event each)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or URLs the readers accept")
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl", help="output format (default jsonl)")
    p.add_argument("--db", metavar="PATH", help="SQLite file or postgresql:// URL: store and cluster incrementally")
    add_engine_arguments(p)
    p.add_argument("--table", action="store_true", help="print the story table on stdout instead of the assignments")
    p.add_argument("--storylines", action="store_true",
                   help="also link stories that continue each other into storylines (kept in the store with --db)")
    p.set_defaults(func=run)


def run(args, config) -> int:
    from ..engines import engine_from_args
    from ..engines.stages import read_parallel
    from ..model import Article, Problem
    from ..stories import StoryIndex, cluster_articles
    from ..stories.storylines import link_storylines, link_stored, storyline_of, storyline_table
    from . import report_problems

    engine = engine_from_args(args)
    try:
        if args.db:
            from ..store import open_store
            from ..stories.assign import ingest

            with open_store(args.db) as store:
                rep = ingest(read_parallel(args.inputs, config, engine), store, config, engine)
                ids = list(rep.stored_as)
                assignments, problems = rep.assignments, rep.problems
                copies: dict[str, str] = {}  # marked inside the index; not re-reported here
                stories = [store.get_story(sid) for sid in sorted(set(assignments.values()))]
                table = story_table([_row_of(s) for s in stories if s is not None])
                lines = link_stored(store, config.stories) if args.storylines else []
        else:
            arts, problems = [], []
            for x in read_parallel(args.inputs, config, engine):
                (arts if isinstance(x, Article) else problems).append(x)
            # cleaned at ingest with config.clean (the article step), so clustered as read
            index = StoryIndex(config.stories)
            result = cluster_articles(arts, config.stories, engine, index=index)
            lines = link_storylines(index) if args.storylines else []
            ids = [a.id for a in arts]
            assignments, copies = result.assignments, result.copies
            problems = problems + result.problems
            table = story_table([_row_of(s) for s in result.stories])
    finally:
        engine.close()
    report_problems([p for p in problems if isinstance(p, Problem)], quiet=args.quiet)
    if args.storylines:
        table += "\n\n" + storyline_table(lines)
    line_of = storyline_of(lines)
    records = []
    for aid in ids:
        rec = {"id": aid, "story": assignments.get(aid)}
        if aid in copies:
            rec["copy_of"] = copies[aid]
        if args.storylines:
            rec["storyline"] = line_of.get(assignments.get(aid) or "")
        records.append(rec)
    if args.table:
        print(table)
    else:
        if args.format == "json":
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            for rec in records:
                print(json.dumps(rec, ensure_ascii=False))
        if not args.quiet:
            print(table, file=sys.stderr)
    return 0


def _row_of(s) -> dict:
    """A StorySummary (batch) or a StoryRow (store) as the columns of the table."""
    first, last = s.first_date, s.last_date
    return {"id": s.id, "size": s.size, "outlets": list(s.outlets), "first": str(first or ""),
            "last": str(last or ""), "title": s.title or ""}


def story_table(rows: list[dict], width: int = 60) -> str:
    rows = sorted(rows, key=lambda r: (-r["size"], r["first"], r["id"]))
    head = f"{'story':<13} {'size':>4} {'outlets':<28} {'dates':<23} title"
    lines = [head, "-" * (len(head) + width - 5)]
    for r in rows:
        outlets = ", ".join(r["outlets"][:3]) + (f" +{len(r['outlets']) - 3}" if len(r["outlets"]) > 3 else "")
        span = r["first"] if r["first"] == r["last"] else f"{r['first']}..{r['last']}"
        title = " ".join(r["title"].split())
        lines.append(f"{r['id']:<13} {r['size']:>4} {outlets[:28]:<28} {span or '-':<23} {title[:width]}")
    lines.append(f"{len(rows)} stories, {sum(r['size'] for r in rows)} articles")
    return "\n".join(lines)
