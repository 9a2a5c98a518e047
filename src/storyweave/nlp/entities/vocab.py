"""Words and patterns the entity steps read: types, titles, honorifics, nicknames, outlets.

Kept apart from the logic so that a list can be read and extended without reading the
algorithm. Everything here is lower-case unless it is a regex.
"""
from __future__ import annotations

import re

PERSON, ORGANISATION, PLACE, GROUP, OTHER = "person", "organisation", "place", "group", "other"

# spaCy's labels -> our types (labels not listed are not entities: dates, numbers ...)
LABELS = {
    "PERSON": PERSON, "ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "NORP": GROUP,
    "EVENT": OTHER, "LAW": OTHER, "PRODUCT": OTHER, "WORK_OF_ART": OTHER, "MISC": OTHER,
}

# Bodies outlets name by several forms (countries come from nlp/places.py).
BODIES: dict[str, tuple[str, ...]] = {
    "European Union": ("EU", "E.U.", "European Union"),
    "United Nations": ("UN", "U.N.", "United Nations"),
    "NATO": ("NATO", "Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
}
BODY_OF = {form.lower(): name for name, forms in BODIES.items() for form in forms}

# ---- people ------------------------------------------------------------------------------------

# Honorifics say "this is a person" (and often the gender).
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": "", "dr": "", "prof": "", "sir": "m",
                    "dame": "f", "lord": "m", "lady": "f", "madam": "f", "madame": "f", "king": "m", "queen": "f",
                    "prince": "m", "princess": "f"}
_HONORIFICS = r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Madam|Madame"
HONORIFIC_BEFORE = re.compile(rf"\b({_HONORIFICS})\.?\s+$")
HONORIFIC_INSIDE = re.compile(rf"^({_HONORIFICS})\.?\s+(?=[A-Z])")

# Words of a title in front of a name: "Health Minister", "Secretary of State", "Lt. Gov.".
TITLE_WORDS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady madam madame president vice prime minister secretary "
    "of state foreign deputy assistant senator sen rep representative congressman congresswoman governor gov mayor "
    "chancellor king queen prince princess pope general gen colonel col lieutenant lt captain capt major judge "
    "justice chairman chairwoman chair premier ambassador speaker director commissioner reverend rev father sheikh "
    "emir crown former acting then chief executive spokesman spokeswoman spokesperson defence defense interior "
    "finance treasury commerce trade envoy leader top diplomat officer inspector detective sergeant sgt "
    "president-elect first pres adm admiral sheriff bishop cardinal rabbi imam pastor attorney atty supt "
    "superintendent lady".split()
)
# Words that may sit among title words without being a name: "Senate Majority Leader",
# "RNC Chair", "fire chief", "the former Labor minister".
TITLE_CONTEXT = frozenset(
    "the a an and for of house senate majority minority whip ranking member party national federal state "
    "republican democratic democrat labour labor conservative liberal gop dem u.s. us uk district county city "
    "fire police health education justice energy transport transportation home homeland security agriculture "
    "environment labor housing veterans affairs economy economic culture sports ex- then- pro tem tempore".split()
)
# Titles that turn a span spaCy typed a place or organisation into a person ("Sheriff Arpaio",
# "Bishop Daniel Jenky"): narrower than TITLE_WORDS, which also open bodies ("General Electric").
PERSON_TITLES = frozenset(
    "mr mrs ms dr sen senator rep representative gov governor sheriff bishop cardinal pope rabbi reverend rev "
    "judge justice mayor ambassador secretary minister premier chancellor leader chair chairman chairwoman "
    "speaker congressman congresswoman pres president prince princess king queen sir dame lord lady lt col capt "
    "sgt adm".split()
)
# Roles a person is introduced with ("Health Minister Amara Okafor", "Qin Gang, the foreign
# minister,"): later "the minister said" means that person.
ROLES = frozenset(
    "president minister secretary senator governor mayor chancellor premier ambassador speaker director "
    "commissioner chairman chairwoman chair leader spokesman spokeswoman spokesperson diplomat envoy general "
    "judge king queen prince princess pope ceo chief prosecutor coach manager captain founder co-founder "
    "officer commander adviser advisor economist analyst professor lawyer attorney sheriff inspector congressman "
    "congresswoman superintendent detective sergeant lieutenant colonel admiral".split())
