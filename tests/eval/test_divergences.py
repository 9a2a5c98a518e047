"""``storyweave eval divergences``: injected-case folders (the scoring, on a folder written here) and
the older injection into a stories JSONL."""
import json
import re
from types import SimpleNamespace

import pytest

from storyweave.cli import main
from storyweave.config import Config
from storyweave.eval import injected
from storyweave.eval.injected import Case, catches, kind_of_change, split_of, values
from storyweave.model import Article, Brief, Divergence, Variant

# ---- an invented story: two (or three) outlets on a ferry grounding ------------------------------------

HARBOUR = ("A passenger ferry ran aground off the coast of Brennick on Tuesday morning, the port authority said. "
           "All 212 passengers were brought ashore by lifeboat crews. "
           "The rescue operation lasted 36 hours, according to the coastguard. "
           "Officials said the captain had reported an engine fault shortly before the grounding.")
COASTAL = ("Lifeboat crews brought 212 passengers ashore after their ferry struck rocks near Brennick on Tuesday. "
           "The coastguard said the rescue took 36 hours to complete. "
           "The captain radioed about an engine problem minutes before the ferry ran aground, officials said.")
CHANGED_SENTENCE = "The coastguard said the rescue took 12 hours to complete."


def _row(id_, outlet, text, story=None):
    row = {"id": id_, "outlet": outlet, "url": f"https://{outlet}/{id_}", "title": None,
           "published": "2024-03-05", "text": text}
    return {**row, "story": story} if story else row


def _write(folder, stories):
    """An injected-case folder + the untouched stories beside it, as injected-dev and stories-dev.jsonl.
    ``stories``: (story id, [(id, outlet, original text, changed text)], original case, changed case)."""
    folder.mkdir()
    manifest, originals = [], []
    for sid, arts, original, changed in stories:
        (folder / f"{sid}.jsonl").write_text("".join(json.dumps(_row(i, o, ch)) + "\n" for i, o, _, ch in arts))
        originals += [_row(i, o, text, sid) for i, o, text, _ in arts]
        manifest.append({"story": sid, "file": f"{sid}.jsonl", "original": original, "changed": changed})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder.parent / "stories-dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in originals))
    return folder


FERRY = ("ferry", [("ferry-hp", "harbourpost.example", HARBOUR, HARBOUR),
                   ("ferry-ct", "coastaltimes.example", COASTAL,
                    COASTAL.replace("took 36 hours", "took 12 hours"))],
         {"article": "ferry-hp", "sentence": "The rescue operation lasted 36 hours, according to the coastguard.",
          "value": "36"},
         {"article": "ferry-ct", "sentence": CHANGED_SENTENCE, "value": "12"})


# ---- the scoring on hand-built briefs ------------------------------------------------------------------

CASE = Case("ferry", None, FERRY[2], FERRY[3])


def _v(value, text, cites, sentences=()):
    return Variant(text=text, value=value, citations=list(cites), sentences=list(sentences))


def _d(*variants, kind="contradiction"):
    return Divergence(about="duration", kind=kind, variants=list(variants), attribute="duration")


CHANGED = _v("12 hours", "12 hours", ["ferry-ct"], [CHANGED_SENTENCE])
ORIGINAL = _v("36 hours", "36 hours", ["ferry-hp"], [FERRY[2]["sentence"]])


def test_the_changed_value_against_the_original_is_caught_exactly():
    assert catches(_d(ORIGINAL, CHANGED), CASE)
    assert catches(_d(ORIGINAL, CHANGED), CASE, exact=True)
    assert catches(_d(ORIGINAL, CHANGED, kind="update"), CASE)  # the later report replaces a value


def test_a_conflict_the_changed_value_is_not_part_of_does_not_count():
    third = _v("20 hours", "20 hours", ["ferry-gz"], ["Rescuers worked for 20 hours."])
    # between two other outlets
    assert not catches(_d(ORIGINAL, third), CASE)
    # the changed article, but another of its figures
    other_figure = _v("212 people", "212 passengers", ["ferry-ct"], [COASTAL.split(". ")[0]])
    assert not catches(_d(_v("200 people", "200 passengers", ["ferry-hp"]), other_figure), CASE)
    # the changed value, but from another sentence of the changed article
    elsewhere = _v("12 hours", "12 hours", ["ferry-ct"], ["The ferry had sailed for 12 hours before the storm hit."])
    assert not catches(_d(ORIGINAL, elsewhere), CASE)
    # a difference of precision is no conflict; nor is a variant carried by the changed outlet on both sides
    assert not catches(_d(ORIGINAL, CHANGED, kind="precision"), CASE)
    assert not catches(_d(_v("36 hours", "36 hours", ["ferry-hp", "ferry-ct"]), CHANGED), CASE)


