"""Page metadata by agreement of evidence (storyweave.ingest.metadata), on invented pages."""
import datetime as dt

from lxml import html as lxml_html

from storyweave.ingest.metadata import read_metadata, registrable, strip_site

PAGE = """<html lang="en"><head>
<title>Harbour cranes stand idle as dock strike enters second day | Portavel Gazette</title>
<meta property="og:site_name" content="Portavel Gazette">
<meta property="og:title" content="Harbour cranes stand idle as dock strike enters second day">
<meta property="article:published_time" content="2021-03-09T23:30:00-05:00">
<meta property="article:modified_time" content="2021-03-12T08:00:00-05:00">
<meta property="article:author" content="https://social.example/profile/janeroe">
<link rel="canonical" href="https://www.gazette.example.co.uk/news/2020/01/02/cranes">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour cranes stand idle as dock strike enters second day",
 "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Tomas Brandt"}],
 "publisher": {"@type": "Organization", "name": "Portavel Gazette"}}</script>
</head><body>
<div class="login-box"><span class="author">Username</span></div>
<h1>Ports section</h1>
<article><h2>Harbour cranes stand idle as dock strike enters second day</h2>
<p>Dock workers in Portavel walked out for a second day on Tuesday.</p></article>
<aside class="related"><span class="byline">By Someone Else</span></aside>
</body></html>"""


def meta_of(page: str, **kw):
    return read_metadata(lxml_html.fromstring(page), page, **kw)


def test_structured_evidence_wins_and_says_where_from():
    m = meta_of(PAGE)
    assert m.title == "Harbour cranes stand idle as dock strike enters second day"
    assert m.author == "Jane Roe, Tomas Brandt"  # several authors kept, the profile link is no name
    assert m.published == dt.date(2021, 3, 9)  # the day as the page wrote it, published not modified
    assert m.outlet == "Portavel Gazette"
    assert m.sources == {"title": "json-ld headline", "author": "json-ld author",
                         "published": "article:published_time", "outlet": "og:site_name"}


BARE = """<html><head><title>Night ferry returns to the islands - Coastline Daily</title>
<link rel="canonical" href="https://www.coastline-daily.com/2019/11/19/ferry"></head>
<body><div class="promo"><h1>Take your next trip with us!</h1></div>
<div class="byline">By Mara Quist and Ivo Lenz</div>
<p>The night ferry sailed again after a winter of repairs.</p></body></html>"""


def test_bare_page_title_from_title_tag_byline_url_date_and_domain():
    m = meta_of(BARE)
    assert m.title == "Night ferry returns to the islands"  # the site name known from the domain
    assert m.author == "Mara Quist, Ivo Lenz"
    assert m.sources["author"] == "byline"
    assert m.published == dt.date(2019, 11, 19) and m.sources["published"] == "canonical date"
    # the name at the title's end, which the domain confirms, before the bare domain
    assert m.outlet == "Coastline Daily" and m.sources["outlet"] == "<title> end"


def test_ui_text_is_never_an_author():
    page = """<html><head><title>A</title></head><body><span class="author">Log in</span>
    <div class="byline">Username</div><p>Text.</p></body></html>"""
    assert meta_of(page).author is None


def test_site_name_stripped_at_either_end():
    assert strip_site("Portavel Gazette - Cranes idle", ["Portavel Gazette"]) == "Cranes idle"
    assert strip_site("Cranes idle | Portavel Gazette", ["portavel gazette"]) == "Cranes idle"
    assert strip_site("Cranes idle - the port says no", ["Portavel Gazette"]) == "Cranes idle - the port says no"


def test_registrable_domain():
    assert registrable("https://news.example.co.uk/a") == "example.co.uk"
    assert registrable("https://www.example.com/a") == "example.com"
    assert registrable(None) is None


