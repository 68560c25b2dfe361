"""The real `tutor` program moves a bank to Moodle and back, and a learner takes a quiz on what came back."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.system.test_plain_pipe import tutor
from tests.unit.test_plain_support import right_input
from tutor.loader import builtin_dir, load_content
from tutor.quiz.session import QuizSession, QuizSettings


@pytest.mark.parametrize("fmt", ["moodle-xml", "gift"])
def test_export_then_import_then_quiz(tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / ("bank.xml" if fmt == "moodle-xml" else "bank.gift")
    result = tutor(tmp_path, "bank", "export", "--format", fmt, "--lang", "en", "--generated", "1",
                   "--out", str(exported))
    assert result.returncode == 0, result.stderr
    if fmt == "moodle-xml":
        assert etree.parse(str(exported)).getroot().tag == "quiz"
    banks = tmp_path / "banks"
    result = tutor(tmp_path, "bank", "import", str(exported), "--out", str(banks), "--bank", "again", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (banks / "again.en.yaml").is_file()
    result = tutor(tmp_path, "validate", "--content", str(banks))
    assert result.returncode == 0, result.stdout + result.stderr
    listed = tutor(tmp_path, "quiz", "--list", "--bank", "again", "--content", str(banks))
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) > 50
    # A whole plain quiz on the imported bank, answered right from what tutor loads of it.
    settings = QuizSettings(bank="again", count=3, seed=3)
    library = load_content([builtin_dir("lessons"), banks]).quizzes
    session = QuizSession.build(library, settings, "en")
    typed = "".join(right_input(q, session) + "\n" for q in session.questions)
    quiz = tutor(tmp_path, "quiz", "--plain", "--bank", "again", "--count", "3", "--seed", "3",
                 "--content", str(banks), stdin=typed)
    assert quiz.returncode == 0, quiz.stderr
    assert quiz.stdout.count("[OK] Correct.") == 3 and "(100%)" in quiz.stdout, quiz.stdout[-2000:]
