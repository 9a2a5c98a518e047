"""Timed rounds of ``eval extraction`` (eval/extraction_speed.py): interleaved pages, pool workers."""
import time

import pytest

from storyweave.eval import extraction as ex
from storyweave.eval.extraction_speed import timed_rounds

CALLS: list[str] = []


def _busy(name: str, seconds: float):
    def system(html, url):
        CALLS.append(name)
        end = time.process_time() + seconds
        while time.process_time() < end:  # CPU, not sleep: the clock is CPU time
            pass
        return ex.Prediction(html, None)
    return system


@pytest.fixture
def systems(monkeypatch):
    CALLS.clear()
    monkeypatch.setitem(ex.SYSTEMS, "slow", _busy("slow", 0.004))
    monkeypatch.setitem(ex.SYSTEMS, "quick", _busy("quick", 0.001))
    return [ex.SystemResult("slow"), ex.SystemResult("quick")]


PAGES = [ex.Page(str(i), f"page {i}", "", None, None, "") for i in range(6)]


def test_rounds_alternate_and_time_each_system(systems):
    timed_rounds(systems, PAGES, rounds=2)
    # page by page, the order alternating from page to page and from round to round
    assert CALLS[:6] == ["slow", "quick", "quick", "slow", "slow", "quick"]
    assert CALLS[12:14] == ["quick", "slow"]
    assert CALLS.count("slow") == CALLS.count("quick") == 12
    slow, quick = (r.summary() for r in systems)
    assert slow["pages_per_second"] < quick["pages_per_second"]
    assert systems[0].timed_pages == 12
    assert systems[0].seconds >= 12 * 0.004


def test_pool_workers_report_wall_and_cpu(systems):
    timed_rounds(systems, PAGES, rounds=1, workers=2)
    assert CALLS == []  # the pages ran in the workers, not here
    for r in systems:
        assert r.timed_pages == 6 and r.wall > 0
    assert systems[0].seconds >= 6 * 0.004  # the workers' CPU seconds came back
