"""Bytes -> text, trying the encoding instead of crashing on non-UTF-8 input."""
from __future__ import annotations

from ..errors import InputError


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    # control characters other than whitespace are rare in text
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(head) > 0 and ctrl / len(head) > 0.05


def decode_bytes(data: bytes, item: str) -> str:
    if looks_binary(data):
        raise InputError(item, "binary data, not text (expected .txt, .html, .json or .jsonl)")
    for enc in ("utf-8-sig",):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("latin-1")