def test_agency_credit_yields_to_the_byline_and_editors_are_cut():
    page = """<html><head><title>Tide record</title><script type="application/ld+json">
    {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Northwire Agency"}}</script></head>
    <body><p class="byline">Written by Pell Andersen Edited by Rue Kaminski</p><p>Text.</p></body></html>"""
    m = meta_of(page)
    assert m.author == "Pell Andersen" and m.sources["author"] == "byline"


def test_loose_date_keys_are_left_to_htmldate_and_modified_never_wins():
    page = """<html><head><title>Tide record</title>
    <meta property="article:modified_time" content="2023-05-02T10:00:00Z">
    <meta name="date" content="2023-05-02"></head>
    <body><article><header><time datetime="2023-04-30T09:00:00Z">30 April</time></header><p>Text.</p>
    </article></body></html>"""
    m = meta_of(page)
    assert m.published == dt.date(2023, 4, 30) and m.sources["published"] == "<time>"


def test_utc_instant_takes_the_outlets_own_day_from_its_url():
    def page(stamp):
        return f"""<html><head><title>Late vote</title>
        <meta property="article:published_time" content="{stamp}">
        <link rel="canonical" href="https://www.example.com/2019/11/18/late-vote"></head><body><p>x</p></body></html>"""
    m = meta_of(page("2019-11-19T03:05:00Z"))
    assert m.published == dt.date(2019, 11, 18) and m.sources["published"].startswith("canonical date")
    # an offset the page states is its own local time: kept as written
    assert meta_of(page("2019-11-19T03:05:00+09:00")).published == dt.date(2019, 11, 19)


def test_outlet_is_the_site_not_the_agency_and_a_section_name_loses_to_a_confirmed_one():
    syndicated = """<html><head><title>x</title><meta property="og:site_name" content="Valley Courier">
    <script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Northwire Agency"}}</script>
    </head><body><p>x</p></body></html>"""
    assert meta_of(syndicated).outlet == "Valley Courier"
    section = """<html><head><title>x</title><meta property="og:site_name" content="World">
    <link rel="canonical" href="https://www.northwire.com/world/story">
    <script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Northwire"}}</script>
    </head><body><p>x</p></body></html>"""
    assert meta_of(section).outlet == "Northwire"


def test_byline_parts_kept_apart_and_the_date_after_a_name_cut():
    page = """<html><head><title>x</title></head><body>
    <div class="byline"><a>Pell Andersen</a><span>Monday, November 18</span></div><p>x</p></body></html>"""
    assert meta_of(page).author == "Pell Andersen"


def test_a_long_end_part_is_the_headline_not_the_site_name():
    assert strip_site("Riverside view on the harbour strike | Editorial", ["Riverside"]) == \
        "Riverside view on the harbour strike | Editorial"


def test_the_outlet_crediting_itself_yields_to_a_named_person():
    page = """<html><head><title>x</title><meta property="og:site_name" content="Valley Courier">
    <meta name="author" content="Valley Courier"></head>
    <body><p class="byline">By Pell Andersen</p><p>x</p></body></html>"""
    assert meta_of(page).author == "Pell Andersen"
    alone = page.replace('<p class="byline">By Pell Andersen</p>', "")
    assert meta_of(alone).author == "Valley Courier"  # kept when nobody else is named


def test_a_related_storys_byline_is_not_the_articles():
    page = """<html class="no-sidebar"><head><title>x</title></head><body>
    <div class="related-stories"><span class="byline">By Other Writer</span></div>
    <article><div class="byline">By Pell Andersen</div><p>x</p></article></body></html>"""
    assert meta_of(page).author == "Pell Andersen"


def test_one_meta_tag_names_several_keys_and_a_template_author_yields_to_dc_creator():
    page = """<html><head><title>Harbour dues</title>
    <meta property="x:title dc:title" content="Harbour dues rise">
    <meta property="dc:creator twitter:site_name" content="Pell Andersen">
    <meta name="author" content="Site Owner"></head><body><p>x</p></body></html>"""
    m = meta_of(page)
    assert m.author == "Pell Andersen" and m.sources["author"] == "dc.creator"
    placeholder = """<html><head><title>x</title><meta name="author" content="null"></head><body><p>x</p></body></html>"""
    assert meta_of(placeholder).author is None


