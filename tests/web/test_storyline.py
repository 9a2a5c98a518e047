"""The story over time: articles in publication order, what each added and changed."""
from __future__ import annotations

import story_fixture
from webkit import LiveServer, make_config

from storyweave.web import create_app
from storyweave.web.storyline import storyline

HTML = {"Accept": "text/html"}


def test_each_article_adds_what_no_earlier_one_had():
    steps = storyline(story_fixture.brief())
    # the Herald and the Post came out on the 14th, the wire copy on the 15th
    assert [s.outlet for s in steps] == ["Coastal Herald", "Norrvik Post", "Island Wire"]
    assert steps[0].added == ["Storm damage to the Halden pier had stopped all crossings."]
    assert steps[1].added == ["Island shops ran short of fresh milk during the closure."]
    assert steps[2].added == []  # it repeats what the others had
    # the Post, later in order, gives another duration than the Herald
    assert steps[1].changed == [{"about": "how long the ferry was suspended", "before": "9 days", "now": "~2 weeks"}]


def test_storyline_page_and_feed(store, fixture_story):
    import xml.etree.ElementTree as ET

    with LiveServer(create_app(make_config(), store, background=False)) as srv, srv.client() as c:
        page = c.get("/stories/s-ferry/storyline", headers=HTML).text
        assert page.index("Coastal Herald") < page.index("Island Wire")
        assert "9 days → <b>~2 weeks</b>" in page
        feed = ET.fromstring(c.get("/stories/s-ferry/storyline.atom").content)
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 3
        assert "over time" in c.get("/stories/s-ferry", headers=HTML).text
        assert c.get("/stories/s-none/storyline", headers=HTML).status_code == 404
