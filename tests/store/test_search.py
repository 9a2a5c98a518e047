"""Full-text search over article text and entity names, on SQLite (FTS5) and PostgreSQL."""
import datetime as dt

from storyweave.model import Article
from storyweave.store import MARK_OFF, MARK_ON

# invented stories
TEXTS = {
    "kite": ("Harbour kite festival", "Gull Post", dt.date(2030, 5, 1),
             "Hundreds flew kites over the Tessel harbour on Sunday. A red dragon kite won the children's prize."),
    "kite2": ("Wind spoils the kite contest", "Tessel Times", dt.date(2030, 5, 2),
              "Strong gusts tangled many lines. Organisers praised the volunteers who rescued a balloon."),
    "mill": ("Old mill to become a library", "Gull Post", dt.date(2030, 6, 10),
             "The council approved plans for the Brenner mill. Work on the library begins in autumn; kites not allowed."),
}
STORY = {"kite": "s-kite", "kite2": "s-kite", "mill": "s-mill"}


def _fill(store):
    store.add_articles([Article(id=i, title=t, outlet=o, published=d, text=f"{t}\n{b}", body=[b], cleaned=True)
                        for i, (t, o, d, b) in TEXTS.items()])
    store.assign(STORY)
    store.save_brief("s-mill", {"articles": [], "entities": [
        {"name": "Orla Brenner", "type": "person", "aliases": ["Mayor Brenner", "Ms Brenner"], "citations": [], "mentions": 2}]})


def test_a_body_word_finds_its_story_with_the_passage_marked(store):
    _fill(store)
    hits = store.search("balloon")
    assert [h.story_id for h in hits] == ["s-kite"]
    assert hits[0].article_id == "kite2" and hits[0].outlet == "Tessel Times"
    assert f"{MARK_ON}balloon{MARK_OFF}" in hits[0].snippet
    assert store.search("volunteer rescue")[0].article_id == "kite2"  # stemmed: volunteers, rescued
    assert store.search("balloon harbour") == []  # every word must occur in one article


def test_ranked_one_hit_per_story(store):
    _fill(store)
    hits = store.search("kite")
    # both stories mention kites; the festival has them in its headlines and text
    assert [h.story_id for h in hits] == ["s-kite", "s-mill"]
    assert hits[0].score > hits[1].score


def test_entity_aliases_are_searchable(store):
    _fill(store)
    hits = store.search("Ms Brenner")
    assert [h.story_id for h in hits] == ["s-mill"]
    assert f"{MARK_ON}Brenner{MARK_OFF}" in hits[0].names
    # a name the story's people answer to ranks the story above a text-only match
    store.add_articles([Article(id="other", title="Brenner pass closed", text="Snow closed the Brenner pass.", body=["x"])])
    store.assign({"other": "s-pass"})
    assert [h.story_id for h in store.search("Brenner")][0] == "s-mill"


def test_filters_and_hostile_queries(store):
    _fill(store)
    assert [h.story_id for h in store.search("kite", outlet="tessel times")] == ["s-kite"]
    assert [h.story_id for h in store.search("kite", date_from=dt.date(2030, 6, 1))] == ["s-mill"]
    assert [h.story_id for h in store.search("kite", date_to=dt.date(2030, 5, 31))] == ["s-kite"]
    assert [h.story_id for h in store.search("kite", entity="Orla Brenner")] == ["s-mill"]
    for q in ['kite" OR "mill', "kite*", "NEAR(kite mill)", "'; DROP TABLE articles; --", "", "   "]:
        store.search(q)  # never a syntax error
    assert store.count_articles() == 3


def test_articles_not_in_a_story_are_not_results(store):
    store.add_articles([Article(id="loose", text="A lighthouse keeper retired.", body=["x"])])
    assert store.search("lighthouse") == []

