import random

from storyweave.eval.stories import bcubed
from storyweave.stories import StoryIndex


def _agreement(batch: dict, inc: dict) -> float:
    ids = list(batch)
    return bcubed([batch[i] for i in ids], [inc[i] for i in ids])[2]


def test_incremental_matches_batch_on_dev(dev):
    _, _, feats = dev
    batch = StoryIndex()
    batch.add(feats)
    inc = StoryIndex()
    for i in range(0, len(feats), 50):  # four deliveries, state saved and reloaded between
        inc.add(feats[i : i + 50])
        inc = StoryIndex.from_bytes(inc.to_bytes())
    assert _agreement(batch.assignments, inc.assignments) >= 0.97


def test_incremental_in_shuffled_order_stays_close(dev):
    _, gold, feats = dev
    order = list(range(len(feats)))
    random.Random(3).shuffle(order)
    inc = StoryIndex()
    for i in range(0, len(order), 20):
        inc.add([feats[j] for j in order[i : i + 20]])
    f1 = bcubed(gold, [inc.assignments[f.id] for f in feats])[2]
    assert f1 >= 0.93


def test_state_round_trip_keeps_everything(dev):
    _, _, feats = dev
    a = StoryIndex()
    a.add(feats[:120])
    b = StoryIndex.from_bytes(a.to_bytes())
    assert b.assignments == a.assignments and b.story_ids == a.story_ids
    out_a, out_b = a.add(feats[120:]), b.add(feats[120:])
    assert out_a.assignments == out_b.assignments
    assert [s.size for s in a.summaries()] == [s.size for s in b.summaries()]


def test_state_rejects_other_versions():
    import io
    import json

    import numpy as np
    import pytest

    buf = io.BytesIO()
    np.savez(buf, meta=np.frombuffer(json.dumps({"version": 99}).encode(), dtype=np.uint8))
    with pytest.raises(ValueError, match="version 99"):
        StoryIndex.from_bytes(buf.getvalue())


def test_word_weight_changes_the_score_and_survives_state(dev):
    from storyweave.config import StoriesConfig

    import dataclasses

    from storyweave.stories.features import WORD_CHARS, lede, words

    arts, gold, feats = dev
    assert not feats[0].words  # off by default: not read
    feats = [dataclasses.replace(f, words=words(lede(x, WORD_CHARS))) for f, x in zip(feats, arts)]
    cfg = StoriesConfig(word_weight=0.3, threshold=0.3)
    plain = StoryIndex(StoriesConfig(threshold=0.3))
    plain.add(feats)
    a = StoryIndex(cfg)
    a.add(feats[:120])
    b = StoryIndex.from_bytes(a.to_bytes(), cfg)
    assert a.add(feats[120:]).assignments == b.add(feats[120:]).assignments
    assert bcubed(gold, [a.assignments[f.id] for f in feats])[2] >= 0.9
    assert a.assignments != plain.assignments  # the words did weigh


def test_state_of_version_1_still_reads(dev):
    """A store written before words were kept: names carry over, words start empty."""
    import io
    import json

    import numpy as np

    _, _, feats = dev
    a = StoryIndex()
    a.add(feats[:60])
    with np.load(io.BytesIO(a.to_bytes())) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays["meta"].tobytes())
    names = meta.pop("names")
    meta.pop("words")
    meta.update(version=1, names=names["bags"], df=names["df"], docs=names["docs"])
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    b = StoryIndex.from_bytes(buf.getvalue())
    assert b.assignments == a.assignments
    assert a.add(feats[60:]).assignments == b.add(feats[60:]).assignments


def test_stories_past_the_first_allocation_start_from_their_own_founder():
    """Growing the centroid table must not seed new stories with older stories' sums."""
    import numpy as np

    from storyweave.stories.features import Features

    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(150, 256)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    feats = [Features(id=f"a{i}", date=None, vector=v, names=frozenset({f"n{i}x", f"n{i}y", f"n{i}z"}))
             for i, v in enumerate(vecs)]
    index = StoryIndex()
    index.add(feats)
    assert len(index) == 150
    sums = StoryIndex.from_bytes(index.to_bytes())._sums
    for table in (index._sums, sums):
        assert np.allclose(table[:150], vecs, atol=1e-5)


def _bridged_stream():
    import datetime as dt

    import numpy as np

    from storyweave.stories.features import Features

    rng = np.random.default_rng(5)
    base = rng.normal(size=256).astype(np.float32)

    def vec():
        v = base + 0.3 * rng.normal(size=256).astype(np.float32)
        return v / np.linalg.norm(v)

    names = frozenset({"varna", "quay", "ostrel"})
    day0 = dt.date(2024, 3, 1)
    first = [Features("a1", day0, vec(), names, "o1", "quay fire"),
             Features("b1", day0 + dt.timedelta(days=6), vec(), names, "o2", "quay fire inquiry")]
    bridge = [Features("c1", day0 + dt.timedelta(days=3), vec(), names, "o3", "quay fire, day three")]
    return first, bridge


def test_a_bridging_article_merges_two_stories_and_the_old_id_resolves():
    import dataclasses

    from storyweave.config import StoriesConfig

    first, bridge = _bridged_stream()
    idx = StoryIndex(dataclasses.replace(StoriesConfig(), merge_threshold=0.5))
    idx.add(first)
    assert idx.assignments["a1"] != idx.assignments["b1"]  # six days apart: two stories
    before = dict(idx.assignments)
    out = idx.add(bridge)
    assert len(out.merged) == 1
    (gone, kept), = out.merged.items()
    assert {gone, kept} == set(before.values())
    assert set(idx.assignments.values()) == {kept} and idx.resolve(gone) == kept
    assert {a for a, s in out.assignments.items() if s == kept} >= {a for a, s in before.items() if s == gone}
    assert [s.size for s in idx.summaries() if s.id == kept] == [3]
    again = StoryIndex.from_bytes(idx.to_bytes())
    assert again.resolve(gone) == kept and again.assignments == idx.assignments
    off = StoryIndex()  # merge_threshold 0: never merges
    off.add(first)
    assert not off.add(bridge).merged and len(set(off.assignments.values())) == 2


def test_a_merge_is_recorded_in_the_store(tmp_path):
    import dataclasses

    from storyweave.config import StoriesConfig
    from storyweave.model import Article
    from storyweave.store import open_store
    from storyweave.stories.assign import StoryAssigner

    first, bridge = _bridged_stream()
    feats = {f.id: f for f in first + bridge}
    arts = {i: Article(id=i, text=f"{f.title}. Text of {i}.", title=f.title, outlet=f.outlet, published=f.date)
            for i, f in feats.items()}
    store = open_store(tmp_path / "s.db")
    store.add_articles(list(arts.values()))
    assigner = StoryAssigner(dataclasses.replace(StoriesConfig(), merge_threshold=0.5), lambda xs: [feats[a.id] for a in xs])
    placed = assigner.assign(store, [arts["a1"], arts["b1"]])
    old = {placed.assignments["a1"], placed.assignments["b1"]}
    placed = assigner.assign(store, [arts["c1"]])
    kept = placed.assignments["c1"]
    gone = (old - {kept}).pop()
    assert store.story_of("a1") == store.story_of("b1") == kept
    assert store.moved_to(gone) == kept
    store.close()
