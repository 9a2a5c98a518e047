"""Words and regular expressions of date expressions, kept apart from the code that uses them.

Three groups: the calendar vocabulary (months, weekdays, seasons, parts of the day), the
expression patterns the finder runs (``PATTERNS``), and the tense and cue words that say
whether an expression points back or forward from the publication date (``direction``).
"""
from __future__ import annotations

import calendar
import re

# ---- calendar vocabulary ---------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "several": None, "few": None, "a few": None})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
# TimeML's season and part-of-day codes (2019-SU, 2019-02-15TMO)
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_ORDER = ["WI", "SP", "SU", "FA"]  # the order within a year (winter taken as its start)
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
# words that point at the present, past or future without a calendar date (TimeML's *_REF)
REFS = {
    "currently": "PRESENT_REF", "the time being": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the short term": "FUTURE_REF", "soon": "FUTURE_REF", "very soon": "FUTURE_REF",
}

# ---- regex fragments ---------------------------------------------------------------------------

# Month names must be capitalised ("may" is a verb, "march" a noun); abbreviations may carry a dot.
MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)" \
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
# "January of last year", "March next year": the year relative to the anchor's
YREL = r"(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?"
RANGE = r"(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"  # "June 18-19": the first day is taken
PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
# A preposition before a date is not part of it (TimeML: "in [June]", "since [2003]"); it makes
# a bare month or year a date ("in February", "since 2018") where "May" or "2024" alone may not be.
PREP = r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough|[Tt]hroughout|[Bb]efore|[Aa]fter|" \
       r"[Oo]f|[Bb]etween|[Ff]or|[Oo]n)"
# A modifier is part of the expression ("[early June]", "[the end of 2006]", "[last November]").
MOD = r"(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id|(?:[Tt]he\s+)?(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle)\s+of)"
CLOCK = r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<ampm>[ap]\.?\s?m\b\.?)" \
        r"|(?P<hour24>[01]\d|2[0-3]):?(?P<minute24>[0-5]\d)\s?(?P<zone>UTC|GMT|Z)\b" \
        r"|\b(?P<noon>noon|midday|midnight)\b"
# a number before a unit is a quantity, not a year ("by 2030 tonnes")
UNITS = r"(?:tonnes|tons|people|km|kilometres|kilometers|miles|metres|meters|feet|kg|dollars|euros|pounds|units|" \
        r"cases|votes|troops|soldiers|jobs|homes|deaths|barrels|acres|hectares|residents|workers|students|" \
        r"children|men|women|years|days|hours|points|employees|dealers|dealerships|cars|vehicles|planes|aircraft|" \
        r"shares|seats|passengers|staff|positions|suppliers|stores|customers|copies|members|lbs?|mph|km/h)\b"
NOT_YEAR_AFTER = rf"(?![-–/]?\d|,\d|\.\d|\s*(?:%|per\s*cent|percent|{UNITS}))"
NOT_YEAR_BEFORE = r"(?<![\d$£€#.,/-])(?<!No\. )(?<!\bNo )(?<!Flight )(?<!flight )(?<!Route )(?<!route )"

