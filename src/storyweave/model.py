"""Typed records that flow through the pipeline.

sources -> Article (raw) -> Article (cleaned: body + removed) -> Sentence -> facts -> Brief.
Records are small slotted dataclasses: cheap, picklable (the Ray engine ships them) and
easy to serialise. Anything a stage wants to attach that is not a first-class field goes
into ``meta``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Reason(str, Enum):
    """Why a line was removed from an article. One vocabulary for text and HTML cleaning."""

    TITLE = "title"
    DATELINE = "dateline"
    BYLINE = "byline"
    NAVIGATION = "navigation"
    RELATED = "related-articles list"
    HEADLINES = "headline of another story"
    CAPTION = "image caption or credit"
    VIDEO = "video player notice"
    COMMENT_FORM = "comment form"
    SUBHEADING = "subheading"
    FOREIGN = "text in another language"
    DUPLICATE = "repeated line"
    SOCIAL = "share or follow prompt"
    ADVERT = "advertisement"
    LEGAL = "cookie, copyright or legal notice"
    NEWSLETTER = "newsletter or subscription prompt"
    BOILERPLATE = "page boilerplate"
    CORRECTION = "correction notice"
    NOTICE = "site notice (error page, web archive, widget)"

    def __str__(self) -> str:  # so f-strings and JSON show the readable value
        return self.value


@dataclass(slots=True)
class Removed:
    text: str
    reason: str  # a Reason value; str so that readers may add finer reasons
    line: int | None = None  # 0-based line index in the raw text, when known


@dataclass(slots=True)
class Article:
    id: str
    text: str = ""  # raw text as read (for HTML: the extracted text before cleaning)
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    language: str | None = None
    source: str | None = None  # where it was read from (path, URL, warc record)
    html: str | None = None
    body: list[str] = field(default_factory=list)  # kept paragraphs, after cleaning
    removed: list[Removed] = field(default_factory=list)
    cleaned: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Short human name: outlet if known, else the id."""
        return self.outlet or self.id


@dataclass(slots=True)
class Problem:
    """An input that could not be used, with the reason. Reported, never raised past the batch."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(slots=True)
class Sentence:
    id: str  # "<article id>#<index>": the anchor citations link to
    article_id: str
    index: int  # position in the article's body sentences
    paragraph: int
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


# ---- the brief -------------------------------------------------------------------------

@dataclass(slots=True)
class Evidence:
    """For one cited outlet, the sentence of that outlet a claim rests on."""

    article: str
    sentence: str  # the sentence id ("<article id>#<n>"), the anchor pages link to
    text: str


@dataclass(slots=True)
class SummarySentence:
    text: str
    citations: list[str]
    sentence_ids: list[str] = field(default_factory=list)
    model_written: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Agreement:
    text: str
    citations: list[str]
    independent_sources: int
    sentence_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Variant:
    text: str
    value: str
    citations: list[str]
    sentence_ids: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # the full source sentences
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Divergence:
    about: str
    kind: str  # "contradiction" | "precision"
    variants: list[Variant]
    attribute: str = ""  # duration, count, money, percent, date, place, name ...


@dataclass(slots=True)
class UniqueFact:
    text: str
    citations: list[str]
    sentence_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


# How a quote whose speaker the text does not give is shown to a reader (its ``speaker`` is None).
NO_SPEAKER = "speaker not given"


@dataclass(slots=True)
class Quote:
    speaker: str | None  # the story's canonical name; None when the text does not give one (never a guess)
    text: str
    citations: list[str]
    sentence_ids: list[str] = field(default_factory=list)
    # article id -> the speaker that outlet gives (when outlets disagree, a divergence says so);
    # outlets that give none are left out
    attributions: dict[str, str] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class TimelineEvent:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    text: str
    citations: list[str]
    sentence_ids: list[str] = field(default_factory=list)
    inferred: bool = False  # resolved against a date estimated from other articles
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    name: str
    type: str  # person | organisation | place | group | other
    aliases: list[str]
    citations: list[str]
    mentions: int = 0


@dataclass(slots=True)
class Syndication:
    articles: list[str]
    shared_text: list[str]
    overlap: float  # share of the smaller article's sentences that are copied


@dataclass(slots=True)
class Brief:
    articles: list[Article]
    sentences: list[Sentence] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    divergences: list[Divergence] = field(default_factory=list)
    unique: list[UniqueFact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    syndication: list[Syndication] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def outlet_of(self, article_id: str) -> str:
        for a in self.articles:
            if a.id == article_id:
                return a.label
        return article_id


def to_plain(obj: Any) -> Any:
    """Dataclass -> JSON-ready plain data (dates as ISO strings)."""
    if hasattr(obj, "__dataclass_fields__"):
        obj = asdict(obj)
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    return obj
