"""Terminal controls in instructor content never reach the terminal (review probes 1.26, 5.1-5.3).

A content directory with OSC 52 (clipboard), CSI 2J (clear screen), OSC 0 (window title), OSC 8 (link),
C1 controls and U+202E (right-to-left override) in a module title, a section title, markdown, options,
a prompt and an explanation:
- `tutor validate` names each control character with FILE:LINE:COL;
- `tutor --content DIR lessons`, `quiz --list` and the plain quiz refuse the content like any invalid
  content, and print no control byte while saying so;
- the text as read is cleaned (U+FFFD in place of each control), so even a path that showed it (the plain
  reader and quiz, run here on the loaded content) prints no control byte.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.loader import builtin_paths, load_content
from tutor.plain import run_plain
from tutor.quiz.session import QuizSettings
from tutor.safety import CONTROL_PATTERN
from tutor.store.sqlite import SQLiteStore

TIMEOUT = 60
OSC52 = r"\e]52;c;ZWNobyBwd25lZA==\a"
CLEAR = r"\e[2J"
TITLE = r"\e]0;owned\a"
LINK = r"\e]8;;http://evil.example\e\\click\e]8;;\e\\"
C1 = r"\x9b31m\x9d"
RLO = r"\u202e"

MODULE = """\
id: esc
lang: {lang}
number: 8
title: "Esc title {title}"
sections:
  - id: esc-one
    title: "Section {rlo}one"
    blocks:
      - id: esc-text
        kind: markdown
        text: "Markdown {clear} and {link}"
"""

BANK = """\
bank: esc
lang: {lang}
module: esc
title: "Esc bank {title}"
questions:
  - id: esc-q
    type: single
    topic: bert
    difficulty: easy
    section: esc-one
    prompt: "Prompt {rlo}?"
    options:
      - {{id: a, text: "Right {osc52}", correct: true}}
      - {{id: b, text: "Wrong {c1}"}}
    explanation: "Explanation {c1} {clear}"
"""


def write_content(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    values = {"title": TITLE, "rlo": RLO, "clear": CLEAR, "link": LINK, "osc52": OSC52, "c1": C1}
    for lang in ("en", "fr"):
        (directory / f"esc.{lang}.yaml").write_text(MODULE.format(lang=lang, **values), encoding="utf-8")
        (directory / f"esc-bank.{lang}.yaml").write_text(BANK.format(lang=lang, **values), encoding="utf-8")
    return directory


def tutor(home: Path, cwd: Path, *args: str, stdin: str = "") -> tuple[int, str]:
    """Run the real `tutor`; its exit code and everything it printed (stdout then stderr), decoded."""
    env = {**os.environ, "TUTOR_HOME": str(home), "TUTOR_LANG": "en", "TUTOR_LEARNER": "kim"}
    result = subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin.encode(), capture_output=True,
                            env=env, cwd=cwd, timeout=TIMEOUT, check=False)
    printed = (result.stdout + result.stderr).decode("utf-8")
    assert "Traceback" not in printed, printed
    return result.returncode, printed


def no_controls(printed: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL_PATTERN.findall(printed.replace("\r\n", "\n"))})
    assert found == [], f"terminal controls printed: {found}"


def test_validate_names_every_control_character(tmp_path: Path) -> None:
    write_content(tmp_path / "content")
    code, printed = tutor(tmp_path / "home", tmp_path, "validate", "content")
    assert code == 1
    no_controls(printed)
    lines = [line for line in printed.splitlines() if "control character" in line]
    assert "content/esc.en.yaml:4:8: control character U+001B (ESC) is not allowed in text" in lines
    assert "content/esc.en.yaml:4:8: control character U+0007 (BEL) is not allowed in text" in lines
    assert "content/esc.en.yaml:7:12: control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed in text" in lines
    assert "content/esc-bank.en.yaml:14:23: control character U+009B (CSI) is not allowed in text" in lines
    assert "content/esc-bank.en.yaml:15:18: control character U+009D (OSC) is not allowed in text" in lines
    # Every control of both languages: the same code point escaped twice in one scalar is one problem (at
    # the scalar), so per language: module 2 + 1 + 1 (five ESC in the markdown), bank 2 + 1 + 2 + 2 + 3.
    assert len(lines) == 2 * (4 + 10)
    # Beside them, only warnings (French typography around the escaped characters), which quote the
    # text with its controls replaced, as no_controls checked.
    errors = [line for line in printed.splitlines() if line.startswith("content/") and ": warning: " not in line]
    assert len(errors) == len(lines)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("--content", "content", "lessons"), ""),
        (("--content", "content", "quiz", "--list", "--bank", "esc"), ""),
        (("--content", "content", "--lang", "en", "quiz", "--plain", "--bank", "esc"), "1\n\n"),
        (("--content", "content", "--plain"), "q\n"),
    ],
)
def test_commands_refuse_the_content_without_printing_controls(tmp_path: Path, args: tuple[str, ...],
                                                               stdin: str) -> None:
    write_content(tmp_path / "content")
    code, printed = tutor(tmp_path / "home", tmp_path, *args, stdin=stdin)
    assert code == 1
    no_controls(printed)
    assert "content/esc.en.yaml:4:8: control character U+001B (ESC) is not allowed in text" in printed


def test_the_cleaned_text_is_all_a_reader_or_quiz_could_show(tmp_path: Path) -> None:
    content = load_content([*builtin_paths(), write_content(tmp_path)])
    assert content.problems and all("control character" in p.message for p in content.problems)
    module = content.course.module("esc", "en")
    assert module is not None and module.title == "Esc title \ufffd]0;owned\ufffd"
    store, _ = SQLiteStore.open(tmp_path / "kim.sqlite3")
    try:
        # The reader: the module list, then module 8's first section (its title and markdown).
        for quiz, typed in ((None, "m\n2\nr\nq\nq\n"), (QuizSettings(bank="esc", count=1, seed=1), "1\n\n")):
            out = io.StringIO()
            run_plain(content, store, "en", "kim", quiz=quiz, stdin=io.StringIO(typed), stdout=out)
            printed = out.getvalue()
            no_controls(printed)
            shown = ["Esc title \ufffd]0;owned\ufffd", "Section \ufffdone", "Markdown \ufffd[2J"] if quiz is None else [
                "Prompt \ufffd?", "Right \ufffd]52;c;", "Explanation \ufffd31m\ufffd \ufffd[2J"]
            assert all(text in printed for text in shown), printed  # the content was shown, cleaned
    finally:
        store.close()