# ---- the expression patterns, most specific first -------------------------------------------
# (kind, regex). Spans follow TimeML: the expression without its preposition. Every kind is
# resolved in values.py; kinds in ``TIMEML_ONLY`` are found for the TimeML evaluation but not
# used by the brief (they date nothing a reader could place on a timeline).

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{DAY}{RANGE}\s+(?:of\s+)?{MONTH}\s*,?\s+{YEAR}\b")),
    ("mdy", re.compile(rf"\b{MONTH}\s+{DAY}{RANGE}\s*,?\s+{YEAR}\b")),
    ("my", re.compile(rf"\b(?:(?P<mod>early|late|mid)[- ])?{MONTH},?\s+{YEAR}\b")),
    ("dm", re.compile(rf"\b{DAY}{RANGE}\s+(?:of\s+)?{MONTH}(?![\w-])(?!,?\s+\d){YREL}")),
    ("md", re.compile(rf"\b{MONTH}\s+{DAY}{RANGE}\b(?![,:.]?\d){YREL}")),
    ("clock", re.compile(rf"(?<![\d.:])(?:{CLOCK})")),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Cc]oming)\s+)?{WEEKDAY}"
        rf"(?:{PART})?\b")),
    ("word", re.compile(r"\b(?:(?P<pre>[Ee]arlier|[Ll]ater)\s+)?(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)"
                        rf"\b(?:{PART})?")),
    ("part", re.compile(r"\b(?P<mod>[Tt]his|[Ll]ast)\s+(?P<part>morning|afternoon|evening|night)\b")),
    ("same", re.compile(r"\b[Tt]he\s+same\s+(?P<unit>period|month|quarter|week|day|time)\s+"
                        r"(?:(?:of\s+)?(?:last|the\s+previous)\s+year|a\s+year\s+(?:ago|earlier|before))\b")),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b")),
    ("quarter", re.compile(
        r"\b(?:(?:[Tt]he\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)"
        rf"(?:\s+of\s+(?:(?:fiscal\s+)?{YEAR}|(?P<yrel>this|last|next)\s+year|the\s+year))?"
        r"|\b(?P<q>Q[1-4])(?:\s+(?P<qyear>(?:19|20)\d\d))?)\b")),
    ("season", re.compile(
        r"\b(?:(?P<mod>[Tt]his|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate)\s+(?P<season>spring|summer|autumn|fall|winter)"
        rf"(?:\s+(?:of\s+)?{YEAR})?"
        rf"|(?:[Tt]he\s+)?(?P<season2>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)\s+(?:of\s+)?(?P<year2>(?:19|20)\d\d))\b")),
    # a bare month or year after a preposition ("in February", "since 2018"), or with a modifier
    # a bare month or year after a preposition ("in February", "since 2018"), or with a modifier
    ("month", re.compile(rf"\b{PREP}\s+(?P<x>(?:{MOD}[- ])?(?:the\s+)?{MONTH}(?!\s+\d)\b{YREL})")),
    ("month_mod", re.compile(rf"\b{MOD}[- ](?:the\s+)?{MONTH}(?!\s+\d)\b{YREL}")),
    ("year", re.compile(rf"\b{PREP}\s+(?P<x>(?:{MOD}[- ](?:the\s+(?:year\s+)?)?)?{YEAR}\b{NOT_YEAR_AFTER})")),
    ("year_mod", re.compile(rf"\b{MOD}[- ](?:the\s+(?:year\s+)?)?{YEAR}\b{NOT_YEAR_AFTER}")),
    ("rel", re.compile(
        r"\b(?:(?P<pre>[Ee]arlier|[Ll]ater)\s+)?(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Tt]he\s+previous|[Tt]he\s+following)\s+"
        r"(?P<unit>weekend|week|month|year|quarter)\b(?!['’]s\s+\w+\s+(?:ago|earlier))")),
    ("edge", re.compile(  # "the end of this year", "the start of the month"
        r"\b(?:[Tt]he\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the|this|(?P<mod>last|next))\s+"
        r"(?P<unit>week|month|year|day)\b")),
    ("season_prep", re.compile(rf"\b{PREP}\s+(?P<x>(?:the\s+)?(?P<season>spring|summer|autumn|winter|fall))\b"
                                # "after the fall of the Wall", "the fall in prices" are no seasons
                                r"(?!\s+(?:of|in|from|to|on)\b)")),
    ("weekend", re.compile(r"\b[Tt]he\s+weekend\b")),
    ("hhmm", re.compile(r"\b(?:at|by|until|from|around|before|after|since)\s+(?P<x>(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d))"
                        r"\b(?!\s*[ap]\.?\s?m\b|:\d|\.\d)")),
    ("century", re.compile(r"\b(?:[Tt]he\s+)?(?P<c>1\d|2[01])(?:st|nd|rd|th)\s+century\b|\b[Tt]his\s+century\b")),
    ("fiscal", re.compile(r"\b(?:[Ff]iscal(?:\s+[Yy]ear)?\s+|FY\s?)(?P<fy>(?:19|20)\d\d)\b")),
    ("decade", re.compile(r"\b(?:[Tt]he\s+)?(?P<dec>(?:19|20)\d0)['’]?s\b|\b[Tt]he\s+['’]?(?P<dec2>[1-9]0)['’]?s\b"
                          r"|(?:(?<=0s and )|(?<=0s or ))['’]?(?P<dec3>[1-9]0)s\b")),
    # TimeML-only kinds below: bare months and years, references, "the day"
    ("bare_month", re.compile(rf"\b{MONTH}(?!\s+\d|\s+[A-Z]|-)\b")),
    ("bare_year", re.compile(rf"{NOT_YEAR_BEFORE}\b{YEAR}\b{NOT_YEAR_AFTER}")),
    ("ref", re.compile(r"\b(?P<ref>[Cc]urrently|[Nn]owadays|(?:[Mm]ore\s+)?[Rr]ecently|[Rr]ecent|(?:[Vv]ery\s+)?[Ss]oon"
                       r"|[Tt]he\s+(?:time\s+being|past|(?:near\s+)?future|(?:near|long|short)\s+term))\b"
                       r"(?!\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|decade|year|month|week|day|"
                       r"hour|quarter|century|weekend|session|trading|[a-z]+-(?:day|week|month|year))\w*)")),
    ("day_after", re.compile(r"\b(?:[Tt]he\s+(?P<which>next|following|previous)\s+day|[Tt]he\s+day\s+(?P<ba>before|after)\b"
                             r"(?!\s+(?:the|a|an|his|her|their|its|[A-Z]))"
                             r"|(?P<n>a|one|two|three|four|five|six)\s+days?\s+(?P<la>later|earlier))\b")),
    ("the_day", re.compile(r"\b(?:[Tt]he|[Tt]hat)\s+(?:same\s+)?day\b(?!\s+(?:before|after|of|when|that|earlier|later))")),
]

