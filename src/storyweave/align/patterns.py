"""Vocabularies and patterns of fact alignment, apart from the logic that uses them."""
from __future__ import annotations

import re

from .. import text

CAP = text.CAPITALISED
WEEKDAYS = frozenset(text.WEEKDAYS)
MONTHS = frozenset(text.MONTHS)
# a weekday as written ("on Monday"): two reports of one fact naming different ones disagree
WEEKDAY = re.compile(r"\b(" + "|".join(d.capitalize() for d in text.WEEKDAYS) + r")\b")
ANAPHORIC = re.compile(
    r"^(the (meeting|talks?|visit|trip|discussion|session|attack|fire|blast|crash|storm|quake|earthquake|event|"
    r"summit|deal|agreement|vote|match|game|case|trial|incident|operation|strike|protest|rally)|"
    r"it|this|that|these|they|he|she|his|her|their)\b",
    re.IGNORECASE,
)
OPENER_STOP = frozenset("the a an in on at it this that he she they his her their but and however after before "
                         "when while during earlier later despite both neither mr mrs ms dr".split())
# Outcomes that a count can belong to (word stems): two counts with different outcomes are
# different facts, and two with the same one in one story are most likely the same figure.
OUTCOME_STEMS = (
    ("kill", "dead"), ("dead", "dead"), ("die", "dead"), ("death", "dead"), ("fatal", "dead"), ("lives", "dead"),
    ("injur", "hurt"), ("wound", "hurt"), ("hurt", "hurt"), ("hospital", "hurt"),
    ("missing", "missing"), ("arrest", "arrested"), ("detain", "arrested"),
    ("evacu", "displaced"), ("forc", "displaced"), ("fled", "displaced"), ("flee", "displaced"),
    ("displac", "displaced"), ("homeless", "displaced"), ("leave", "displaced"),
    ("rescu", "rescued"), ("pulled", "rescued"), ("saved", "rescued"),
)


# Nouns for people: "2,000 residents" and "2,000 people" count the same thing.
PEOPLE = frozenset("people person persons resident residents civilian civilians inhabitant inhabitants villager "
                    "villagers citizen citizens individual individuals".split())
# A date right after a speech verb dates the statement, not the event ("said on Wednesday").
SPEECH_DATE = re.compile(r"\b(said|says|told \w+|announced|added|confirmed|reported|stated)\s+(on|late on|early on)\s+"
                          r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE)



# Who said it is not what happened: speaker names are left out of a number's frame.
ATTRIBUTION = text.ATTRIBUTION

OUTCOME_LABEL = {"dead": "killed", "hurt": "injured", "missing": "missing", "arrested": "arrested",
                  "displaced": "forced from their homes", "rescued": "rescued"}

