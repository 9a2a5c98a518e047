"""Stable permalinks: a story merged away points to where its articles went."""
from storyweave.model import Article


def test_a_merged_story_points_to_where_its_articles_went(store):
    store.add_articles([Article(id=i, text=f"Invented report {i} on the harbour kites.")
                        for i in ("k1", "k2", "m1")])
    store.assign({"k1": "s-kite", "k2": "s-kite", "m1": "s-mill"})
    assert store.moved_to("s-kite") is None  # alive
    store.assign({"k1": "s-mill", "k2": "s-mill"})  # the kite story merged into the mill one
    assert store.get_story("s-kite").size == 0 and store.moved_to("s-kite") == "s-mill"
    store.assign({"k1": "s-new", "k2": "s-new", "m1": "s-new"})  # and that one into another
    assert store.moved_to("s-kite") == "s-new" and store.moved_to("s-mill") == "s-new"
    assert store.moved_to("s-unknown") is None