TIMEML_ONLY = frozenset({"bare_year", "ref", "the_day", "day_after", "same"})
CLOCK_KINDS = frozenset({"clock", "hhmm"})  # a time of day alone: TimeML only, unless joined to a day
# a bare month in the brief only right after another date it is coordinated with ("between April and June")
COORDINATED = re.compile(r"\s*(?:,\s*)?(?:and|or|to|through|until|till|-|–)\s*$")
# a weekday inside a name is no day of this week ("Black Monday", "Super Tuesday")
NAMED_DAY = re.compile(r"(?:Black|Super|Good|Ash|Cyber|Bloody|Easter|Palm|Holy|Maundy|Blue|Manic)\s+$")
# May and March are words too ("may", "a march"): alone they are months only after a preposition
BARE_MONTH_EXCLUDED = frozenset({"may", "march"})

# What a pattern cannot match without: cheap searches that skip most patterns on most sentences.
NEEDS = {
    "iso": "digit", "dmy": "month", "mdy": "month", "my": "month", "dm": "month", "md": "month", "clock": "digit_or_noon",
    "weekday": "weekday", "word": "word", "part": "part", "ago": "ago", "same": "same", "quarter": "quarter",
    "season": "season", "rel": "unit", "edge": "unit", "month": "month", "month_mod": "month", "year": "digit", "year_mod": "digit", "fiscal": "digit",
    "season_prep": "season", "weekend": "weekend", "hhmm": "digit", "century": "century", "day_after": "day", "decade": "digit",
    "bare_month": "month", "bare_year": "digit", "ref": "ref", "the_day": "day",
}
TRIGGERS = {
    "digit": re.compile(r"\d"),
    "digit_or_noon": re.compile(r"\d|noon|midday|midnight"),
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "weekday": re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "word": re.compile(r"(?i)\b(?:yesterday|today|tomorrow|tonight)\b"),
    "part": re.compile(r"\b(?:morning|afternoon|evening|night)\b"),
    "ago": re.compile(r"\bago\b"),
    "same": re.compile(r"\bsame\b"),
    "quarter": re.compile(r"\b(?:quarter|half|Q[1-4])\b"),
    "season": re.compile(r"(?i)\b(?:spring|summer|autumn|fall|winter)\b"),
    "unit": re.compile(r"\b(?:week|weekend|month|year|quarter|day)\b"),
    "ref": re.compile(r"(?i)\b(?:currently|nowadays|recent|recently|soon|past|future|term|time being)\b"),
    "day": re.compile(r"\bdays?\b"),
    "weekend": re.compile(r"\bweekend\b"),
    "century": re.compile(r"\bcentury\b"),
}