def test_caught_against_another_value_is_not_exact():
    third = _v("20 hours", "20 hours", ["ferry-gz"], ["Rescuers worked for 20 hours."])
    assert catches(_d(third, CHANGED), CASE)
    assert not catches(_d(third, CHANGED), CASE, exact=True)


def test_values_compare_across_wordings_and_evidence_stands_for_sentences():
    assert values("four") <= values("4 people")
    assert values("1,050,000") == values("1.05 million")
    assert values("840") <= values("about $840 million", as_written=True)
    assert values("Wednesday") <= values("on wednesday") and not values("someone said")
    # with no source sentences the value decides; evidence texts stand for sentences when present
    bare = SimpleNamespace(text="twelve hours", value="12 hours", citations=["ferry-ct"])
    assert catches(_d(ORIGINAL, bare), CASE)
    elsewhere = SimpleNamespace(text="twelve hours", value="12 hours", citations=["ferry-ct"], sentences=[],
                                evidence=[{"article": "ferry-ct", "sentence": "ferry-ct#9",
                                           "text": "The ferry had sailed for 12 hours before the storm hit."}])
    assert not catches(_d(ORIGINAL, elsewhere), CASE)
    elsewhere.evidence = [SimpleNamespace(article="ferry-ct", sentence="ferry-ct#1", text=CHANGED_SENTENCE)]
    assert catches(_d(ORIGINAL, elsewhere), CASE)


@pytest.mark.parametrize("before,after,kind", [
    ("Monday", "Wednesday", "weekday"), ("March", "May", "month"), ("2016", "2019", "year"),
    ("1950", "1953", "year"), ("two", "four", "figure"), ("60,000", "84,000", "figure"), ("21", "29", "figure"),
])
def test_the_kind_of_change_comes_from_the_values(before, after, kind):
    assert kind_of_change(before, after) == kind


def test_the_split_is_fixed_by_sorted_id():
    ids = [f"s{n:02d}" for n in range(31)][::-1]
    parts = split_of(ids)
    assert [parts[f"s{n:02d}"] for n in (0, 15, 16, 30)] == ["tune", "tune", "held-out", "held-out"]
    assert sum(p == "tune" for p in parts.values()) == 16


# ---- the run, with a stand-in pipeline: which conflicts count -----------------------------------------

class _BoatCounter:
    """Reports a contradiction between every two articles giving different figures for boats."""

    config = Config()

    def brief(self, articles):
        said = {}
        for a in articles:
            m = re.search(r"([^.]*?\b(\d+) boats[^.]*\.)", a.text)
            if m:
                said[a.id] = (m.group(2), m.group(1).strip())
        ids = sorted(said)
        divs = [_d(_v(f"{said[x][0]} boats", f"{said[x][0]} boats", [x], [said[x][1]]),
                   _v(f"{said[y][0]} boats", f"{said[y][0]} boats", [y], [said[y][1]]))
                for i, x in enumerate(ids) for y in ids[i + 1:] if said[x][0] != said[y][0]]
        return Brief(articles=list(articles), divergences=divs)


