import json

from storyweave.cli import main


def test_extract_prints_one_record_per_article(tmp_path, capsys, make_page):
    (tmp_path / "a.html").write_text(make_page(), "utf-8")
    (tmp_path / "b.html.gz").write_bytes(b"not gzip")
    rc = main(["extract", str(tmp_path / "a.html"), str(tmp_path / "b.html.gz"), "--removed"])
    out, err = capsys.readouterr()
    assert rc == 0  # one bad input does not fail the batch
    (rec,) = [json.loads(line) for line in out.splitlines()]
    assert set(rec) == {"id", "url", "outlet", "title", "author", "published", "language", "body", "removed"}
    assert rec["published"] == "2023-06-19" and rec["body"].startswith("The city council")
    assert "b.html.gz" in err and "not gzip" in err


def test_extract_url_needs_allow_private(server, capsys, make_page):
    server.send("/a", make_page())
    assert main(["extract", f"{server.base}/a"]) == 1
    assert "refused" in capsys.readouterr().err
    assert main(["extract", "--allow-private", f"{server.base}/a"]) == 0
    assert json.loads(capsys.readouterr().out)["outlet"] == "Harbour Herald"
