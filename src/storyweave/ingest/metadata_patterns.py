"""Where pages keep their metadata, and the words that are never an author: vocabularies for
:mod:`.metadata`, apart from the logic that weighs them."""
from __future__ import annotations

import re

# <meta name|property|itemprop=...> keys per field, most trusted first; each source keeps its name
# in ``meta["sources"]`` so a reader can see why a value was chosen
TITLE_META = ("og:title", "twitter:title", "parsely-title", "dc.title", "dcterms.title", "title", "headline")
# authors: the article-level keys first; a plain name="author" is often set site-wide by the
# template (the site, its owner or a placeholder), so it speaks only when they are silent
AUTHOR_META = ("dc.creator", "dcterms.creator", "article:author", "og:article:author", "parsely-author", "byl",
               "sailthru.author", "citation_author", "author", "twitter:creator")
# RDFa prefixes written with a colon where HTML meta names use a dot ("dc:creator" = "dc.creator")
META_PREFIX = re.compile(r"^(dc|dcterms):")
# only the keys that name the publication itself; the looser ones ("date", "dc.date", "pubdate",
# often the modified or a crawl date) are weighed by htmldate, which knows their habits
DATE_META = ("article:published_time", "og:article:published_time", "og:published_time", "datepublished",
             "parsely-pub-date", "dc.date.issued", "citation_publication_date")
OUTLET_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "apple-mobile-web-app-title")
# the site's own name weighs most; the JSON-LD publisher is the agency on syndicated copy
OUTLET_WEIGHT = {"og:site_name": 1.0, "json-ld publisher": 0.9, "itemprop publisher": 0.9, "application-name": 0.5,
                 "trafilatura": 0.3, "<title> end": 0.4, "copyright": 0.3}
# where a page names its outlet only in passing: heard only when the domain or another source
# confirms the name (a copyright holder is often the parent company, a title's end a section)
OUTLET_HINTS = {"<title> end", "copyright"}
# a site's name is short: longer is a tagline set as og:site_name
MAX_OUTLET_WORDS = 6
# "Name - what the site is about" (a spaced dash or a colon)
OUTLET_TAGLINE_DASH = re.compile(r"\s+[-–—]\s+|:\s+")
# a copyright line and its holder: "Copyright © 2005–2021 Valley Courier Media, Inc. All rights reserved."
COPYRIGHT_MARK = re.compile(r"©|ⓒ|&copy;|\(c\)(?=\s*(?:19|20)\d\d)|\bcopyright\b|\ball rights reserved\b",
                            re.IGNORECASE)
COPYRIGHT_HOLDER = re.compile(
    r"(?:©|ⓒ|&copy;|\(c\)|\bcopyright\b)(?:\s*(?:©|ⓒ|\(c\)|\bcopyright\b))*\s*"
    r"(?:(?:19|20)\d\d(?:\s*[-–—/]\s*(?:(?:19|20)\d\d|\d\d))?\s*,?\s*)?(?:by\s+)?"
    r"(?P<name>(?:[^\s.,|;:()\d]|\.(?=\w)|\s(?!(?:all\s+rights?|-|–|—)\b))(?:[^.,|;:()\n]|\.(?=\w))*?)"
    r"(?=\s*(?:[,|;:()]|\.(?!\w)|\ball\s+rights?\b|\s[-–—]\s|$))", re.IGNORECASE)
# text nodes that hold one (XPath 1.0 has no case folding: the usual spellings)
COPYRIGHT_XPATH = ("//text()[contains(., '©') or contains(., 'ⓒ') or contains(., 'opyright') "
                   "or contains(., 'OPYRIGHT') or contains(., 'ights reserved')]")
MAX_COPYRIGHT_LINES = 3
CORPORATE_SUFFIX = re.compile(r"(?:,?\s+(?:inc|llc|ltd|limited|gmbh|ag|corp|corporation|plc|co|company|s\.?a|pty|"
                              r"oy|ab|as|sa)\.?)+\s*$", re.IGNORECASE)

# what templates wrap JSON-LD in: HTML comments and CDATA markers (with their // guards)
JSONLD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")

# JSON-LD @types that describe the article itself (a WebPage or Organization block says less)
ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenews", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "techarticle",
                 "scholarlyarticle", "liveblogposting", "posting", "socialmediaposting", "report"}

