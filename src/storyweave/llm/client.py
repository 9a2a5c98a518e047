"""A minimal OpenAI-compatible chat client (httpx), for an endpoint the user runs."""
from __future__ import annotations

import httpx

from ..errors import StoryweaveError


class LLMError(StoryweaveError):
    pass


class ChatClient:
    """POST /v1/chat/completions. ``url`` may be the server root or already end in /v1."""

    def __init__(self, url: str, model: str | None = None, timeout: float = 120.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise LLMError(f"--llm {url!r}: give the endpoint's http(s) URL, e.g. http://127.0.0.1:8080")
        base = url.rstrip("/")
        if base.endswith("/chat/completions"):
            base = base[: -len("/chat/completions")]
        self.endpoint = (base if base.endswith("/v1") else base + "/v1") + "/chat/completions"
        self.model = model
        self._http = httpx.Client(timeout=timeout)

    def chat(self, messages: list[dict[str, str]], max_tokens: int = 400, temperature: float = 0.0) -> str:
        body: dict = {"messages": messages, "max_tokens": max_tokens, "temperature": temperature}
        if self.model:
            body["model"] = self.model
        try:
            r = self._http.post(self.endpoint, json=body)
        except httpx.HTTPError as e:
            raise LLMError(f"LLM endpoint {self.endpoint} unreachable ({type(e).__name__}: {e}); is the server running?") from e
        if r.status_code != 200:
            raise LLMError(f"LLM endpoint {self.endpoint} answered HTTP {r.status_code}: {r.text[:200]}")
        try:
            return r.json()["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as e:
            raise LLMError(f"LLM endpoint {self.endpoint} did not answer in the OpenAI chat format: {r.text[:200]}") from e

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "ChatClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