# Abbreviated titles and the roles they stand for: "Sen. Rand Paul" is later "the senator",
# "Rep. Ida Venn" "the congresswoman".
ABBREVIATED_ROLES = {
    "sen": ("senator",), "rep": ("congressman", "congresswoman"), "gov": ("governor",), "gen": ("general",),
    "supt": ("superintendent",), "det": ("detective",), "sgt": ("sergeant",), "lt": ("lieutenant",),
    "col": ("colonel",), "adm": ("admiral",), "capt": ("captain",), "pres": ("president",),
}
# A role that ends a would-be name makes it a title ("America's Toughest Sheriff"); not king,
# judge or major, which are surnames too.
ROLE_ENDS = frozenset("sheriff president senator governor mayor minister secretary spokesman spokeswoman "
                      "spokesperson director commissioner chairman chairwoman ambassador leader".split())
# Words right before a name, or in an apposition after it, that say the gender when no
# honorific does ("first lady Melania Trump", "the president's daughter Ivanka Trump"): what
# keeps a later "Mr Trump" from being ambiguous between them.
GENDERED_ROLES = {
    "wife": "f", "husband": "m", "daughter": "f", "son": "m", "mother": "f", "father": "m", "sister": "f",
    "brother": "m", "widow": "f", "widower": "m", "lady": "f", "girlfriend": "f", "boyfriend": "m",
    "grandmother": "f", "grandfather": "m", "granddaughter": "f", "grandson": "m", "niece": "f", "nephew": "m",
    "aunt": "f", "uncle": "m", "actress": "f", "actor": "m", "congresswoman": "f", "congressman": "m",
    "chairwoman": "f", "chairman": "m", "spokeswoman": "f", "spokesman": "m", "businesswoman": "f",
    "businessman": "m", "queen": "f", "king": "m", "princess": "f", "prince": "m", "duchess": "f", "duke": "m",
    "fiancee": "f", "fiancée": "f", "fiance": "m", "fiancé": "m", "stepmother": "f", "stepfather": "m",
    "stepdaughter": "f", "stepson": "m", "ex-wife": "f", "ex-husband": "m", "mom": "f", "dad": "m",
}
# Kin: a role held relative to another person ("her husband, Keith Rogers"): "her husband said"
# is that person when the article introduced one husband.
KIN = frozenset(w for w in GENDERED_ROLES if w not in {
    "lady", "actress", "actor", "congresswoman", "congressman", "chairwoman", "chairman", "spokeswoman",
    "spokesman", "businesswoman", "businessman", "queen", "king", "princess", "prince", "duchess", "duke"})
# A kin noun after a possessive, right before a name: "her husband Leroy", "his daughter Ivanka"
KIN_BEFORE = re.compile(r"\b(?:his|her|their|my|our|your)\s+(?:" + "|".join(sorted(KIN)) + r")\s+$", re.I)
# Portfolios: "Interior minister X" names a role, not a body called "Interior".
PORTFOLIOS = frozenset(
    "interior foreign finance treasury defence defense health education justice commerce trade energy transport "
    "labour labor agriculture environment home culture economy industry housing".split())
PARTICLES = frozenset("von van der den de del della di da du dos das la le al el bin ibn ben ter ten st st.".split())
# Generation suffixes: "Jr." and "Sr." are two people.
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())