def test_evaluate_counts_the_changed_value_and_not_an_unrelated_conflict(tmp_path):
    boats = ("boats", [("b-a", "a.example", "The line opened in 1998. It runs 12 boats.",
                        "The line opened in 2001. It runs 12 boats."),
                       ("b-b", "b.example", "Founded in 1998, the line has 12 boats.",
                        "Founded in 1998, the line has 12 boats."),
                       ("b-c", "c.example", "The company owns 9 boats.", "The company owns 9 boats.")],
             {"article": "b-b", "sentence": "Founded in 1998, the line has 12 boats.", "value": "1998"},
             {"article": "b-a", "sentence": "The line opened in 2001.", "value": "2001"})
    fleet = ("fleet", [("f-a", "a.example", "The harbour holds 40 boats.", "The harbour holds 40 boats."),
                       ("f-b", "b.example", "Some 40 boats are moored there.", "Some 55 boats are moored there.")],
             {"article": "f-a", "sentence": "The harbour holds 40 boats.", "value": "40"},
             {"article": "f-b", "sentence": "Some 55 boats are moored there.", "value": "55"})
    folder = _write(tmp_path / "cases", [boats, fleet])
    results = {r.case.story: r for r in injected.evaluate(folder, tmp_path / "stories-dev.jsonl",
                                                          pipeline=_BoatCounter())}
    # "boats": the year changed in b-a; the brief reports only 12 vs 9 boats (b-a and b-b against b-c)
    r = results["boats"]
    assert (r.caught, r.exact, r.part, r.case.kind) == (False, False, "tune", "year")
    assert (r.changed_conflicts, r.changed_involving, r.untouched_conflicts) == (2, 1, 2)
    r = results["fleet"]
    assert (r.caught, r.exact, r.part, r.case.kind) == (True, True, "held-out", "figure")
    assert (r.changed_conflicts, r.changed_involving, r.untouched_conflicts) == (1, 1, 0)
    s = injected.summarize(list(results.values()))
    assert (s["caught"], s["cases"], s["by_kind"]["figure"]["recall"], s["per_untouched_story"]) == (1, 2, 1.0, 1.0)


def test_a_broken_manifest_names_the_case(tmp_path, capsys):
    folder = _write(tmp_path / "cases", [FERRY])
    (folder / "manifest.json").write_text(json.dumps([{"story": "ferry", "file": "gone.jsonl",
                                                       "original": FERRY[2], "changed": FERRY[3]}]))
    assert main(["eval", "divergences", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "case 0 (ferry)" in err and "gone.jsonl" in err


# ---- the command, with the real brief --------------------------------------------------------------------

def test_the_command_scores_a_folder_with_the_real_brief(tmp_path, capsys):
    folder = _write(tmp_path / "cases", [FERRY])
    assert main(["eval", "divergences", str(folder), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    story = out["stories"]["ferry"]
    assert (story["part"], story["kind"], story["original"], story["changed"]) == ("tune", "figure", "36", "12")
    # "took 12 hours" against "lasted 36 hours" in other words: a conflict the brief must report
    assert story["caught"] and story["exact"], story["conflicts"]
    assert story["untouched_conflicts"] == 0
    assert out["parts"]["tune"]["recall"] == 1.0 and "held-out" not in out["parts"]


# ---- on ../shared: the held-out part, pinned below today's figures --------------------------------------

@pytest.mark.slow
def test_injected_dev_held_out_floor(shared_dir, capsys):
    folder = shared_dir / "data" / "injected-dev"
    if not (folder / "manifest.json").is_file():
        pytest.skip(f"{folder} is missing: the injected cases live in ../shared")
    assert main(["eval", "divergences", str(folder), "--split", "held-out", "--format", "json"]) == 0
    part = json.loads(capsys.readouterr().out)["parts"]["held-out"]
    # 15 held-out stories, at cb84945: recall 8/15 = 0.53, 5 conflicts on the untouched stories (0.33 each);
    # at e192154 the recall was 10/15 (two year changes, wcl-1 and wcl-3, caught then)
    assert part["recall"] >= 0.45, part
    assert part["per_untouched_story"] <= 0.45, part


# ---- the older mode: conflicts injected into a stories JSONL ------------------------------------------

@pytest.mark.slow  # ~45 s: five dev stories, each briefed three times
def test_injected_conflicts_are_caught(dev_path, capsys):
    assert main(["eval", "divergences", str(dev_path), "--limit", "5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["injected"] >= 5
    # pinned floor, below the measured 0.75 on the full dev set (README)
    assert result["recall"] >= 0.55, result["misses"]
    assert result["per_story"] <= 0.5


def test_the_injection_changes_one_outlet_only():
    from storyweave.eval.divergences import _changed_number

    assert _changed_number("about 2,000 people") == "about 3,200 people"
    assert _changed_number("12 soldiers") == "19 soldiers"
    assert _changed_number("four people") == "nine people"
    assert _changed_number("no figure here") is None
