"""Optional LLM fusion: an extractive summary rewritten as fluent prose by a model the user runs,
with every model sentence checked against the source sentences it cites.

``--llm URL [--llm-model NAME]`` points at an OpenAI-compatible chat endpoint (llama.cpp
server, Ollama, vLLM). Nothing here runs without it, and nothing downloads. The flow:

    extractive summary + cited source sentences -> prompt (prompt.py) -> client.py
    -> model text -> verify.py: each sentence kept only if its cited sources support it

A sentence the verifier cannot support is dropped and listed with the reason, so the model
can add fluency but never a claim of its own.
"""
from __future__ import annotations

from .client import ChatClient
from .fuse import FusionResult, fuse
from .verify import Unsupported, Verifier

__all__ = ["ChatClient", "FusionResult", "Unsupported", "Verifier", "fuse"]
