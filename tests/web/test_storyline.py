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


def _two_events_brief() -> dict:
    arts = [{"id": "a1", "outlet": "Herald", "title": "Quarry blast", "published": "2024-01-02"},
            {"id": "a2", "outlet": "Post", "title": "Blast at the quarry", "published": "2024-01-02"},
            {"id": "a3", "outlet": "Herald", "title": "Quarry owner charged", "published": "2024-01-20"}]
    return {"articles": arts,
            "agreements": [{"text": "A blast shook the Brenna quarry.", "citations": ["a2", "a1"]}],
            "unique": [{"text": "The owner was charged on Friday.", "citations": ["a3"]}],
            "divergences": [{"about": "injured", "variants": [{"value": "3", "citations": ["a1"]},
                                                              {"value": "5", "citations": ["a3"]}]},
                            {"about": "time", "variants": [{"value": "noon", "citations": ["a1"]},
                                                           {"value": "1 pm", "citations": ["a2"]}]}]}


def test_by_event_tells_an_update_between_events_from_outlets_that_differ():
    from storyweave.web.storyline import by_event

    events = by_event(storyline(_two_events_brief()), {"a1": "s1", "a2": "s1", "a3": "s2"}, {"s2": "Charged"})
    assert [e.story_id for e in events] == ["s1", "s2"] and events[1].title == "Charged"
    assert events[0].added == [{"text": "A blast shook the Brenna quarry.", "citations": ["a1", "a2"]}]
    assert [(c["about"], c["kind"]) for c in events[0].changed] == [("time", "differs")]
    assert events[1].changed == [{"about": "injured", "before": "3", "now": "5", "citations": ["a3"], "kind": "update"}]


def test_since_keeps_only_what_is_new_from_that_date():
    from storyweave.web.storyline import since

    steps = since(storyline(_two_events_brief()), "2024-01-10")
    assert [s.article_id for s in steps] == ["a3"]
    assert steps[0].added == ["The owner was charged on Friday."] and steps[0].cited == [["a3"]]
    assert since(storyline(_two_events_brief()), "2024-02-01") == []
