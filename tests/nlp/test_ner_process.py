"""spaCy's NER in a helper process: the same entities as in-process, and a fallback."""
from __future__ import annotations

import pytest

from storyweave.nlp.models import SPACY_PACKAGE, SPACY_UNUSED, Models, load_spacy
from storyweave.nlp.ner_process import NerProcess

TEXTS = [
    "Maria Okafor told Reuters on Tuesday that the Lagos plant would close in May.",
    "The European Commission and Google met in Brussels, a spokesman for Apple said.",
    "nothing here has a name.",
    "",
]


def _ents(docs):
    return [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def test_the_helper_finds_what_the_model_finds_in_process(nlp):
    helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, fallback=lambda: pytest.fail("the helper should answer"))
    try:
        docs = helper.pipe(TEXTS, batch_size=2)
        assert _ents(docs) == _ents(nlp.pipe(TEXTS))
        assert any(label == "PERSON" for _, _, label in _ents(docs)[0])
        assert [d.text for d in docs] == TEXTS
        assert _ents([helper(TEXTS[1])]) == _ents([nlp(TEXTS[1])])  # a second request, same helper
    finally:
        helper.close()


def test_a_helper_that_cannot_load_hands_over_to_the_in_process_model(nlp):
    loaded = []
    helper = NerProcess("no_such_spacy_package", SPACY_UNUSED, fallback=lambda: loaded.append(1) or nlp)
    try:
        assert _ents(helper.pipe(TEXTS)) == _ents(nlp.pipe(TEXTS))
        assert loaded == [1]
    finally:
        helper.close()


def test_a_closed_helper_hands_over_too(nlp):
    helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, fallback=lambda: nlp)
    helper.close()
    assert _ents(helper.pipe(TEXTS[:1])) == _ents(nlp.pipe(TEXTS[:1]))


def test_models_answer_through_the_helper_until_closed():
    models = Models()
    models.start_ner_process()
    try:
        assert isinstance(models.spacy, NerProcess)
        assert _ents(models.spacy.pipe(TEXTS[:1]))[0]
    finally:
        models.close()
    assert models.spacy._proc is None


def test_a_prefetched_request_is_the_answer_to_the_same_texts_only(nlp):
    helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, fallback=lambda: pytest.fail("the helper should answer"))
    try:
        helper.prefetch(TEXTS)
        assert _ents(helper.pipe(TEXTS)) == _ents(nlp.pipe(TEXTS))
        helper.prefetch(TEXTS[:2])
        assert _ents(helper.pipe(TEXTS[1:])) == _ents(nlp.pipe(TEXTS[1:]))  # other texts: asked anew
    finally:
        helper.close()


def test_closing_with_a_large_request_unread_does_not_hang():
    import threading

    helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, fallback=lambda: None)
    helper.prefetch([f"Sentence {k} about the harbour of Orlen and its new tide gauge." for k in range(5000)])
    closing = threading.Thread(target=helper.close)
    closing.start()
    closing.join(timeout=20)
    assert not closing.is_alive()


def test_models_hand_prefetched_sentences_to_the_helper_only(nlp):
    in_process = Models()
    in_process.prefetch_entities(TEXTS)  # no helper: nothing happens, nothing loads
    assert in_process._spacy is None
    models = Models()
    models.start_ner_process()
    try:
        models.prefetch_entities(TEXTS)
        assert models.spacy._pending is not None
        assert _ents(models.spacy.pipe(TEXTS)) == _ents(nlp.pipe(TEXTS))
    finally:
        models.close()


def test_a_shared_model_tags_part_here_and_part_in_the_helper_with_the_same_entities(nlp):
    from storyweave.nlp.ner_process import SharedNer

    helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, fallback=lambda: pytest.fail("the helper should answer"))
    shared = SharedNer(nlp, helper, share=0.5)
    try:
        shared.prefetch(TEXTS)
        assert helper._pending is not None  # the helper's part went out at once
        docs = shared.pipe(TEXTS)
        assert _ents(docs) == _ents(nlp.pipe(TEXTS))
        assert [d.text for d in docs] == TEXTS
        assert any(type(d).__name__ == "EntityDoc" for d in docs)  # the helper answered its part
        assert all(type(d).__name__ == "Doc" for d in shared.pipe(TEXTS[:2]))  # not asked ahead: all here
    finally:
        shared.close()


def test_a_shared_model_whose_helper_fails_tags_everything_itself(nlp):
    from storyweave.nlp.ner_process import SharedNer

    shared = SharedNer(nlp, NerProcess("no_such_spacy_package", SPACY_UNUSED, fallback=lambda: nlp), share=0.5)
    shared.prefetch(TEXTS)
    assert _ents(shared.pipe(TEXTS)) == _ents(nlp.pipe(TEXTS))
    assert shared.helper._proc is None and shared.helper._fallback is nlp  # the failure path ran
    shared.close()


def test_an_answer_nobody_read_does_not_hold_up_the_next_story(nlp):
    from storyweave.nlp.ner_process import SharedNer, _cut

    helper = NerProcess(SPACY_PACKAGE, SPACY_UNUSED, fallback=lambda: pytest.fail("the helper should answer"))
    shared = SharedNer(nlp, helper, share=0.5)
    try:
        shared.prefetch(TEXTS[:2])  # a brief that failed after asking
        shared.prefetch(TEXTS)
        assert helper._pending is not None and helper._pending[0][0] == TEXTS[_cut(TEXTS, 0.5):]  # the new story's part went out
        docs = shared.pipe(TEXTS)
        assert _ents(docs) == _ents(nlp.pipe(TEXTS))
        assert any(type(d).__name__ == "EntityDoc" for d in docs)
    finally:
        shared.close()


def test_the_helpers_part_is_the_last_share_of_the_characters():
    from storyweave.nlp.ner_process import _cut

    texts = ["a" * 10, "b" * 10, "c" * 30, "d" * 10]
    assert _cut(texts, 0.5) == 2  # "c" and "d", 40 of 60 characters, nearer half than "d" alone
    assert _cut(texts, 0.2) == 3
    assert _cut(["a" * 10, "b" * 30], 0.5) == 1  # the longer text goes: nearer half than nothing
    assert _cut(texts, 0.0) == len(texts)  # nothing for the helper
    assert _cut([], 0.5) == 0
