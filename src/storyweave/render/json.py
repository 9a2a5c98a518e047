"""The stable JSON contract of a brief, and its JSON Schema (``brief.schema.json``).

The dict is built field by field rather than with ``dataclasses.asdict`` on purpose: the
model may grow fields for internal use, the contract only grows when we decide so (and
``schema_version`` says which contract a document follows). Every renderer (Markdown, HTML,
the web app) reads this dict, so a stored brief renders exactly like a fresh one.
"""
from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import StoryweaveError
from ..model import Article, Brief, Evidence, Sentence, to_plain

# Bump the minor version when keys are added, the major when a key changes meaning or goes.
# 1.1: evidence on every cited part; divergence kind "update"; speaker may be null. 1.2: a timeline date may be a year
SCHEMA_VERSION = "1.2"
SCHEMA_FILE = "brief.schema.json"


class BriefSchemaError(StoryweaveError):
    """A brief dict does not follow the JSON contract; the message lists every violation."""

    def __init__(self, problems: list[str]):
        shown = problems[:20]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            "brief does not match brief.schema.json (a pipeline bug: please report it):\n  "
            + "\n  ".join(shown) + more
        )
        self.problems = problems


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """A Brief as the plain, JSON-ready dict of the contract (see brief.schema.json)."""
    sentences: dict[str, list[Sentence]] = {}
    for s in brief.sentences:
        sentences.setdefault(s.article_id, []).append(s)
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [_article(a, sentences.get(a.id, [])) for a in brief.articles],
        "summary": [
            {"text": s.text, "citations": list(s.citations), "sentence_ids": list(s.sentence_ids),
             "model_written": s.model_written, "evidence": _evidence(s.evidence)}
            for s in brief.summary
        ],
        "agreements": [
            {"text": a.text, "citations": list(a.citations), "independent_sources": a.independent_sources,
             "sentence_ids": list(a.sentence_ids), "evidence": _evidence(a.evidence)}
            for a in brief.agreements
        ],
        "divergences": [
            {"about": d.about, "kind": d.kind, "attribute": d.attribute,
             "variants": [
                 {"text": v.text, "value": v.value, "citations": list(v.citations),
                  "sentence_ids": list(v.sentence_ids), "sentences": list(v.sentences),
                  "evidence": _evidence(v.evidence)}
                 for v in d.variants
             ]}
            for d in brief.divergences
        ],
        "unique": [
            {"text": u.text, "citations": list(u.citations), "sentence_ids": list(u.sentence_ids),
             "evidence": _evidence(u.evidence)}
            for u in brief.unique
        ],
        "quotes": [
            {"speaker": q.speaker, "text": q.text, "citations": list(q.citations),
             "sentence_ids": list(q.sentence_ids), "evidence": _evidence(q.evidence)}
            for q in brief.quotes
        ],
        "timeline": [
            {"date": t.date, "text": t.text, "citations": list(t.citations),
             "sentence_ids": list(t.sentence_ids), "inferred": t.inferred,
             "evidence": _evidence(t.evidence)}
            for t in brief.timeline
        ],
        "entities": [
            {"name": e.name, "type": e.type, "aliases": list(e.aliases), "citations": list(e.citations),
             "mentions": e.mentions}
            for e in brief.entities
        ],
        "syndication": [
            {"articles": list(s.articles), "shared_text": list(s.shared_text), "overlap": float(s.overlap)}
            for s in brief.syndication
        ],
        "problems": [{"item": p.item, "reason": p.reason} for p in brief.problems],
        "meta": _jsonable(to_plain(brief.meta)),
    }


def _evidence(items: list[Evidence]) -> list[dict[str, str]]:
    return [{"article": e.article, "sentence": e.sentence, "text": e.text} for e in items]


def _article(a: Article, sentences: list[Sentence]) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "published": _iso_date(a.published),
        "url": a.url,
        "author": a.author,
        "language": a.language,
        "body": list(a.body),
        "removed": [{"text": r.text, "reason": str(r.reason), "line": r.line} for r in a.removed],
        # the anchors that citations link to: "<article id>#<n>" per body sentence
        "sentences": [{"id": s.id, "paragraph": s.paragraph, "text": s.text} for s in sentences],
    }


def _iso_date(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # the contract is a calendar date, not a timestamp
        value = value.date()
    return value.isoformat()


def _jsonable(value: Any) -> Any:
    """Whatever a stage left in ``meta``: keep JSON types, stringify the rest (never crash output)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return _jsonable(value.value)
    return str(value)


def dumps(data: dict[str, Any], indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


@lru_cache(maxsize=1)  # a constant file shipped with the package: reading it once changes no result
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the brief dict."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))


def schema_errors(data: Any) -> list[str]:
    """Every violation of the schema as ``path: message`` (empty when the dict is valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    out = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        out.append(f"{where}: {err.message}")
    return out


def reference_errors(data: dict[str, Any]) -> list[str]:
    """What a JSON Schema cannot say: every citation names an article of the brief, and every
    sentence id names one of its sentences (so each citation link in a page has a target)."""
    articles = data.get("articles") or []
    ids = {a.get("id") for a in articles}
    sentence_ids = {s.get("id") for a in articles for s in a.get("sentences") or []}
    out = []
    for part in ("summary", "agreements", "unique", "quotes", "timeline", "entities"):
        for i, item in enumerate(data.get(part) or []):
            out += _dangling(f"{part}/{i}", item, ids, sentence_ids)
    for i, d in enumerate(data.get("divergences") or []):
        for j, v in enumerate(d.get("variants") or []):
            out += _dangling(f"divergences/{i}/variants/{j}", v, ids, sentence_ids)
    for i, s in enumerate(data.get("syndication") or []):
        out += [f"syndication/{i}/articles: unknown article {a!r}" for a in s.get("articles", []) if a not in ids]
    return out


def _dangling(where: str, item: dict[str, Any], ids: set, sentence_ids: set) -> list[str]:
    out = [f"{where}/citations: unknown article {c!r}" for c in item.get("citations", []) if c not in ids]
    if sentence_ids:  # a brief without sentences (hand-made, or sentences not exported) has no anchors
        out += [f"{where}/sentence_ids: unknown sentence {s!r}" for s in item.get("sentence_ids", [])
                if s not in sentence_ids]
    evidence = item.get("evidence")
    if evidence:  # each citation rests on a sentence of that very outlet, and only on such
        cited = set(item.get("citations", []))
        backed = {e.get("article") for e in evidence}
        out += [f"{where}/evidence: no sentence for the citation {c!r}" for c in sorted(cited - backed)]
        out += [f"{where}/evidence: sentence of {a!r}, which is not cited" for a in sorted(backed - cited)]
        for e in evidence:
            sid = e.get("sentence", "")
            if sentence_ids and sid not in sentence_ids:
                out.append(f"{where}/evidence: unknown sentence {sid!r}")
            elif not sid.startswith(f"{e.get('article')}#"):
                out.append(f"{where}/evidence: sentence {sid!r} is not of article {e.get('article')!r}")
    return out


def validate(data: Any) -> None:
    """Raise BriefSchemaError listing every violation when ``data`` breaks the contract:
    the schema first, then (for a dict of the right shape) the cross-references."""
    problems = schema_errors(data)
    if not problems:
        problems = reference_errors(data)
    if problems:
        raise BriefSchemaError(problems)
