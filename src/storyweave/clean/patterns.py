"""The plain-text cleaner's patterns and vocabularies, apart from the logic that uses them.

Every pattern is about a *kind* of page furniture, never about one site. ``Marker``s are
case-insensitive and searched as a yes/no; their ``keys`` are the lower-case strings one of
which every match contains (a line with none of them is ruled out without the regex: see
clean/markers.py), so a change to a marker's pattern must keep its keys true.
"""
from __future__ import annotations

import re

from .markers import Marker

# ---- words and sentences -----------------------------------------------------------------

# a sentence ends with . ! ? … and maybe closing quotes or brackets
END_PUNCT = re.compile(r"""[.!?…]["'”’)\]]*\s*$|[.!?]\s*["'”’]\s*$""")
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
NON_WORD = re.compile(r"\W+")
# a teaser cut off by its list
TRUNCATED = re.compile(r"(…|\.\.\.)\s*$")

EN_STOP = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be been has have had it its "
    "this that these those he she they we you i his her their our not no will would can could said says "
    "after before about over into than then there which who what when where while more most also".split()
)
# words that say nothing about which story a headline belongs to
STOP_FOR_OVERLAP = EN_STOP | frozenset("mr mrs ms dr new news says say one two first last".split())

# ---- captions and credits ----------------------------------------------------------------

# Photo credits and caption labels. Agencies' credit formats are stable across outlets.
CREDIT = Marker(
    # (not "Reuters/Tokyo:", a newsletter's source label: a credit's name takes no colon)
    r"(\b(REUTERS|AFP|AP|EPA|ANSA|Xinhua|Getty Images?|Shutterstock|Alamy|Bloomberg|PA( Wire| Media)?)\s*/\s*(?![\w.-]+:)\S|"
    r"\((?:[^()]*\b(?:via|Photo|Getty|AP|AFP|Reuters|EPA|PA|Pool|Credit|Image|Shutterstock)\b[^()]*)\)\s*$|"
    r"\b(Picture|Photo(graph)?|Image|Credit|Illustration|Photo credit|Image source|Image caption)\s*:\s*\S.{0,60}$|"

    r"\bAP Photo\b|\bGetty Images\b|©|\bFile photo\b|\bPhoto by\b)",
    keys=("/", "(", "credit", "illustration", "image", "photo", "picture", "©"),
)
# "Photo: Agency/Name Surname" style credits at a line's end, bracketed or not ("... at the
# stadium. (Ana Ruiz/The Herald)"; case matters: names are capitalised)
SLASH_CREDIT = re.compile(r"\b[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3}\s?/\s?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3}\s*\)?\s*$")
CAPTION_LABEL = re.compile(r"^(image|photo|picture|video|gallery|graphic|media)\s*:?\s*$", re.IGNORECASE)
# A photographer's "Name Surname / Outlet" credit opening a line, bracketed or not, the caption
# after it ("(Ana Ruiz / For The Herald)", "Ana Ruiz / For The Herald The mayor speaks ...")
LEAD_CREDIT = re.compile(r"^\(?[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3}\s/\s(?:For\s)?[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}\)?")
# The agencies' caption opening, at any length (a gallery's captions run together): "In this June
# 21, 2018, file photo, ...", "In this photo provided by ...", "In this image taken from video ...";
# only dates and a few words between ("In this case, the photo ..." is prose). A file photo's date
# is the picture's, not the story's: on the timeline it would date an event the article does not report
PHOTO_CAPTION = re.compile(r"^\W*In this\s+(?:[A-Z][a-z]+\.?,?\s+|\d{1,4},?\s+|(?:file|handout|undated|aerial|still|"
                           r"combination|combo|family|courtesy)\s+){0,6}"
                           r"(?:photos?|photographs?|images?|pictures?|videos?|frame grab|frame|screenshot|screen grab)\b")
# A gallery's controls and counters: "Hide Caption 2 of 6 Photos: ...", "Photo 3 of 12"
GALLERY_COUNTER = re.compile(r"\bhide captions?\b|\b\d{1,3} of \d{1,3} (?:photos?|images?|pictures?|slides?)\b")
GALLERY = Marker(
    r"(^\W*(hide|show|close|expand) captions?\b|\b\d{1,3} of \d{1,3} (photos?|images?|pictures?|slides?)\b|"
    r"^\W*(photo|image|picture|slide) \d{1,3} of \d{1,3}\b)",
    keys=("caption", "image", "photo", "picture", "slide"),
)

