"""Articles in through the API, a story and its brief out, with the real clustering and
pipeline running in the server's background worker (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from webkit import SHARED, TOKEN, LiveServer, make_config

from storyweave.render.json import validate
from storyweave.web import create_app

EXAMPLE = SHARED / "examples" / "blinken-beijing"


@pytest.fixture
def live(store):
    pytest.importorskip("storyweave.pipeline", reason="the brief pipeline is not built yet")
    with LiveServer(create_app(make_config(), store)) as srv:
        yield srv


def test_posted_articles_become_a_briefed_story(live):
    files = sorted(EXAMPLE.glob("*.txt"))
    if not files:
        pytest.skip(f"shared example story missing at {EXAMPLE}")
    with live.client(TOKEN) as c:
        for f in files:  # one request per article, as a crawler would send them
            r = c.post(f"/api/articles?id={f.name}", content=f.read_bytes(), headers={"Content-Type": "text/plain"})
            assert r.status_code == 201, r.text
        status = live.wait_idle(timeout=240)
        assert status["last_error"] is None, status
        stories = c.get("/api/stories").json()["stories"]
        biggest = max(stories, key=lambda s: s["size"])
        assert biggest["size"] >= 4  # one event, five outlets: at most one straggler
        brief = c.get(f"/api/stories/{biggest['id']}").json()
        validate(brief)  # the stored brief is the JSON contract, references included
        assert len(brief["articles"]) == biggest["size"]
        assert brief["summary"] and brief["divergences"]
        page = c.get(f"/stories/{biggest['id']}", headers={"Accept": "text/html"})
        assert page.status_code == 200 and 'class="cite"' in page.text
        # re-posting the same articles changes nothing: no new story, no rebuild
        built = status["briefs_built"]
        r = c.post(f"/api/articles?id={files[0].name}", content=files[0].read_bytes(), headers={"Content-Type": "text/plain"})
        assert r.status_code == 200 and r.json()["duplicates"] == 1
        assert live.wait_idle()["briefs_built"] == built
