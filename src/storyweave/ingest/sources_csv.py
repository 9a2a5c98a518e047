"""``sources.csv`` beside the files of a folder: what plain files cannot say themselves.

Columns ``file, outlet, url, published`` (a header row; ``file`` relative to the folder). The
reader states these facts on purpose, so a non-empty cell wins over what was guessed from the
text (an agency credit, a URL's domain). The file itself is no article.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .jsonl import parse_date

NAME = "sources.csv"
FIELDS = ("outlet", "url", "published")


def load(folder: Path) -> dict[str, dict[str, str]]:
    """file (relative to ``folder``, '/'-separated) -> its non-empty cells; {} without the file."""
    path = folder / NAME
    if not path.is_file():
        return {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(str(path), f"cannot read the sources table ({e})") from e
    if rows and "file" not in rows[0]:
        raise InputError(str(path), f"no 'file' column (columns: file, {', '.join(FIELDS)})")
    out = {}
    for row in rows:
        name = (row.get("file") or "").strip().replace("\\", "/")
        if name:
            out[name] = {k: row[k].strip() for k in FIELDS if (row.get(k) or "").strip()}
    return out


def apply(article: Article, path: Path, folder: Path, table: dict[str, dict[str, str]]) -> Article:
    row = table.get(path.relative_to(folder).as_posix())
    if not row:
        return article
    if row.get("outlet"):
        article.outlet = row["outlet"]
    if row.get("url"):
        article.url = row["url"]
    if row.get("published"):
        article.published = parse_date(row["published"]) or article.published
    article.meta["sources_csv"] = ", ".join(sorted(row))
    return article
