"""Dates in news text: expressions with TimeML values, anchors, and the story's timeline.

News writes "on Sunday", "last November", "through Feb. 15" and means a day or month
relative to the day the article was published. The steps, one module each:

- ``patterns``: month names, weekdays, cue and tense words, the expression regexes;
- ``spans``: where the expressions are (TimeML spans: "in [late December]");
- ``direction``: which way an expression without its year points, from its own clause;
- ``values``: the TimeML value from the anchor (``2019-02-15``, ``2019-W05``, ``PAST_REF``);
- ``mentions``: ``find_dates``, the three above in order;
- ``anchors``: ``article_anchors``, each article's anchor (estimated when it is undated);
- ``timeline``: ``build_timeline``, dated events merged across outlets.

Rule-based on purpose: the expressions are a closed set, the rules are fast (well under a
millisecond a sentence) and every resolution can be explained. Measured against TimeML
gold with ``storyweave eval dates``.
"""
from .anchors import article_anchors
from .mentions import DateMention, find_dates
from .timeline import build_timeline

__all__ = ["DateMention", "find_dates", "article_anchors", "build_timeline"]
