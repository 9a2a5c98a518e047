"""The words quote attribution reads: speech verbs, titles, cue words, kinds of speaker nouns.

Kept apart from the rules that use them (``attribute.py``, ``speakers.py``) so that a word can be
added or questioned without reading the algorithm.
"""
from __future__ import annotations

import re

# Verbs that introduce or close a quotation ("said", "tweeted", "told reporters", "wrote").
_BASE_VERBS = (
    "say tell add tweet post write state declare announce explain note insist warn argue claim ask reply respond "
    "remark continue urge describe stress emphasise emphasize reiterate acknowledge admit concede complain "
    "suggest confirm deny recall predict vow promise pledge conclude observe comment quip joke caution demand "
    "report quote brand label dub accuse criticise criticize hail praise assert maintain contend counter tout "
    "underline underscore shout yell scream whisper testify wonder marvel boast lament muse retort interject "
    "exclaim answer object cry blast slam charge clarify rip scoff gush chide blame posit"
).split()
SPEECH_BASES = frozenset(_BASE_VERBS) - {"continue", "report", "quote", "charge", "object", "answer", "post", "state"}
# Verbs of perceiving whose object's bare verb is a speech act: "heard an officer yell “...”"
PERCEIVE = frozenset("heard hear hears hearing saw see sees seeing watched watch listened".split())
_IRREGULAR = {"said", "says", "saying", "told", "tells", "telling", "wrote", "writes", "writing", "read", "reads",
              "called"}  # "called the talks “candid”" (not "calls": a noun as often as a verb)


def _forms(base: str) -> set[str]:
    """Past, third person and -ing forms of a regular verb (British doubling: quipped, labelled)."""
    cy = base.endswith("y") and base[-2] not in "aeiou"
    stem = base + base[-1] if base in ("quip", "dub", "label", "slam", "rip") else base
    past = base[:-1] + "ied" if cy else (base + "d" if base.endswith("e") else stem + "ed")
    third = base[:-1] + "ies" if cy else (base + "es" if base.endswith(("s", "sh", "ch", "x")) else base + "s")
    ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else stem) + "ing"
    return {past, third, ing, base + "ed"}


# Only inflected forms: a bare "say"/"comment" is an infinitive ("declined to comment"), not an attribution.
# (Forms that are also nouns, "reports", "claims", "tweets", are told apart in context: a noun
# follows a determiner or a possessive.)
SPEECH = frozenset(set().union(*(_forms(b) for b in _BASE_VERBS)) | _IRREGULAR) - {
    "charges", "charged", "objects", "counters", "continues", "continued", "cries", "labels", "brands"}

# Verbs a plural noun of speech may be the subject of: "government reports issued over a decade
# have raised questions", "his claims were false". A speech verb's -s form right before one of
# these is that noun, not a verb of saying.
NOUN_SUBJECT_OF = frozenset(
    "have has had were are was is show showed shown found find suggest suggested indicate indicated "
    "issued released published obtained filed seen reviewed cited leaked prompted raised".split())

# Texts a person may find, hold or read out: a quote after "X found a note on the door:" is the
# note's words (with DOCUMENTS).
READ_MATTER = frozenset("note notes sign signs placard banner card label headline headlines caption text message "
                        "messages inscription slogan sticker poster".split())

# Verbs that attribute only when they close a quote ("“...,” Quill continued"; "the talks
# continued" is no speech), with "went on", or hand over to one right after their subject
# ("Quill continued: “...”").
AFTER_QUOTE = frozenset("continued fumed sighed laughed snapped detailed".split())
# Bare speech verbs that are finite after a modal ("would only say that “...”", "will tell"):
# not after "to" ("declined to say"), nor with "not" ("would not say whether").
BARE_SPEECH = frozenset("say tell write add".split())
# Verbs of saying only with the word after them ("pointed out", "charged that": a charge laid
# in words, not an indictment)
SPEECH_WITH = {"pointed": "out", "points": "out", "pointing": "out", "charged": "that", "charges": "that"}
MODALS = frozenset("would will could can might should must".split())

# Words allowed between a subject and its verb, or between a verb and the rest of its clause
# ("Mr Biden has also said", "Qin was reported as saying", "said Monday").
AUX = frozenset(
    "has had have also now then later earlier once again previously reportedly repeatedly separately further was is "
    "were are be been being as would will not never just still only first quickly recently similarly "
    "immediately privately publicly flatly simply angrily today yesterday tonight monday tuesday wednesday "
    "thursday friday saturday sunday morning afternoon evening night on last".split())

