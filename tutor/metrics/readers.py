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

__all__ = [
    "InputError", "Source", "load_source", "read_lines", "read_labels", "read_conll",
    "read_qa_gold", "read_qa_predictions", "read_segments", "read_logprobs", "check_same_length",
]


class InputError(Exception):
    """Unusable input; `str()` is `FILE:LINE: message`."""

    def __init__(self, name: str, line: int, message: str) -> None:
        super().__init__(f"{name}:{line}: {message}")
        self.name = name
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Source:
    """Raw bytes of one input and the name to show in messages."""

    name: str
    data: bytes


def load_source(path: str | Path) -> Source:
    """Read a file's bytes; a missing file, a directory or an unreadable file is an InputError."""
    name = str(path)
    try:
        return Source(name, Path(path).read_bytes())
    except IsADirectoryError:
        raise InputError(name, 1, "is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError(name, 1, "no such file") from None
    except OSError as error:
        raise InputError(name, 1, f"cannot read file: {error.strerror or error}") from None


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
        raise InputError(source.name, line, "not valid UTF-8 text") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(source.name, line, "not a text file (it contains NUL bytes)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source.name, 1, "empty file")
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
        raise InputError(
            other.name, line,
            f"{gold.name} has {n_gold} {unit} but {other.name} has {n_other}: files must be aligned",
        )


def read_labels(source: Source) -> list[str]:
    """One label per line, surrounding spaces removed; a blank line inside the file is an error."""
    labels = [line.strip() for line in read_lines(source)]
    if "" in labels:
        raise InputError(source.name, labels.index("") + 1, "empty label")
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
        raise InputError(source.name, 1, "no sentence (expected token/tag lines)")
    return sentences, starts


def _json_lines(source: Source) -> list[tuple[int, dict]]:
    records = []
    for number, line in enumerate(read_lines(source), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            message = f"invalid JSON: {error.msg} (column {error.colno})"
            raise InputError(source.name, number, message) from None
        if not isinstance(record, dict):
            raise InputError(source.name, number, "expected a JSON object")
        if "id" not in record or not isinstance(record["id"], (str, int)) or isinstance(record["id"], bool):
            raise InputError(source.name, number, 'missing "id" (a string)')
        records.append((number, record))
    return records


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
            raise InputError(source.name, number, '"answers" must be a non-empty list of strings')
        if qid in gold:
            raise InputError(source.name, number, f"duplicate id {qid!r} (first on line {gold[qid][1]})")
        gold[qid] = (answers, number)
    return gold


def read_qa_predictions(source: Source) -> dict[str, tuple[str, int]]:
    """Prediction JSON Lines: {"id", "prediction"} (or "prediction_text") → id → (text, line)."""
    predictions: dict[str, tuple[str, int]] = {}
    for number, record in _json_lines(source):
        qid = str(record["id"])
        text = record.get("prediction", record.get("prediction_text"))
        if not isinstance(text, str):
            raise InputError(source.name, number, '"prediction" must be a string')
        if qid in predictions:
            raise InputError(source.name, number,
                             f"duplicate id {qid!r} (first on line {predictions[qid][1]})")
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
            raise InputError(source.name, number, "no log-probability on this line")
        try:
            values = [float(field) for field in fields]
        except ValueError:
            bad = next(f for f in fields if not _is_float(f))
            raise InputError(source.name, number, f"not a number: {bad!r}") from None
        for value in values:
            if not math.isfinite(value):
                raise InputError(source.name, number, f"log-probability must be finite, got {value}")
            if value > 0:
                raise InputError(source.name, number,
                                 f"log-probability {value} > 0 (a probability above 1)")
        texts.append(values)
    return texts


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
