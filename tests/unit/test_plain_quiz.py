"""Plain-mode quizzes typed through a scripted standard input: grading, hints, exams, store calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_plain_support import (
    FakeClock,
    answer_right,
    answer_wrong,
    content,
    current_question,
    one_of_each_type,
    open_store,
    right_input,
    run,
    settings_with,
    wrong_input,
)
from tutor.quiz.grading import grade
from tutor.quiz.session import QuizSession, QuizSettings


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def test_a_whole_practice_quiz_typed_right_scores_what_the_core_scores(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=10, seed=11)
    expected = QuizSession.build(content().quizzes, settings, "en", "kim")
    lines = [right_input(q, expected) for q in expected.questions]
    for question, line in zip(expected.questions, lines, strict=True):
        expected.submit(question.id, _typed(question, expected, line))
    code, out = run(store, lines, quiz=settings)
    assert code == 0
    attempt = store.attempts()[0]
    assert attempt.state == "finished" and attempt.kind == "quiz" and attempt.mode == "practice"
    assert attempt.question_ids == [q.id for q in expected.questions]
    assert [a.question_id for a in attempt.answers] == attempt.question_ids
    assert all(a.correct for a in attempt.answers)
    results = expected.results()
    assert sum(a.earned for a in attempt.answers) == pytest.approx(results.earned)
    assert results.percent == pytest.approx(100)
    assert f"Score: {results.earned:g} / {results.max_points:g} (100%)" in out
    assert "[OK] PASSED (pass mark 70%)" in out
    assert out.count("[OK] Correct.") == 10  # after each answer
    assert out.count("[OK] Correct — ") == 10  # and again in the review
    assert "Question 1/10 — " in out and "Question 10/10 — " in out


def _typed(question, session, line):
    from tutor.plain.answers import parse_answer

    return parse_answer(question, session, line, "en")


def test_every_question_type_is_answered_by_typing(store) -> None:
    ids = one_of_each_type()
    assert len(ids) == 7
    settings = settings_with(ids, seed=5)
    session = QuizSession.build(content().quizzes, settings, "en")
    code, out = run(store, [right_input(q, session) for q in session.questions], quiz=settings)
    assert code == 0
    answers = store.attempts()[0].answers
    assert len(answers) == 7 and all(a.correct and a.credit == 1 for a in answers)
    stored = {a.question_id: a.answer for a in answers}
    by_type = {q.type: stored[q.id] for q in session.questions}
    assert isinstance(by_type["truefalse"], bool)
    assert isinstance(by_type["multiple"], list) and isinstance(by_type["matching"], dict)
    assert isinstance(by_type["ordering"], list) and isinstance(by_type["single"], str)
    assert "Items:" in out and "Texts:" in out and "Choices:" in out and "a. " in out


def test_mixed_answers_are_graded_and_stored_as_the_core_grades_them(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=6, seed=21)
    session = QuizSession.build(content().quizzes, settings, "en")
    lines = [(right_input if i % 2 else wrong_input)(q, session) for i, q in enumerate(session.questions)]
    code, out = run(store, lines, quiz=settings)
    assert code == 0
    for question, line, row in zip(session.questions, lines, store.attempts()[0].answers, strict=True):
        core = grade(question, _typed(question, session, line))
        assert (row.earned, row.credit, row.correct) == (core.earned, core.credit, core.correct)
    assert "[X] Wrong." in out and "[OK] Correct." in out
    assert "NOT PASSED" in out


def test_a_wrong_answer_shows_the_right_one_and_the_explanation(store) -> None:
    question_id = one_of_each_type()[0]
    settings = settings_with([question_id], seed=1)
    session = QuizSession.build(content().quizzes, settings, "en")
    question = session.questions[0]
    code, out = run(store, [wrong_input(question, session)], quiz=settings)
    assert code == 0
    right = next(o.text for o in question.options if o.correct)
    assert f"Right answer: {right}" in out
    assert "Explanation: " in out and "[X] Wrong. 0 / " in out
    assert store.has_review(question_id)  # a wrong answer enters the review queue, as in the app


def test_hints_are_recorded_when_taken_and_cost_points(store) -> None:
    bank = content().quizzes.bank("fine-tuning", "en")
    question = next(q for q in bank.questions if q.hints and q.hints[0].cost > 0)
    settings = settings_with([question.id], seed=2)
    session = QuizSession.build(content().quizzes, settings, "en")
    seen_hints: list[dict[str, int]] = []

    def after_hint() -> str:
        seen_hints.append(store.open_attempts()[0].hints)  # written before any answer
        return right_input(question, session)

    code, out = run(store, ["h", after_hint], quiz=settings)
    assert code == 0
    assert seen_hints == [{question.id: 1}]
    answer = store.attempts()[0].answers[0]
    assert answer.hints == 1 and answer.correct
    assert answer.earned == pytest.approx(max(0.0, question.points - question.hints[0].cost))
    assert f"Hint 1 (−{question.hints[0].cost:g} pt): {question.hints[0].text.split()[0]}" in out
    assert "(hints: −" in out
    assert store.has_review(question.id)  # right only with a hint: reviewed later


def test_exam_says_nothing_until_the_end_then_reviews_every_question(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=3, seed=8, mode="exam")
    session = QuizSession.build(content().quizzes, settings, "en", "kim")
    lines = [wrong_input(session.questions[0], session), *(right_input(q, session) for q in session.questions[1:])]
    code, out = run(store, lines, quiz=settings)
    assert code == 0
    before_results = out.split("Results")[0]
    assert "[OK]" not in before_results and "[X]" not in before_results and "Correct." not in before_results
    assert before_results.count("Answer recorded.") == 3
    review = out.split("Question review")[1]
    assert review.count("Right answer: ") == 1 and review.count("Explanation: ") == 3
    assert "1. [X] Wrong — " in review and "2. [OK] Correct — " in review
    assert store.attempts()[0].mode == "exam"


def test_an_exam_time_limit_is_shown_and_hands_the_exam_in(store) -> None:
    clock = FakeClock()
    settings = QuizSettings(bank="fine-tuning", count=4, seed=9, mode="exam", time_limit=60.0)

    def after(seconds: float, line):
        def typed() -> str:
            clock.now += seconds
            return line() if callable(line) else line
        return typed

    code, out = run(store, [after(10, answer_right(store)), after(70, answer_right(store))], clock=clock, quiz=settings)
    assert code == 0
    assert "Time limit: 01:00." in out and "cannot interrupt your typing" in out
    assert "Time left: 01:00." in out and "Time left: 00:50." in out
    assert "Time is up: this answer came too late and does not count." in out
    assert "Time is up: the exam is handed in." in out
    attempt = store.attempts()[0]
    assert attempt.state == "finished" and len(attempt.answers) == 1
    assert attempt.elapsed == pytest.approx(80)
    assert "Answered: 1 of 4." in out and "(no answer)" in out


def test_skipped_questions_come_back_at_the_end(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=2, seed=4)
    session = QuizSession.build(content().quizzes, settings, "en")
    first, second = session.questions
    lines = ["s", right_input(second, session), "s", right_input(first, session)]
    code, out = run(store, lines, quiz=settings)
    assert code == 0
    assert "Question skipped: it comes back at the end." in out
    assert "This is the last question left" in out
    assert [a.question_id for a in store.attempts()[0].answers] == [second.id, first.id]


GARBAGE = {
    "single": ["abc", "0", "99", "-1", "1 2", "\x1b[A", "é"],
    "truefalse": ["maybe", "0", "3", "1 2"],
    "multiple": ["abc", "0", "99", "1 x"],
    "ordering": ["abc", "0", "99", "1 1", "1"],
    "matching": ["1", "z z", "a", "a b c d e f g h", "ab1"],
    "numeric": ["abc", "twelve", "1..2", "1,2,3"],
    "short": [],
}


def test_malformed_input_is_explained_and_never_raises(store) -> None:
    settings = settings_with(one_of_each_type(), seed=5)
    session = QuizSession.build(content().quizzes, settings, "en")
    lines: list[str] = []
    for question in session.questions:
        lines += ["", "   ", *GARBAGE[question.type], "?", "r", "h", "h", "h", right_input(question, session)]
    code, out = run(store, lines, quiz=settings)
    assert code == 0
    answers = store.attempts()[0].answers
    assert len(answers) == 7 and all(a.correct for a in answers)
    for message in ("Type your answer, or ? for help.", "'abc' is not a number from 1 to", "There is no number 99",
                    "Only one answer here", "Number 1 is given twice", "Type all", "the letters go from a to",
                    "letters, one per text", "'twelve' is not a number",
                    "Commands: h or hint", "No more hints"):
        assert message in out, message


def test_end_of_input_mid_question_keeps_the_attempt_open(store) -> None:
    clock = FakeClock()
    settings = QuizSettings(bank="fine-tuning", count=3, seed=6, mode="exam", time_limit=600.0)

    def later() -> None:
        clock.now += 5

    code, out = run(store, [answer_right(store)], clock=clock, on_read=later, quiz=settings)
    assert code == 0
    assert out.rstrip().endswith("Goodbye. Your progress is saved.")
    attempt = store.open_attempts()[0]
    assert len(attempt.answers) == 1 and attempt.elapsed == pytest.approx(10)


def test_ctrl_c_saves_the_clock_and_returns_130(store) -> None:
    clock = FakeClock()
    settings = QuizSettings(bank="fine-tuning", count=3, seed=6)

    def interrupt() -> str:
        clock.now += 30
        raise KeyboardInterrupt

    code, out = run(store, [answer_right(store), interrupt], clock=clock, quiz=settings)
    assert code == 130
    assert "Interrupted. Your progress is saved." in out
    attempt = store.open_attempts()[0]
    assert len(attempt.answers) == 1 and attempt.elapsed == pytest.approx(30)


def test_leaving_then_resuming_an_unfinished_attempt(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=3, seed=12)
    code, out = run(store, [answer_wrong(store), "q"], quiz=settings)
    assert code == 0 and "Quiz left. It stays open" in out
    assert len(store.open_attempts()[0].answers) == 1
    # `tutor --plain` offers it at start, like the app; Enter resumes.
    code, out = run(store, ["", answer_right(store), answer_right(store), "q"])
    assert code == 0
    assert "A quiz was left unfinished (1/3 answered). Resume it?" in out
    assert "1. Resume it (y or Enter)\n2. Abandon it (n): its answers stay in the history\n3. Later (l)\n" in out
    assert "Quiz resumed: 1 of 3 already answered." in out
    assert "Question 2/3" in out and "Question 1/3" not in out
    attempt = store.attempts()[0]
    assert attempt.state == "finished" and [a.correct for a in attempt.answers] == [False, True, True]
    assert "Answered: 3 of 3." in out and store.open_attempts() == []


def test_an_unfinished_attempt_can_be_abandoned_or_kept_for_later(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=3, seed=12)
    run(store, [answer_right(store), "q"], quiz=settings)
    code, out = run(store, ["3", "q"])
    assert code == 0 and len(store.open_attempts()) == 1
    code, out = run(store, ["maybe", "n", "q"])
    assert code == 0 and "Type 1, 2 or 3 (or y, n, l)." in out and "Quiz abandoned." in out
    assert store.open_attempts() == [] and store.attempts()[0].state == "abandoned"


def test_quiz_settings_that_match_nothing_exit_1(store) -> None:
    code, out = run(store, [], quiz=settings_with(["no-such-question"]))
    assert code == 1 and "No question matches." in out


def test_current_question_helper_follows_the_open_attempt(store) -> None:
    settings = QuizSettings(bank="fine-tuning", count=2, seed=3)
    seen = []

    def look() -> str:
        question, session = current_question(store)
        seen.append(question.id)
        return right_input(question, session)

    run(store, [look, look], quiz=settings)
    assert seen == store.attempts()[0].question_ids


def test_a_timed_exam_resumed_in_plain_mode_counts_the_time_it_was_closed(store, monkeypatch) -> None:
    """The deadline rule (issue 12): the prompt says how much time is left, counting the closed time."""
    import time as real_time

    settings = QuizSettings(bank="fine-tuning", count=3, seed=12, mode="exam", time_limit=600.0)
    run(store, [answer_wrong(store), "q"], quiz=settings)
    started = store.open_attempts()[0].started_at
    monkeypatch.setattr("tutor.plain.setup.time.time", lambda: started + 400.0)
    monkeypatch.setattr("tutor.plain.quiz.time.time", lambda: started + 400.0)
    code, out = run(store, ["l", "q"])
    assert code == 0
    assert "The exam's time kept running while you were away: 03:20 left." in out
    code, out = run(store, ["", "q"])  # resumed: the clock shows what is left, not the full 10 minutes
    assert code == 0 and ("03:20" in out or "03:19" in out)
    del real_time