# ---- tense and cue words: which way an expression points from the publication date ------------

# Clause boundaries: a verb on the far side of one does not govern the date. A full stop
# inside a sentence mostly ends an abbreviation ("C.I.A. had", "4 p.m. on", "Sept. 10",
# "Stephen W. Preston", "Mr. Morell"): a boundary only before a capital, and never after
# an initial or a title or month abbreviation. Nor is the colon of a clock time ("4:20 p.m.").
_ABBREVIATION_END = (r"(?<!\b[A-Za-z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt|No|vs|Mt|Ft))"
                     r"(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Inc|Ltd|Rev))"
                     r"(?<!\b(?:Sept|Capt|Supt|Corp))")
CLAUSE_BOUNDARY = re.compile(
    r"(?-i:" + _ABBREVIATION_END + r"\.(?=\s+[^\sa-z\d]|\s*$))|[!?](?=\s|$)|:(?!\d)|[;()\[\]–—\"“”]|\s--?\s|\n"
    r"|,\s*(?=(?:which|who|whom|whose|when|where|while|but|and|or|as|after|before|although|though|because|"
    r"saying|adding|since|if|so|whereas|until)\b)"
    r"|\b(?:and|but|or|that|which|who|whom|whose|when|while|whereas|because|although|though|where|if)\b", re.I)
MODALS = frozenset("will shall can could may might must should 'll ’ll wo won't won’t ca can't can’t cannot".split())
WOULD = frozenset({"would", "'d", "’d", "wouldn't", "wouldn’t"})
BE_PRESENT = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re", "be", "isn't", "aren't", "isn’t", "aren’t"})
BE_PAST = frozenset({"was", "were", "wasn't", "weren't", "wasn’t", "weren’t"})
HAVE = frozenset({"has", "have", "'ve", "’ve", "hasn't", "haven't", "hasn’t", "haven’t"})
PAST_AUX = frozenset({"had", "did", "didn't", "didn’t", "hadn't", "hadn’t"})
# words that may stand inside a verb group without ending it ("will also stay closed")
COPULAS = frozenset("stay stays remain remains become becomes get gets keep keeps".split())  # "stays closed"
CHAIN = frozenset("not n't never also still already just now then to be been being do does get gets got stay stays "
                  "remain remains become becomes keep keeps originally initially first finally only even again "
                  "reportedly likely expected".split())
# "is expected to", "has been scheduled for": an arrangement for later
FUTURE_ARRANGED = frozenset("going due set scheduled slated poised expected planning about supposed likely "
                            "booked timetabled".split())
# present-tense verbs of intent followed by "to": "plans to travel", "hopes to meet"
INTENT = frozenset("plan plans intend intends aim aims hope hopes expect expects want wants seek seeks vow vows "
                   "promise promises pledge pledges threaten threatens prepare prepares".split())
FUTURE_WORDS = frozenset({"upcoming", "forthcoming", "coming", "next", "tomorrow"})
PAST_WORDS = frozenset({"ago", "earlier", "previously", "formerly", "last", "yesterday", "already"})
IRREGULAR_PAST = frozenset(
    "said told met held took went came spoke made gave saw flew shot began begun left sent won lost fell fallen rose "
    "risen hit put got ran wrote written thought felt kept brought bought sought built led paid became broke "
    "broken chose chosen drove driven froze frozen grew grown knew known meant sat stood struck taught threw "
    "thrown understood woke done gone seen taken given shown forgot forgotten found heard sold swept sank sunk "
    "spent won began fought shrank shrunk sprang swam spun bled bent dug forbade hid leapt slept stung strode wept "
    "caught dealt drew drawn fled hung laid lent lit overtook overtaken quit rang rode "
    "shook shaken shut slid spread stole stolen strove swore sworn tore torn undertook wore worn withdrew "
    "withdrawn".split())
