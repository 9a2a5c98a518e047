"""Extractive summary -> model prose -> verified, cited summary sentences."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..log import logger
from ..model import SummarySentence
from .client import ChatClient
from .prompt import fusion_messages
from .verify import Embeds, Unsupported, Verifier, parse_output


@dataclass(slots=True)
class FusionResult:
    sentences: list[SummarySentence]  # verified model sentences, or the extractive ones if none passed
    unsupported: list[Unsupported] = field(default_factory=list)  # dropped, with the reason
    raw: str = ""  # the model's answer as received
    fallback: bool = False  # True when no model sentence survived and the extractive summary stands


def fuse(summary: list[SummarySentence], client: ChatClient, embedder: Embeds, words: int,
         verifier: Verifier | None = None, max_tokens: int | None = None) -> FusionResult:
    """Rewrite ``summary`` with the model; keep only sentences its cited sources support."""
    if not summary:
        return FusionResult([])
    sources = [s.text for s in summary]
    raw = client.chat(fusion_messages(sources, words), max_tokens=max_tokens or int(words * 2) + 32)
    verifier = verifier or Verifier(embedder)
    kept: list[SummarySentence] = []
    dropped: list[Unsupported] = []
    used = 0
    for v in verifier.check(parse_output(raw), sources):
        n = len(v.text.split())
        if not v.supported:
            dropped.append(Unsupported(v.text, v.reason, v.cited))
            continue
        if used + n > words:
            dropped.append(Unsupported(v.text, f"over the {words}-word budget", v.cited))
            continue
        used += n
        cites = [summary[c - 1] for c in dict.fromkeys(v.cited)]
        kept.append(SummarySentence(
            text=v.text,
            citations=list(dict.fromkeys(a for s in cites for a in s.citations)),
            sentence_ids=list(dict.fromkeys(i for s in cites for i in s.sentence_ids)),
            model_written=True,
        ))
    for d in dropped:
        logger.info("LLM sentence dropped (%s): %s", d.reason, d.text)
    if not kept:
        return FusionResult(list(summary), dropped, raw, fallback=True)
    return FusionResult(kept, dropped, raw)