VIDEO = Marker(
    r"(video player|this video|play(ing)? video|watch (the )?video|media playback|your browser does not support|"
    r"enable javascript to (watch|view)|video unavailable|^watch\s*:|^video\s*:|^listen\s*:|^now playing|"
    r"when the video has been rented)",
    keys=("enable javascript to ", "listen", "media playback", "now playing", "video", "watch",
          "your browser does not support"),
)

# ---- navigation, prompts, notices ---------------------------------------------------------

# Headers that introduce lists of other articles (the list follows the header).
LIST_HEADER = re.compile(
    r"^(read more|read also|also read|see also|related( posts| stories| articles| coverage| topics| content| links)?|"
    r"more (on|from|about) .{0,40}|you (may|might) (also )?(like|be interested in)|recommended( for you| reading)?|"
    r"most (read|popular|viewed|shared)|trending( now| stories)?|top stories|editor'?s? picks?|"
    r"latest( \w+){0,3}( news)?|see more( \w+){0,4}|more stories|more news|in other news|don'?t miss|"
    r"popular( stories| now)?|what to read next|further reading|around the web|sponsored( content| stories)?|"
    r"promoted( stories)?|from our partners|elsewhere on .{0,30})\s*[:»>]*\s*$",
    re.IGNORECASE,
)

SOCIAL = re.compile(
    r"^(share( this( article| story)?)?( on \w+)?|tweet|follow us( on .{0,30})?|like us on facebook|"
    r"(share|post) (on|to) (facebook|twitter|x|whatsapp|linkedin|reddit|email)|copy link|print|email|"
    r"facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram)\s*$",
    re.IGNORECASE,
)
NEWSLETTER = Marker(
    r"(sign up (for|to) (our|the) .{0,40}newsletter|subscribe (now|today|to (our|the))|newsletter sign[- ]?up|"
    r"get (our|the) .{0,30}newsletter|already a subscriber|subscribe for full access|create a free account|"
    # the sign-up form's own words, whoever's newsletter it is
    r"sign up (now |here |today )?(for|to) .{0,60}\b(newsletters?|alerts|updates|e-?mails?)\b|email sign[- ]?up|"
    r"by signing up,? you agree|unsubscribe at any time|thank you for subscribing|please consider subscribing|"
    r"verify (that )?you['’]?re not a robot|invalid e-?mail address)",
    keys=("already a subscriber", "create a free account", "invalid e", "newsletter", "robot", "sign up", "sign-up",
          "signing up", "subscribe ", "subscribing", "unsubscribe at any time"),
)
# The other sentences of a sign-up or paywall form; a long line made mostly of them and of
# NEWSLETTER's is the form run together into one paragraph by the scraper.
FORM_PROMPT = Marker(
    r"(please (try again|re-?enter)|try again later|click here|you must select|get full access|"
    r"(this|the) feature is not available|continue reading the main story|"
    # an account page's: "activate your account", "sign in to update your profile"
    r"activate your account|update your profile|(confirm|verify) your (e-?mail|account)|"
    r"we have sent (you )?an? (confirmation|verification|activation) e-?mail|"
    # a template the page never filled in: "{* data_emailAddress *}", "[website]"
    r"\{\*.{0,60}\*\}|\{\{.{0,60}\}\}|\[website\])",
    keys=("[website]", "activate your account", "click here", "confirm your", "continue reading the main story",
          "get full access", "please ", "feature is not available", "try again later", "update your profile",
          "verify your", "we have sent ", "you must select", "{*", "{{"),
)
# A notice of the site or of a widget, not of the story: an error page ("the page you requested
# could not be found"), a web archive's capture notice, a tweet box's location prompt. Scraped in
# place of the article, it is all that is left of the page.
SITE_NOTICE = Marker(
    r"(page you (requested|are looking for|were looking for) (could not|cannot|can['’]t|was not|does not|doesn['’]t) "
    r"(be found|exist)|trying to reach a page from a bookmark|the page url may have changed|"
    r"please contact (our|the) webmaster|"
    r"crawl data to the internet archive|added to the wayback machine|the seed for this crawl|"
    r"this crawl was run|data is currently not publicly accessible|these crawls are part of an effort to archive|"
    r"fix all broken links on the web|"
    r"^tweet with a location$|location information to your tweets|tweet location history)",
    keys=("added to the wayback machine", "broken links on the web", "crawl data", "currently not publicly",
          "effort to archive", "location", "page you ",
          "page from a bookmark", "page url may have", "the seed for this crawl", "this crawl was run", "webmaster"),
)
# A reporting credit at a story's end: "Staff writer Ana Ruiz contributed to this report.",
# "(Additional reporting by X; Editing by Y)", "Quist reported from Eastmere." A line all of whose
# sentences are credits is the byline's, not the story's.
REPORTING_CREDIT = Marker(
    r"(contributed (additional )?(reporting|research)|contributed (reporting |research )?(to|for) this "
    r"(report|story|article)|^\W*(additional )?reporting by\b|^\W*(writing|editing) by\b)",
    keys=("contributed ", "editing by", "reporting by", "writing by"),
)
# A reporter's contact line: "Call reporter Ana Ruiz at 555-0142, email her at aruiz@example.com
# or follow her on Twitter." An address or a number, and a word that offers the reporter or the desk.
CONTACT_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b|\b\d{3}-\d{4}\b")
# ("call" alone is a police appeal, which is the story's: "asked witnesses to call 555-0100")
CONTACT_OFFER = re.compile(r"\b(?:contact|reach|e-?mail|follow|twitter|reporter|writer)\b", re.IGNORECASE)
# "For more news on city hall, follow @ana_ruiz.": the reader told to follow a handle, in the
# imperative ("fans were told to follow @club" is the story's)
FOLLOW_HANDLE = re.compile(r"(?:^|[,;:.]\s*|\bplease\s+|\byou can\s+)follow\s+(?:(?:him|her|them|us|me)\s+)?(?:on\s+(?:twitter|x|instagram)\s+)?"
                           r"(?:at\s+)?@[A-Za-z0-9_]{2,15}\b", re.IGNORECASE)
