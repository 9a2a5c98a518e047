"""Ingest throughput: HTML pages/s (storyweave vs trafilatura, same pages, same run) and
WARC MB/s with peak memory on a >=1,000-record archive this script builds itself.

Prints numbers only; never passes or fails on time.

    python bench/bench_ingest.py [--pages N] [--records 1000] [--workers 2]
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "article-extraction-benchmark"


def load_pages(limit: int | None) -> list[str]:
    paths = sorted((BENCH / "html").glob("*.html.gz"))[:limit]
    return [gzip.open(p, "rt", encoding="utf-8").read() for p in paths]


def _storyweave(html: str) -> int:
    from storyweave.ingest.html import extract

    ex = extract(html)
    return len(ex.text) if ex else 0


def _trafilatura(html: str) -> int:
    import trafilatura

    return len(trafilatura.extract(html, include_comments=False) or "")


def pages_per_second(fn, pages: list[str], workers: int) -> float:
    start = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_quiet) as pool:
            list(pool.map(fn, pages, chunksize=4))
    else:
        for html in pages:
            fn(html)
    return len(pages) / (time.perf_counter() - start)


def _quiet() -> None:
    from storyweave.ingest.html import quiet_extractor_logs

    quiet_extractor_logs()


def build_warc(path: Path, pages: list[str], records: int) -> None:
    """A gzipped WARC of ``records`` HTML responses (benchmark pages reused under new URLs)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(records):
            body = pages[i % len(pages)].encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://bench.example/{i}", "response",
                                            payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)


def warc_throughput(path: Path, extract: bool) -> tuple[float, int, float]:
    """(MB/s of the archive on disk, records, peak traced MB) for one streaming pass."""
    from storyweave.config import IngestConfig
    from storyweave.ingest import warc

    tracemalloc.start()
    start = time.perf_counter()
    n = 0
    if extract:
        for item in warc.read_file(path, IngestConfig()):
            n += 1
    else:  # the archive walk alone, to show what extraction costs
        from warcio.archiveiterator import ArchiveIterator

        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                rec.content_stream().read()
                n += 1
    secs = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return path.stat().st_size / 1e6 / secs, n, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=None, help="benchmark pages to time (default all 181)")
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args()
    _quiet()
    if not BENCH.is_dir():
        print(f"benchmark pages not found at {BENCH}", file=sys.stderr)
        return 2
    pages = load_pages(args.pages)
    mb = sum(len(p.encode()) for p in pages) / 1e6
    print(f"HTML extraction: {len(pages)} pages ({mb:.1f} MB), {args.workers} worker process(es)")
    sw = pages_per_second(_storyweave, pages, args.workers)
    tf = pages_per_second(_trafilatura, pages, args.workers)
    print(f"  storyweave   {sw:7.1f} pages/s")
    print(f"  trafilatura  {tf:7.1f} pages/s   (storyweave / trafilatura = {sw / tf:.2f})")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        build_warc(path, pages, args.records)
        size = path.stat().st_size / 1e6
        print(f"WARC: {args.records} records, {size:.1f} MB gzipped, one process")
        raw_mbs, n_raw, peak_raw = warc_throughput(path, extract=False)
        print(f"  warcio walk only          {raw_mbs:7.2f} MB/s  {n_raw} records  peak traced {peak_raw:6.1f} MB")
        mbs, n, peak = warc_throughput(path, extract=True)
        print(f"  storyweave read + extract {mbs:7.2f} MB/s  {n} articles  peak traced {peak:6.1f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process max RSS {rss:.0f} MB (includes the page list held for the HTML timing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
