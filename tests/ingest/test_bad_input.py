"""Bad input: each item gets a clear message naming it; the rest of the batch is read."""
import gzip

from storyweave.config import IngestConfig
from storyweave.ingest import read_articles


def test_bad_files_each_reported(tmp_path, make_page):
    good = tmp_path / "good.html"
    good.write_text(make_page(), "utf-8")
    (tmp_path / "fake.html.gz").write_bytes(b"<html>not gzipped</html>")
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(make_page().encode())[:60])
    (tmp_path / "empty.html").write_text("<html><head><script>var a=1;</script></head><body></body></html>")
    (tmp_path / "huge.html").write_bytes(b"<html><body>" + b"<p>word </p>" * 1000 + b"</body></html>")
    arts, probs = read_articles([tmp_path], IngestConfig(max_bytes=10_000))
    assert [a.id for a in arts] == ["good.html"]
    reasons = {p.item.rsplit("/", 1)[1]: p.reason for p in probs}
    assert "not gzip" in reasons["fake.html.gz"]
    assert "gzip" in reasons["broken.html.gz"]
    assert "no article text" in reasons["empty.html"]
    assert "limit" in reasons["huge.html"] and "max_bytes" in reasons["huge.html"]


def test_fifty_megabyte_page_refused_with_message(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.write(b"<p>filler paragraph text</p>" * (50_000_000 // 28))
        fh.write(b"</body></html>")
    arts, probs = read_articles([big])  # default cap: 20 MB
    assert arts == [] and "20,000,000-byte limit" in probs[0].reason


def test_malformed_html_and_wrong_charset(tmp_path, make_page):
    # unclosed tags, stray end tags: lxml repairs them and the text comes through
    broken = make_page().replace("</p>", "").replace("<main>", "<main></div></span>")
    (tmp_path / "broken.html").write_text(broken, "utf-8")
    # declared latin-1 but really UTF-8 (a common mistake): valid UTF-8 wins
    text = make_page(charset="iso-8859-1")
    (tmp_path / "lie.html").write_bytes(text.replace("ferry service", "ferry service café").encode("utf-8"))
    # no charset at all, really cp1252
    (tmp_path / "none.html").write_bytes(make_page(charset="").replace('<meta charset="">', "")
                                         .replace("council voted", "council – déjà – voted").encode("cp1252"))
    arts, probs = read_articles([tmp_path])
    assert probs == []
    by = {a.id: a for a in arts}
    assert by["broken.html"].text.startswith("The city council voted")
    assert "café" in by["lie.html"].title
    assert "déjà" in by["none.html"].text


def test_page_without_an_article_is_a_problem(tmp_path):
    from storyweave.ingest import read_articles

    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav><h1>News</h1></body></html>")
    arts, probs = read_articles([tmp_path])
    assert arts == []
    assert len(probs) == 1 and "menu.html" in probs[0].item and "no article" in probs[0].reason
