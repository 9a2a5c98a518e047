import ipaddress

import pytest

from storyweave.config import IngestConfig
from storyweave.ingest import read_articles
from storyweave.ingest.url import refusal


def test_page_from_local_server(server, local_config, make_page):
    server.send("/ferry", make_page())
    server.redirect("/old", "/ferry")
    arts, probs = read_articles([f"{server.base}/old"], local_config)
    assert probs == []
    (art,) = arts
    assert art.url == f"{server.base}/ferry"  # the final URL, after the redirect
    assert art.text.startswith("The city council voted") and art.outlet == "Harbour Herald"


def test_private_address_refused_without_allow_private(server, make_page):
    server.send("/ferry", make_page())
    arts, probs = read_articles([f"{server.base}/ferry"], IngestConfig(timeout=2.0))
    assert arts == []
    assert "refused" in probs[0].reason and "loopback" in probs[0].reason and "--allow-private" in probs[0].reason


def test_redirect_to_private_refused(server):
    # a public-looking first hop is checked again after the redirect: here the target is loopback
    server.redirect("/go", "http://127.0.0.1:9/internal")
    arts, probs = read_articles([f"{server.base}/go"], IngestConfig(timeout=2.0))
    assert arts == [] and "refused" in probs[0].reason


def test_non_http_refused_after_redirect(server, local_config):
    server.redirect("/file", "file:///etc/passwd")
    _, probs = read_articles([f"{server.base}/file"], local_config)
    assert "only http and https" in probs[0].reason


@pytest.mark.parametrize("addr", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.5", "169.254.169.254",
                                  "100.64.0.1", "::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0", "fd00::1"])
def test_refusal_covers_non_public(addr):
    assert refusal(ipaddress.ip_address(addr))


def test_public_address_allowed():
    assert refusal(ipaddress.ip_address("93.184.216.34")) is None


def test_http_errors_loops_and_size(server, local_config, make_page):
    server.send("/500", "oops", status=500)
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    server.send("/big", b"<html><body>" + b"x" * 5000 + b"</body></html>")
    server.send("/ok", make_page())
    cfg = IngestConfig(allow_private=True, timeout=2.0, max_bytes=4000)
    urls = [f"{server.base}/{p}" for p in ("missing", "500", "a", "big", "ok")]
    arts, probs = read_articles(urls, cfg)
    reasons = {p.item.rsplit("/", 1)[1]: p.reason for p in probs}
    assert "404" in reasons["missing"] and "500" in reasons["500"]
    assert "redirect loop" in reasons["a"]
    assert "limit" in reasons["big"]
    assert [a.url for a in arts] == [f"{server.base}/ok"]  # the rest is processed


def test_timeout(server, local_config):
    import time

    def slow(h):
        time.sleep(1.5)
        h.send_response(200)
        h.end_headers()

    server.routes["/slow"] = slow
    _, probs = read_articles([f"{server.base}/slow"], IngestConfig(allow_private=True, timeout=0.3))
    assert "timed out" in probs[0].reason


def test_url_list_file_fetched_concurrently(tmp_path, server, local_config, make_page):
    for i in range(4):
        server.send(f"/p{i}", make_page(title=f"Story {i}"))
    lst = tmp_path / "links.urls"
    lst.write_text("# my links\n" + "\n".join(f"{server.base}/p{i}" for i in range(4)) + f"\n{server.base}/nope\n")
    arts, probs = read_articles([lst], local_config)
    assert [a.title for a in arts] == [f"Story {i}" for i in range(4)]  # input order kept
    assert len(probs) == 1 and "404" in probs[0].reason