# Given names and their short forms: "Jim Mattis" is "James Mattis". Only a full form and
# its own short forms match (so "Ted" joins Edward or Theodore, but Edward never Theodore).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "abraham": ("abe",), "albert": ("al", "bert"), "alexander": ("alex", "al", "sandy"),
    "alexandra": ("alex", "sandra", "sandy"), "alfred": ("al", "fred"), "andrew": ("andy", "drew"),
    "anthony": ("tony",), "antony": ("tony",), "barbara": ("barb",), "benjamin": ("ben", "benny"),
    "bradley": ("brad",), "catherine": ("kate", "cathy", "katie"), "charles": ("chuck", "charlie", "chas"),
    "charlotte": ("charlie",), "christina": ("chris", "tina"), "christine": ("chris",),
    "christopher": ("chris", "kit"), "cynthia": ("cindy",), "daniel": ("dan", "danny"),
    "david": ("dave", "davy"), "deborah": ("debbie", "deb"), "donald": ("don", "donnie"),
    "douglas": ("doug",), "edward": ("ed", "eddie", "ted", "ned"), "edwin": ("ed",),
    "elizabeth": ("liz", "beth", "betsy", "betty", "lizzie", "eliza"), "eugene": ("gene",),
    "francis": ("frank",), "franklin": ("frank",), "frederick": ("fred", "freddie"), "gabriel": ("gabe",),
    "gerald": ("jerry", "gerry"), "gregory": ("greg",), "harold": ("harry", "hal"), "henry": ("hank", "harry"),
    "jacob": ("jake",), "james": ("jim", "jimmy", "jamie"), "jeffrey": ("jeff",), "jennifer": ("jen", "jenny"),
    "jerome": ("jerry",), "john": ("jack", "johnny"), "jonathan": ("jon",), "joseph": ("joe", "joey"),
    "joshua": ("josh",), "judith": ("judy",), "katherine": ("kate", "kathy", "katie", "kat"),
    "kathryn": ("kate", "kathy", "katie"), "kenneth": ("ken", "kenny"), "kimberly": ("kim",),
    "lawrence": ("larry",), "leonard": ("leo", "len", "lenny"), "margaret": ("maggie", "meg", "peggy", "marge"),
    "matthew": ("matt",), "michael": ("mike", "mickey", "mick"), "mitchell": ("mitch",), "nathaniel": ("nate", "nat"),
    "newton": ("newt",), "nicholas": ("nick",), "patricia": ("pat", "patty", "trish"), "patrick": ("pat",),
    "peter": ("pete",), "philip": ("phil",), "phillip": ("phil",), "randall": ("randy",), "raymond": ("ray",),
    "rebecca": ("becky",), "richard": ("dick", "rick", "rich", "ricky"), "robert": ("bob", "bobby", "rob", "robbie"),
    "ronald": ("ron", "ronnie"), "rudolph": ("rudy",), "rudolf": ("rudy", "rudi"), "russell": ("russ",), "samuel": ("sam",), "stephen": ("steve",),
    "steven": ("steve",), "susan": ("sue", "susie"), "terrence": ("terry",), "theodore": ("ted", "teddy", "theo"),
    "thomas": ("tom", "tommy"), "timothy": ("tim",), "victoria": ("vicky",), "vincent": ("vince",),
    "walter": ("walt",), "william": ("bill", "billy", "will", "willie"), "zachary": ("zach", "zack"),
}

# ---- organisations and places --------------------------------------------------------------------

# News outlets and platforms: organisations, whatever spaCy says ("Politico reported",
# "Twitter" is not a person; "HuffPost" not a place). Matched on the whole name.
OUTLETS = frozenset({
    "twitter", "facebook", "instagram", "youtube", "tiktok", "snapchat", "reddit", "linkedin", "whatsapp",
    "telegram", "truth social", "gab", "parler", "substack", "google",
    "politico", "axios", "huffpost", "huffington post", "cnn", "msnbc", "cnbc", "fox news",
    "fox business", "nbc", "nbc news", "abc", "abc news", "cbs", "cbs news", "pbs", "npr", "bbc", "bbc news",
    "reuters", "associated press", "afp", "bloomberg news", "new york times", "washington post",
    "wall street journal", "usa today", "los angeles times", "daily caller", "breitbart", "breitbart news",
    "drudge report", "the hill", "slate", "vox", "buzzfeed", "buzzfeed news", "daily beast", "the atlantic",
    "newsweek", "time magazine", "guardian", "the guardian", "financial times", "the economist", "al jazeera",
    "xinhua", "cctv", "global times", "kyodo", "yonhap", "tass", "the intercept", "mother jones",
    "national review", "weekly standard", "washington examiner", "washington times", "the federalist",
    "newsmax", "c-span", "espn", "univision", "telemundo", "yahoo", "yahoo news", "salon", "propublica",
    "new yorker", "the new yorker", "rolling stone", "vanity fair", "forbes", "business insider", "mediaite",
    "talking points memo", "raw story", "thinkprogress", "daily mail", "sky news", "politifact", "daily kos",
    "redstate", "townhall", "des moines register", "indianapolis star", "quad-city times",
})
# A broadcaster's call sign: "KABC", "WNYC-FM".
CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM))?$")
# Initials with dots name bodies ("F.B.I.", "N.C.A.A."), except the places below.
DOTTED = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$")
# Postal and AP abbreviations of US states and the capital, as datelines write them.
US_STATE_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev n.h. n.j. "
    "n.m. n.y. n.c. n.d. okla ore pa r.i. s.c. s.d. tenn tex va vt wash w.va. wis wyo d.c. l.a.".split())