def test_a_structured_credit_is_kept_where_the_same_words_scraped_are_a_label():
    page = """<html><head><title>Valmora</title><script type="application/ld+json">{"@type": "Article",
    "author": {"@type": "Organization", "name": "Contributors to the Valmora Atlas"}}</script></head>
    <body><p>x</p></body></html>"""
    assert meta_of(page).author == "Contributors to the Valmora Atlas"
    scraped = """<html><head><title>x</title></head><body><div class="author">Contributors</div><p>x</p></body></html>"""
    assert meta_of(scraped).author is None


def test_the_publisher_of_a_webpage_block_names_the_outlet():
    page = """<html><head><title>x</title><script type="application/ld+json">{"@graph": [
    {"@type": "WebPage", "name": "x", "publisher": {"@type": "Organization", "name": "Valley Courier"}}]}</script>
    </head><body><p>x</p></body></html>"""
    m = meta_of(page)
    assert m.outlet == "Valley Courier" and m.sources["outlet"] == "json-ld publisher"


def test_when_the_pages_dates_disagree_the_one_htmldate_reads_wins():
    page = """<html><head><title>x</title>
    <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-06-14"}</script></head>
    <body><article><span itemprop="datePublished" content="2022-06-01">June 1</span><p>x</p></article></body></html>"""
    m = meta_of(page, fallback={"date": "2022-06-01"})
    assert m.published == dt.date(2022, 6, 1) and m.sources["published"] == "itemprop datePublished (htmldate agrees)"
    # htmldate silent or elsewhere: the most trusted source speaks
    assert meta_of(page, fallback={"date": "2022-05-30"}).published == dt.date(2022, 6, 14)


def test_json_ld_references_raw_newlines_and_listed_stories():
    page = """<html><head><title>x</title><script type="application/ld+json"><!--
    {"@graph": [{"@type": "NewsArticle", "headline": "Tide record", "datePublished": "2022-06-14",
      "author": {"@id": "#pell"}, "publisher": {"@id": "#org"}},
     {"@type": "Person", "@id": "#pell", "name": "Pell
 Andersen"},
     {"@type": "Organization", "@id": "#org", "name": "Valley Courier"},
     {"@type": "ItemList", "itemListElement": [{"@type": "NewsArticle", "headline": "Another story",
       "datePublished": "2021-01-01", "author": {"@type": "Person", "name": "Other Writer"}}]}]}
    --></script></head><body><p>x</p></body></html>"""
    m = meta_of(page, fallback={"date": "2021-01-01"})
    assert m.author == "Pell Andersen" and m.outlet == "Valley Courier"
    assert m.published == dt.date(2022, 6, 14)  # the listed story's date is not a candidate


def test_a_microdata_publisher_names_the_outlet():
    page = """<html><head><title>x</title></head><body><article itemscope itemtype="https://schema.org/NewsArticle">
    <div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">
    <meta itemprop="name" content="Valley Courier"></div><p>x</p></article></body></html>"""
    m = meta_of(page)
    assert m.outlet == "Valley Courier" and m.sources["outlet"] == "itemprop publisher"


def test_a_domain_shortening_the_publishers_name_confirms_it():
    page = """<html><head><title>x</title><meta property="og:site_name" content="World News">
    <link rel="canonical" href="https://www.valcour.example/2022/06/14/x">
    <script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "The Valley Courier"}}</script>
    </head><body><p>x</p></body></html>"""
    m = meta_of(page)
    assert m.outlet == "The Valley Courier" and m.sources["outlet"] == "json-ld publisher"


