import pytest

from storyweave.engines import get_engine
from storyweave.engines.local import LocalEngine
from storyweave.errors import ConfigError


def _double(xs):
    return [2 * x for x in xs]


def test_local_keeps_order_in_process_and_in_a_pool():
    batches = [[i, i + 1] for i in range(0, 20, 2)]
    expected = [_double(b) for b in batches]
    assert list(LocalEngine().map(_double, batches)) == expected
    with LocalEngine(workers=2) as eng:
        assert list(eng.map(_double, iter(batches))) == expected


def test_unknown_engine_and_bad_workers():
    with pytest.raises(ConfigError, match="local, ray"):
        get_engine("spark")
    with pytest.raises(ValueError):
        LocalEngine(workers=0)