_SAID = r"said|says|told \w+|announced|added|confirmed|reported"
SAID_BEFORE = re.compile(rf"\b({_SAID})\s+(late |early )?$", re.IGNORECASE)
# when someone spoke, written after the verb ("said Tuesday", "announced on Friday") or just before
# it ("Trump on Saturday said", "the ministry Friday announced")
_SPOKEN = _SAID + r"|tweeted|wrote|stated"
_SPOKEN_VERB = _SPOKEN.replace(r" \w+", "")  # "told" with no object named after it
SPEECH_VERB = re.compile(rf"\b(?:{_SPOKEN_VERB})\b", re.IGNORECASE)
SPOKEN_ON_BEFORE = re.compile(rf"\b(?:{_SPOKEN})\s+(?:late\s+|early\s+)?(?:on\s+)?$", re.IGNORECASE)
SPOKEN_ON_AFTER = re.compile(rf"(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:{_SPOKEN_VERB})\b", re.IGNORECASE)
# a day that opens the sentence and whose subject then speaks: "On Tuesday, Trump said", "On
# Monday, Mr. Trump told" (one to three capitalised words or a pronoun; "..., police said" at a
# sentence's end attributes the sentence, it does not date the saying)
SENTENCE_OPENING = re.compile(r"^\W*(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)
SPOKEN_ON_OPENING = re.compile(rf"(?:\s+(?:morning|afternoon|evening|night))?,\s+(?:(?-i:(?:[A-Z][\w.'’-]*\s+){{1,3}})"
                               rf"|(?:he|she|they)\s+)(?:{_SPOKEN_VERB})\b", re.IGNORECASE)

KIND_LABEL = {"count": "number", "duration": "duration", "percent": "share", "money": "amount",
               "distance": "distance", "mass": "weight"}

# What a player or a team tallies in play (singular, as a count's kind names it): each is
# counted over a game, a season or a career, and reports quote different ones ("rushed for 63
# yards" in one game, "793 yards in 14 games" last season), so two tallies are two facts
TALLIES = frozenset("""yard point touchdown td pass carry catch reception rebound assist steal turnover
    goal save run hit inning strikeout wicket over game match drive interception sack tackle fumble lap
    start appearance score basket birdie bogey ace""".split())

IN_PLACE = r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?"
# a sentence whose subject is a pronoun ("She said ...", "He told reporters ...")
PRONOUN_SUBJECT = re.compile(r"\s*(?:he|she|they)\b", re.IGNORECASE)
# words any place name may hold: sharing one does not make two names one place
PLACE_GENERIC = frozenset(
    "mount mt mountain mountains national park parks city county state province district region street st "
    "avenue ave road rd boulevard square center centre island islands lake river valley beach bay port north "
    "south east west new upper lower great little saint san santa fort".split())

# words that name a site, a route or an area rather than a settlement: such a place lies in a
# town or runs through several, so against a town it is no other scene
SITE_WORDS = frozenset(
    "arena stadium center centre hall hospital base airport station port entry interstate route highway freeway "
    "motorway road street avenue bridge tunnel area basin ocean sea gulf coast neighborhood neighbourhood district "
    "borough quarter county region valley park campus prison jail court mall market church school university "
    "america europe asia africa".split())

QUOTED = text.QUOTED

# Where a clause ends: punctuation, the words that open another clause or event ("closed for
# 35 days and left 800,000 without pay", "the 10 who gathered after the vote"), and the end of
# a sentence inside one the splitter kept whole (a quotation of several sentences): a stop
# after a word of three lower-case letters or more, so that "Mr." or "Gov." ends nothing
CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:and|but|as|after|before|while|when|where|who|which|"
                          r"because|although|though|whereas)\b|(?-i:(?<=[a-z]{3}[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z]))",
                          re.IGNORECASE)

# A claim denied: "no" and the thing it denies ("no formal charges have been filed"), or
# "not"/"never" and the verb it denies ("has not been charged", "won't attend", "has yet to appear").
DENIAL = re.compile(r"\b(?:(?P<no>no|none of the)\s+(?P<thing>(?:[a-z-]+\s+){0,1}[a-z-]+)"
                    r"|(?:(?:not|never|n[’']t)\s+(?:(?:be|been|being|have|has|had|yet|even|ever|also|to)\s+){0,2}"
                    r"|\byet\s+to\s+(?:be\s+)?)(?P<verb>[a-z-]+))",  # "has yet to appear": not yet appeared
                    re.IGNORECASE)
# denials that deny nothing about the event: manners of speaking, hedges, "No. 2"
NOT_A_DENIAL = re.compile(r"\b(?:not only|no longer|no one|nobody|not yet clear|no doubt|not immediately|not clear|"
                          r"not respond|not return|not comment|not say|no comment|whether or not|if not|not least|"
                          r"not just|not sure|no matter|pleaded not|pleads not|plead not)\b|\bno\.\s*\d"
                          r"|\bnot\s+(?:[a-z]+\s+){1,2}(?:only|merely)\b", re.IGNORECASE)  # "has not sent only three": not merely
# a clause that states a possibility, a plan or someone's disputed claim affirms nothing
HYPOTHETICAL = re.compile(r"\b(?:would|could|might|may|should|expected|if|whether|unless|plans?|planned|wants?|hopes?|"
                          r"scheduled|due to|set to|claims?|claimed|alleged|allegedly|denied|denies|rejected|declined|refused|failed)\b",
                          re.IGNORECASE)