def test_a_byline_named_the_bem_way_is_found():
    page = """<html><head><title>x</title></head><body><article><h1>x</h1>
    <div class="Article__Author">By
        Pell Andersen   </div><p>x</p></article></body></html>"""
    m = meta_of(page)
    assert m.author == "Pell Andersen" and m.sources["author"] == "byline"


def _slash_page(lang: str, written: str) -> str:
    return f"""<html lang="{lang}"><head><title>Harbor</title></head><body><article><h1>Dock workers strike</h1>
    <p class="byline-date">{written}</p><p>Dock workers walked out on Tuesday.</p></article></body></html>"""


def test_a_month_first_locale_reads_its_slash_dates_month_first():
    m = meta_of(_slash_page("en-US", "11/01/2023"), fallback={"date": "2023-01-11"})  # htmldate: day first
    assert m.published == dt.date(2023, 11, 1) and m.sources["published"] == "htmldate (month first: en-US)"
    assert meta_of(_slash_page("en-GB", "11/01/2023"), fallback={"date": "2023-01-11"}).published == dt.date(2023, 1, 11)
    # a slash date with a first number over 12 proves the page writes the day first
    proof = _slash_page("en-US", "25/01/2023, 11/01/2023")
    assert meta_of(proof, fallback={"date": "2023-01-11"}).published == dt.date(2023, 1, 11)


def _author_page(head: str = "", body: str = "") -> str:
    return f"""<html><head><title>x</title><meta property="og:site_name" content="Valley Courier">{head}</head>
    <body><article>{body}<p>x</p></article></body></html>"""


def test_job_titles_handles_and_the_publishers_name_are_cut_from_a_byline():
    assert meta_of(_author_page('<meta name="author" content="PELL ANDERSEN, Courier Harbor Writer">')).author \
        == "PELL ANDERSEN"
    assert meta_of(_author_page('<meta name="author" content="Rue Kaminski, rue_k">')).author == "Rue Kaminski"
    # a handle is no person's name: credited only as an account, when no one else is (below)
    assert meta_of(_author_page('<meta name="author" content="gto">', body='<div class="byline">Pell Andersen</div>')
                   ).author == "Pell Andersen"
    assert meta_of(_author_page(body='<div class="byline">Pell Andersen Valley Courier</div>')).author == "Pell Andersen"
    assert meta_of(_author_page(body='<div class="byline">Pell Andersen Associated Press</div>')).author \
        == "Pell Andersen"


def test_a_desks_credit_when_nobody_is_named():
    page = _author_page(body='<div class="byline">Harbor Desk Staff Published 3:04 p.m.</div>')
    m = meta_of(page)
    assert m.author == "Harbor Desk Staff" and m.sources["author"] == "byline (desk)"
    assert meta_of(_author_page(body='<div class="byline">Staff Reports</div>')).author is None


def test_a_blogs_post_line_names_who_posted():
    # "Posted on <date> by X" in an element no byline class marks (WordPress themes' post line)
    line = '<div class="postinfo">Posted on <span class="postdate">March 30, 2015</span> by {}</div>'
    m = meta_of(_author_page(body=line.format("Pell Andersen")))
    assert m.author == "Pell Andersen" and m.sources["author"] == "post line"
    m = meta_of(_author_page(body=line.format("Admin")))
    assert m.author == "Admin" and m.sources["author"].endswith("(account)")
    assert meta_of(_author_page(body=line.format("guest"))).author is None  # a placeholder
    # a sentence that only mentions a posting is no byline
    assert meta_of(_author_page(body="<p>Posted on Friday by a neighbour, the video was shared widely in "
                                     "the town and beyond, drawing many comments.</p>")).author is None


