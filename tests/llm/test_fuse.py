"""Fusion end to end over real HTTP on 127.0.0.1: a tiny OpenAI-format server that answers
with a fixed text, so that what the verifier must keep and drop is known exactly."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyweave.errors import StoryweaveError
from storyweave.llm import ChatClient, fuse
from storyweave.model import SummarySentence

SUMMARY = [
    SummarySentence("The talks with Qin Gang lasted seven and a half hours on Sunday.", ["bbc", "ap"], ["bbc#3"]),
    SummarySentence("Antony Blinken met Xi Jinping in Beijing on Monday.", ["reuters"], ["reuters#0"]),
]
ANSWER = (
    "Antony Blinken held seven and a half hours of talks with Qin Gang on Sunday [1][2]. "
    "He then met Xi Jinping in Beijing on Monday [2]. "
    "The two agreed to hold a summit in Paris in 2024 [2]."
)


class _Server:
    def __init__(self, answer: str, status: int = 200):
        seen = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                seen.append((self.path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = _Server(ANSWER)
    yield s
    s.close()


def test_fusion_keeps_supported_and_drops_invented(server, models):
    with ChatClient(server.url, model="tiny") as client:
        result = fuse(SUMMARY, client, models.embedder, words=120)
    path, body = server.requests[0]
    assert path == "/v1/chat/completions" and body["model"] == "tiny"
    assert "[1] The talks with Qin Gang" in body["messages"][-1]["content"]
    texts = [s.text for s in result.sentences]
    assert len(texts) == 2 and not result.fallback
    assert all(s.model_written for s in result.sentences)
    # a fused sentence cites every outlet of every source sentence it uses
    assert result.sentences[0].citations == ["bbc", "ap", "reuters"] and result.sentences[1].citations == ["reuters"]
    (dropped,) = result.unsupported
    assert "Paris" in dropped.text and "paris" in dropped.reason and "2024" in dropped.reason


def test_nothing_supported_keeps_the_extractive_summary(models):
    s = _Server("Aliens landed in Ohio on Friday [1].")
    try:
        with ChatClient(s.url + "/v1") as client:
            result = fuse(SUMMARY, client, models.embedder, words=120)
    finally:
        s.close()
    assert result.fallback and result.sentences == SUMMARY and len(result.unsupported) == 1


def test_endpoint_errors_say_what_happened():
    s = _Server("", status=500)
    try:
        with pytest.raises(StoryweaveError, match="HTTP 500"):
            ChatClient(s.url).chat([{"role": "user", "content": "hi"}])
    finally:
        s.close()
    with pytest.raises(StoryweaveError, match="unreachable"):
        ChatClient(s.url, timeout=2).chat([{"role": "user", "content": "hi"}])
    with pytest.raises(StoryweaveError, match="http"):
        ChatClient("localhost:8080")


def test_summarize_command_with_llm_lists_what_it_dropped(tmp_path, capsys):
    from storyweave.cli import main

    docs = [
        "Flood water rose to four metres in Valmora on Tuesday night after two days of rain.\n\n"
        "About 2,000 residents left their homes before dawn, the mayor of Valmora said on Wednesday.",
        "The regional government opened three shelters in Valmora schools on Wednesday morning.\n\n"
        "Flood water rose to four metres in Valmora on Tuesday night, officials in the region said.",
    ]
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "valmora", "documents": docs}) + "\n", encoding="utf-8")
    s = _Server("Aliens landed in Ohio on Friday [1].")
    try:
        assert main(["summarize", str(f), "--words", "60", "--llm", s.url, "--llm-model", "tiny"]) == 0
    finally:
        s.close()
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["sentences"] and not any(x["model_written"] for x in row["sentences"])  # extractive stands
    assert row["unsupported"][0]["text"].startswith("Aliens landed") and "ohio" in row["unsupported"][0]["reason"]
