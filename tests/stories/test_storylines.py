import datetime as dt

import numpy as np

from storyweave.stories import StoryIndex
from storyweave.stories.features import Features
from storyweave.stories.storylines import as_records, link_storylines, pairwise


def _unit(seed: int, base: np.ndarray | None = None, mix: float = 0.0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=256).astype(np.float32)
    v /= np.linalg.norm(v)
    if base is not None:
        v = (mix * base + (1 - mix) * v).astype(np.float32)
    return v / np.linalg.norm(v)


def _stream() -> list[Features]:
    budget, flood, other = _unit(1), _unit(2), _unit(3)
    names_a = frozenset({"harlow", "budget", "office", "senate"})
    names_c = frozenset({"quarry", "flood", "millbrook", "river"})
    out = []
    # one matter over weeks: the bill (Jan 2), its vote (Jan 20); and again in September
    for k, day in enumerate((dt.date(2024, 1, 2), dt.date(2024, 1, 20), dt.date(2024, 9, 1))):
        for j in range(3):
            out.append(Features(f"b{k}-{j}", day, _unit(10 * k + j, budget, 0.85), names_a, f"o{j}", f"budget step {k}"))
    for j in range(3):  # an unrelated event in between
        out.append(Features(f"f-{j}", dt.date(2024, 1, 10), _unit(100 + j, flood, 0.9), names_c, f"o{j}", "flood"))
    for j in range(2):  # an undated event: never in a storyline with others
        out.append(Features(f"u-{j}", None, _unit(200 + j, other, 0.9), names_a, f"o{j}", "undated"))
    return out


def test_events_that_continue_each_other_are_linked_in_order():
    index = StoryIndex()
    index.add(_stream())
    lines = link_storylines(index)
    sid = index.assignments
    linked = [line for line in lines if len(line.events) > 1]
    assert len(linked) == 1
    assert linked[0].story_ids == [sid["b0-0"], sid["b1-0"]]  # in date order
    assert linked[0].events[1].follows == sid["b0-0"] and linked[0].events[1].score >= index.params.storyline_threshold
    alone = {line.story_ids[0] for line in lines if len(line.events) == 1}
    assert {sid["f-0"], sid["b2-0"], sid["u-0"]} <= alone  # another event; beyond storyline_days; undated
    rows = as_records(lines)
    assert {r["story"] for r in rows} == set(sid.values())


def test_a_wider_window_reaches_the_later_step():
    import dataclasses

    index = StoryIndex()
    index.add(_stream())
    wide = dataclasses.replace(index.params, storyline_days=365)
    linked = [line for line in link_storylines(index, wide) if len(line.events) > 1]
    assert [len(line.events) for line in linked] == [3]


def test_pairwise_precision_and_recall():
    gold = {"a": "x", "b": "x", "c": "y", "d": "z"}
    pred = {"a": "1", "b": "1", "c": "1", "d": "2"}
    p, r, npred, ngold = pairwise(gold, pred)
    assert (npred, ngold) == (3, 1) and abs(p - 1 / 3) < 1e-9 and r == 1.0


def _by_id(out: str) -> dict:
    import json

    return {r["id"]: r for r in map(json.loads, out.splitlines())}


def test_cluster_cli_storylines_batch_and_stored(dev_path, tmp_path, capsys):
    from storyweave.cli import main
    from storyweave.store import open_store
    from storyweave.store.storylines import storyline_events, storyline_of

    # the Comey memos (wcl-1, Apr 19 2018) and the special counsel's questions (wcl-8, Apr 30)
    assert main(["cluster", str(dev_path), "--storylines"]) == 0
    cap = capsys.readouterr()
    rows = _by_id(cap.out)
    assert rows["wcl-1-L"]["storyline"] == rows["wcl-8-L"]["storyline"] != rows["wcl-6-L"]["storyline"]
    assert "storylines of 2+ events" in cap.err
    db = str(tmp_path / "s.db")
    assert main(["cluster", str(dev_path), "--db", db, "--storylines"]) == 0
    rows = _by_id(capsys.readouterr().out)
    with open_store(db) as store:
        line = storyline_of(store, rows["wcl-8-L"]["story"])
        assert line == rows["wcl-8-L"]["storyline"]
        events = storyline_events(store, line)
    ids = [e["story"] for e in events]  # (earlier steps may lead to the memos: Flynn's plea)
    memos, questions = ids.index(rows["wcl-1-L"]["story"]), ids.index(rows["wcl-8-L"]["story"])
    assert memos < questions and events[questions]["follows"] == rows["wcl-1-L"]["story"]


