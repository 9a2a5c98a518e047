"""Where a plain-text article names who published it: agency credits in the text itself.

Only tags that name an outlet, never a person: a dateline's agency, a byline or sign-off that
is an agency alone. A photo credit ("REUTERS/Jane Roe") names who took a picture, not who
wrote the article, so it is no evidence.
"""
from __future__ import annotations

import re

# the name a tag uses -> the outlet's name shown to readers
AGENCIES = {
    "reuters": "Reuters",
    "ap": "The Associated Press",
    "associated press": "The Associated Press",
    "the associated press": "The Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "pa": "Press Association",
    "press association": "Press Association",
    "the press association": "Press Association",
    "pa media": "PA Media",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "pti": "Press Trust of India",
    "press trust of india": "Press Trust of India",
    "ani": "ANI",
    "aap": "Australian Associated Press",
    "australian associated press": "Australian Associated Press",
    "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press",
    "efe": "EFE",
    "ansa": "ANSA",
}
_NAME = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))

# "WASHINGTON (Reuters) - ...", "PARIS, June 3 (AFP) – ..." in the opening lines
DATELINE = re.compile(rf"^[^\n(]{{2,60}}\((?P<agency>{_NAME})\)\s*[-–—:]", re.IGNORECASE | re.MULTILINE)
# a line that is an agency credit alone: "By Press Association", "— The Associated Press", "(Reuters)"
CREDIT_LINE = re.compile(rf"^\s*(?:by|[-–—]|\()\s*(?P<agency>{_NAME})\s*\)?\s*\.?\s*$", re.IGNORECASE | re.MULTILINE)

OPENING_LINES = 4  # a dateline stands at the top of the article
