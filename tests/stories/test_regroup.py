"""Regrouping (stories/regroup.py): stories holding undated articles are clustered again as a whole."""
import dataclasses
import datetime as dt
import itertools
import pickle

import numpy as np

from storyweave.config import StoriesConfig
from storyweave.model import Article
from storyweave.stories import StoryIndex
from storyweave.stories.features import Featurizer, Features, shingles, terms
from storyweave.stories.incremental import story_id_for

# Two incidents of one kind, written apart: a ferry in one harbour, a tunnel in one mountain town.
FERRY = ("The Velmora harbour ferry capsized in a storm; captain Ilse Marant and divers pulled "
         "passengers from the water near the breakwater, and the harbour master closed the port.")
TUNNEL = ("The Kestria mountain tunnel collapsed on a shift of miners; engineer Tomas Ruhl led "
          "rescuers through the rubble with drills while the mine owner halted the works.")


def _feat(aid: str, text: str, names: set[str], date: dt.date | None = None, extra: str = "") -> Features:
    """Every article has the same lede vector and no judged names (fewer than three), so the
    single pass puts them all in one story: only the whole text tells the incidents apart."""
    body = f"{text} {extra}"
    return Features(aid, date, np.eye(1, 256, dtype=np.float32)[0], frozenset(names), f"o-{aid}", aid,
                    shingles=shingles(f"{body} {aid} " * 3), terms=terms([body])[0])


def _twins(date: dt.date | None = None) -> list[Features]:
    ferry = [_feat(f"a{i}", FERRY, {"velmora", "marant"}, date, f"report {i} from the quay") for i in range(4)]
    tunnel = [_feat(f"b{i}", TUNNEL, {"kestria", "ruhl"}, date, f"update {i} from the pit") for i in range(3)]
    return ferry + tunnel


def _config(**kw) -> StoriesConfig:
    return dataclasses.replace(StoriesConfig(), **kw)


def _partition(idx: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(m) for m in idx._members if m}


def test_undated_twins_the_single_pass_merged_are_told_apart():
    merged = StoryIndex(_config(regroup_threshold=0.0))
    merged.add(_twins())
    assert len(_partition(merged)) == 1  # the single pass alone joins both incidents

    idx = StoryIndex(_config())
    out = idx.add(_twins())
    ferry, tunnel = {f"a{i}" for i in range(4)}, {f"b{i}" for i in range(3)}
    assert _partition(idx) == {frozenset(ferry), frozenset(tunnel)}
    # the larger cluster keeps the founder's id; the other opens a story founded by its first article
    assert {idx.assignments[a] for a in ferry} == {story_id_for("a0")}
    assert {out.assignments[b] for b in tunnel} == {story_id_for("b0")}
    assert story_id_for("b0") in out.new_stories
    assert sorted(s.size for s in idx.summaries() if s.size) == [3, 4]
    s = idx._by_id[story_id_for("b0")]
    assert np.allclose(idx._sums[s], 3 * np.eye(1, 256)[0]) and idx._titles[s] == "b0"
    assert set(idx._names.bags[s]) == {"kestria", "ruhl"}


def test_the_result_does_not_depend_on_arrival_order():
    feats = _twins()
    seen = set()
    for order in itertools.islice(itertools.permutations(range(len(feats))), 0, 5040, 997):
        idx = StoryIndex(_config(settle_every=3))
        for i in order:
            idx.add([feats[i]])
        idx.flush()  # the stream's end
        seen.add(frozenset(_partition(idx)))
        assert all(idx.resolve(sid) in idx.assignments.values() for sid in idx.merged)
    assert len(seen) == 1


def test_a_story_of_dated_articles_only_is_left_as_the_single_pass_made_it():
    idx = StoryIndex(_config())
    idx.add(_twins(dt.date(2024, 5, 2)))
    assert len(_partition(idx)) == 1


def test_dated_articles_far_apart_in_time_are_never_regrouped_together():
    ferry = [_feat(f"a{i}", FERRY, {"velmora"}, dt.date(2024, 5, 1) if i == 0 else None, f"note {i}") for i in range(3)]
    late = _feat("z", FERRY, {"velmora"}, dt.date(2024, 9, 1), "note z")
    idx = StoryIndex(_config())
    idx.add(ferry + [late])
    assert idx.assignments["z"] != idx.assignments["a0"]


def test_a_copy_stays_with_its_original():
    feats = _twins()
    copy = dataclasses.replace(feats[4], id="b0-copy", outlet="o-copy")  # the same text as b0
    idx = StoryIndex(_config())
    idx.add(feats + [copy])
    assert idx.copies == {"b0-copy": "b0"}
    assert idx.assignments["b0-copy"] == idx.assignments["b0"] != idx.assignments["a0"]
    assert [s.copies for s in idx.summaries() if s.id == idx.assignments["b0"]] == [1]


def test_an_emptied_story_resolves_to_where_its_articles_went():
    """The ferry's reports came in two stories (their ledes read apart); the whole text joins them."""
    feats = _twins()
    basis = np.eye(3, 256, dtype=np.float32)
    feats = [dataclasses.replace(f, vector=basis[0 if f.id in ("a0", "a1") else 1 if f.id[0] == "a" else 2]) for f in feats]
    single = StoryIndex(_config(regroup_threshold=0.0))
    single.add(feats)
    assert len(_partition(single)) == 3
    idx = StoryIndex(_config())
    out = idx.add(feats)
    gone, kept = story_id_for("a2"), story_id_for("a0")
    assert _partition(idx) == {frozenset({"a0", "a1", "a2", "a3"}), frozenset({"b0", "b1", "b2"})}
    assert out.merged == {gone: kept} and idx.resolve(gone) == kept
    assert idx._size[idx._by_id[gone]] == 0 and idx._by_id[gone] not in idx._undated
    assert out.assignments["a2"] == out.assignments["a3"] == kept