def test_an_account_the_byline_credits_when_nobody_else_is():
    # "by admin", rel=author "siteadmin": what the page says of who posted it; not a placeholder
    m = meta_of(_author_page(body='<p class="byline">By <a rel="author" href="/author/siteadmin/">siteadmin</a></p>'))
    assert m.author == "siteadmin" and m.sources["author"].endswith("(account)")
    assert meta_of(_author_page('<meta name="author" content="gto">')).author == "gto"
    assert meta_of(_author_page('<meta name="author" content="Admin">')).author == "Admin"
    for placeholder in ("guest", "anonymous", "Profile", "null"):
        assert meta_of(_author_page(f'<meta name="author" content="{placeholder}">')).author is None, placeholder
    # a desk's credit or a person comes first
    assert meta_of(_author_page('<meta name="author" content="admin">',
                                body='<div class="byline">Harbor Desk Staff</div>')).author == "Harbor Desk Staff"


def test_a_phrase_in_a_byline_box_is_no_name_but_a_tag_is_taken_as_written():
    assert meta_of(_author_page(body='<div class="byline">The harbor and river authorities</div>')).author is None
    assert meta_of(_author_page(body='<div class="byline">Maria da Silva</div>')).author == "Maria da Silva"
    assert meta_of(_author_page('<meta name="dc.creator" content="Pell the Elder">')).author == "Pell the Elder"
    assert meta_of(_author_page(body='<div class="byline">Pell the Elder</div>')).author is None


def test_title_agreement_counts_a_site_or_kicker_set_off_by_a_separator_not_any_substring():
    bugs = """<html><head><title>About harbor cranes – Portavel Crane Works</title></head>
    <body><h1>About harbor cranes</h1><p>x</p></body></html>"""
    assert meta_of(bugs).title == "About harbor cranes"  # the unknown site name is what the h1 leaves off
    kicker = """<html><head><title>The Harbor Review: Cranes stand idle again</title></head>
    <body><h1>Cranes stand idle again</h1><p>x</p></body></html>"""
    assert meta_of(kicker).title == "Cranes stand idle again"
    article = """<html><head><title>Harbor Cranes Stand Idle Again</title>
    <meta property="og:title" content="The Harbor Cranes Stand Idle Again"></head>
    <body><h1>The Harbor Cranes Stand Idle Again</h1><p>x</p></body></html>"""
    assert meta_of(article).title == "The Harbor Cranes Stand Idle Again"  # "The" is no site name


def test_a_host_name_yields_to_the_publisher_the_page_names():
    page = """<html><head><title>x</title><link rel="canonical" href="https://en.valmora.example/wiki/x">
    <script type="application/ld+json">{"@type": "Article", "publisher": {"name": "Valmora Atlas Foundation"}}</script>
    </head><body><p>x</p></body></html>"""
    m = meta_of(page, fallback={"outlet": "en.valmora.example"})  # trafilatura's host fall-back
    assert m.outlet == "Valmora Atlas Foundation" and m.sources["outlet"] == "json-ld publisher"


def test_the_publication_beside_the_writer_is_cut_even_written_as_a_host_name():
    page = _author_page('<meta name="author" content="Pell Andersen, ValleyCourier.com">')
    assert meta_of(page.replace("Valley Courier", "ValleyCourier")).author == "Pell Andersen"
    assert meta_of(_author_page('<meta name="author" content="Pell Andersen, Reuters">')).author == "Pell Andersen"
    assert meta_of(_author_page('<meta name="author" content="valleycourier.com">')).author is None


def test_a_handle_capitalised_by_the_fallback_is_no_author():
    account = _author_page(body='<span class="who">jdcourier</span>')
    assert meta_of(account, fallback={"author": "Jdcourier"}).author is None  # written only in lower case
    avatar = _author_page(body='<img alt="Pell2090">')
    assert meta_of(avatar, fallback={"author": "Pell"}).author is None  # the page never writes it
    named = _author_page(body='<span class="who">Pell</span>')
    assert meta_of(named, fallback={"author": "Pell"}).author == "Pell"
    assert meta_of(_author_page('<meta name="author" content="Siteadmin">')).sources["author"] == "author (account)"


