"""``storyweave serve``: the newsroom web app and HTTP API over a store."""
from __future__ import annotations

import argparse
import os
import secrets
import sys

from ..config import Config


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="run the web app and HTTP API",
        description="Serve stories and briefs in a browser and an HTTP API (docs at /docs). "
                    "Articles posted to /api/articles are stored, grouped into stories and briefed in the background.",
    )
    p.add_argument("--db", metavar="URL", help="store URL: a SQLite file (default sqlite:///storyweave.db) or postgresql://...")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--token", help="token that write requests must carry (also STORYWEAVE_SERVER_TOKEN); "
                                   "a random one is made and printed when none is given")
    p.add_argument("--protect-reads", action="store_true", default=None, help="ask for the token to read too")
    p.add_argument("--feed-tick", type=float, default=30.0, metavar="SECONDS", help="how often feeds are checked for being due")
    p.add_argument("--no-worker", action="store_true",
                   help="serve only: leave placing articles and building briefs to 'storyweave worker' processes")
    p.add_argument("--log-work", action="store_true", help="one line on stderr per batch placed and brief built")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, config: Config) -> int:
    import uvicorn

    from ..store import open_store
    from ..web import create_app
    from .worker import log_work

    token = args.token or os.environ.get("STORYWEAVE_SERVER_TOKEN") or config.server.token
    generated = not token
    if generated:
        token = secrets.token_urlsafe(24)
    config = config.with_overrides({"server": {
        "db": args.db, "host": args.host, "port": args.port, "token": token, "protect_reads": args.protect_reads,
    }}, origin="command line")
    server = config.server
    store = open_store(server.db)
    log_work(args.log_work)
    app = create_app(config, store, feed_tick_seconds=args.feed_tick, work=not args.no_worker)
    print(f"storyweave: serving {_redact(server.db)} at http://{server.host}:{server.port}/ (API docs at /docs)",
          file=sys.stderr)
    if generated:
        print(f"storyweave: write token for this run: {token}  (set --token or STORYWEAVE_SERVER_TOKEN to keep one)",
              file=sys.stderr)
    try:
        uvicorn.run(app, host=server.host, port=server.port, log_level="warning", access_log=False,
                    server_header=False, timeout_graceful_shutdown=10)
    finally:
        store.close()
    return 0


def _redact(url: str) -> str:
    # never print a database password
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url
