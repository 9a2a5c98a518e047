"""spaCy's NER in a helper process that loads while the one-shot CLI reads and prepares.

A one-shot ``storyweave brief`` spends ~0.7 s of CPU importing spaCy and loading its model
before the first entity, and the reading, cleaning, embedding and grouping before NER take
about as long. Loaded in the brief's own process the two add up; in a helper process started
first they overlap on a second core. The helper answers with each sentence's entities
(start, end, label): the same numbers the in-process model gives, since it is the same model
(``models.load_spacy``'s pipes), which is all that the entity step reads of a doc.

No daemon: the helper lives as long as the command and ends when its stdin closes. If it
cannot answer (spaCy missing, the process gone), the model loads in-process instead, which
reports what is wrong.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from ..log import logger

_CHILD = Path(__file__).with_name("_ner_child.py")


class EntitySpan(NamedTuple):
    """What the entity step reads of a spaCy ``Span``, under spaCy's names."""

    start_char: int
    end_char: int
    label_: str


class EntityDoc:
    """A sentence and its entities: the part of a spaCy ``Doc`` the brief reads."""

    __slots__ = ("text", "ents")

    def __init__(self, text: str, ents: tuple[EntitySpan, ...]) -> None:
        self.text = text
        self.ents = ents


class NerProcess:
    """``pipe(texts)`` like a spaCy model's, answered by the helper process; ``fallback``
    loads the model in-process when the helper cannot answer."""

    def __init__(self, package: str, exclude: list[str], fallback: Callable[[], Any]) -> None:
        self._fallback_loader = fallback
        self._fallback: Any = None
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        try:
            self._proc = subprocess.Popen(
                [sys.executable, str(_CHILD), package, ",".join(exclude)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, encoding="ascii",
            )
        except OSError as e:  # pragma: no cover - no process could start at all
            logger.debug("NER helper did not start (%s): loading spaCy in-process", e)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> list[Any]:
        texts = list(texts)
        with self._lock:
            if self._fallback is None:
                ents = self._ask(texts, batch_size)
                if ents is not None:
                    return [EntityDoc(t, tuple(EntitySpan(*e) for e in es)) for t, es in zip(texts, ents)]
                self.close()
                self._fallback = self._fallback_loader()
        return list(self._fallback.pipe(texts, batch_size=batch_size))

    def __call__(self, text: str) -> Any:
        return self.pipe([text])[0]

    def _ask(self, texts: list[str], batch_size: int) -> list | None:
        if self._proc is None:
            return None
        try:
            self._proc.stdin.write(json.dumps({"texts": texts, "batch_size": batch_size}) + "\n")
            self._proc.stdin.flush()
            answer = json.loads(self._proc.stdout.readline() or "null")
        except (OSError, ValueError) as e:
            logger.debug("NER helper failed (%s): loading spaCy in-process", e)
            return None
        ents = answer.get("ents") if isinstance(answer, dict) else None
        if not isinstance(ents, list) or len(ents) != len(texts):
            logger.debug("NER helper could not answer (%s): loading spaCy in-process",
                         answer.get("error") if isinstance(answer, dict) else "no answer")
            return None
        return ents

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        # the helper keeps nothing: end it at once, even mid-load (an error, ^C)
        for end in (proc.stdin.close, proc.terminate, proc.wait, proc.stdout.close):
            try:
                end()
            except OSError:  # pragma: no cover - already gone
                pass

