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