def test_regrouping_is_bounded_by_the_features_it_may_keep():
    idx = StoryIndex(_config(regroup_limit=4))
    idx.add(_twins())
    assert len(idx._kept.feats) <= 4
    assert len(_partition(idx)) == 1  # no story had all its articles kept: left as it was


def test_the_featurizer_reads_whole_text_terms_only_when_stories_are_regrouped():
    art = Article(id="t", title="Ferry capsizes", text=FERRY)
    on = pickle.loads(pickle.dumps(Featurizer.for_config(StoriesConfig())))  # the flag survives a trip to a worker
    ids, counts = on([art])[0].terms
    assert len(ids) == len(counts) > 10 and counts.max() >= 2  # "harbour" is written twice
    assert Featurizer.for_config(_config(regroup_threshold=0.0))([art])[0].terms is None


def test_a_regrouped_article_moves_in_the_store_and_an_emptied_story_redirects(tmp_path):
    from storyweave.store import open_store
    from storyweave.stories.assign import StoryAssigner

    basis = np.eye(3, 256, dtype=np.float32)
    feats = {f.id: dataclasses.replace(f, vector=basis[0 if f.id in ("a0", "a1") else 1 if f.id[0] == "a" else 2])
             for f in _twins()}
    arts = {i: Article(id=i, text=f"Text of {i}.", title=i, outlet=f.outlet) for i, f in feats.items()}
    store = open_store(tmp_path / "s.db")
    store.add_articles(list(arts.values()))
    assigner = StoryAssigner(_config(), lambda xs: [feats[a.id] for a in xs])
    assigner.assign(store, [arts["a0"]])
    assigner.assign(store, [arts["a2"]])  # one at a time: nothing regrouped yet
    assert store.story_of("a2") == story_id_for("a2") != store.story_of("a0")
    placed = assigner.assign(store, [arts[i] for i in ("a1", "a3", "b0", "b1", "b2")])
    assert store.story_of("a2") == store.story_of("a3") == placed.assignments["a2"] == story_id_for("a0")
    assert store.moved_to(story_id_for("a2")) == story_id_for("a0")
    assert store.story_of("b0") == store.story_of("b2") != story_id_for("a0")
    store.close()


def test_kept_features_survive_a_reload_so_a_later_delivery_regroups_with_an_earlier_one():
    basis = np.eye(3, 256, dtype=np.float32)
    feats = {f.id: dataclasses.replace(f, vector=basis[0 if f.id in ("a0", "a1") else 1 if f.id[0] == "a" else 2])
             for f in _twins()}
    idx = StoryIndex(_config())
    for delivery in (["a0"], ["a2"], ["a1", "a3", "b0", "b1", "b2"]):
        idx.add([feats[i] for i in delivery])
        again = StoryIndex.from_bytes(idx.to_bytes())
        assert list(again._kept.feats) == list(idx._kept.feats) and again._kept.docs == idx._kept.docs
        assert all(np.array_equal(again._kept.feats[a].terms[0], f.terms[0]) and again._kept.feats[a].names == f.names
                   for a, f in idx._kept.feats.items())
        idx = again
    assert _partition(idx) == {frozenset({"a0", "a1", "a2", "a3"}), frozenset({"b0", "b1", "b2"})}
    assert idx.resolve(story_id_for("a2")) == story_id_for("a0")


def test_after_regrouping_real_twins_every_story_is_exactly_its_articles(shared_dir):
    """ECB+ dev articles (twin incidents, few dates), fed in deliveries of 37 with settling every 50:
    regrouping must leave each story's sums, names, span, day buckets and members consistent."""
    from storyweave.eval.stories import load_gold

    arts, _, _ = load_gold(str(shared_dir / "data" / "stories-dev-ecbplus.jsonl"))
    feats = Featurizer.for_config(StoriesConfig())(arts[:222])
    idx = StoryIndex(_config(settle_every=50))
    moved = 0
    for i in range(0, len(feats), 37):
        out = idx.add(feats[i:i + 37])
        moved += sum(1 for a in out.assignments if a in idx.assignments and a not in {f.id for f in feats[i:i + 37]})
    idx.flush()
    assert moved > 0  # regrouping did move earlier articles
    by_id = {f.id: f for f in feats}
    assert sorted(a for m in idx._members for a in m) == sorted(by_id)
    for s, members in enumerate(idx._members):
        sid = idx.story_ids[s]
        assert idx._size[s] == len(members) and all(idx.assignments[a] == sid for a in members)
        want = sum((by_id[a].vector for a in members), np.zeros(idx.dim, dtype=np.float32))
        assert np.allclose(idx._sums[s], want, atol=1e-4)
        assert set(idx._names.bags[s]) == {t for a in members for t in by_id[a].names}
        days = [by_id[a].date.toordinal() for a in members if by_id[a].date]
        assert (int(idx._first[s]), int(idx._last[s])) == ((min(days), max(days)) if days else (0, 0))
        assert (s in idx._undated) == (bool(members) and not days)
        buckets = {d for d, stories in idx._days.items() if s in stories}
        assert buckets == (set(range(min(days), max(days) + 1)) if days else set())
        if not members:
            assert idx.resolve(sid) != sid
