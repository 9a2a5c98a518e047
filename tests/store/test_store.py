import datetime as dt
import threading

import pytest

from storyweave.errors import StoryweaveError
from storyweave.model import Article, Removed
from storyweave.store import StateMoved, open_store


def art(i, text=None, **kw):
    return Article(id=f"a{i}", text=text or f"Article number {i} about the flood.", **kw)


def test_add_is_idempotent_by_hash_and_url(store):
    first = store.add_articles([art(1, url="https://n.com/1"), art(2)])
    assert [r.created for r in first] == [True, True]
    again = store.add_articles([art(1, url="https://n.com/1"), art(9, text="Article number 2 about  the FLOOD."),
                                art(3, url="https://n.com/1", text="new text, same url")])
    assert [r.created for r in again] == [False, False, False]
    assert [r.article_id for r in again] == ["a1", "a2", "a1"]
    assert "URL" in again[2].reason
    assert store.count_articles() == 2


def test_duplicate_id_with_other_text_is_kept_under_new_id(store):
    store.add_articles([art(1)])
    res = store.add_articles([art(1, text="Entirely different report.")])[0]
    assert res.created and res.article_id == "a1~2" and "taken" in res.reason
    assert store.get_article("a1~2").text == "Entirely different report."
    assert store.count_articles() == 2


def test_article_round_trip(store):
    a = art(1, outlet="Daily", url="https://d.com/x", title="T", published=dt.date(2024, 1, 2), author="A",
            language="en", cleaned=True, meta={"k": [1, 2]})
    a.body = ["para one", "para two"]
    a.removed = [Removed("Share this", "share or follow prompt", 3)]
    store.add_articles([a])
    b = store.get_article("a1")
    assert (b.title, b.published, b.body, b.removed[0].reason, b.meta, b.cleaned) == (
        "T", dt.date(2024, 1, 2), ["para one", "para two"], "share or follow prompt", {"k": [1, 2]}, True)
    assert store.get_article("nope") is None


def test_a_failed_batch_leaves_nothing(store):
    store.add_articles([art(1)])
    with pytest.raises(StoryweaveError):
        store.assign({"a1": "s1", "missing": "s1"})
    assert store.story_of("a1") is None and store.list_stories() == []


def test_stories_assign_list_filter_and_brief(store):
    store.add_articles([art(1, outlet="A", published=dt.date(2024, 1, 1), title="Flood in Porto"),
                        art(2, outlet="B", published=dt.date(2024, 1, 3)),
                        art(3, outlet="A", published=dt.date(2023, 5, 1), title="Election result")])
    store.assign({"a1": "s1", "a2": "s1", "a3": "s2"})
    rows = store.list_stories()
    assert [r.id for r in rows] == ["s1", "s2"]  # newest first
    s1 = store.get_story("s1")
    assert (s1.size, s1.outlets, s1.first_date, s1.last_date, s1.title) == (
        2, ["A", "B"], dt.date(2024, 1, 1), dt.date(2024, 1, 3), "Flood in Porto")
    assert [r.id for r in store.list_stories(query="porto")] == ["s1"]
    assert [r.id for r in store.list_stories(date_to=dt.date(2023, 12, 31))] == ["s2"]
    store.save_brief("s1", {"entities": [{"name": "Porto", "type": "place"}], "divergences": [{}, {}]})
    assert store.get_brief("s1")["divergences"] == [{}, {}]
    assert store.get_story("s1").divergences == 2
    assert [r.id for r in store.list_stories(entity="porto")] == ["s1"]
    # moving an article refreshes both stories
    store.assign({"a2": "s2"})
    assert store.get_story("s1").size == 1 and store.get_story("s2").size == 2
    assert [a.id for a in store.iter_articles("s2")] == ["a2", "a3"]
    with pytest.raises(StoryweaveError):
        store.save_brief("nope", {})


def test_state_and_feeds(store):
    assert store.load_state("k") is None
    store.save_state("k", b"\x00one")
    store.save_state("k", b"\x00two")
    assert store.load_state("k") == b"\x00two"
    f = store.add_feed("https://n.com/rss", 15)
    assert store.add_feed("https://n.com/rss", 20).id == f.id
    store.update_feed(f.id, "ok: 3 new")
    (row,) = store.list_feeds()
    assert row.interval_minutes == 20 and row.last_status == "ok: 3 new" and row.last_fetch is not None
    with pytest.raises(StoryweaveError):
        store.update_feed(999, "x")