# A correction or editor's note about the story itself, not news: "Correction: An earlier version
# of this story misspelled ...".
CORRECTION = Marker(
    r"(^\W*(correction|clarification|editor['’]?s note)\s*[:—–-]|"
    # "Correction 31 July 2017: This article has been amended ..."
    r"^\W*(correction|clarification)\s+[\w ,.]{1,30}:|"
    r"\ban earlier version of this (story|article|report)\b)",
    keys=("correction", "clarification", "editor", "an earlier version of this "),
)
# ... and "<Name> reported from <Place>." (case matters: both are names)
REPORTED_FROM = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} reported from [A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,4}\.$")
# Sentence ends inside a line the scraper ran together ("... by clicking the box. Invalid email
# address."), not after an initial or a title ("Paul J. Weber", "St. Ives")
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\b(?:St|Mt|Jr|Sr|Dr|Mr|Ms)\.)(?<!\bMrs\.)\s+(?=\S)")
# Page furniture glued before a paragraph's first words ("Continue reading the main story At the scene ...")
FURNITURE_PREFIX = re.compile(r"^(?:continue reading the main story|advertisement|story continues below "
                              r"(?:the )?advertisement)\s+(?=[A-Z“\"])", re.IGNORECASE)
ADVERT = re.compile(r"^(advertisement|advertising|sponsored|ad|story continues below( advertisement)?|"
                    r"continue reading( below)?|skip (the )?ad(vert)?|article continues (below|after advertisement))\s*$",
                    re.IGNORECASE)
LEGAL = Marker(
    r"(all rights reserved|^copyright\b|this (site|website) uses cookies|we use cookies|cookie (policy|settings)|"
    r"privacy policy|terms (of use|and conditions)|this material may not be published, broadcast)",
    keys=(" uses cookies", "all rights reserved", "cookie ", "copyright", "privacy policy", "terms ",
          "this material may not be published, broadcast", "we use cookies"),
)
# "Home | News | World" breadcrumbs and "Outlet | Section" mastheads
BREADCRUMB = re.compile(r"^[^|›»>]{1,30}(\s[|›»>]\s[^|›»>]{1,30}){2,}$")
MASTHEAD = re.compile(r"^(\S+(?:\s\S+){0,2})\s[|•]\s\S+(?:\s\S+){0,2}$")
BRACKET_LINK = Marker(r"^\s*\[.{3,200}\]\s*$|opens in new (window|tab)", keys=("[", "opens in new "))

