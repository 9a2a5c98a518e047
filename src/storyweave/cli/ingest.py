"""``storyweave ingest INPUT... --db PATH``: read, clean, store, and assign to stories."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("ingest", help="store articles and add them to stories incrementally")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or URLs the readers accept")
    p.add_argument("--db", metavar="PATH", default=None, help="SQLite file or postgresql:// URL (default: [server] db)")
    p.add_argument("--engine", choices=["local", "ray"], default="local", help="where featurising runs")
    p.add_argument("--ray-address", metavar="ADDR", help="Ray cluster to join (default: RAY_ADDRESS or a local Ray)")
    p.set_defaults(func=run)


def run(args, config) -> int:
    from ..ingest import read_inputs
    from ..store import open_store
    from ..stories.assign import ingest
    from . import report_problems
    from .cluster import make_engine

    engine = make_engine(args)
    try:
        with open_store(args.db or config.server.db) as store:
            rep = ingest(read_inputs(args.inputs, config), store, config, engine)
            total = store.count_articles()
    finally:
        engine.close()
    report_problems(rep.problems, quiet=args.quiet)
    print(
        f"read {rep.read}, stored {rep.stored} new ({rep.already_stored} already stored); "
        f"{rep.joined} joined existing stories, {rep.new_stories} new stories, {rep.copies} near-copies"
        + (f", {rep.unclustered} without a story" if rep.unclustered else "")
        + f"; {total} articles in the store"
    )
    return 0
