"""Settling (stories/settle.py): recent articles are placed again against the grown stories."""
import dataclasses

import numpy as np

from storyweave.config import StoriesConfig
from storyweave.stories import StoryIndex
from storyweave.stories.features import Features


def _stream():
    """x arrives first and founds a story; b1..b3 are one event, closer to each other than to x.
    x is too far from b1 alone (score 0.338 < 0.35) but close enough to the three together
    (0.367): only a second look, once the b story has grown, puts x with them."""
    basis = np.eye(8, 256, dtype=np.float32)

    def unit(v):
        return v / np.linalg.norm(v)

    x = Features("x", None, unit(basis[0] + np.sqrt(1.6) * basis[4]), frozenset(), "o0", "x")
    bs = [Features(f"b{i}", None, unit(basis[0] + 0.5 * basis[i]), frozenset(), f"o{i}", f"b{i}") for i in (1, 2, 3)]
    return x, bs


def _config(every: int) -> StoriesConfig:
    return dataclasses.replace(StoriesConfig(), settle_every=every)


def test_an_early_article_moves_to_the_story_that_grew_and_its_story_id_resolves():
    x, bs = _stream()
    idx = StoryIndex(_config(4))
    first = idx.add([x]).assignments["x"]
    out = idx.add(bs)
    b_story = idx.assignments["b1"]
    assert b_story != first
    assert idx.assignments["x"] == b_story and out.assignments["x"] == b_story
    assert out.merged == {first: b_story} and idx.resolve(first) == b_story
    assert [s.size for s in idx.summaries() if s.id == b_story] == [4]
    again = StoryIndex.from_bytes(idx.to_bytes())
    assert again.resolve(first) == b_story and again.assignments == idx.assignments
    assert again._size[again._by_id[first]] == 0
    assert again._by_id[first] not in {s for _, s in again._qualified(x)}  # an emptied story takes no article


def test_without_settling_the_early_article_stays_alone():
    x, bs = _stream()
    idx = StoryIndex(_config(0))
    idx.add([x])
    out = idx.add(bs)
    assert idx.assignments["x"] != idx.assignments["b1"] and not out.merged


def test_settling_waits_for_enough_new_articles():
    x, bs = _stream()
    idx = StoryIndex(_config(5))  # four articles: not yet
    idx.add([x])
    idx.add(bs)
    assert idx.assignments["x"] != idx.assignments["b1"]


def test_a_story_keeps_exact_sums_and_name_bags_after_moves(dev):
    _, _, feats = dev
    idx = StoryIndex(_config(25))
    for i in range(0, len(feats), 7):
        idx.add(feats[i : i + 7])
    by_id = {f.id: f for f in feats}
    for s, members in enumerate(idx._members):
        assert idx._size[s] == len(members)
        want = sum((by_id[a].vector for a in members), np.zeros(idx.dim, dtype=np.float32))
        assert np.allclose(idx._sums[s], want, atol=1e-4)
        names = {t for a in members for t in by_id[a].names}
        assert set(idx._names.bags[s]) == names
    assert all(idx.resolve(sid) in idx.assignments.values() for sid in idx.merged)


def test_a_move_is_recorded_in_the_store(tmp_path):
    from storyweave.model import Article
    from storyweave.store import open_store
    from storyweave.stories.assign import StoryAssigner

    x, bs = _stream()
    feats = {f.id: f for f in [x, *bs]}
    arts = {i: Article(id=i, text=f"Text of {i}.", title=f.title, outlet=f.outlet) for i, f in feats.items()}
    store = open_store(tmp_path / "s.db")
    store.add_articles(list(arts.values()))
    assigner = StoryAssigner(_config(4), lambda xs: [feats[a.id] for a in xs])
    first = assigner.assign(store, [arts["x"]]).assignments["x"]
    placed = assigner.assign(store, [arts[b.id] for b in bs])
    assert placed.assignments["x"] == placed.assignments["b1"] == store.story_of("x")
    assert store.moved_to(first) == placed.assignments["b1"]
    store.close()