# Forms of "be" that make a speech verb's participle passive ("was asked", "were told"), and
# the participles that do not end in -ed.
BE = frozenset("is are was were be been being".split())
PARTICIPLES = frozenset("told said written read called".split())
# Verbs whose subject repeats another's words: the words are the object's ("quoted Roosevelt").
QUOTING = frozenset("quoted quotes quoting".split())

# Irregular past tenses: a name after one is an object ("took Mr. Ryan to task"), not a subject.
PAST = frozenset("took made gave met went came sent put got held left kept brought began won ran saw found thought "
                 "became set led paid lost spoke chose drew hit let meant sought struck threw understood".split())
PRONOUNS = {"he": "m", "she": "f", "it": "", "they": ""}
POSSESSIVE_PRONOUNS = frozenset("his her its their our my your".split())

# Openers of a leading clause or phrase before a sentence's subject ("After X finished, Grimm said").
OPENERS = frozenset(
    "after when while as because although though if since before once until unless whereas in on at during prior "
    "by with without for from to of under over amid among despite asked speaking calling according "
    "then but and yet so still however meanwhile also now later earlier instead indeed here there".split())
CONJUNCTIONS = frozenset("but and yet so still however meanwhile then also".split())
# Prepositions: a name after one is not the subject ("a spokesman for AARP" is not AARP speaking).
PREPOSITIONS = frozenset(
    "of for to with by from at in on about against into onto toward towards than like near behind between "
    "among under over after before during since via per".split())
# Words that end a speaker phrase after the verb ("said Trump in an interview", "said X, who ...").
NP_END = frozenset(
    "in on at during according after before when while as to because since until who which whose that where "
    "and but or told adding saying noting".split())
# Words that open a clause inside a sentence: a verb after one has its subject after it
# ("..., when Senate Majority Leader Mitch McConnell suggested").
SUBORDINATORS = frozenset("when while after before because although though since until unless whereas once "
                          "if".split())
DETERMINERS = frozenset("the a an one two three some several many another this that these those".split())
# words of another clause: a speech verb after "and" past one of them has that clause's subject
CLAUSE_WORDS = frozenset("who which whose that is was are were has have had will would".split())
# words ending in "s" that are no plural subject before a verb ("critics accusing" is one)
NOT_PLURAL = frozenset("his its this thus us was has is as yes news plus less unless always perhaps whereas".split())

# People a story may describe without naming ("the senator", "the woman"): a pronoun may mean
# them as well as a named person (with ROLES and the gendered kin nouns of the entity
# vocabulary). Not the story's generic parties (victim, witness, suspect): they are named or
# plural too often for "he" to be doubted each time they appear.
DESCRIBED = frozenset("woman man girl boy host anchor interviewer lawmaker senator congressman congresswoman".split())

# Second references by description ("said the Kentucky Republican", "the Nevada rancher said"):
# nouns that describe one person the story has named, and the words that may qualify them.
# Not "official", "spokesman" or "woman": a story often brings those in unnamed.
SECOND_REFERENCES = frozenset(
    "republican democrat independent conservative liberal progressive libertarian lawmaker legislator politician "
    "candidate nominee incumbent challenger rancher farmer billionaire millionaire mogul entrepreneur businessman "
    "businesswoman actor actress singer rapper musician comedian athlete quarterback pitcher golfer novelist author "
    "writer filmmaker activist physician scientist economist pastor veteran retiree".split())
DESCRIPTION_MODIFIERS = frozenset(
    "former retired longtime veteran freshman embattled outspoken".split())
AGE_NOUN = re.compile(r"^(\d{1,3})-year-old$")
# "the four-term congressman": a count of terms describes the holder, it does not change who holds the role
TERMS = re.compile(r"^(?:\w+|\d+)-term$")
# A description the article need not have said in these words: an office that implies it
# ("Sen. Lindsey Graham" ... "the South Carolina Republican said": a party member of the Senate).
_POLITICAL = frozenset("senator congressman congresswoman governor mayor lawmaker legislator senate congress "
                       "congressional gop".split())
IMPLIED_BY = {noun: _POLITICAL for noun in "republican democrat independent lawmaker legislator politician".split()}
# Party letters after a name ("Rand Paul (R-Ky.)", "Ida Venn, D-Calif."): the description they give.
PARTY_LETTERS = {"r": "republican", "d": "democrat", "i": "independent"}

