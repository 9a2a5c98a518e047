"""Work claimed through the database (store/work.py), on SQLite and a real PostgreSQL: no item
held by two claimers, a lapsed lease claimed again, a change during a run done once more."""
from __future__ import annotations

import threading

from storyweave.store import open_store
from storyweave.store.work import BRIEF, PLACE, WorkQueue


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_concurrent_claimers_never_share_an_item(store, store_url):
    keys = [f"a{i:03d}" for i in range(120)]
    WorkQueue(store).add(PLACE, keys, again=False)
    taken: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def claimer(n: int) -> None:
        try:
            with open_store(store_url) as own:  # its own connections, as another process has
                q = WorkQueue(own, owner=f"w{n}")
                while claims := q.claim(PLACE, 7):
                    for c in claims:
                        taken.setdefault(c.key, []).append(q.owner)
                    assert q.done(PLACE, [c.key for c in claims]) == {c.key for c in claims}
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=claimer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sorted(taken) == keys
    twice = {k: owners for k, owners in taken.items() if len(owners) > 1}
    assert not twice, f"items claimed twice: {dict(list(twice.items())[:5])}"
    assert WorkQueue(store).pending() == 0


def test_a_lapsed_lease_is_claimed_again_and_the_dead_holder_loses_it(store):
    clock = Clock()
    dead = WorkQueue(store, owner="dead", lease_seconds=30, clock=clock)
    alive = WorkQueue(store, owner="alive", lease_seconds=30, clock=clock)
    dead.add(BRIEF, ["s1"])
    assert [c.key for c in dead.claim(BRIEF)] == ["s1"]
    clock.now += 20
    assert alive.claim(BRIEF) == []  # still leased
    assert dead.renew(BRIEF, ["s1"]) == 1  # a live holder renews...
    clock.now += 20
    assert alive.claim(BRIEF) == []  # ...and keeps it
    clock.now += 31  # the holder was killed: no renewal
    got = alive.claim(BRIEF)
    assert [(c.key, c.attempts) for c in got] == [("s1", 2)]
    assert dead.done(BRIEF, ["s1"]) == set()  # too late: not its item any more
    assert dead.renew(BRIEF, ["s1"]) == 0
    assert alive.done(BRIEF, ["s1"]) == {"s1"}
    assert alive.pending() == 0


def test_asked_again_while_waiting_once_while_running_once_more(store):
    q = WorkQueue(store, owner="w")
    for _ in range(5):
        q.add(BRIEF, ["s1"])  # five changes while it waits: one build
    assert [c.key for c in q.claim(BRIEF, 10)] == ["s1"]
    assert q.claim(BRIEF, 10) == []  # held
    q.add(BRIEF, ["s1"])  # a change while it is built
    q.done(BRIEF, ["s1"])
    assert [c.key for c in q.claim(BRIEF, 10)] == ["s1"]  # built once more, for that change
    q.done(BRIEF, ["s1"])
    assert q.claim(BRIEF, 10) == [] and q.pending() == 0
    q.add(PLACE, ["a1"], again=False)
    q.add(PLACE, ["a1"], again=False)  # placing is needed once
    assert len(q.claim(PLACE, 10)) == 1


def test_follow_up_work_is_asked_for_with_the_end_of_the_claim(store):
    q = WorkQueue(store, owner="w")
    q.add(PLACE, ["a1", "a2"], again=False)
    claims = q.claim(PLACE, 10)
    q.done(PLACE, [c.key for c in claims], then={BRIEF: ["s1", "s1", "s2"]})
    assert q.pending(PLACE) == 0 and q.pending(BRIEF) == 2


def test_failures_are_retried_after_a_pause_then_left_with_their_error(store):
    clock = Clock()
    q = WorkQueue(store, owner="w", max_attempts=2, clock=clock)
    q.add(BRIEF, ["s1"])
    q.claim(BRIEF)
    q.failed(BRIEF, ["s1"], "ValueError: no sentences", retry_after=10)
    assert q.claim(BRIEF) == []  # pausing
    clock.now += 11
    assert [c.attempts for c in q.claim(BRIEF)] == [2]
    q.failed(BRIEF, ["s1"], "ValueError: no sentences")
    clock.now += 1000
    assert q.claim(BRIEF) == [] and q.pending() == 0
    assert q.failures(BRIEF) == {"s1": "ValueError: no sentences"}
    q.add(BRIEF, ["s1"])  # the story changed: worth another try
    assert [c.key for c in q.claim(BRIEF)] == ["s1"]


def test_a_clean_stop_gives_claims_back_at_once(store):
    q, other = WorkQueue(store, owner="w"), WorkQueue(store, owner="o")
    q.add(PLACE, ["a1"], again=False)
    q.claim(PLACE)
    q.release(PLACE, ["a1"])
    assert [(c.key, c.attempts) for c in other.claim(PLACE)] == [("a1", 1)]


def test_unplaced_lists_stored_articles_nobody_was_asked_to_place(store):
    from storyweave.model import Article

    store.add_articles([Article(id=i, text=f"Invented note {i} about the lighthouse bell.") for i in ("b1", "b2", "b3")])
    store.assign({"b1": "s-bell"})
    q = WorkQueue(store)
    q.add(PLACE, ["b2"], again=False)
    assert q.unplaced() == ["b3"]


def test_unplaced_can_skip_articles_stored_moments_ago(store):
    from storyweave.model import Article

    store.add_articles([Article(id="fresh", text="Invented note about the lighthouse keeper's cat.")])
    q = WorkQueue(store)
    assert q.unplaced(older_than=3600) == []  # maybe between its writer's two transactions
    assert q.unplaced(older_than=0) == ["fresh"]


def test_claims_of_a_dead_process_on_this_machine_are_freed_at_once(store):
    import subprocess

    from storyweave.store.work import default_owner

    gone = subprocess.Popen(["true"])
    gone.wait()
    host, _, machine = default_owner().rpartition("@")
    dead = WorkQueue(store, owner=f"{host.split(':')[0]}:{gone.pid}:dead01@{machine}", lease_seconds=3600)
    elsewhere = WorkQueue(store, owner=f"otherhost:{gone.pid}:far001@{machine}", lease_seconds=3600)
    dead.add(BRIEF, ["s1"])
    elsewhere.add(BRIEF, ["s2"])
    assert [c.key for c in dead.claim(BRIEF)] == ["s1"]
    assert [c.key for c in elsewhere.claim(BRIEF)] == ["s2"]
    me = WorkQueue(store)
    assert me.claim(BRIEF) == []  # both leased for an hour
    assert me.release_dead() == 1  # only the one whose process this machine knows is gone
    assert [c.key for c in me.claim(BRIEF, 5)] == ["s1"]
