"""The store-and-assign task: conditional commits between writers, and the [stories] config
reaching the index as the user wrote it. (Two real processes on SQLite and PostgreSQL:
tests/web/test_concurrent_writers.py.)"""
from __future__ import annotations

import datetime as dt
import json
import zlib

import numpy as np
import pytest

from storyweave.config import Config
from storyweave.errors import ConfigError
from storyweave.model import Article
from storyweave.store import open_store
from storyweave.stories.assign import STATE_KEY, StoryAssigner, ingest
from storyweave.stories.features import Features
from storyweave.stories.incremental import StoryIndex


def _event_features(articles: list[Article]) -> list[Features]:
    """The event is the text's first word: one direction per event, so placement is certain."""
    out = []
    for a in articles:
        event = a.text.split()[0]
        v = np.random.default_rng(zlib.crc32(event.encode())).standard_normal(256).astype(np.float32)
        out.append(Features(a.id, dt.date(2024, 5, 1), v / np.linalg.norm(v), frozenset({event.lower()}), a.outlet, a.text))
    return out


def _arts(event: str, ids: range) -> list[Article]:
    return [Article(id=f"{event}{i}", text=f"{event} report {i} as told by outlet {i}.", outlet=f"o{i}") for i in ids]


def _index_matches_store(store) -> StoryIndex:
    index = StoryIndex.from_bytes(store.load_state(STATE_KEY))
    stored = {a.id: store.story_of(a.id) for a in store.iter_articles()}
    assert index.assignments == stored
    assert {s.id: s.size for s in index.summaries()} == {sid: store.get_story(sid).size for sid in set(stored.values())}
    return index


def test_a_writer_whose_state_moved_reloads_and_loses_nothing(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        first, second = _arts("Flood", range(0, 6)), _arts("Flood", range(6, 9)) + _arts("Quake", range(3))
        store.add_articles(first + second)
        other = StoryAssigner(Config().stories, _event_features)
        calls: list[str] = []

        def featurize_while_the_other_commits(articles):
            calls.extend(a.id for a in articles)
            if len(calls) == len(articles):  # first try: the other writer commits meanwhile
                other.assign(store, second)
            return _event_features(articles)

        writer = StoryAssigner(Config().stories, featurize_while_the_other_commits)
        writer.index(store)  # read at version 0, then the other writer moves it to 1
        placed = writer.assign(store, first)
        assert store.state_version(STATE_KEY) == 2  # refused once, then committed on the reloaded state
        assert sorted(calls) == sorted(a.id for a in first)  # featurised once despite the retry
        index = _index_matches_store(store)
        flood = {index.assignments[a.id] for a in first + second[:3]}
        assert len(flood) == 1 and placed.joined == len(first)  # joined the story the other writer opened
        assert store.get_story(flood.pop()).size == 9


def test_an_article_both_writers_place_keeps_one_story(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        arts = _arts("Storm", range(4))
        store.add_articles(arts)
        a, b = StoryAssigner(Config().stories, _event_features), StoryAssigner(Config().stories, _event_features)
        a.index(store), b.index(store)
        got_a = a.assign(store, arts[:3]).assignments
        got_b = b.assign(store, arts[1:]).assignments  # refused, reloaded: arts[1:3] are already placed
        assert {k: got_b[k] for k in got_a if k in got_b} == {k: got_a[k] for k in got_b if k in got_a}
        assert len(_index_matches_store(store).summaries()) == 1


def test_user_threshold_and_chunk_reach_the_index_unchanged(tmp_path):
    toml = tmp_path / "sw.toml"
    toml.write_text("[stories]\nthreshold = 0.5\nchunk = 3\n")
    config = Config.load(toml, env={})
    assert config.stories.threshold == 0.5  # 0.5 once meant "unset" and was swapped for 0.35
    records = tmp_path / "in.jsonl"
    records.write_text("".join(json.dumps({"id": a.id, "text": a.text, "outlet": a.outlet}) + "\n"
                               for a in _arts("Harbour", range(7))))
    from storyweave.ingest import read_inputs

    with open_store(tmp_path / "s.db") as store:
        report = ingest(read_inputs([str(records)], config.ingest), store, config)
        assert report.stored == 7 and not report.unclustered
        assert store.state_version(STATE_KEY) == 3  # 7 articles in chunks of 3: three commits
        assert StoryIndex.from_bytes(store.load_state(STATE_KEY)).params.threshold == 0.5
        assert StoryAssigner(config.stories, _event_features).index(store).params.threshold == 0.5
    env = Config.load(env={"STORYWEAVE_STORIES_THRESHOLD": "0.42", "STORYWEAVE_STORIES_CHUNK": "20"})
    assert (env.stories.threshold, env.stories.chunk) == (0.42, 20)


def test_bad_stories_settings_are_refused_by_name():
    with pytest.raises(ConfigError, match=r"\[stories\] threshold"):
        Config().with_overrides({"stories": {"threshold": 1.5}})
    with pytest.raises(ConfigError, match=r"\[stories\] chunk"):
        Config().with_overrides({"stories": {"chunk": 0}})


def test_a_chunk_is_stored_in_steps_and_placed_whole(tmp_path, monkeypatch):
    import storyweave.stories.assign as assign

    monkeypatch.setattr(assign, "STORE_STEP", 2)
    config = Config.load(env={"STORYWEAVE_STORIES_CHUNK": "5"})
    arts = _arts("Harbour", range(6)) + _arts("Quarry", range(4))
    arts.insert(3, Article(id="again", text=arts[0].text, outlet="o9"))  # the same text in a later step
    stored_per_call, placed_per_call = [], []
    with open_store(tmp_path / "s.db") as store:
        add, place = store.add_articles, StoryAssigner.assign
        monkeypatch.setattr(store, "add_articles", lambda items: stored_per_call.append(len(items)) or add(items))
        monkeypatch.setattr(StoryAssigner, "assign",
                            lambda self, st, todo: placed_per_call.append(len(todo)) or place(self, st, todo))
        report = ingest(arts, store, config, featurize=_event_features)
        assert stored_per_call == [2, 2, 1, 2, 2, 1, 1]  # steps of 2, none crossing a chunk of 5
        assert placed_per_call == [4, 5, 1]  # per chunk; the repeated text is placed once
        assert report.stored == 10 and report.already_stored == 1
        assert report.assignments["again"] == report.assignments["Harbour0"]
        assert store.state_version(STATE_KEY) == 3
        _index_matches_store(store)
