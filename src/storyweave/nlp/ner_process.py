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
import os
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
        self._pending: tuple | None = None  # a prefetched request: (texts, batch size), writer, failure
        try:
            self._proc = subprocess.Popen(
                [sys.executable, str(_CHILD), package, ",".join(exclude)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, encoding="ascii",
                # one BLAS thread, as the brief's own process (cli.brief): a second one only spins
                env={**os.environ, "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")},
            )
        except OSError as e:  # pragma: no cover - no process could start at all
            logger.debug("NER helper did not start (%s): loading spaCy in-process", e)

    def prefetch(self, texts: Iterable[str], batch_size: int = 64) -> None:
        """Send the texts now; ``pipe`` with the same texts later reads the answer. The helper
        tags them while this process goes on (embedding, grouping). Sent from a thread: a
        large request fills the pipe until the helper has loaded its model and reads."""
        with self._lock:
            if self._fallback is None and self._proc is not None and self._pending is None:
                request = (list(texts), batch_size)
                failed: list[BaseException] = []
                writer = threading.Thread(target=self._send, args=(*request, failed), daemon=True)
                writer.start()
                self._pending = (request, writer, failed)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> list[Any]:
        texts = list(texts)
        with self._lock:
            if self._fallback is None:
                ents = self._ask(texts, batch_size)
                if ents is not None:
                    return [EntityDoc(t, tuple(EntitySpan(*e) for e in es)) for t, es in zip(texts, ents)]
                self._hand_over()
        return list(self._fallback.pipe(texts, batch_size=batch_size))

    def __call__(self, text: str) -> Any:
        return self.pipe([text])[0]

    def drain(self) -> None:
        """Read and drop the answer to a prefetched request nobody asked for."""
        with self._lock:
            if self._fallback is None and self._pending is not None:
                try:
                    self._pending_answer()
                except (OSError, ValueError) as e:
                    logger.debug("NER helper failed (%s): loading spaCy in-process", e)
                    self._hand_over()

    def _hand_over(self) -> None:
        """The helper cannot answer: end it, and load the model in this process from now on."""
        self.close()
        self._fallback = self._fallback_loader()

    def _pending_answer(self) -> tuple[tuple[list[str], int], list] | None:
        """The prefetched request (texts, batch size) and the helper's answer, if one is pending."""
        if self._pending is None:
            return None
        request, writer, failed = self._pending
        self._pending = None
        writer.join()
        if failed:
            raise OSError(str(failed[0]))
        return request, self._read(len(request[0]))

    def _send(self, texts: list[str], batch_size: int, failed: list[BaseException] | None = None) -> None:
        try:
            self._proc.stdin.write(json.dumps({"texts": texts, "batch_size": batch_size}) + "\n")
            self._proc.stdin.flush()
        except (OSError, ValueError, AttributeError) as e:  # the helper gone (closed: no stdin)
            if failed is None:
                raise OSError(str(e)) from e
            failed.append(e)

    def _ask(self, texts: list[str], batch_size: int) -> list | None:
        if self._proc is None:
            return None
        try:
            pending = self._pending_answer()
            if pending is not None and pending[0] == (texts, batch_size):
                return pending[1]
            self._send(texts, batch_size)
            return self._read(len(texts))
        except (OSError, ValueError) as e:
            logger.debug("NER helper failed (%s): loading spaCy in-process", e)
            return None

    def _read(self, n: int) -> list:
        answer = json.loads(self._proc.stdout.readline() or "null")
        ents = answer.get("ents") if isinstance(answer, dict) else None
        if not isinstance(ents, list) or len(ents) != n:
            raise ValueError(answer.get("error") if isinstance(answer, dict) else "no answer")
        return ents

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        # the helper keeps nothing: end it at once, even mid-load (an error, ^C); ended first,
        # so that a prefetch still writing to it fails instead of holding stdin's lock
        self._pending = None
        for end in (proc.terminate, proc.wait, proc.stdin.close, proc.stdout.close):
            try:
                end()
            except OSError:  # pragma: no cover - already gone
                pass



class SharedNer:
    """This process's model and a helper process tagging one story's sentences side by side.

    NER is two thirds of a warm brief, and a server or an evaluation briefs one story at a
    time on a machine with a second core. The sentences are sent to the helper as soon as they
    are split (``prefetch``): it tags the last ``share`` of them (by characters) while this
    process embeds and groups, then tags the rest itself (``pipe``). The entities are the same
    as one model's (the same package and pipes; a sentence's entities do not depend on the
    batch it is tagged in). A helper that fails hands its part back to this process's model.
    """

    def __init__(self, nlp: Any, helper: NerProcess, share: float = 0.5) -> None:
        self.nlp, self.helper, self.share = nlp, helper, share
        self._lock = threading.Lock()
        self._pending: tuple[list[str], int] | None = None  # the texts prefetched, where the helper's part starts

    def prefetch(self, texts: Iterable[str], batch_size: int = 64) -> None:
        texts = list(texts)
        cut = _cut(texts, self.share)
        with self._lock:
            if cut < len(texts):
                self.helper.drain()  # an answer nobody read (a brief that failed midway) goes first
                self.helper.prefetch(texts[cut:], batch_size)
                self._pending = (texts, cut)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> list[Any]:
        texts = list(texts)
        with self._lock:  # one story at a time: the helper answers requests in order
            pending, self._pending = self._pending, None
            if pending is None or pending[0] != texts:  # nothing asked ahead for these: all here
                return list(self.nlp.pipe(texts, batch_size=batch_size))
            cut = pending[1]
            head = list(self.nlp.pipe(texts[:cut], batch_size=batch_size))
            return head + self.helper.pipe(texts[cut:], batch_size)

    def __call__(self, text: str) -> Any:
        return self.nlp(text)

    def close(self) -> None:
        self.helper.close()


def _cut(texts: list[str], share: float) -> int:
    """Where the last ``share`` of the texts' characters begins, as near as whole texts allow
    (NER time grows with length); ``len(texts)`` when the helper gets nothing."""
    if share <= 0 or not texts:
        return len(texts)
    total = sum(len(t) for t in texts)
    want = total * (1 - share)  # the characters tagged here
    best, best_gap, seen = len(texts), abs(total - want), 0
    for i, t in enumerate(texts):
        if abs(seen - want) < best_gap:
            best, best_gap = i, abs(seen - want)
        seen += len(t)
    return best
