"""The fusion prompt: numbered source sentences in, fluent cited sentences out."""
from __future__ import annotations

SYSTEM = (
    "You rewrite news summaries. Use only facts stated in the numbered source sentences. "
    "Never add names, numbers, dates or places that are not in them."
)


def fusion_messages(sources: list[str], words: int) -> list[dict[str, str]]:
    numbered = "\n".join(f"[{k}] {s}" for k, s in enumerate(sources, 1))
    user = (
        f"Source sentences:\n{numbered}\n\n"
        f"Write a fluent summary of at most {words} words from these sentences. "
        "End every sentence with the numbers of the source sentences it uses, like [1] or [2][3]."
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]
