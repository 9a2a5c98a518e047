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


def _explode_on_3(xs):
    if 3 in xs:
        raise ValueError("three")
    return xs


def test_a_failing_item_goes_to_on_error_and_the_stream_goes_on():
    batches = [[1], [2], [3], [4]]
    for eng in (LocalEngine(), LocalEngine(workers=2)):
        with eng:
            got = list(eng.map(_explode_on_3, batches, on_error=lambda item, e: f"{item}: {e}"))
        assert got == [[1], [2], "[3]: three", [4]]
        with pytest.raises(ValueError):
            list(LocalEngine().map(_explode_on_3, batches))


def _die_once(arg):
    import os
    from pathlib import Path

    marker, x = arg
    if x == 2 and not Path(marker).exists():
        Path(marker).write_text("died")
        os._exit(1)  # the worker process dies (as when killed or out of memory)
    return x * 10


def test_a_dead_worker_is_replaced_and_its_items_retried(tmp_path):
    marker = str(tmp_path / "died")
    with LocalEngine(workers=2) as eng:
        assert list(eng.map(_die_once, [(marker, x) for x in range(5)])) == [0, 10, 20, 30, 40]


def test_the_stream_is_read_a_bounded_window_ahead():
    read = []

    def stream():
        for i in range(1000):
            read.append(i)
            yield [i]

    with LocalEngine(workers=2) as eng:
        it = eng.map(_double, stream())
        next(it)
        assert len(read) <= eng.max_in_flight + 1


def test_workers_fork_with_the_task_modules_imported(tmp_path):
    # the pool's server imports what the task declares, once, instead of every worker. Own
    # process: the forkserver of this one may already run with another preload.
    import ast
    import os
    import subprocess
    import sys
    import textwrap

    (tmp_path / "probe_task.py").write_text(textwrap.dedent('''
        import sys, time

        class Probe:
            preload = ("storyweave.stories.near_duplicates",)

            def __call__(self, x):
                return "storyweave.stories.near_duplicates" in sys.modules, time.process_time()
    '''))
    script = textwrap.dedent('''
        from probe_task import Probe
        from storyweave.engines.local import LocalEngine
        if __name__ == "__main__":
            with LocalEngine(workers=2) as eng:
                eng.warm(Probe())
                print(list(eng.map(Probe(), [1, 2, 3, 4])))
    ''')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    results = ast.literal_eval(out.stdout)
    assert all(imported for imported, _ in results)
    assert max(cpu for _, cpu in results) < 0.3
