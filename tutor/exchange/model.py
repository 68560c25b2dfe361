"""What moves between a Moodle file and a tutor bank: questions read, notes for the report, errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tutor.errors import UsageError


@dataclass(frozen=True)
class Note:
    """One line of an import or export report: a question not carried over, or carried over with a loss.

    `key` names a catalogue entry (tutor/i18n/strings/exchange.py) filled with `values`; `position`
    is the question's place in the file or bank (from 1, categories not counted), `line` where it
    starts in an imported file. `dropped`: the question is not in the result at all.
    """

    position: int
    name: str
    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None
    dropped: bool = False


@dataclass
class Foreign:
    """A question read from a Moodle file, in tutor's terms, before `convert` gives it an id and a topic.

    `fields` holds tutor's YAML fields of the question, already converted: `type`, `prompt`,
    `explanation`, `points`, and those of the type (`options`, `answer`, `tolerance`, `unit`, `items`,
    `pairs`, `distractors`, `answers`, `hints`) exactly as a bank file writes them (see
    docs/authoring.md); never `id`, `topic`, `difficulty`, `section`. `category` is the Moodle
    category path in force (`$course$/top/A/B`), `tags` its tags, `idnumber` Moodle's ID number.
    """

    position: int
    line: int
    name: str
    fields: dict[str, Any]
    category: str | None = None
    idnumber: str | None = None
    tags: tuple[str, ...] = ()


class ExchangeError(UsageError):
    """A file that is not valid GIFT or Moodle XML: `FILE:LINE: message`, exit code 2, nothing written."""

    def __init__(self, path: str, line: int, key: str, **values: object) -> None:
        super().__init__("exchange.error.at", path=path, line=line)
        self.path, self.line, self.detail_key, self.detail_values = path, line, key, values

    def text(self, lang: str) -> str:
        """`FILE:LINE: what is wrong`, in `lang`."""
        from tutor.i18n.catalogue import t

        return f"{self.path}:{self.line}: {t(self.detail_key, lang, **self.detail_values)}"


@dataclass(frozen=True)
class Outgoing:
    """A question as a writer receives it: tutor's question, its Moodle name, category and tags.

    `position` is its place in the bank (generated instances after the written questions).
    """

    position: int
    question: Any  # tutor.quiz.model.Question (Any: keeps this module free of the quiz package at import)
    name: str
    category: str
    tags: tuple[str, ...] = ()


# Tags that carry what Moodle has no field for, so that a bank comes back as it left: Moodle keeps
# tags (XML <tags>, GIFT's `// [tag:…]` comment since Moodle 4.0) and shows them in its question bank.
TAG_DIFFICULTY = "difficulty:"
TAG_SECTION = "section:"
TAG_TOPIC = "topic:"
