"""``storyweave extract PATH... --format jsonl``: one record per input article, extraction only.

Prints ``{id, url, outlet, title, author, published, language, body}`` per article (``body``
the kept text, paragraphs separated by blank lines; ``--removed`` adds what was cut and
why), so extraction can be used and measured on its own. Every input kind comes out of the
same article step as for ``brief`` (ingest/article.py): the body and removed lines printed
are the ones the brief works from. Unusable inputs are reported on stderr, one line each,
and the rest still printed.
"""
from __future__ import annotations

import json
import sys

FIELDS = ("id", "url", "outlet", "title", "author", "published", "language")


def register(sub) -> None:
    from ..engines import add_engine_arguments

    p = sub.add_parser("extract", help="extract articles from files, folders, feeds, WARCs or URLs; print one record each")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, .warc(.gz), .rss/.atom, .urls, http(s) URLs")
    p.add_argument("--format", choices=["jsonl", "json", "text"], default="jsonl",
                   help="jsonl (default): one JSON object a line; json: one array; text: readable")
    p.add_argument("--removed", action="store_true", help="include what was cut, with the reason")
    p.add_argument("--allow-private", action="store_true",
                   help="allow fetching from loopback/private/link-local addresses (your own network)")
    add_engine_arguments(p)
    p.set_defaults(func=run)


def record(article, with_removed: bool = False) -> dict:
    from ..model import to_plain

    out = {name: to_plain(getattr(article, name)) for name in FIELDS}
    out["body"] = "\n\n".join(article.body)
    if with_removed:
        out["removed"] = [{"text": r.text, "reason": str(r.reason)} for r in article.removed]
    return out


def run(args, config) -> int:
    from . import report_problems
    from ..engines import engine_from_args
    from ..engines.stages import read_parallel
    from ..ingest.html import quiet_extractor_logs
    from ..model import Problem

    if not args.verbose:
        quiet_extractor_logs()
    if args.allow_private:
        config = config.with_overrides({"ingest": {"allow_private": True}}, origin="--allow-private")
    records, problems, count = [], [], 0
    engine = engine_from_args(args)
    # the whole Config: its clean section cleans here exactly as in the brief; pages are
    # extracted on the engine's workers, records come back in input order
    try:
        for item in read_parallel(args.inputs, config, engine):
            if isinstance(item, Problem):
                problems.append(item)
                report_problems([item], args.quiet)
                continue
            count += 1
            rec = record(item, args.removed)
            if args.format == "jsonl":  # streamed: a big archive shows results as it goes
                print(json.dumps(rec, ensure_ascii=False), flush=True)
            else:
                records.append(rec)
    finally:
        engine.close()
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "text":
        for rec in records:
            head = " | ".join(str(rec[k]) for k in ("id", "outlet", "published", "language") if rec[k])
            print(f"== {head}\n{rec['title'] or ''}\n\n{rec['body']}\n")
    # partial success is success (with messages); exit 1 only when nothing could be read
    return 1 if problems and not count else 0