ORG_HEADS = frozenset("ministry department agency office party council bank university times post news company "
                      "inc corp corporation association committee commission union organisation organization fund "
                      "group institute court parliament congress senate army navy police service authority board "
                      "foundation network broadcaster cctv bbc reuters".split())
PLACE_HEADS = frozenset("guesthouse hall palace house square street road airport station park river sea ocean "
                        "mountain mountains island islands gardens city province county bridge tower building "
                        "centre center valley lake bay coast strait".split())
# The last word that makes a "person" span a body or a place ("Alexandria Police", "Nationals
# Park"): fewer than the heads above, since Hall, House or Bank are also surnames.
NOT_PERSON_HEADS = {
    ORGANISATION: frozenset("police department committee council agency ministry party university college "
                            "school hospital church foundation institute association corporation inc corp company "
                            "club union network".split()),
    PLACE: frozenset("stadium airport station river lake mountain mountains island islands county avenue "
                     "boulevard square bridge tower valley bay base road".split()),
    OTHER: frozenset("act bill lecture award awards prize grants grant program programme plan".split()),
}
# The last word of a name that makes a span the tagger called a body a building or a road
# ("Constitution Hall", "Travis Air Force Base"), or a law or a plan ("American Jobs Act"). Not
# "house" ("the White House said" is the institution), nor what runs itself (hospital, zoo, school).
BUILT_PLACE_HEADS = frozenset("airport station boulevard avenue road street square base temple hall stadium arena "
                              "bridge tower palace theatre theater cathedral mosque synagogue".split())
# Last words of place and body names that open on a given name ("Rose Garden", "Virginia Beach",
# "Victoria Line", "Georgia Dome", "Estelle Unit"): such a name is no person's (with the heads above)
NAMED_PLACE_TAILS = frozenset("garden hills beach line tech dome unit projects clinic medical memorial field fields "
                              "heights springs falls point parkway".split())
# (not "programme", as the UN's bodies are named, nor "law", as in "School of Law")
THING_HEADS = frozenset("act bill treaty accord amendment agreement plan program".split())
# What no person's name holds: a digit ("NBC10") or a web address ("TheRightStuff.biz").
MACHINE_NAME = re.compile(r"\d|\.(?:com|org|net|biz|info|co|io|tv|gov|edu)\b|@", re.IGNORECASE)
# A model code closing a capitalised name ("Fitbit Charge HR", "Galaxy Note XL"): a product's name,
# not a person's; not a generation or a degree ("John Doe III", "Ann Lee MD").
MODEL_CODE = re.compile(r"^[A-Z]{2,3}$")
NAME_TAILS = frozenset("II III IV VI VII JR SR MD DDS DO RN QC KC MP MBE OBE CBE PHD ESQ".split())
# Adjectives made with a name: "Atlanta-based" is not a longer name than "Atlanta".
HYPHEN_ADJECTIVES = ("based", "style", "area", "born", "led", "backed", "owned", "run", "era", "like", "type",
                     "funded", "linked", "affiliated", "related", "bound", "wide", "made", "controlled", "aligned",
                     "allied", "friendly", "centric", "specific", "focused", "sized", "level", "class")