def test_commit_stories_only_on_the_version_read(store):
    store.add_articles([art(1), art(2)])
    assert store.read_state("k").version == 0
    assert store.commit_stories({"a1": "s1"}, "k", b"one", 0) == 1
    # a writer that read version 0 is refused whole: neither its assignment nor its state lands
    with pytest.raises(StateMoved, match="version 1, not 0"):
        store.commit_stories({"a2": "s2"}, "k", b"stale", 0)
    assert store.story_of("a2") is None and store.get_story("s2") is None
    assert (store.read_state("k").blob, store.state_version("k")) == (b"one", 1)
    assert store.commit_stories({"a2": "s1"}, "k", b"two", 1) == 2
    assert store.get_story("s1").size == 2
    assert store.save_state("k", b"three") == 3 and store.state_version("k") == 3


def test_simultaneous_commits_exactly_one_wins(store_url):
    """Also the first commit, when there is no state row yet to lock (PostgreSQL)."""
    open_store(store_url).close()
    stores = [open_store(store_url) for _ in range(4)]
    stores[0].add_articles([art(i) for i in range(4)])
    start, results = threading.Barrier(len(stores)), []

    def commit(k):
        start.wait()
        try:
            results.append(stores[k].commit_stories({f"a{k}": f"s{k}"}, "k", b"x%d" % k, 0))
        except StateMoved:
            results.append("moved")

    threads = [threading.Thread(target=commit, args=(k,)) for k in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results, key=str) == [1, "moved", "moved", "moved"]
    winner = int(stores[0].load_state("k")[1:])
    assert [stores[0].story_of(f"a{k}") for k in range(4)] == [f"s{k}" if k == winner else None for k in range(4)]
    for s in stores:
        s.close()


def test_state_written_before_versions_existed_is_version_0(store_url):
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from sqlalchemy import text

    from storyweave.store.sql import MIGRATIONS

    with open_store(store_url) as s:
        s.add_articles([art(1)])
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with s.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
            conn.execute(text("INSERT INTO state (key, blob, updated) VALUES ('k', :b, CURRENT_TIMESTAMP)"), {"b": b"old"})
    with open_store(store_url) as s:  # upgraded on open
        assert (s.read_state("k").blob, s.read_state("k").version) == (b"old", 0)
        assert s.commit_stories({"a1": "s1"}, "k", b"new", 0) == 1 and s.load_state("k") == b"new"


def test_reopen_runs_no_migration_twice_and_keeps_data(store_url):
    with open_store(store_url) as s:
        s.add_articles([art(1)])
    with open_store(store_url) as s:
        assert s.count_articles() == 1


def test_concurrent_writers_store_each_article_once(store_url):
    open_store(store_url).close()
    errors = []

    def write(k):
        try:
            with open_store(store_url) as s:
                for i in range(10):
                    s.add_articles([art(i), art(100 + k * 10 + i)])
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_store(store_url) as s:
        assert s.count_articles() == 10 + 30


def test_bad_url_says_what_to_do(tmp_path):
    with pytest.raises(StoryweaveError, match="postgresql"):
        open_store("mysql://x/y")


def test_duplicates_within_one_batch_are_found_as_across_batches(store):
    res = store.add_articles([art(1, url="https://n.com/1"), art(5, text="Article number 1 about  the FLOOD."),
                              art(6, url="https://n.com/1", text="other text, same url"),
                              art(1, text="Entirely different report."), art(1, text="A third report.")])
    assert [(r.article_id, r.created) for r in res] == [("a1", True), ("a1", False), ("a1", False),
                                                         ("a1~2", True), ("a1~3", True)]
    assert store.count_articles() == 3


def test_content_hash_is_the_one_stored_before():
    # the hash is stored: a faster normalisation must give the regex's hash for every kind of
    # whitespace, or a re-run would store the same articles again
    import hashlib
    import re

    from storyweave.model import Article
    from storyweave.store.adding import content_hash

    spaces = "".join(chr(i) for i in range(0x110000) if re.fullmatch(r"\s", chr(i)))
    text = f"  Rain{spaces}fell\u00a0on\u3000Monday\x1c and\u2028Tuesday\x85  \u200b "
    old = re.sub(r"\s+", " ", text).strip().lower()
    assert content_hash(Article(id="a", text=text)) == hashlib.sha256(old.encode()).hexdigest()
    assert content_hash(Article(id="a", text="x", body=["One  line.", "Two\tlines."])) == \
        hashlib.sha256(b"one line. two lines.").hexdigest()
