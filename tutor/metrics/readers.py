"""Readers for the metric input formats; every problem is an `InputError` naming FILE:LINE.

Formats: one label per line (classification); CoNLL columns with the tag last, blank line between
sentences (NER); JSON Lines (QA); one segment per line (BLEU, ROUGE); whitespace-separated
natural-log probabilities, one text per line (perplexity).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from tutor.safety import InputRefused, read_input

__all__ = [
    "MAX_INPUT_BYTES",
    "InputError",
    "InputWarning",
    "Source",
    "check_same_length",
    "load_source",
    "read_conll",
    "read_labels",
    "read_lines",
    "read_logprobs",
    "read_qa_gold",
    "read_qa_predictions",
    "read_segments",
    "shown",
]


class InputError(Exception):
    """Unusable input; `str()` is `FILE:LINE: message` in English, `text(lang)` in the learner's language.

    Raised with a catalogue key (tutor.metrics.texts, `e.*`) and its values, so the command line
    and the panel show it in their language: `InputError(name, line, key="e.empty_file")`. A
    message already written (the panel's own, translated by it) may be given instead.
    """

    def __init__(self, name: str, line: int, message: str | None = None, *, key: str | None = None,
                 **values: object) -> None:
        self.name = name
        self.line = line
        self.key = key
        self.values = values
        self.message = message if message is not None else self.message_in("en")
        super().__init__(f"{name}:{line}: {self.message}")

    def message_in(self, lang: str) -> str:
        """The message alone (no FILE:LINE) in `lang`."""
        if self.key is None:
            return self.message
        from tutor.metrics.texts import tr

        return tr(self.key, lang, **self.values)

    def text(self, lang: str) -> str:
        """`FILE:LINE: message` in `lang` (French typography: `FILE:LINE : message`)."""
        return f"{self.name}:{self.line}\u00a0: {self.message_in(lang)}" if lang == "fr" else str(self)


class InputWarning(str):
    """A warning about an input (`FILE:LINE: warning: …` in English); `text(lang)` translates it.

    A str, so code that joins or prints warnings keeps working; the language is chosen where it
    is shown.
    """

    key: str
    values: dict[str, object]
    name: str
    line: int

    def __new__(cls, name: str, line: int, key: str, **values: object) -> Self:
        from tutor.metrics.texts import tr

        english = f"{name}:{line}: " + tr("e.warning", "en", message=tr(key, "en", **values))
        warning = super().__new__(cls, english)
        warning.name, warning.line, warning.key, warning.values = name, line, key, values
        return warning

    def text(self, lang: str) -> str:
        """The warning in `lang`."""
        if lang != "fr":
            return str(self)
        from tutor.metrics.texts import tr

        return f"{self.name}:{self.line}\u00a0: " + tr("e.warning", lang, message=tr(self.key, lang, **self.values))


def shown(message: object, lang: str) -> str:
    """An error or warning of this module as `lang` shows it; anything else as written."""
    text = getattr(message, "text", None)
    return text(lang) if callable(text) else str(message)


@dataclass(frozen=True)
class Source:
    """Raw bytes of one input and the name to show in messages."""

    name: str
    data: bytes


#: The largest input file `tutor metrics` reads, in bytes. Reading costs about 20 times the file in
#: memory (probe 2.30: 100 MB of labels took 1.97 GB), and the lab host is shared, so 50 MB (about
#: 1 GB) is the bound; standard evaluation sets are far smaller (SQuAD v1.1 dev 4.9 MB, CoNLL-2003
#: test under 1 MB). `read_input` also refuses FIFOs (they would block) and devices (/dev/zero).
MAX_INPUT_BYTES = 50_000_000


def load_source(path: str | Path, limit: int = MAX_INPUT_BYTES) -> Source:
    """Read a regular file's bytes (at most `limit`); anything else is an InputError at line 1:
    missing, a directory, a FIFO or a device, too large, unreadable."""
    name = str(path)
    try:
        return Source(name, read_input(Path(path), limit))
    except InputRefused as error:
        if error.key == "input.not_regular" and Path(path).is_dir():
            raise InputError(name, 1, key="e.directory") from None
        if error.key == "input.too_large":
            raise InputError(name, 1, key="e.too_large", megabytes=limit // 1_000_000) from None
        raise InputError(name, 1, key="e.not_regular") from None
    except IsADirectoryError:
        raise InputError(name, 1, key="e.directory") from None
    except FileNotFoundError:
        raise InputError(name, 1, key="e.no_such_file") from None
    except OSError as error:
        raise InputError(name, 1, key="e.cannot_read", reason=error.strerror or str(error)) from None


def read_lines(source: Source, keep_blank_lines: bool = False) -> list[str]:
    """Decode UTF-8 (a BOM is allowed) and split into lines.

    Trailing blank lines are dropped, unless `keep_blank_lines` (where a blank line is data, such
    as an empty segment): then only the final newline's empty remainder is.
    """
    data = source.data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(source.name, line, key="e.not_utf8") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(source.name, line, key="e.nul_bytes")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source.name, 1, key="e.empty_file")
    lines = text.split("\n")
    if keep_blank_lines:
        if text.endswith("\n"):
            lines.pop()
    else:
        while not lines[-1].strip():
            lines.pop()
    return lines


def check_same_length(gold: Source, n_gold: int, other: Source, n_other: int, unit: str) -> None:
    """Raise at the first line of `other` that has no partner in `gold` (or is missing)."""
    if n_gold != n_other:
        line = min(n_gold, n_other) + 1
        from tutor.metrics.texts import STRINGS

        key = f"e.not_aligned.{unit}" if f"e.not_aligned.{unit}" in STRINGS else "e.not_aligned"
        raise InputError(other.name, line, key=key, gold=gold.name, gold_count=n_gold, other=other.name,
                         count=n_other, unit=unit)


def read_labels(source: Source) -> list[str]:
    """One label per line, surrounding spaces removed; a blank line inside the file is an error."""
    labels = [line.strip() for line in read_lines(source)]
    if "" in labels:
        raise InputError(source.name, labels.index("") + 1, key="e.empty_label")
    return labels


def read_conll(source: Source) -> tuple[list[list[str]], list[int]]:
    """CoNLL sentences (the tag is the last column) and the line number where each one starts.

    `-DOCSTART-` lines separate documents and are skipped, as in CoNLL-2003.
    """
    sentences: list[list[str]] = []
    starts: list[int] = []
    current: list[str] = []
    for number, line in enumerate(read_lines(source), 1):
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
                current = []
            continue
        if not current:
            starts.append(number)
        current.append(fields[-1])
    if current:
        sentences.append(current)
    if not sentences:
        raise InputError(source.name, 1, key="e.no_sentence")
    return sentences, starts


def _json_lines(source: Source) -> list[tuple[int, dict[str, Any]]]:
    records = []
    for number, line in enumerate(read_lines(source), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(source.name, number, key="e.bad_json", reason=error.msg, column=error.colno) from None
        except RecursionError:  # [[[[… nested deeper than the interpreter's stack
            raise InputError(source.name, number, key="e.json_too_deep") from None
        except ValueError:  # int() refuses more than 4,300 digits (CVE-2020-10735)
            raise InputError(source.name, number, key="e.json_long_number", digits=_int_digits()) from None
        if not isinstance(record, dict):
            raise InputError(source.name, number, key="e.json_object")
        if "id" not in record or not isinstance(record["id"], (str, int)) or isinstance(record["id"], bool):
            raise InputError(source.name, number, key="e.missing_id")
        records.append((number, record))
    return records


def _int_digits() -> int:
    """The longest integer, in digits, that Python reads (4,300 by default)."""
    import sys

    return sys.get_int_max_str_digits() or 4300


def _answers(value: object) -> list[str] | None:
    # Accepted shapes: ["a", "b"], SQuAD's [{"text": "a"}, ...], Hugging Face's {"text": [...]}.
    if isinstance(value, dict):
        value = value.get("text")
    if not isinstance(value, list) or not value:
        return None
    answers = [item.get("text") if isinstance(item, dict) else item for item in value]
    texts = [a for a in answers if isinstance(a, str)]
    return texts if len(texts) == len(answers) else None


def read_qa_gold(source: Source) -> dict[str, tuple[list[str], int]]:
    """Gold QA JSON Lines: {"id", "answers": [...]} → id → (answers, line)."""
    gold: dict[str, tuple[list[str], int]] = {}
    for number, record in _json_lines(source):
        qid = str(record["id"])
        answers = _answers(record.get("answers"))
        if answers is None:
            raise InputError(source.name, number, key="e.bad_answers")
        if qid in gold:
            raise InputError(source.name, number, key="e.duplicate_id", id=repr(qid), first=gold[qid][1])
        gold[qid] = (answers, number)
    return gold


def read_qa_predictions(source: Source) -> dict[str, tuple[str, int]]:
    """Prediction JSON Lines: {"id", "prediction"} (or "prediction_text") → id → (text, line)."""
    predictions: dict[str, tuple[str, int]] = {}
    for number, record in _json_lines(source):
        qid = str(record["id"])
        text = record.get("prediction", record.get("prediction_text"))
        if not isinstance(text, str):
            raise InputError(source.name, number, key="e.bad_prediction")
        if qid in predictions:
            raise InputError(source.name, number, key="e.duplicate_id", id=repr(qid), first=predictions[qid][1])
        predictions[qid] = (text, number)
    return predictions


def read_segments(source: Source) -> list[str]:
    """One segment per line, kept as written (an empty line is an empty segment)."""
    return read_lines(source, keep_blank_lines=True)


def read_logprobs(source: Source) -> list[list[float]]:
    """One text per line: whitespace-separated natural-log token probabilities (each ≤ 0)."""
    texts = []
    for number, line in enumerate(read_lines(source), 1):
        fields = line.split()
        if not fields:
            raise InputError(source.name, number, key="e.no_logprob")
        try:
            values = [float(field) for field in fields]
        except ValueError:
            bad = next(f for f in fields if not _is_float(f))
            raise InputError(source.name, number, key="e.not_a_number", value=repr(bad)) from None
        for value in values:
            if not math.isfinite(value):
                raise InputError(source.name, number, key="e.logprob_not_finite", value=str(value))
            if value > 0:
                raise InputError(source.name, number, key="e.logprob_positive", value=value)
        texts.append(values)
    return texts


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
