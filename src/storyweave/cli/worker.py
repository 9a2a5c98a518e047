"""``storyweave worker --db URL``: the server's background work without the web tier.

Places stored articles in stories and rebuilds the touched briefs, claiming each item
through the database (store/work.py), so any number of workers and ``storyweave serve``
processes can share one PostgreSQL store. Runs until stopped (SIGTERM, Ctrl-C: the item in
hand is finished, the claims held are given back), or with ``--until-idle`` until no work
is left.
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys

from ..config import Config


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "worker", help="place stored articles in stories and rebuild briefs, without serving",
        description="Do the background work of 'storyweave serve' in its own process: work is claimed "
                    "through the database, so several workers and servers can share one PostgreSQL store.",
    )
    p.add_argument("--db", metavar="URL", help="store URL (default [server] db); several workers need postgresql://")
    p.add_argument("--until-idle", action="store_true", help="exit once no work is waiting or held by others")
    p.add_argument("--lease", type=float, metavar="SECONDS",
                   help="how long a claim outlives a worker that stopped renewing it (default [server] lease_seconds)")
    p.add_argument("--log-work", action="store_true", help="one line on stderr per batch placed and brief built")
    p.set_defaults(func=run)


def log_work(enabled: bool) -> None:
    if enabled:
        work = logging.getLogger("storyweave.work")
        work.setLevel(logging.INFO)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("storyweave: %(message)s"))
        work.addHandler(handler)
        work.propagate = False


def run(args: argparse.Namespace, config: Config) -> int:
    from ..store import open_store
    from ..web.service import Service
    from ..web.worker import BriefWorker

    config = config.with_overrides({"server": {"db": args.db, "lease_seconds": args.lease}}, origin="command line")
    log_work(args.log_work)
    # no web tier to keep responsive: briefs are built in this process
    service = Service.default(config, brief_process=False)
    store = open_store(config.server.db)
    worker = BriefWorker(store, service, config=config.server)

    def stop(signum, _frame) -> None:
        print(f"storyweave: worker stopping ({signal.Signals(signum).name}); finishing the item in hand", file=sys.stderr)
        worker._stop.set()
        worker._wake.set()

    previous = signal.signal(signal.SIGTERM, stop)
    if not args.quiet:
        print(f"storyweave: worker {worker.queue.owner} on {_redact(config.server.db)}", file=sys.stderr)
    try:
        worker.run(recover=True, until_idle=args.until_idle)
    except KeyboardInterrupt:
        pass  # run() gave the claims back on its way out
    finally:
        signal.signal(signal.SIGTERM, previous)
        service.close()
        store.close()
    s = worker.status
    print(f"placed {s.processed_articles} article(s), built {s.briefs_built} brief(s)"
          + (f"; last error: {s.last_error}" if s.last_error else ""))
    return 1 if s.failed_stories else 0


def _redact(url: str) -> str:
    from .serve import _redact as redact

    return redact(url)
