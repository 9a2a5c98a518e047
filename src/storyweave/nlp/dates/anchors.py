"""Each article's anchor: the date its relative expressions are read from."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ...text import url_date
from .mentions import find_dates


def written_day(text: str) -> dt.date | None:
    """The first full date written in ``text`` ("NAIROBI, 14 May 2024"), if any."""
    for m in find_dates(text, None):
        if m.granularity == "day":
            return dt.date.fromisoformat(m.value)
    return None


def _meta_date(meta: dict[str, Any]) -> dt.date | None:
    """A publication date the cleaner left in ``meta`` (a dateline or date line), if any."""
    for key in ("published", "date", "dateline"):
        v = meta.get(key)
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        if isinstance(v, str) and (d := written_day(v)):
            return d
    return None


def article_anchors(analysis: Any) -> dict[str, tuple[dt.date, bool]]:
    """Each article's anchor date and whether it was inferred.

    Dated articles anchor on their publication date (or a date the cleaner left in meta, or
    the day in the article's URL).
    An undated article is anchored on the story's latest publication date: reports of one
    event appear within days of each other, an undated one is often a later follow-up, and
    a weekday read back from too early an anchor lands a week off ("began clearing mud on
    Wednesday" in a report from the day after Tuesday's flood). When no
    article is dated, the latest full date written in the story's text is the best guess
    (a report is published on or after the days it reports). Without any, there is no anchor.
    """
    own: dict[str, dt.date] = {}
    for a in analysis.articles:
        d = a.published.date() if isinstance(a.published, dt.datetime) else a.published
        d = d or _meta_date(a.meta) or url_date(getattr(a, "url", None))
        if d:
            own[a.id] = d
    guess: dt.date | None = None
    if own:
        guess = max(own.values())
    else:
        written = [dt.date.fromisoformat(m.value) for s in analysis.sentences
                   for m in find_dates(s.text, None) if m.granularity == "day"]
        guess = max(written) if written else None
    out: dict[str, tuple[dt.date, bool]] = {}
    for a in analysis.articles:
        if a.id in own:
            out[a.id] = (own[a.id], False)
        elif guess is not None:
            out[a.id] = (guess, True)
    return out