def test_brief_since_on_a_stored_storyline_lists_only_the_later_event(dev_path, tmp_path, capsys):
    import json

    from storyweave.cli import main

    # the special counsel's statement (Jan 18-19 2019), then his findings (Mar 22-25): one storyline
    # (the whole dev file is clustered: name weights need the other stories beside these)
    db = str(tmp_path / "s.db")
    assert main(["-q", "cluster", str(dev_path), "--db", db, "--storylines"]) == 0
    rows = _by_id(capsys.readouterr().out)
    line = {r["storyline"] for i, r in rows.items() if i[:14] in ("basil-c9e4d35f", "basil-e71d149d")}
    assert len(line) == 1
    sl = line.pop()
    assert main(["-q", "brief", "--storyline", sl, "--db", db, "--no-ner", "--since", "2019-03-01", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [e["first_date"][:7] for e in doc["events"]] == ["2019-03"]
    cited = {c for e in doc["events"] for a in e["added"] for c in a["citations"]}
    assert cited and all(c.startswith("basil-e71d149d") for c in cited)
    assert main(["-q", "brief", "--storyline", sl, "--db", db, "--no-ner"]) == 0
    out = capsys.readouterr().out
    assert out.index("## 2019-01") < out.index("## 2019-03")  # both events, in order


def test_brief_since_on_files_lists_only_articles_from_that_date(dev_path, tmp_path, capsys):
    import json

    from storyweave.cli import main

    rows = [json.loads(x) for x in dev_path.read_text().splitlines() if x.strip()]
    subset = tmp_path / "debate.jsonl"  # one story, articles of 2012-10-12 (and none later)
    subset.write_text("\n".join(json.dumps(r) for r in rows if r["story"].startswith("basil-b5eefefb")))
    assert main(["-q", "brief", str(subset), "--no-ner", "--since", "2012-10-12", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["since"] == "2012-10-12" and doc["articles"]
    assert all(a["published"] >= "2012-10-12" for a in doc["articles"])
    assert main(["-q", "brief", str(subset), "--no-ner", "--since", "2012-10-13"]) == 0
    assert "Nothing new or changed." in capsys.readouterr().out


def _pair(names_b: frozenset, day_b: "dt.date", mix: float = 0.9) -> StoryIndex:
    """Two 3-article stories alike in text: a strike at Harlow (Jan 2), and a later one."""
    strike = _unit(7)
    names_a = frozenset({"harlow", "kagu", "tenlo", "union"})
    feats = [Features(f"a-{j}", dt.date(2024, 1, 2), _unit(300 + j, strike, mix), names_a, f"o{j}", "strike")
             for j in range(3)]
    feats += [Features(f"b-{j}", day_b, _unit(400 + j, strike, mix), names_b, f"o{j}", "strike again")
              for j in range(3)]
    index = StoryIndex()
    index.add(feats)
    return index


def _linked(index: StoryIndex, **changes) -> bool:
    import dataclasses

    params = dataclasses.replace(index.params, **changes)
    return any(len(line.events) > 1 for line in link_storylines(index, params))


def test_one_shared_central_name_is_not_one_matter():
    # the later strike shares only its town with the first: two strikes, not one storyline
    one = _pair(frozenset({"harlow", "brilo", "moden", "vota"}), dt.date(2024, 2, 1))
    assert len(one) == 2 and not _linked(one)
    assert _linked(one, storyline_names=1)  # the gate is what keeps them apart
    # the same town and the same union leader: a development of the first
    assert _linked(_pair(frozenset({"harlow", "kagu", "tenlo", "vota"}), dt.date(2024, 2, 1)))


def test_a_name_one_article_mentions_is_not_central():
    from storyweave.stories.storylines import central_names

    assert central_names({"harlow": 3, "kagu": 2, "vota": 1}, 3) == {"harlow", "kagu"}
    assert central_names({"harlow": 1}, 1) == {"harlow"}
    assert central_names({"harlow": 2, "kagu": 1}, 2) == {"harlow"}  # a majority, not half