# weights of title sources in the agreement vote: structured data names the article; <title>
# carries the site name (stripped before the vote); <h1> is often a section or promo heading,
# so alone it loses to the <title>, and with it when they agree
TITLE_WEIGHT = {"json-ld headline": 3.0, "og:title": 3.0, "itemprop headline": 2.5, "twitter:title": 2.0,
                "parsely-title": 2.0, "dc.title": 2.0, "dcterms.title": 2.0, "h1": 1.0, "article h2": 0.5, "title": 1.5,
                "headline": 1.5, "trafilatura": 1.0, "<title>": 2.5}

# separators sites put between a headline and their own name
# (Chinese, Japanese and Korean titles set them off without spaces: "标题-新华网", "見出し：朝日新聞")
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·»/•]{1,2}\s+|\s*[|_]\s*|\s+::\s+"
                             r"|(?<=[%s])[\-–—:·/•]{1,2}(?=[%s])" % (_CJK, _CJK))
# where a kicker or a site name may end inside a title that another source gives without it
# ("The Space Review: Seeking a bigger role"): looser, as only another source's agreement cuts there
TITLE_PART_SEPARATOR = re.compile(TITLE_SEPARATOR.pattern + r"|:\s+")

# words that show a candidate author is interface text or a placeholder, never a credit: screened
# wherever the name comes from
UI_WORDS = {
    "username", "password", "login", "log", "sign", "subscribe", "share", "comments", "comment", "reply",
    "authority", "control", "admin", "administrator", "menu", "search", "home", "view", "profile",
    "follow", "email", "print", "read", "more", "twitter", "facebook", "instagram", "linkedin",
    "newsletter", "advertisement", "unknown", "anonymous", "guest", "user", "webmaster", "null",
    "undefined", "none", "by", "гость", "автор", "invitado", "gast", "invité",
}
# inside a one-word name, the mark of an account, not a person ("jdadmin", "webmaster01")
ACCOUNT_WORDS = ("admin", "webmaster", "moderator")
# UI words that are also an account's whole name, credited by a byline ("by Admin")
ACCOUNT_NAMES = {"admin", "administrator", "webmaster"}
# where an account's credit may be read: the page's own author fields and its byline
ACCOUNT_SOURCES = {"json-ld author", "author", "dc.creator", "itemprop author", "rel=author", "byline", "post line"}
# words of a role or a page's chrome: text scraped from the page that holds them is a label
# ("Staff", "Posted by", "Contributors"), but a publisher that credits "Contributors to X" or
# "Editorial Staff" in its structured data means it
NOT_AUTHOR_WORDS = UI_WORDS | {"staff", "editor", "editors", "contributor", "contributors", "posted", "updated",
                               "published", "team", "desk"}
# a job title written after the name ("TOM KRISHER, AP Auto Writer"): that part is not the name
ROLE_WORDS = {"writer", "reporter", "correspondent", "columnist", "editor", "contributor", "photographer",
              "producer", "analyst", "journalist", "reporters", "writers"}
# the words of a desk's credit ("HNN Staff", "Jerusalem Post Staff"): no person's name, but the
# credit the outlet gives when it names nobody
DESK_WORDS = {"staff", "team", "desk", "editors", "editorial", "reports", "newsroom", "wire", "services",
              "service"}
# lower-case words inside names ("Ludwig van Beethoven", "Maria da Silva", "Omar bin Laden")
NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "das", "do", "dos", "du", "del", "della", "di", "la", "le",
                  "bin", "ibn", "al", "el", "y", "e", "af", "zu", "ter", "ten", "of"}
# sources whose names the publisher wrote on purpose (screened with UI_WORDS only)
STRUCTURED_AUTHOR = {"json-ld author", "json-ld organisation"}
# sources that are text scraped from the page's body (a phrase there is no name)
SCRAPED_AUTHOR = {"byline", "rel=author", "itemprop author", "trafilatura"}
# a date written after a name in a byline ("Jeff Foust Monday, November 18"): the name ends there
DATE_WORD = re.compile(r"\s*\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                       r"march|april|may|june|july|august|september|october|november|december|"
                       r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?=\s+\d))\b.*$", re.IGNORECASE)
# what stands between a byline's name and what follows it ("By X · 3 min read", "X | Reuters",
# "By X • Published ..."): stripped from either end of a name once the rest is cut
BYLINE_SEPARATORS = " .,:;|-–—·•"
# a byline's lead-in and the agency credits that follow a name ("By Jane Roe, Reuters")
# (a colon may follow: "BY: X", "Текст: X"; in Chinese, Japanese and Korean no space need:
# "作者：X", "记者 X", "文・X")
BYLINE_LEAD = re.compile(r"^\s*(?:(?:written|posted|analysis|opinion|commentary|story|text|words|photos and text)"
                         r"\s+by|by|von|par|por|di|door|av|af|przez|autor(?:in)?|текст|автор)(?:\s*:\s*|\s+)"
                         r"|^\s*(?:(?:作者|记者|記者|撰文|撰稿|筆者|著者)\s*[:/・|]?\s*|(?:文|글)\s*[:/・|]\s*)",
                         re.IGNORECASE)
