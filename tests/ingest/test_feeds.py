from storyweave.ingest import read_articles
from storyweave.ingest.feeds import html_fragment_to_paragraphs

LONG = " ".join(["The council approved the ferry plan after a long debate about costs and timetables."] * 20)


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Harbour Herald</title><link>https://herald.example/</link>" + items + "</channel></rss>"
    )


def item(title: str, link: str, description: str, content: str = "", date: str = "Mon, 19 Jun 2023 08:00:00 GMT") -> str:
    enc = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>"
            f"<description><![CDATA[{description}]]></description>{enc}</item>")


def test_rss_file_entries_become_articles(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(rss(
        item("Full story", "https://herald.example/1", "teaser", content=f"<p>{LONG}</p><p>Second paragraph here.</p>")
        + item("Teaser only", "https://herald.example/2", "The council met on Tuesday…")
    ), "utf-8")
    arts, probs = read_articles([path])
    assert probs == []
    full, teaser = arts
    assert full.title == "Full story" and full.outlet == "Harbour Herald"
    assert full.published.isoformat() == "2023-06-19"
    assert full.text.endswith("Second paragraph here.") and full.meta["teaser"] is False
    assert full.id != teaser.id and len(full.id) == 12  # a short stable hash of the entry id
    assert teaser.meta["teaser"] is True  # a file feed stays offline: the teaser is kept, marked


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>'
        '<entry><title>One</title><link href="https://atom.example/1"/><id>urn:1</id>'
        f'<updated>2023-06-18T10:00:00Z</updated><content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry></feed>',
        "utf-8",
    )
    (art,), probs = read_articles([path])
    assert probs == [] and art.outlet == "Atom News" and art.published.isoformat() == "2023-06-18"


def test_broken_feed_is_a_problem(tmp_path):
    bad = tmp_path / "broken.rss"
    bad.write_text("<rss><channel><title>x</title><item><title>unclosed", "utf-8")
    arts, probs = read_articles([bad])
    assert arts == [] and "broken.rss" in probs[0].item and "feed" in probs[0].reason


def test_url_feed_fetches_teaser_pages(server, local_config, make_page):
    server.send("/story", make_page())
    server.send("/feed.xml", rss(item("Ferry news", f"{server.base}/story", "The council met…")
                                 + item("Gone", f"{server.base}/missing", "Deleted story…")),
                ctype="application/rss+xml")
    arts, probs = read_articles([f"{server.base}/feed.xml"], local_config)
    page = next(a for a in arts if a.url == f"{server.base}/story")
    assert page.text.startswith("The city council voted") and page.meta["extraction"]
    # the 404 entry: a Problem naming it, and its teaser kept and marked
    assert any("404" in p.reason for p in probs)
    assert any(a.meta.get("fetch_problem") for a in arts)


def test_fragment_paragraphs():
    got = html_fragment_to_paragraphs("<p>One.</p><p>Two <b>bold</b>.</p><script>x()</script>")
    assert got == ["One.", "Two bold."]


def test_registered_feed_urls_yield_entries_and_refuse_pages(server, local_config, make_page):
    from storyweave.ingest.feeds import read_feed_urls
    from storyweave.model import Article, Problem

    server.send("/feed.xml", rss(item("Ferry news", f"{server.base}/x", "The council met.", content=LONG)),
                ctype="application/rss+xml")
    server.send("/page", make_page())
    out = list(read_feed_urls([f"{server.base}/feed.xml", f"{server.base}/page"], local_config))
    arts = [x for x in out if isinstance(x, Article)]
    probs = [x for x in out if isinstance(x, Problem)]
    assert len(arts) == 1 and arts[0].title == "Ferry news"
    assert len(probs) == 1 and "not an RSS or Atom feed" in probs[0].reason