def test_escaped_structured_values_and_handle_site_names_read_as_written():
    page = """<html><head><title>x</title><meta name="twitter:site" content="@courier_">
    <script type="application/ld+json">{"@type": "NewsArticle",
     "headline": "&#8216;Cranes&#8217; stand idle &amp;amp; quiet"}</script></head><body><p>x</p></body></html>"""
    m = meta_of(page, fallback={"outlet": "@courier_"})
    assert m.title == "‘Cranes’ stand idle & quiet" and m.outlet == "courier"


def _titled(title: str, site: str | None = None, h1: str | None = None) -> str:
    head = f"<title>{title}</title>" + (f'<meta property="og:site_name" content="{site}">' if site else "")
    return f"<html><head>{head}</head><body><article>{f'<h1>{h1}</h1>' if h1 else ''}<p>x</p></article></body></html>"


def test_a_site_name_set_off_without_spaces_in_cjk_titles_is_stripped():
    assert meta_of(_titled("港口起重机全面停工-海港日报", "海港日报")).title == "港口起重机全面停工"
    assert meta_of(_titled("港湾クレーンが停止：海港新聞", "海港新聞")).title == "港湾クレーンが停止"
    assert meta_of(_titled("Harbor-Valley Courier", "Valley Courier")).title == "Harbor-Valley Courier"  # Latin: a word


def test_the_outlets_bare_name_is_no_headline():
    assert meta_of(_titled("Valley Courier", "Valley Courier", "Harbor cranes idle")).title == "Harbor cranes idle"
    assert meta_of(_titled("Valley Courier", "Valley Courier")).title == "Valley Courier"  # all there is


def test_the_byline_nearest_the_headline_is_the_articles():
    text = "<p>" + "Dock workers walked out for a second day. " * 5 + "</p>"
    teaser = f"""<html><head><title>Cranes idle</title></head><body>
    <div class="top-stories"><h3>Ferry returns</h3><span class="byline">By Rue Kaminski</span></div>
    <article><h1>Cranes idle</h1><span class="byline">By Oda Lindqvist</span>{text}</article></body></html>"""
    assert meta_of(teaser).author == "Oda Lindqvist"
    linked = f"""<html><head><title>Cranes idle</title></head><body>
    <div class="headlines"><a href="/f">Ferry returns</a> <a rel="author" href="/rue">Rue Kaminski</a></div>
    <div class="main"><h1>Cranes idle</h1><p>By <a rel="author" href="/oda">Oda Lindqvist</a></p>{text}</div></body></html>"""
    assert meta_of(linked).author == "Oda Lindqvist"
    above = f"""<html><head><title>Cranes idle</title></head><body><article>
    <span class="byline">By Oda Lindqvist</span><h1>Cranes idle</h1>{text}</article>
    <div class="next"><h2>Ferry returns</h2><span class="byline">By Rue Kaminski</span></div></body></html>"""
    assert meta_of(above).author == "Oda Lindqvist"  # above its headline, still the nearest


def test_an_agency_credited_as_author_yields_to_the_writers_byline():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Reuters"}}</script>'
    assert meta_of(_author_page(ld, '<div class="byline">By Oda Lindqvist</div>')).author == "Oda Lindqvist"
    assert meta_of(_author_page(ld)).author == "Reuters"  # all there is
    # one word beside the agency is its dateline's place, not a writer
    dateline = '<div class="byline">Reuters, Portavel, Nov 20 2019</div><div class="byline">Portavel,</div>'
    assert meta_of(_author_page(ld, dateline)).author == "Reuters"


