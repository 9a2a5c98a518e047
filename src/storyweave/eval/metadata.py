"""``storyweave eval metadata DIR``: page metadata (title, author, publication day, outlet),
storyweave beside its peers, every system given the same HTML and no URL, in one run.

DIR holds Readability-format page folders: ``<id>/source.html`` and
``<id>/expected-metadata.json`` (``title``, ``byline``, ``siteName``, ``publishedTime``).
A field is scored only on pages whose gold has it; a value given where the gold has none is
counted apart (``extra``) and is not an error (the gold is often silent, not negative).

Matching rules (both sides normalised: Unicode NFKC, case folded, whitespace collapsed):

- **title**: equal, or equal after taking off the site-name segments at either end (the
  text split at `` | ``, `` - ``, `` – ``, `` — ``, ``_``, `` :: ``, `` · ``) of either side,
  as long as what is kept is at least 40% of the longer title (a bare site name is no title);
- **author**: at least half of the predicted name's words (letter runs, without "by")
  appear in the gold byline, and at least one does;
- **day**: the calendar day of the predicted date equals the gold ``publishedTime``'s day
  as written (its own offset, not converted to UTC);
- **outlet**: equal once "the", punctuation and a trailing domain suffix are taken off, or
  the words of one are all words of the other.

``--split tune|held-out|all``: page folder names sorted, first half = tune, second = held-out.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import InputError

FIELDS = ("title", "author", "day", "outlet")
_TITLE_SEP = re.compile(r"\s+[|\-–—:·»/]{1,2}\s+|_")
_LETTERS = re.compile(r"[^\W\d_]+")
_AUTHOR_FILLER = {"by", "von", "par", "por", "and", "und", "et", "y", "written", "edited"}
_DOMAIN_SUFFIX = re.compile(r"\.(com|org|net|co\.uk|co|fr|de|cz|es|it|jp|cn|ru|io|news)$")
_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def norm(text) -> str:
    if isinstance(text, (list, tuple)):  # a peer may hand back several values (goose3's site names)
        text = ", ".join(str(t) for t in text if t)
    elif text is not None and not isinstance(text, str):
        text = str(text)
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


# ---- matching ---------------------------------------------------------------------------------

def _title_variants(title: str) -> set[str]:
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    out = {title}
    for i in range(1, len(parts)):
        out.add(" ".join(parts[:i]))
        out.add(" ".join(parts[i:]))
    return {re.sub(r"\W+", " ", v).strip() for v in out}


def title_match(pred: str | None, gold: str | None) -> bool:
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return False
    longest = max(len(p), len(g))
    return any(len(v) >= 0.4 * longest for v in _title_variants(p) & _title_variants(g) if v)


def author_words(text: str | None) -> list[str]:
    return [w for w in _LETTERS.findall(norm(text)) if w not in _AUTHOR_FILLER]


def author_match(pred: str | None, gold: str | None) -> bool:
    p, g = author_words(pred), set(author_words(gold))
    hits = sum(w in g for w in p)
    return hits >= 1 and hits * 2 >= len(p)


def gold_day(value: str | None) -> dt.date | None:
    m = _DAY.search(value or "")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def day_match(pred: dt.date | None, gold: str | None) -> bool:
    return pred is not None and pred == gold_day(gold)


def _outlet_key(text: str | None) -> tuple[str, set[str]]:
    t = _DOMAIN_SUFFIX.sub("", norm(text).removeprefix("www."))
    words = [w for w in re.findall(r"\w+", t) if w != "the"]
    return "".join(words), set(words)


def outlet_match(pred: str | None, gold: str | None) -> bool:
    (pc, pw), (gc, gw) = _outlet_key(pred), _outlet_key(gold)
    if not pc or not gc:
        return False
    return pc == gc or pw <= gw or gw <= pw


MATCH: dict[str, Callable[[object, str | None], bool]] = {
    "title": title_match, "author": author_match, "day": day_match, "outlet": outlet_match,
}
GOLD_KEY = {"title": "title", "author": "byline", "day": "publishedTime", "outlet": "siteName"}


# ---- systems: html -> {field: value or None} -----------------------------------------------------

def _parse(value) -> dt.date | None:
    from ..ingest.jsonl import parse_date

    return parse_date(value) if value else None


def storyweave_system(html: str) -> dict:
    """The whole ingest path (extraction, the article step): a refused page scores nothing."""
    from ..ingest.article import ArticleStep
    from ..model import Article

    art = ArticleStep()(Article(id="page", html=html))
    if not isinstance(art, Article):
        return {**dict.fromkeys(FIELDS), "refused": art.reason}
    return {"title": art.title, "author": art.author, "day": art.published, "outlet": art.outlet}


def trafilatura_system(html: str) -> dict:
    import trafilatura

    doc = trafilatura.extract_metadata(html)
    if doc is None:
        return dict.fromkeys(FIELDS)
    return {"title": doc.title, "author": doc.author, "day": _parse(doc.date), "outlet": doc.sitename}


def htmldate_system(html: str) -> dict:
    from htmldate import find_date

    return {"day": _parse(find_date(html, original_date=True))}


def newspaper_system(html: str) -> dict:
    from newspaper import Article as NpArticle

    # fetch_images=False: newspaper4k otherwise downloads the top image to size it (no network here)
    art = NpArticle("http://example.invalid/", fetch_images=False)
    art.download(input_html=html)
    art.parse()
    return {"title": art.title, "author": ", ".join(art.authors) or None,
            "day": art.publish_date.date() if art.publish_date else None,
            "outlet": getattr(art, "meta_site_name", None) or (art.meta_data.get("og") or {}).get("site_name")}


def goose_system(html: str) -> dict:
    from goose3 import Goose

    with Goose({"enable_image_fetching": False}) as g:  # nothing is fetched, as for every system
        art = g.extract(raw_html=html)
    return {"title": art.title, "author": ", ".join(art.authors) or None,
            "day": _parse(art.publish_date),
            "outlet": getattr(art, "site_name", None) or (art.opengraph or {}).get("site_name")}


SYSTEMS: dict[str, Callable[[str], dict]] = {
    "storyweave": storyweave_system, "trafilatura": trafilatura_system, "htmldate": htmldate_system,
    "newspaper4k": newspaper_system, "goose3": goose_system,
}
_MODULE = {"newspaper4k": "newspaper", "goose3": "goose3", "htmldate": "htmldate"}
_FIELDS_OF = {"htmldate": ("day",)}  # a system that reads only some fields is scored on those


def available_systems() -> list[str]:
    import importlib.util

    return [s for s in SYSTEMS if s not in _MODULE or importlib.util.find_spec(_MODULE[s]) is not None]


# ---- the run ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Page:
    id: str
    html: str
    gold: dict


@dataclass(slots=True)
class Result:
    system: str
    right: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    extra: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict = field(default_factory=lambda: {f: [] for f in FIELDS})
    fields: set = field(default_factory=set)
    refused: list = field(default_factory=list)  # (page id, reason): pages the system would not read
    errors: list = field(default_factory=list)  # (page id, exception): pages the system crashed on
    seconds: float = 0.0

    def summary(self) -> dict:
        out = {"system": self.system, "seconds": round(self.seconds, 2), "refused": len(self.refused),
               "errors": len(self.errors)}
        for f in FIELDS:
            if f in self.fields:
                out[f] = self.right[f] / self.total[f] if self.total[f] else None
                out[f + "_pages"] = self.total[f]
                out[f + "_extra"] = self.extra[f]
        return out


def split_ids(ids: list[str], split: str) -> list[str]:
    ids = sorted(ids)
    half = len(ids) // 2
    return {"tune": ids[:half], "held-out": ids[half:], "all": ids}[split]


def load_pages(root: Path, split: str = "all") -> list[Page]:
    if not root.is_dir():
        raise InputError(str(root), "not a folder of Readability-format pages (<id>/source.html)")
    ids = [d.name for d in root.iterdir() if (d / "source.html").is_file() and (d / "expected-metadata.json").is_file()]
    if not ids:
        raise InputError(str(root), "no page folders with source.html and expected-metadata.json")
    return [Page(i, (root / i / "source.html").read_text("utf-8", "replace"),
                 json.loads((root / i / "expected-metadata.json").read_text("utf-8")))
            for i in split_ids(ids, split)]


def evaluate(pages: list[Page], systems: list[str] | None = None) -> list[Result]:
    results = []
    for name in systems or available_systems():
        res = Result(name, fields=set(_FIELDS_OF.get(name, FIELDS)))
        start = time.perf_counter()
        for page in pages:
            try:
                with warnings.catch_warnings():  # a peer's warnings about a page's odd date: noise
                    warnings.simplefilter("ignore")
                    pred = SYSTEMS[name](page.html)
            except Exception as e:  # noqa: BLE001 - a peer crashing on a page scores nothing there
                pred = {}
                res.errors.append((page.id, f"{type(e).__name__}: {e}"))
            if pred.get("refused"):
                res.refused.append((page.id, pred["refused"]))
            for f in sorted(res.fields, key=FIELDS.index):
                gold = page.gold.get(GOLD_KEY[f])
                if not (gold or "").strip():
                    res.extra[f] += bool(pred.get(f))
                    continue
                res.total[f] += 1
                if MATCH[f](pred.get(f), gold):
                    res.right[f] += 1
                else:
                    res.misses[f].append((page.id, str(pred.get(f)), gold))
        res.seconds = time.perf_counter() - start
        results.append(res)
    return results


def format_table(rows: list[dict]) -> str:
    head = f"{'system':<12}" + "".join(f"{f:>16}" for f in FIELDS) + f"{'refused':>9}{'seconds':>9}"
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = [f"{r[f]:.3f} ({r[f + '_pages']:>2})" if r.get(f) is not None else "–" for f in FIELDS]
        lines.append(f"{r['system']:<12}" + "".join(f"{c:>16}" for c in cells)
                     + f"{r['refused']:>9}{r['seconds']:>9.1f}")
    return "\n".join(lines)


def run(args, config) -> int:
    from ..ingest.html import quiet_extractor_logs

    quiet_extractor_logs()
    for peer in ("newspaper", "goose3"):  # the peers' own warnings about odd pages: noise here
        logging.getLogger(peer).setLevel(logging.CRITICAL)
    root = Path(args.dir)
    pages = load_pages(root, args.split)
    results = evaluate(pages)
    rows = [r.summary() for r in results]
    if args.format == "json":
        json.dump({"pages": str(root), "split": args.split, "page_count": len(pages), "results": rows,
                   "misses": {r.system: r.misses for r in results} if args.misses else None},
                  sys.stdout, indent=2, default=str, ensure_ascii=False)
        print()
        return 0
    print(f"{len(pages)} pages ({args.split}); accuracy on pages whose gold has the field (their count)")
    print(format_table(rows))
    for r in results:
        if r.errors:
            print(f"{r.system} crashed on {len(r.errors)} page(s), scored wrong there (--misses lists them)")
    if args.misses:
        for r in results:
            for what, items in (("refused", r.refused), ("crashed", r.errors)):
                for pid, reason in items:
                    print(f"  {r.system:<11} {what} {pid:<32} {reason}")
            for f in FIELDS:
                for pid, pred, gold in r.misses[f]:
                    print(f"  {r.system:<11} {f:<7} {pid:<32} got {pred!r:.60}  gold {gold!r:.60}")
    return 0


def register(evsub) -> None:
    p = evsub.add_parser("metadata", help="page title/author/day/outlet accuracy: storyweave vs trafilatura, "
                                          "htmldate, newspaper4k, goose3 (when installed)")
    p.add_argument("dir", help="folder of Readability-format pages: <id>/source.html, <id>/expected-metadata.json")
    p.add_argument("--split", choices=["tune", "held-out", "all"], default="all",
                   help="sorted page ids: first half tune, second half held-out")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--misses", action="store_true", help="list every wrong value")
    p.set_defaults(func=run)
