"""Issue 12: ordering questions never start nearly solved, echoes follow the screen, exam clocks."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from tutor.loader import builtin_paths, load_content
from tutor.quiz.display import answer_text, format_points
from tutor.quiz.session import QuizSession, QuizSettings, swaps_to_sort

LIBRARY = load_content(builtin_paths()).quizzes


@pytest.mark.parametrize(
    ("order", "swaps"),
    [("abcd", 0), ("bacd", 1), ("adcb", 1), ("bcad", 2), ("badc", 2), ("dcba", 2), ("bcda", 3)],
)
def test_swaps_to_sort(order: str, swaps: int) -> None:
    assert swaps_to_sort(list(order), list("abcd")) == swaps


def test_ordering_questions_never_start_within_one_swap() -> None:
    questions = [q for bank in LIBRARY.banks.values() for q in bank.questions if q.type == "ordering"]
    assert questions
    for question, seed in itertools.product(questions, range(300)):
        session = QuizSession(QuizSettings(), seed, "fr", [question])
        shown = [item.id for item in session.items(question)]
        right = [item.id for item in question.items]
        assert swaps_to_sort(shown, right) >= min(2, len(right) - 1), (question.id, seed)


def test_multiple_choice_echo_in_the_order_shown() -> None:
    question = LIBRARY.question("bp-data-prep", "en")
    assert question is not None
    ids = [option.id for option in question.options]
    shown = list(reversed(ids))
    echo = answer_text(question, {ids[0], ids[-1]}, "en", shown)
    texts = {option.id: option.text for option in question.options}
    assert echo == f"{texts[ids[-1]]} ; {texts[ids[0]]}"


def test_points_are_written_in_the_language() -> None:
    assert format_points(1.5, "fr") == "1,5" and format_points(1.5, "en") == "1.5"
    assert format_points(4.733333, "fr") == "4,73" and format_points(2.0, "fr") == "2"


def _resumed(library: object, elapsed: float, started: float, now: float) -> QuizSession:
    settings = QuizSettings(mode="exam", time_limit=600.0, question_ids=("bp-data-prep",))
    return QuizSession.resumed(library, settings, 1, "en", ["bp-data-prep"], [], {}, elapsed, 60.0,  # type: ignore[arg-type]
                               started_at=started, now=now)


def test_a_deadline_counts_the_time_the_app_was_closed() -> None:
    session = _resumed(LIBRARY, elapsed=100.0, started=1000.0, now=1500.0)
    assert session.exam_clock == "deadline" and session.time_left() == pytest.approx(100.0)
    late = _resumed(LIBRARY, elapsed=100.0, started=1000.0, now=5000.0)
    assert late.time_left() == 0.0


def test_while_open_counts_only_open_time() -> None:
    library = type(LIBRARY)(banks={key: replace(bank, exam_clock="while-open") for key, bank in LIBRARY.banks.items()})
    session = _resumed(library, elapsed=100.0, started=1000.0, now=5000.0)
    assert session.exam_clock == "while-open" and session.time_left() == pytest.approx(500.0)


def test_practice_time_is_not_inflated_by_the_deadline_rule() -> None:
    settings = QuizSettings(question_ids=("bp-data-prep",))
    session = QuizSession.resumed(LIBRARY, settings, 1, "en", ["bp-data-prep"], [], {}, 30.0, 60.0,
                                  started_at=1000.0, now=90000.0)
    assert session.elapsed == 30.0


def test_an_unknown_exam_clock_is_reported_with_its_line(tmp_path: object) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    text = (root / "quizzes" / "fine-tuning.fr.yaml").read_text(encoding="utf-8")
    text = text.replace("bank: fine-tuning", "bank: clock-test", 1)
    text = text.replace("\npass_mark:", "\nexam_clock: sometimes\npass_mark:", 1)
    target = Path(str(tmp_path)) / "clock-test.fr.yaml"
    target.write_text(text, encoding="utf-8")
    line = text.splitlines().index("exam_clock: sometimes") + 1
    problems = load_content([*builtin_paths(), target]).problems
    assert any(p.path.endswith("clock-test.fr.yaml") and p.line == line and "deadline" in p.message
               for p in problems), problems