# what follows the writer's name in a byline and names someone else or a time; in Chinese and
# Japanese the source or the editor in charge ("来源：", "责任编辑："), in Korean the job ("X 기자")
BYLINE_TAIL = re.compile(r"\s*\b(?:(?:edited|reviewed|fact[- ]checked|photos?|photographs?|illustrations?|"
                         r"additional reporting|reporting)\s+(?:by|on|at)|published|posted|updated)\b.*$"
                         r"|\s*\d+\s*-?\s*min(?:ute)?s?\.?\s+read\b.*$"  # "By X • 4 min read"
                         r"|\s*(?:来源|來源|出处|出處|责任编辑|責任編輯|責任編集|编辑|編輯|编审)\s*:.*$|\s+기자(?:\s.*)?$",
                         re.IGNORECASE)
# co-writers: listed, or credited in parentheses or "with" ("X (avec Y et Z)")
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b|\bwith\b|\bavec\b|\bmit\b|"
                          r"\bcon\b|、|/|\(|\))\s*")
# where a writer's name ends in a byline: a pipe starts its next field ("X | NJ Advance Media",
# "X | November 18"); a lower-case "in", "at", "for", "from" before capitalised words starts the
# place or the employer ("X in Beijing", "X for The Valley Courier")
BYLINE_FIELD = re.compile(r"(?<=\S)\s+\|\s.*$")
BYLINE_PLACE = re.compile(r"\s+(?:in|at|for|from)\s+(?:(?:the|de|of)\s+)?(?:[A-Z][\w.'’-]*(?:\s+|$))+")
# classes / ids / rel of elements holding the byline next to the body
BYLINE_CLASS = re.compile(r"\b(?:byline|by-line|author-?name|article-?author|post-?author|entry-?author|"
                          r"author|writer|creator)\b", re.IGNORECASE)
BYLINE_CLASS_NOT = re.compile(r"comment|avatar|bio|related|footer|share|social|widget|sidebar|more|about",
                              re.IGNORECASE)
# where bylines and dates belong to other stories (related, comments) or to the site (footer, nav)
FURNITURE_TAGS = {"aside", "nav", "footer"}
FURNITURE_CLASS = re.compile(r"comment|sidebar|related|recommend|more-stories|most-popular|promo|teaser|footer|"
                             r"widget|trending|modal|popup|newsletter|signup", re.IGNORECASE)
LAYOUT_MODIFIER = re.compile(r"(?<![a-z])(?:no|has|with|without|hide|show)[-_][\w-]+", re.IGNORECASE)
# an e-mail address or a social handle written beside a writer's name, with its brackets
CONTACT = re.compile(r"[(<\[]?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)@\w+)[)>\]]?")
# a host name ("Cleveland.com", "www.wday.ru"): a site, never a person
HOST_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
MAX_AUTHOR_WORDS = 5
MAX_AUTHORS = 6

# Bylines written into the text in scripts whose press has a fixed form for them, for pages that
# carry no byline element. Korean: the name, then the job ("홍길동 기자", "(서울=연합뉴스) 홍길동
# 특파원 =", "정덕현 칼럼니스트 name@outlet.kr"), not a photographer's credit ("사진=홍길동 기자",
# "홍길동 기자 촬영"). Chinese and Japanese: the job, then the name, ended by a space or a mark
# ("记者 张三", "（記者：山田太郎）", "作者：李四", "文／王五"); names run into the next word otherwise,
# so a name of four characters only before a closing bracket.
KOREAN_BYLINE = re.compile(
    r"(?<![가-힣=])(?<!사진 )([가-힣]{2,4}) (?:기자|특파원|칼럼니스트|선임기자|객원기자|전문기자|통신원|논설위원)"
    r"(?![가-힣])(?! 촬영)")
CJK_BYLINE = re.compile(
    r"(?:(?<![\u3040-\u30ff\u4e00-\u9fff])(?:本报|本報)?(?:记者|記者|作者|撰文|筆者)|(?:^|(?<=[（(【\[\s]))文(?=\s*[/／|｜]))"
    r"\s*[：:／/|｜]?\s*(?:([\u4e00-\u9fff]{2,3})(?=$|[\s，,。、/／|｜])|([\u4e00-\u9fff]{2,4})(?=[）)】\]]))")