# A clause that states a figure as a rule, a plan, a need or a forecast rather than as what
# happened ("valid only with a turnout of more than 50 percent", "plans to cut 500 jobs", "the court
# that ordered her to serve 90 days")
MODAL = re.compile(r"\b(?:(?:would|could|might|must|should|need|ca|wo)n['’]t|would|could|might|may|can|cannot|must|should|needs?\s+to|requires?|required|expected|"
                   r"forecasts?|projected|if|unless|plans?\s+to|planned|proposed?|proposal|aims?\s+to|seeks?\s+to|"
                   r"wants?\s+to|hopes?\s+to|threatens?\s+to|set\s+to|only\s+with|(?:ordered|told|asked)(?:\s+\w+)?\s+to)\b", re.IGNORECASE)

# Opposite phases of one event (word forms as written, verbs mostly): "voting began" and "the
# election ended", "checked into the clinic" and "has left the clinic" report two facts of one
# story, never one. A sentence naming both phases of a pair ("opened at 8 and closed at 8") is
# no clash. Win and lose are left out: "X beat Y" and "Y lost to X" are one fact.
PHASES = {
    "begin": r"began|begun|begins?|start(?:s|ed)|open(?:s|ed)|kick(?:s|ed) off|got under way|broke out|launch(?:es|ed)",
    "end": r"end(?:s|ed)|clos(?:es|ed)|conclud(?:es|ed)|finish(?:es|ed)|wrapped up|extinguished|put out|under control",
    "enter": r"check(?:s|ed|ing)? (?:himself |herself |themselves )?into|entered|admitted to|sworn in|took office|"
             r"appointed|hired|elected",
    "leave": r"(?:has|had|have|abruptly|then|just) left|checked out|resign(?:s|ed)|stepp(?:ed|ing) down|quit|ousted",
    "arrest": r"arrest(?:s|ed)|detain(?:s|ed)|taken into custody",
    "release": r"released from|released on bail|freed|set free",
    # the stages of a criminal case: being charged is one fact, a verdict or a sentence another
    # (a conviction and its sentence are often told as one: not opposed)
    "charge": r"(?:was|were|been|be|is|are|has|have|had|being) (?:formally |also |now )?charged|indicted|"
              r"fil(?:e|es|ed|ing) (?:criminal |federal |formal )?charges",
    "verdict": r"convicted|found (?:him |her |them )?(?:not )?guilty|acquitted|pleaded guilty|pleads guilty",
    "sentence": r"sentenced|(?:was|were) given (?:a |an )?(?:life|\d+-year|death) sentence",
}
PHASE = {name: re.compile(r"\b(?:" + words + r")\b", re.IGNORECASE) for name, words in PHASES.items()}
OPPOSITE_PHASES = frozenset({("begin", "end"), ("enter", "leave"), ("arrest", "release"),
                             ("charge", "verdict"), ("charge", "sentence")})
# a clause opening the sentence with the time of another event ("After she left the clinic, ...")
LEADING_TIME_CLAUSE = re.compile(r"^(?:after|before|while|when|as|since|once|until|(?:one|two|three) days? after)\b[^,]*,\s*",
                                 re.IGNORECASE)

# What a term is served as, right after its length ("six months in county jail", "three years'
# probation"): two lengths of different terms are two facts, not one told two ways.
TERM = re.compile(r"^['’]?\s+(?:(?:in|of|on|behind)\s+)?(?:(?:the|a|an)\s+)?(?:(?:county|state|federal)\s+)?"
                  r"(?P<term>prison|jail|probation|custody|detention|parole|suspension|ban|community service|"
                  r"house arrest|supervised release|bars)\b", re.IGNORECASE)

# A span counted back from now ("over the last 30 years", "in the past decade", "five years ago")
# or forward ("in the next 50 years", "within a decade", "by 2050"): a past period and a future
# window are two periods, whatever their lengths.
PAST_SPAN = re.compile(r"\b(?:last|past|previous|preceding|prior)\s+$", re.IGNORECASE)
PAST_AFTER = re.compile(r"^\s+(?:ago|earlier|before)\b", re.IGNORECASE)
FUTURE_SPAN = re.compile(r"\b(?:next|coming|following|within)\s+(?:the\s+)?$", re.IGNORECASE)
FUTURE_CLAUSE = re.compile(r"\b(?:will|would|could|might|may|chance|risk|forecasts?|projects?|projected|predicts?|"
                           r"predicted|expected|likely)\b", re.IGNORECASE)