# Nouns for a document that speaks ("the statement said"): it speaks for whoever issued it.
DOCUMENTS = frozenset(
    "statement statements report release letter email e-mail memo filing complaint lawsuit tweet tweets post "
    "editorial study survey poll readout communique transcript message notice column blog apology".split())
# What a credit line before a colon says someone gave ("Bunder's response: “...”"), with DOCUMENTS;
# and the words that open such a line ("Per Goldman Sachs:", "From spokesman X:").
CREDIT_NOUNS = frozenset("response reply answer retort comment comments words remarks message explanation".split())
CREDIT_OPENERS = frozenset("per from".split())  # not "via": "via Twitter:" names the medium
# Verbs that issue a document ("issued a statement", "releasing a report").
ISSUE = frozenset("issued issues issuing released releases releasing published publishes publishing sent sends "
                  "put posted posting wrote filed".split())
# Participles naming a document's author after it ("a letter written by X", "a suit filed by X"):
# the words are the author's, whoever published or released the document.
AUTHORED = frozenset("written signed penned sent authored filed drafted".split())
# Nouns for someone speaking on behalf of an organisation ("an AARP spokeswoman" speaks for AARP).
SPOKES = frozenset("spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen representative "
                   "press office".split())
# An office, campaign or account speaks for its person ("a release from Mr. Seel’s office",
# "Voss’s Twitter account posted").
OFFICE = frozenset("office campaign account".split())
# Heads that stand for a body: "the department added" means the department named before.
ORG_NOUNS = frozenset("ministry department government agency office embassy company firm party commission "
                      "council committee court police military army broadcaster newspaper tabloid union bank "
                      "network paper group coalition organisation organization administration hospital university "
                      "college school club foundation institute association society service church museum airline "
                      "team league".split())

# Kinds of body a name seldom holds in its words ("the company said" of Keurig, "the paper writes"
# of the Daily Camera): the body the nearest sentence names, not a name with the word in it
GENERIC_BODIES = frozenset("company firm network group organisation organization agency paper newspaper "
                           "broadcaster outlet".split())

# The level of government written in lower case before a body's name ("the state Health Department").
LEVELS = frozenset("state federal city county national provincial regional municipal".split())

# Abbreviations written with a full stop that do not end a sentence or a name ("Mr. X", "Lt. Gov.").
TITLES = ("Mr Mrs Ms Mx Dr Prof Sen Sens Rep Reps Gov Govs Gen Lt Col Sgt Capt Cpl Adm Cmdr Maj Rev Hon Fr Sr Jr "
          "Supt Det Insp Amb Pres Atty St Gens Messrs Mmes Pvt Ens Brig").split()
_TOKEN = re.compile(
    r"(?:\b(?:" + "|".join(TITLES) + r")\.)"  # "Mr.", "Lt.", "Gov."
    r"|\b(?:[A-Za-z]\.){2,}"  # "U.S.", "D.C.", "p.m."
    r"|[’']s\b"  # a possessive, as its own token
    r"|\w+(?:[’'.&-]\w+)*"  # words, "MoveOn.org", "co-founder", "don't"
    r"|[^\w\s]"  # punctuation, one mark at a time
)


MIN_QUOTE_WORDS = 4  # shorter quotes are scare quotes or titles ("low point", “Today”)
# a quote followed by one of these starts a new clause, not its attribution ("“...,” but Obama said")
NOT_ATTRIBUTION = frozenset("but and while because although though whereas so yet which that if when after before "
                            "as since until unless where".split())
# words between a quote and the comma before an inverted "said X" (“...” in both business and politics, said X)
INVERTED_REACH = 8
JOINING = frozenset(("and", "or"))  # "in business and politics": a phrase, not a new clause
# after "..., says X": a place or a time may close the name's phrase ("said Smith on Tuesday")
PLACE_OR_TIME = frozenset("in on at during".split())
# speech verbs whose next noun is the one spoken to or of, never an inverted subject
# ("..., told the Los Angeles Times", "..., described the Mercers as")
OBJECT_FIRST = frozenset("tell tells told ask asks asked inform informs informed assure assures assured remind "
                         "reminds reminded urge urges urged warn warns warned describe describes described "
                         "call calls called quote quotes quoted thank thanks thanked".split())
# finite verbs: a phrase after "..., said X" that holds one is a reported clause ("said Smith was wrong")
FINITE = frozenset("is was are were be been has have had will would can could may might must should does did".split())


def tokens(text: str):
    """(start, end, token) for each word and punctuation mark of ``text``."""
    return ((m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text))
