"""``storyweave summarize INPUT.jsonl --words N``: a summary per cluster of raw documents.

Each input line is ``{id, documents[]}`` (raw scraped texts, noise included); each output line
is ``{id, summary, sentences[{text, citations[], model_written}]}`` where ``summary`` holds the
sentences one per line (the form ROUGE-Lsum expects). Batch mode: the models load once for the
whole file, and a bad line is reported and skipped, not fatal.
"""
from __future__ import annotations

import json
import sys
from typing import Iterator, TextIO

from ..errors import StoryweaveError
from ..log import logger, progress
from ..model import Problem


def register(sub) -> None:
    p = sub.add_parser("summarize", help="summaries of clusters of raw documents (JSONL in, JSONL out)",
                       description=__doc__.split("\n\n")[0].replace("``", ""))
    p.add_argument("input", help="JSONL file of {id, documents[]} lines, or - for stdin")
    p.add_argument("--words", type=int, default=None, help="word budget (default: the brief's, 150)")
    p.add_argument("--format", choices=["jsonl", "text"], default="jsonl", help="output format (default jsonl)")
    p.add_argument("--llm", metavar="URL", help="OpenAI-compatible endpoint to rewrite summaries fluently (verified)")
    p.add_argument("--llm-model", metavar="NAME", help="model name to send to the --llm endpoint")
    p.set_defaults(func=run)


def read_clusters(fh: TextIO, name: str) -> Iterator[tuple[str, list[str]] | Problem]:
    from ..summary import cluster_row  # numpy: not at import, so `storyweave --help` stays instant

    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            cid, docs, _ = cluster_row(line, n)
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            yield Problem(f"{name}:{n}", f"not an {{id, documents[]}} line ({type(e).__name__}: {e})")
            continue
        if not docs:
            yield Problem(f"{name}:{n}", f"cluster {cid} has no document text")
            continue
        yield cid, docs


def run(args, config) -> int:
    from ..nlp.models import Models
    from ..summary import Summarizer

    words = args.words or config.brief.words
    if words <= 0:
        raise StoryweaveError(f"--words must be positive, got {words}")
    summarizer = Summarizer(Models.shared(), config)
    summarizer.warm()
    client = None
    if args.llm:
        from ..llm import ChatClient

        client = ChatClient(args.llm, args.llm_model)
    fh = sys.stdin if args.input == "-" else _open(args.input)
    done = failed = 0
    with fh, progress("summarizing", enabled=None) as advance:
        for item in read_clusters(fh, args.input):
            if isinstance(item, Problem):
                print(f"storyweave: skipped {item}", file=sys.stderr)
                failed += 1
                continue
            cid, docs = item
            try:
                sentences, dropped = summarize_one(summarizer, client, cid, docs, words)
            except StoryweaveError:
                raise  # e.g. the LLM endpoint is down: every cluster would fail the same way
            except Exception as e:  # one odd cluster must not end the batch
                logger.debug("cluster %s failed", cid, exc_info=True)
                print(f"storyweave: skipped cluster {cid}: {type(e).__name__}: {e}", file=sys.stderr)
                failed += 1
                continue
            _write(cid, sentences, dropped, args.format)
            done += 1
            advance()
    if client is not None:
        client.close()
    return 0 if done or not failed else 1


def summarize_one(summarizer, client, cid: str, docs: list[str], words: int):
    sentences = summarizer.from_texts(cid, docs, words)
    dropped = []
    if client is not None:
        from ..llm import fuse

        result = fuse(sentences, client, summarizer.models.embedder, words)
        sentences, dropped = result.sentences, result.unsupported
    return sentences, dropped


def _write(cid: str, sentences, dropped, fmt: str) -> None:
    if fmt == "text":
        print(f"# {cid}")
        for s in sentences:
            mark = " (model-written)" if s.model_written else ""
            print(f"{s.text} [{', '.join(s.citations)}]{mark}")
        for d in dropped:
            print(f"  dropped: {d.text}  ({d.reason})")
        print()
    else:
        row = {
            "id": cid,
            "summary": "\n".join(s.text for s in sentences),
            "sentences": [{"text": s.text, "citations": s.citations, "model_written": s.model_written} for s in sentences],
        }
        if dropped:
            row["unsupported"] = [{"text": d.text, "reason": d.reason} for d in dropped]
        print(json.dumps(row, ensure_ascii=False))
    sys.stdout.flush()


def _open(path: str) -> TextIO:
    try:
        return open(path, encoding="utf-8")
    except OSError as e:
        raise StoryweaveError(f"{path}: cannot read ({e.strerror}); give a JSONL file of {{id, documents[]}} lines") from e
