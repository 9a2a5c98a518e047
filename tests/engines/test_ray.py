import pytest

from storyweave.errors import MissingExtra

ray = pytest.importorskip("ray", reason="ray is an optional extra: pip install 'storyweave[ray]'")
pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def ray_engine():
    from storyweave.engines.ray_engine import RayEngine

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    eng = RayEngine()
    yield eng
    ray.shutdown()


def test_ray_gives_the_same_stories_as_local_on_dev(ray_engine, dev):
    from storyweave.stories import cluster_articles

    arts, _, _ = dev
    local = cluster_articles(arts)
    # small batches so that several Ray tasks really run
    from storyweave.stories import cluster as cluster_mod

    remote_feats = [f for b in cluster_mod.featurize(arts, ray_engine, batch_size=32) for f in b]
    assert [f.id for f in remote_feats] == [a.id for a in arts]
    on_ray = cluster_articles(arts, engine=ray_engine)
    assert on_ray.assignments == local.assignments
    assert on_ray.copies == local.copies


def test_a_task_whose_worker_died_is_retried_and_a_failing_one_reported(ray_engine, tmp_path):
    # defined here: Ray's workers cannot import this test module, so they travel by value
    def _die_once(arg):
        import os
        from pathlib import Path

        marker, x = arg
        if x == 2 and not Path(marker).exists():
            Path(marker).write_text("died")
            os._exit(1)  # the worker process dies (killed, out of memory)
        return x * 10

    def _explode_on_3(x):
        if x == 3:
            raise ValueError("three")
        return x

    marker = str(tmp_path / "died")
    assert list(ray_engine.map(_die_once, [(marker, x) for x in range(5)])) == [0, 10, 20, 30, 40]
    assert (tmp_path / "died").exists()  # it really died once
    got = list(ray_engine.map(_explode_on_3, range(5), on_error=lambda item, e: f"{item}: {e}"))
    assert got == [0, 1, 2, "3: three", 4]


def test_pages_and_records_read_on_ray_as_in_process(ray_engine, reading_inputs):
    from storyweave.config import Config
    from storyweave.engines.stages import read_parallel
    from storyweave.ingest import read_inputs

    inputs, plain = reading_inputs
    assert [plain(x) for x in read_parallel(inputs, Config(), ray_engine, per_task=2)] == \
        [plain(x) for x in read_inputs(inputs, Config())]


def test_ray_and_local_give_the_same_stories_and_briefs_on_a_dev_stream(ray_engine, dev_path, tmp_path):
    """The whole pipeline (``storyweave ingest``'s path): read -> clean -> featurise (engine) -> store and assign (driver)
    -> a brief per story (engine); Ray on 2 CPUs against this process."""
    from storyweave.config import Config
    from storyweave.engines.featured import ingest_featured
    from storyweave.engines.local import LocalEngine
    from storyweave.engines.stages import BriefStage
    from storyweave.render.json import brief_to_dict
    from storyweave.store import open_store

    stream = tmp_path / "stream.jsonl"
    stream.write_text("".join(dev_path.read_text().splitlines(keepends=True)[:40]))
    config = Config().with_overrides({"brief": {"ner": False}, "stories": {"chunk": 16}})
    runs = []
    for name, engine in (("local", LocalEngine()), ("ray", ray_engine)):
        with open_store(tmp_path / f"{name}.db") as store:
            rep = ingest_featured([stream], store, config, engine, per_task=4)
            stories = sorted(set(rep.assignments.values()))
            groups = [list(store.iter_articles(sid)) for sid in stories]
        briefs = [brief_to_dict(b) for b in engine.map(BriefStage(config), groups)]
        runs.append((rep.assignments, briefs))
    (local_assign, local_briefs), (ray_assign, ray_briefs) = runs
    assert len(local_assign) == 40 and ray_assign == local_assign
    assert len(local_briefs) >= 3
    for b in local_briefs + ray_briefs:  # when and how long: the only fields allowed to differ
        b["meta"].pop("generated"), b["meta"].pop("timings")
    assert ray_briefs == local_briefs


def test_missing_ray_says_how_to_install(monkeypatch):
    import builtins

    from storyweave.engines import ray_engine

    real_import = builtins.__import__

    def no_ray(name, *a, **kw):
        if name == "ray":
            raise ImportError("no ray")
        return real_import(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(MissingExtra, match=r"storyweave\[ray\]"):
        ray_engine.RayEngine()
