"""Style checks of French content for `tutor validate`: typography and the glossary's terms.

Every prose string of a French lesson or bank (titles, text, cells, prompts, options, feedback,
hints, explanations...; not ids, names, icons, nor the accepted answers of `short` questions) goes
through `tutor.content.typography.french_findings` and the glossary (`tutor.content.glossary`). Each
finding becomes a `Problem` at the FILE:LINE:COL of the character itself, found by walking the
scalar's text in the file (block scalars, folded lines and quoted escapes included).

Severity:
- typography in the built-in lessons and banks is an error: the shipped French must be clean;
- typography in an instructor's files is a warning: the app shows such content as it is, the rules
  are heuristics (a version number may look like a decimal), and French typography is not the same
  everywhere (Québec and Switzerland put no space before ; ! ?). `tutor validate --strict` makes
  warnings count as problems, for instructors who want them enforced;
- a glossary term is always a warning (a word may be right in context), the built-in content having
  none being a test (tests/unit/test_glossary.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.content.glossary import Glossary, GlossaryError, builtin_glossary_terms
from tutor.content.problems import Problem
from tutor.content.typography import Finding, french_findings
from tutor.content.yamlsource import Located, Mark

# Keys whose strings are not prose: ids and names, enumerations, icons, accepted short answers.
NOT_PROSE = frozenset({
    "id", "lang", "kind", "style", "simulator", "icon", "section", "module", "bank", "type", "topic",
    "difficulty", "answers", "name", "exam_clock",
})
WARNING = "warning: "


@dataclass
class StyleResult:
    """Errors (built-in typography) and warnings (the rest) found in French files."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def prose(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every (path, text) of prose in a lesson or bank's data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE:
                yield from prose(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from prose(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


class SourceMap:
    """Positions in one file's text: from a value's start mark and an offset in the value, to LINE:COL."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _line_starts(text)

    def index(self, mark: Mark) -> int:
        line = min(max(mark.line, 1), len(self.starts))
        return min(self.starts[line - 1] + mark.column - 1, len(self.text))

    def position(self, index: int) -> tuple[int, int]:
        low, high = 0, len(self.starts) - 1
        while low < high:  # the last line start <= index
            middle = (low + high + 1) // 2
            if self.starts[middle] <= index:
                low = middle
            else:
                high = middle - 1
        return low + 1, index - self.starts[low] + 1

    def locate(self, mark: Mark, value: str, offset: int) -> tuple[int, int]:
        """LINE:COL of `value[offset]`, the value whose scalar starts at `mark`.

        The value's characters are matched one by one against the file from the scalar's start:
        a run of spaces, line breaks and indentation in the file stands for a space or a line break
        of the value, and an escape (`\\"`) for the character it makes. Anything unexpected stops
        the walk at the last position found, which is still on the right line or close to it.
        """
        text = self.text
        cursor = self.index(mark)
        if cursor >= len(text):
            return mark.line, mark.column
        opening = text[cursor]
        if opening in "\"'":
            cursor += 1
        elif opening in "|>":
            newline = text.find("\n", cursor)
            cursor = len(text) if newline < 0 else newline + 1
        found = cursor
        for char in value[: offset + 1]:
            if cursor >= len(text):
                break
            if char == "\n":  # a line break of a literal block (or `\n` in quotes)
                newline = text.find("\n", cursor)
                escaped = text.find("\\n", cursor, cursor + 2)
                if escaped >= 0 and (newline < 0 or escaped < newline):
                    found, cursor = escaped, escaped + 2
                elif newline >= 0:
                    found, cursor = newline, newline + 1
                continue
            if char == " ":
                if text[cursor] in " \n":  # a space, or a folded line break
                    found, cursor = cursor, cursor + 1
                continue
            while cursor < len(text) and text[cursor] in " \t\r\n":  # indentation, folded lines
                cursor += 1
            step = text.find(char, cursor, cursor + 8)  # `\"`, `''` and other escapes
            if step < 0:
                continue  # an escape written otherwise (\u00e9): find the next character later
            found, cursor = step, step + 1
        return self.position(found)


def _is_builtin(located: Located, builtin: Iterable[Path]) -> bool:
    if located.file is None:
        return False
    try:
        real = located.file.resolve()
    except OSError:
        return False
    return any(real.is_relative_to(directory) for directory in builtin)


def french_problems(located: Located, glossary: Glossary | None, builtin: bool) -> StyleResult:
    """Typography and glossary problems of one file (nothing unless it is French)."""
    result = StyleResult()
    data = located.data
    if not isinstance(data, dict) or data.get("lang") != "fr" or not located.text:
        return result
    source = SourceMap(located.text)
    for where, text in prose(data):
        findings: list[tuple[Finding, bool]] = [(f, builtin) for f in french_findings(text)]
        if glossary is not None:
            findings += [(f, False) for f in glossary.findings(text)]
        if not findings:
            continue
        mark = located.mark(where)
        for finding, error in findings:
            line, column = source.locate(mark, text, finding.offset)
            message = finding.message if error else WARNING + finding.message
            (result.errors if error else result.warnings).append(Problem(located.path, line, column, message))
    return result


def style_problems(files: Iterable[Located], builtin_dirs: Iterable[Path]) -> StyleResult:
    """Errors and warnings of every French file in `files` (see the module's docstring)."""
    result = StyleResult()
    try:
        glossary: Glossary | None = builtin_glossary_terms()
    except GlossaryError as error:  # a broken glossary must not hide the other checks
        glossary = None
        result.errors += error.problems
    directories = [d.resolve() for d in builtin_dirs]
    for located in files:
        found = french_problems(located, glossary, _is_builtin(located, directories))
        result.errors += found.errors
        result.warnings += found.warnings
    return result
