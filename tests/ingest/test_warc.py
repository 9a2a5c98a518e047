import io

import pytest

from storyweave.ingest import read_articles

warcio = pytest.importorskip("warcio")


def write_warc(path, pages, gz=True):
    """A real WARC with response records (and a request record that must be skipped)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)


def test_warc_gz_html_responses(tmp_path, make_page):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://herald.example/ferry", make_page().encode(), "text/html; charset=utf-8"),
        ("https://herald.example/logo.png", b"\x89PNG....", "image/png"),
        ("https://other.example/news", make_page(site=None, title="Second").encode("latin-1"), "text/html; charset=iso-8859-1"),
    ])
    arts, probs = read_articles([path])
    assert probs == []
    assert [a.url for a in arts] == ["https://herald.example/ferry", "https://other.example/news"]
    assert arts[0].outlet == "Harbour Herald" and arts[1].outlet == "other.example"
    assert arts[0].id != arts[1].id and len(arts[0].id) == 12
    assert all(a.text.startswith("The city council") for a in arts)


def test_plain_warc(tmp_path, make_page):
    path = tmp_path / "crawl.warc"
    write_warc(path, [("https://herald.example/a", make_page().encode(), "text/html")], gz=False)
    arts, probs = read_articles([path])
    assert len(arts) == 1 and probs == []


def test_truncated_warc_keeps_what_came_before(tmp_path, make_page):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, [(f"https://herald.example/{i}", make_page().encode(), "text/html") for i in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    arts, probs = read_articles([path])
    assert 1 <= len(arts) < 3
    assert len(probs) == 1 and "cut.warc.gz@" in probs[0].item and "truncated" in probs[0].reason