NOT_PAST = frozenset({"need", "speed", "indeed", "proceed", "exceed", "succeed", "hundred", "seed", "feed", "breed",
                      "bleed", "greed", "embed", "shed", "bed", "red", "wed", "bred", "sled", "steed", "united",
                      "limited", "based", "related", "advanced", "detailed", "red", "sacred", "naked", "wicked",
                      "planned", "so-called", "interested", "concerned", "expected", "scheduled"})
# A preposition before the expression: "since" looks back; "until", "through", "by" look ahead.
PREP_BACK = frozenset({"since"})
PREP_AHEAD = frozenset({"until", "till", "through", "by", "before"})
WORD_RE = re.compile(r"[A-Za-z]+(?:n['’]t)?|['’](?:ll|s|re|ve|d)\b")

# A year inside a clause that describes a noun ("Schumer, who was first elected in 1980, has
# proved unbeatable", "a joke about how Harvey had announced the wrong winner in 2015") dates
# that clause's event, not the sentence's: the relative words that open such a clause ("that"
# is left out: it also opens reported speech, whose clause is the event) ...
NOUN_CLAUSE = re.compile(r"\b(?:who|whom|whose|which|about how|of how)\b", re.IGNORECASE)
# ... and "that" after a noun ("federal law that Clinton signed in 1993"), not after a word that
# takes a "that" clause as what it says, thinks or finds ("said that", "so big that", "the news that")
THAT_AFTER = re.compile(r"\b([A-Za-z]+)\s+(that)\b")
TAKES_THAT_CLAUSE = frozenset("""
    say says said saying tell tells told announce announces announced report reports reported note notes noted
    warn warns warned argue argues argued claim claims claimed add adds added state states stated insist insists
    insisted acknowledge acknowledged admit admits admitted confirm confirms confirmed deny denies denied agree
    agrees agreed decide decides decided rule rules ruled suggest suggests suggested hope hopes hoped fear fears
    feared expect expects expected learn learns learned learnt realize realized realise realised allege alleges
    alleged estimate estimates estimated believe believes believed think thinks thought know knows knew find
    finds found show shows showed shown reveal reveals revealed indicate indicates indicated conclude concludes
    concluded explain explains explained write writes wrote written testify testifies testified recall recalls
    recalled remember remembers remembered emphasize emphasized stress stressed assure assured promise promises
    promised vow vows vowed predict predicts predicted determine determined mean means meant ensure ensured
    so such clear likely possible unlikely sure aware certain true unclear evident obvious apparent now given
    news fact facts idea belief claim report evidence sign proof chance concern assurance warning word notion
    now and but or than because except after before since so that this at in on of is was are were be been
    from with for by to into onto over under during until like about through within without
    won began took made gave saw ran left lost held kept brought bought sold sent spent built met led paid put
    set spoke broke chose drove rose fell got went came became
    """.split())
# ... nor after a verb's past or -ing form ("ended that conflict", "noting that"): "that" is then a
# determiner or opens what was said, never a clause describing a noun
VERB_FORM = re.compile(r"[a-z]{2,}(?:ed|ing)$")
# ... the punctuation that closes it before the year would (the year is then the main clause's) ...
CLAUSE_BREAK = re.compile(r"[,;:()—–]| - ")
# ... a main clause that only introduces the noun: "Conyers is a Democrat who was first elected
# in 1964" — the relative clause is then the sentence's one event ...
INTRODUCES = re.compile(r"\b(?:is|was|are|were|(?:has|have|had) been)\s+(?:(?i:a|an|the|one)\b|[A-Z])")
# ... and the main verb after a short relative clause: "The share of couples who used them was
# 75% in 2014", "one of the climbers who found them said on Monday" (a be-verb or a verb of
# speech past the relative clause's own first words)
MAIN_VERB = re.compile(r"\b(?:is|was|are|were|said|says|told|tells|added)\b", re.IGNORECASE)
