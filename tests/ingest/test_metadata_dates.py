"""The publication day as the page shows it (storyweave.ingest.metadata.choose_date), on invented pages."""
import datetime as dt

from lxml import html as lxml_html

from storyweave.ingest.metadata import read_metadata


def meta_of(page: str, **kw):
    return read_metadata(lxml_html.fromstring(page), page, **kw)


def _page(stamp: str, after_headline: str, head: str = "", before_headline: str = "") -> str:
    return f"""<html lang="en"><head><title>Night ferry returns to the islands | Coastline Daily</title>
    <meta property="og:title" content="Night ferry returns to the islands">
    <meta property="article:published_time" content="{stamp}">{head}</head>
    <body><nav><a href="/">Home</a></nav>{before_headline}<h1>Night ferry returns to the islands</h1>
    {after_headline}
    <p>The night ferry sailed again on Tuesday evening after a winter of repairs to its hull and engines,
    and the harbour master said the timetable would hold until the spring storms, as it did last year.</p>
    <figure><img src="a.jpg"><figcaption>The ferry at the quay, March 10, 2021.</figcaption></figure>
    </body></html>"""


def test_a_utc_timestamp_takes_the_day_shown_beside_the_headline_one_day_off():
    m = meta_of(_page("2021-03-10T02:30:00Z", '<div class="byline">By Mara Quist | March 9, 2021 9:30 pm ET</div>'))
    assert m.published == dt.date(2021, 3, 9)
    assert m.sources["published"] == "shown date (local day of article:published_time)"
    # an offset the template set wrong (the clock is UTC's): the shown day still wins
    assert meta_of(_page("2021-03-10T02:30:00-06:00", "<p>Mara Quist - Mar 9, 2021, 8:30 pm CST</p>")).published \
        == dt.date(2021, 3, 9)
    # the dateline above the headline counts too
    assert meta_of(_page("2021-03-10T02:30:00Z", "", before_headline="<div>March 9, 2021 / 9:30 PM</div>")) \
        .published == dt.date(2021, 3, 9)


def test_the_shown_day_is_the_posting_not_the_update_and_needs_no_year():
    m = meta_of(_page("2021-03-10T01:19:00Z", "<div>Updated Mar 10, 9:41 AM; Posted Mar 9, 8:19 PM</div>"))
    assert m.published == dt.date(2021, 3, 9)


def test_a_date_in_the_article_or_a_photo_caption_is_not_the_shown_day():
    # the caption's and the text's dates come after the article began: the timestamp's day holds
    m = meta_of(_page("2021-03-09T23:30:00Z", "<p>By Mara Quist</p>"))
    assert m.published == dt.date(2021, 3, 9) and m.sources["published"] == "article:published_time"
    # a day as written (no instant) is no clock's: kept
    assert meta_of(_page("2021-03-10", "<div>March 9, 2021</div>")).published == dt.date(2021, 3, 10)


def test_a_masthead_heading_is_not_the_headline_the_shown_day_sits_by():
    page = _page("2021-03-10T02:30:00Z", "").replace(
        "<h1>Night ferry returns to the islands</h1>",
        "<h1>Coastline Daily</h1><div>Print edition: March 11, 2021</div><h2>Night ferry returns</h2>")
    assert meta_of(page).published == dt.date(2021, 3, 10)


def test_the_time_the_page_shows_beats_a_date_in_the_urls_slug():
    page = _page("2021-03-10T06:07:00+0000", '<p><time datetime="2021-03-10T01:07:00-0500">March 10, 2021 / 1:07 AM'
                 '</time></p>', head='<link rel="canonical" href="https://coastline.example/news/hearing-2021-03-09/">')
    m = meta_of(page)
    assert m.published == dt.date(2021, 3, 10) and m.sources["published"] == "article:published_time"


def test_when_the_pages_dates_disagree_the_one_it_shows_wins_before_htmldate():
    page = """<html><head><title>Best ferries of the year</title>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Best ferries of the year",
     "datePublished": "2022-06-14 19:31:39"}</script></head>
    <body><h1>Best ferries of the year</h1><div class="byline">By Ivo Lenz |
    <time datetime="2022-06-13 19:14:00">June 13, 2022 -- 19:14 GMT</time></div><p>x</p></body></html>"""
    m = meta_of(page, fallback={"date": "2022-06-14"})
    assert m.published == dt.date(2022, 6, 13) and m.sources["published"] == "<time> (shown on the page)"