def test_a_time_marked_or_introduced_as_the_update_is_no_publication_date():
    text = "<p>" + "Dock workers walked out for a second day. " * 5 + "</p>"
    marked = f"""<html><head><title>x</title></head><body><article><header><h1>Cranes idle</h1>
    <span class="dateline__updated"><time datetime="2023-11-05T10:00">Nov 5</time></span>
    <time datetime="2023-11-01T09:00">Nov 1</time></header>{text}</article></body></html>"""
    m = meta_of(marked, fallback={"date": None})
    assert m.published == dt.date(2023, 11, 1) and m.sources["published"] == "<time>"
    introduced = marked.replace('<span class="dateline__updated">', "<span>Aktualisiert am ")
    assert meta_of(introduced, fallback={"date": None}).published == dt.date(2023, 11, 1)


def test_a_promo_heading_is_no_title_and_a_headline_set_as_h2_under_a_section_is():
    text = "<p>" + "Dock workers walked out for a second day. " * 5 + "</p>"
    promo = f"""<html><head><title>Valley Courier</title><meta property="og:site_name" content="Valley Courier">
    </head><body><div class="newsletter-modal"><h1>Take your next trip with Valley Courier!</h1></div>
    <article><h2>Harbor cranes stand idle for a third day</h2>{text}</article></body></html>"""
    m = meta_of(promo, fallback={"title": "Take your next trip with Valley Courier!"})  # a fallback read the promo
    assert m.title == "Harbor cranes stand idle for a third day" and m.sources["title"] == "article h2"
    section = f"""<html><head><title>Harbor cranes stand idle for a third day - Valley Courier</title></head>
    <body><h1>Ports Center</h1><article><h2>Harbor cranes stand idle for a third day</h2>{text}</article></body></html>"""
    assert meta_of(section).title == "Harbor cranes stand idle for a third day"


def test_a_layout_modifier_is_not_the_block_it_names():
    page = """<html><head><title>Cranes idle | Valley Courier</title></head><body><article>
    <header class="content__header content__header--no-promo"><h1>Cranes idle</h1>
    <span class="byline">By Oda Lindqvist</span></header><p>x</p></article></body></html>"""
    m = meta_of(page)
    assert m.title == "Cranes idle" and m.author == "Oda Lindqvist"


def test_a_servers_host_label_is_no_site_name_but_a_brands_is():
    def page(site: str, host: str) -> str:
        return f"""<html><head><title>x</title><meta property="og:site_name" content="{site}">
        <link rel="canonical" href="https://{host}/story/1"></head><body><p>x</p></body></html>"""
    m = meta_of(page("Hosted", "hosted.courier.example"), fallback={"outlet": "Hosted"})
    assert m.outlet == "courier.example" and m.sources["outlet"] == "canonical domain"
    assert meta_of(page("HarborTalk", "harbortalk.courier.example")).outlet == "HarborTalk"


def test_a_short_site_name_is_stripped_only_whole():
    assert strip_site("Cranes idle - VCN", ["VCN"]) == "Cranes idle"
    assert strip_site("The | Cranes idle", ["Thehill"]) == "The | Cranes idle"  # a short prefix is no name


def test_a_byline_on_a_line_of_its_own_names_the_author():
    # "By X" / "Written by X" as a paragraph of its own, no byline class: above the article or at its foot
    for line in ("<p>By Maren Solberg</p>", "<p>Written by Maren Solberg, Staff Writer</p>",
                 "<div class='note'>Story by Maren Solberg</div>"):
        m = meta_of(_author_page(body=line + "<p>Text of the article, long enough to be one.</p>"))
        assert m.author == "Maren Solberg" and m.sources["author"] == "byline line", line
    m = meta_of(_author_page(body="<p>By Maren Solberg and Ivo Lenz</p><p>Text of the article, long enough.</p>"))
    assert m.author == "Maren Solberg, Ivo Lenz"
    # a sentence that opens on "By" is no byline; a byline element still comes first
    assert meta_of(_author_page(body="<p>By the end of the day the berths were closed to all ships.</p>")).author is None
    assert meta_of(_author_page(body="<div class='byline'>Pell Andersen</div><p>By Maren Solberg</p>")).author \
        == "Pell Andersen"