# Comment forms: the commonest wordings in several languages, plus the form's field labels.
COMMENT_FORM = Marker(
    r"(leave a (reply|comment)|post a comment|add (a|your) comment|your email address will not be published|"
    r"required fields are marked|save my name, email|cancel reply|comments? (are|is) closed|"
    r"^(name|e-?mail|website|comment)\s*\*?\s*$|log in to (comment|reply)|join the (conversation|discussion)|"
    r"deixe (uma resposta|um comentário)|deja (una respuesta|un comentario)|laisser un commentaire|"
    r"lascia un commento|(schreibe|hinterlasse) einen kommentar|bir (cevap|yorum) yaz|e-posta hesabınız|"
    r"gerekli alanlar|оставьте (комментарий|ответ)|ваш адрес email не будет|laat een reactie achter|"
    r"no será publicada|campos obligatorios|não será publicado|campos obrigatórios|ne sera pas publiée|"
    r"champs obligatoires|wird nicht veröffentlicht|erforderliche felder|non sarà pubblicato|campi obbligatori|"
    r"wordt niet gepubliceerd|verplichte velden|"
    r"skomentuj|zostaw komentarz|tinggalkan balasan|コメントを残す|发表评论|댓글 남기기|اترك تعليقاً)",
    keys=(
        # English wordings and the field labels ("email" is in "e-mail" and the Russian form too)
        "cancel reply", "comment", "conversation", "discussion", "leave a ", "log in to ", "mail", "name",
        "required fields are marked", "website",
        # other languages
        " comentario", " comentário", " einen kommentar", "a resposta", "a respuesta", "campi obbligatori",
        "campos obligatorios", "campos obrigatórios", "cevap", "champs obligatoires", "e-posta hesabınız",
        "erforderliche felder", "gerekli alanlar", "laat een reactie achter", "ne sera pas publiée",
        "no será publicada", "non sarà pubblicato", "não será publicado", "skomentuj", "tinggalkan balasan",
        "verplichte velden", "wird nicht veröffentlicht", "wordt niet gepubliceerd", "yorum", "zostaw komentarz",
        "оставьте ", "اترك تعليقاً", "コメントを残す", "发表评论", "댓글 남기기",
    ),
)

# ---- bylines, dates, datelines, titles -----------------------------------------------------

BYLINE = re.compile(
    r"^\s*((?i:by|written by|words by|reporting by|von|par|por))\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|al|bin))"
    r"{0,6})\s*(,.{0,60})?$"
)
_DATE_WORDS = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)"
)
DATELINE_ONLY = re.compile(
    rf"^\s*[(\[]?\s*((published|updated|posted|last updated|date|first published)\s*[:\-]?\s*)?"
    rf"((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    rf"(\d{{4}}-\d{{2}}-\d{{2}}([ T]\d{{1,2}}:\d{{2}}(:\d{{2}})?\S*)?|"
    rf"\d{{1,2}}(st|nd|rd|th)?\s+{_DATE_WORDS}\.?,?\s+\d{{4}}|{_DATE_WORDS}\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{4}})"
    rf"([,\s]+(at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(am|pm|a\.m\.|p\.m\.)?(\s*[A-Z]{{2,4}})?)?\s*[)\]]?\s*$",
    re.IGNORECASE,
)
# "Updated 6.15pm", "Posted at 10:42 a.m. EST", "Published 3 hours ago": a time stamp without its day
TIME_STAMP_ONLY = re.compile(r"^\s*(published|updated|posted|last updated|first published)\s*[:\-]?\s*(at\s+)?"
                             r"(\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?|\d{1,2}\s*(am|pm|a\.m\.|p\.m\.))"
                             r"\s*([A-Z]{2,4})?\s*$|"
                             r"^\s*(published|updated|posted|last updated)\s*[:\-]?\s*(\d+|an?|one)\s+"
                             r"(second|minute|min|hour|hr|day)s?\s+ago\s*$", re.IGNORECASE)
# "date 2023-06-19 Headline text": a metadata field glued to the headline by the scraper.
META_PREFIX = re.compile(r"^\s*(date|published|posted|updated)\s*[:\-]?\s*(\d{4}-\d{2}-\d{2})\s*(.*)$", re.IGNORECASE)
# for reading a date line: an ISO date wins; the label is not part of the date; "19 June" is day first
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_LABEL = re.compile(r"^(published|updated|posted|last updated|date|first published)\s*[:\-]?\s*", re.IGNORECASE)
DAY_FIRST = re.compile(r"^\s*\d{1,2}\s")
# "BEIJING, China - " / "WASHINGTON (Reuters) -- " at the start of the first body paragraph.
DATELINE_PREFIX = re.compile(
    r"^((?:[A-Z][A-Za-z.'’-]+)(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3}(?:\s*\([A-Za-z .]+\))?)\s*(?:-|–|—|--)\s+(?=[A-Z“\"])"
)
# "Headline | Section"
TITLE_SECTION = re.compile(r"^(.{15,}?)\s+[|•]\s+([^|•]{2,40})$")