# A blog's post line, as WordPress themes write it ("Posted on March 30, 2015 by Admin", "Posted
# by Jane Roe"): the whole line of one element, its date in a child element
POSTED_BYLINE = re.compile(r"^\s*posted\s+(?:on\s+[^\n]{4,40}?\s+)?by\s+([^\n,|]{2,40}?)\s*$", re.IGNORECASE)
# A byline as a line of its own, no byline class marking it ("By Maren Solberg", "Written by Maren
# Solberg, Staff Writer"), above the article or at its foot: two to four capitalised words after
# the lead, a role after a comma or a dash allowed
BYLINE_LINE_LEADS = ("by ", "written by", "words by", "story by", "text by", "reporting by")
_LINE_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
BYLINE_LINE = re.compile(r"^\s*(?i:by|written\s+by|words\s+by|story\s+by|text\s+by|reporting\s+by)\s*:?\s+"
                         rf"({_LINE_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_LINE_NAME}){{0,3}})"
                         r"\s*(?:[,|–—-]\s*[^\n]{0,40})?$")

# words a domain leaves out when it shortens a name ("nytimes": The New York Times)
SKIPPABLE_NAME_WORDS = {"the", "of", "and", "de", "la", "le", "el", "der", "die", "das"}

# a <time> of the page's last change: its class/itemprop/id, or the words just before it
MODIFIED_MARK = re.compile(r"modif|updat|datemodified|revised|aktualisiert", re.IGNORECASE)
MODIFIED_LEAD = re.compile(r"(?:updated|modified|revised|aktualisiert|geändert|mis à jour|modifié|actualizado|"
                           r"atualizado|aggiornato|bijgewerkt|обновлено|更新)\s*(?:on|at|am|le|el|em|il|:)?\s*$",
                           re.IGNORECASE)
# locales that write a numeric date month first (11/01/2023 is 1 November); most write it day first
MONTH_FIRST_LOCALE = re.compile(r"^\s*(?:en|es)[-_](?:us|ph)\b|^\s*fil\b", re.IGNORECASE)
# a numeric date with slashes, as written: (first, second, year)
SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d|\d\d)(?![\d/])")

# host labels that name a server or an edition, not a site ("hosted.ap.org", "m.example.com")
SERVER_LABELS = {"www", "m", "mobile", "amp", "hosted", "secure", "static", "web", "app", "beta", "edition", "home"}
# second-level labels under which a country's registrable names sit (bbc.co.uk, abc.net.au)
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "ne", "or", "go", "gob", "edu", "nic"}

# ---- the date a reader sees (metadata.shown_dates) ----
# month names as pages write them in the article's header, to their numbers (a few languages;
# a date written in digits alone is left to the structured sources and htmldate)
MONTHS = {
    **{m: i for i, ms in enumerate((
        "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
        "august aug", "september sep sept", "october oct", "november nov", "december dec"), 1) for m in ms.split()},
    **{m: i for i, ms in enumerate((
        "januar jänner janvier enero janeiro gennaio januari",
        "februar février fevrier febrero fevereiro febbraio februari", "märz mars marzo março maart",
        "avril abril aprile", "mai mayo maio maggio mei", "juni juin junio junho giugno",
        "juli juillet julio julho luglio", "août aout agosto augustus", "septembre septiembre setembro settembre",
        "oktober octobre octubre outubro ottobre", "novembre noviembre novembro", "dezember décembre decembre "
        "diciembre dezembro dicembre"), 1) for m in ms.split()},
}
_MONTH = "(?P<month>%s)(?!\\w)" % "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
# "Nov. 18, 2019", "November 18th 2019", "Nov 18" (the year then from the page's timestamp);
# "18 November 2019", "18. November 2019", "18 de noviembre de 2019"; "2019-11-18", "2019/11/18"
SHOWN_DATE = re.compile(
    r"(?<![\w])%s\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
    r"|(?<![\w.])(?P<day2>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?%s\.?"
    r"(?:,?\s+(?:de\s+)?(?P<year2>(?:19|20)\d\d)(?!\d))?"
    r"|(?<![\d/.-])(?P<year3>(?:19|20)\d\d)[-/.](?P<month3>\d\d)[-/.](?P<day3>\d\d)(?![\d/.-])"
    % (_MONTH, _MONTH.replace("month", "month2")), re.IGNORECASE)
# how much of the text after the headline is read for the date shown with it (the byline, the
# dateline, a standfirst before them), in characters
SHOWN_DATE_WINDOW = 400
# a paragraph longer than this is the article's text (or a teaser's), past the byline's
SHOWN_DATE_BODY = 200
