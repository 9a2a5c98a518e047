"""The analysis record's own look-ups: which sentences report different events."""
from types import SimpleNamespace

from storyweave.analysis import StoryAnalysis
from storyweave.model import Sentence


def _analysis(people: list[list[str]]) -> StoryAnalysis:
    sentences = [Sentence(id=f"a{k}#0", article_id=f"a{k}", index=0, paragraph=0, text="") for k in range(len(people))]
    an = StoryAnalysis(articles=[], sentences=sentences)
    an.entity_index = SimpleNamespace(by_sentence=[[(n, "person") for n in names] for names in people])
    return an


def test_one_person_put_in_anothers_place_is_another_event_a_lone_surname_is_the_same_person():
    an = _analysis([["Ivo Marsh", "Lena Okafor"], ["Marsh", "Okafor"], ["Ivo Marsh", "Tom Reyes"], ["Reyes"]])
    assert not an.clash(0, 1)  # "Marsh" and "Okafor" are the people the other names in full
    assert an.clash(0, 2) and an.clash(1, 2)  # Okafor / Reyes
    assert not an.clash(2, 3) and an.clash(0, 3)


def test_a_name_one_letter_apart_is_the_same_person_misspelt():
    an = _analysis([["Duncan Rait"], ["Duncan Raite"], ["Dana Rait"], ["Duncan Rains"]])
    assert not an.persons_apart(0, 1) and not an.clash(0, 1)  # one outlet's typo
    assert an.persons_apart(0, 2)  # another given name: another person
    assert an.persons_apart(1, 3)  # two letters apart: another person
