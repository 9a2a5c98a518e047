"""``storyweave ingest INPUT... --db PATH``: read, clean, store, and assign to stories.

Reading (page extraction, cleaning) and featurising run on the engine (``--engine
local|ray``, ``--workers N``), in one task per batch of inputs (``engines.featured``);
storing and placing in stories run here, in input order, so every engine gives the same
stories. The briefs of the stories the run touched are asked
for through the store: ``storyweave worker`` processes (or a ``storyweave serve`` on the
same store) build them, in parallel when there are several.
"""
from __future__ import annotations


def register(sub) -> None:
    from ..engines import add_engine_arguments

    p = sub.add_parser("ingest", help="store articles and add them to stories incrementally")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or URLs the readers accept")
    p.add_argument("--db", metavar="PATH", default=None, help="SQLite file or postgresql:// URL (default: [server] db)")
    add_engine_arguments(p)
    p.add_argument("--no-briefs", dest="briefs", action="store_false",
                   help="do not ask for the touched stories' briefs to be rebuilt (by storyweave worker / serve)")
    p.set_defaults(func=run)


def run(args, config) -> int:
    from ..engines import engine_from_args
    from ..engines.featured import ingest_featured, warm

    engine = engine_from_args(args)
    try:
        # a pool's workers get ready on the other core while this one imports the store (~0.3 s
        # of SQLAlchemy) and opens it
        warm(engine, config)
        from ..store import open_store
        from ..store.work import BRIEF, WorkQueue

        with open_store(args.db or config.server.db) as store:
            rep = ingest_featured(args.inputs, store, config, engine)
            total = store.count_articles()
            if args.briefs:
                WorkQueue(store).add(BRIEF, stale_briefs(store, set(rep.assignments.values())))
    finally:
        engine.close()
    from . import report_problems

    report_problems(rep.problems, quiet=args.quiet)
    print(
        f"read {rep.read}, stored {rep.stored} new ({rep.already_stored} already stored); "
        f"{rep.joined} joined existing stories, {rep.new_stories} new stories, {rep.copies} near-copies"
        + (f", {rep.unclustered} without a story" if rep.unclustered else "")
        + f"; {total} articles in the store"
    )
    return 0


def stale_briefs(store, story_ids: set[str]) -> list[str]:
    """The stories whose brief is missing or covers another number of articles than they hold."""
    stale = []
    for sid in sorted(story_ids):
        row, brief = store.get_story(sid), store.get_brief(sid)
        if row is not None and row.size and (brief is None or len(brief.get("articles", [])) != row.size):
            stale.append(sid)
    return stale