# A leading word that makes a name a natural feature: "River Sella", "Lake Chad", "Mount Kenya".
PLACE_LEADS = frozenset("river lake mount mt cape gulf isle port fort".split())
# Endings of nouns for a doer ("Filmmaker", "Musician", "Frenchwoman"): such a word opening a
# person's span describes the person.
AGENT_ENDINGS = ("maker", "er", "or", "ian", "ist", "man", "woman", "ant", "ent", "ess")
# Words that open a place's (or a paper's) name before what reads as a given name ("San
# Francisco Chronicle", "Santa Maria", "St John's"): never a descriptor of a person.
NAME_OPENERS = frozenset("san santa santo sao são st saint los las el la le new fort port mount lake".split())
# Generic words of a named feature: "the Sella" is the River Sella of the same story.
FEATURE_WORDS = PLACE_LEADS | frozenset("river sea ocean island islands bay valley mountains lake strait".split())

# ---- junk ------------------------------------------------------------------------------------------

JUNK = frozenset(
    "image images picture photo photos video videos read more related latest advertisement getty reuters/ "
    "share comments comment watch listen click subscribe newsletter opens in new window caption file pool "
    "state department ministry government secretary minister president office jr sr marine marines".split()
)
GENERIC = frozenset("state department ministry government secretary minister president office party army "
                    "police court council agency".split())
# Capitalised words that open sentences or name days, not things.
NOT_NAMES = frozenset(
    "the a an on in at of for and but or nor neither either however it its he she they we i you this that these "
    "those there his her their our after before when while as if then also yet still so because although though "
    "despite during earlier later today yesterday tomorrow".split()
) | frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
              "july august september october november december".split())

# ---- evidence in the words around a name -----------------------------------------------------------

_SAYING = ("said|says|told|added|asked|argued|insisted|wrote|explained|recalled|replied|testified|tweeted|posted|"
           "announced|declined|warned")
# Verbs of saying a tagged name may swallow ("Pruitt told WABC"): a name never holds one
SPEECH_INSIDE = rf"(?:{_SAYING}|tells|noted|stated|claimed|confirmed|denied)"
# After a name: it speaks (a person or a body, never a place) ...
SPEECH_AFTER = re.compile(rf"^[’']?s?\s*(?:,\s*)?(?:{_SAYING})\b")
# ... or publishes (an outlet: "Politico reported", "Axios first reported").
REPORT_AFTER = re.compile(r"^\s*(?:first\s+|previously\s+|also\s+|later\s+)?(?:reported|reports|published|"
                          r"broadcast|aired|obtained|revealed)\b")
# After a name, a region that locates it: "Larkspur, Idaho.", "Larkspur, Ida.", "Larkspur, Idaho, to";
# one or two capitalised words after the comma (context.located asks which are a region)
REGION_AFTER = re.compile(r"^,\s+([A-Z][\w.]*)(?:\s+([A-Z][\w.]*))?")
# Before a name: a place ("residents of Valmora", "in Valmora", "near the Sella").
PLACE_BEFORE = re.compile(r"(?:\b(?:in|near|across|throughout|outside|inside|around|into|"
                          r"visit|visited|visiting)|\b(?:residents|town|city|village|streets|centre|center|"
                          r"outskirts|mayor|people|citizens)\s+of)\s+(?:the\s+)?$"
                          # where a person lives, as US news writes it: "Ana Ruiz, 66, of Tenby", "a 66-year-old Tenby woman"
                          r"|,\s+(?:\d{1,3},\s+)?of\s+$|\b\d{1,3}-year-old\s+$", re.I)
# "an internship at Walter Reed": what stands after "at" is a place or a body
AT_BEFORE = re.compile(r"\bat\s+(?:the\s+)?$")
# "the Colts", "the Clintons": no one person's name takes an article
ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# A role in an apposition after the name: "Qin Gang, the foreign minister,".
ROLE_BEFORE = re.compile(r"((?:[\w’'-]+\.?\s+){1,3})$")
ROLE_AFTER = re.compile(r"^,\s+(?:[\w’'-]+\s+){0,4}?([\w-]+)\s*[,;.]")
# ... or in an apposition the name follows: "her husband, Keith Rogers" (the noun ends a possessive phrase)
ROLE_APPOSED = re.compile(r"(?:\b(?:his|her|their|its)|[’']s)\s+(?:[\w-]+\s+)?([\w-]+),\s*$")
