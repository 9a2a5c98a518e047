"""The parallel reading stage gives what ``read_inputs`` gives, in its order, on a pool."""
from storyweave.config import Config
from storyweave.engines.local import LocalEngine
from storyweave.engines.stages import read_parallel
from storyweave.ingest import read_inputs


def test_pages_and_records_read_in_a_pool_as_in_process(reading_inputs):
    inputs, plain = reading_inputs
    expected = [plain(x) for x in read_inputs(inputs, Config())]
    assert sum(x[0] == "problem" for x in expected) == 2 and len(expected) == 13
    with LocalEngine(workers=2) as eng:
        assert [plain(x) for x in read_parallel(inputs, Config(), eng, per_task=2)] == expected
    assert [plain(x) for x in read_parallel(inputs, Config(), LocalEngine())] == expected  # in process
