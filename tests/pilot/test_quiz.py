"""Taking quizzes with keys at 80×24: a whole practice quiz, a whole exam, the time limit, section checks."""

from __future__ import annotations

from collections.abc import Callable

from tests.pilot.quiz_keys import answer_right, section_check, settle
from tests.unit.test_plain_support import FakeClock
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.results import ResultsScreen
from tutor.ui.widgets.answers import ChoiceAnswer

SIZE = (80, 24)
# One question of every type from the shipped bank, and two generated ones.
MIXED = ("tl-self-supervised", "tl-fewshot-weights", "tl-process-order", "gen:warmup-steps:3",
         "gen:top-p-kept:5")


def question_of_each_type(app: TutorApp) -> tuple[str, ...]:
    bank = app.quizzes.bank("fine-tuning", app.lang)
    assert bank is not None
    picked: dict[str, str] = {}
    for question in bank.questions:
        picked.setdefault(question.type, question.id)
    assert len(picked) == 7
    return tuple(picked.values())


async def test_a_whole_practice_quiz_with_every_type(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    ids = question_of_each_type(app)
    app.initial_quiz = QuizSettings(question_ids=ids + ("gen:warmup-steps:3",), seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and len(screen.session.questions) == 8
        for number in range(8):
            question = screen.session.question(screen.current_id or "")
            if number == 0:  # one hint on the first question: its cost is recorded
                typed = question.type in ("numeric", "short")
                await pilot.press("f4" if typed else "h")  # h would be typed into a text answer
                await settle(pilot)
            await answer_right(pilot, screen, question)
            record = screen.session.answers[question.id]
            assert record.grade.correct, (question.id, record.answer)
            assert "Correct" in str(screen.query_one("#feedback").render())
            await pilot.press("enter")
            await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        first = screen.session.questions[0]
        expected_points = sum(q.points for q in screen.session.questions) - (first.hints[0].cost if first.hints else 0)
        assert results.results.earned == expected_points and results.results.correct == 8
        stored = app.store.attempts()[0]
        assert stored.state == "finished" and len(stored.answers) == 8
        assert sum(a.earned for a in stored.answers) == expected_points


async def test_wrong_answers_are_graded_and_retried(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    app.initial_quiz = QuizSettings(question_ids=MIXED[:2], seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("enter")  # nothing chosen yet: nothing is submitted
        await settle(pilot)
        assert not screen.session.answers
        for _ in range(2):
            question = screen.session.question(screen.current_id or "")
            widget = screen.query_one(ChoiceAnswer)
            wrong = next(i for i, (c, _) in enumerate(widget.choices) if not widget._right(c))
            await pilot.press(str(wrong + 1), "enter")
            await settle(pilot)
            assert not screen.session.answers[question.id].grade.correct
            assert "Wrong" in str(screen.query_one("#feedback").render())
            await pilot.press("enter")
            await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.results.earned == 0 and not results.results.passed
        await pilot.press("m")
        await settle(pilot)
        retry = app.screen
        assert isinstance(retry, QuizScreen) and retry.session.settings.kind == "retry"
        assert sorted(q.id for q in retry.session.questions) == sorted(MIXED[:2])


async def test_a_whole_exam_without_feedback(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    app.initial_quiz = QuizSettings(question_ids=MIXED, mode="exam", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        for _ in range(len(MIXED)):
            question = screen.session.question(screen.current_id or "")
            await answer_right(pilot, screen, question)
            if isinstance(app.screen, QuizScreen):
                assert str(app.screen.query_one("#feedback").render()) == ""  # no feedback in an exam
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.results.percent == 100 and results.results.passed


async def test_the_exam_clock_hands_the_exam_in(make_app: Callable[..., TutorApp]) -> None:
    clock = FakeClock()
    app = make_app(lang="fr", quiz=QuizSettings(question_ids=MIXED, mode="exam", seed=3, time_limit=60.0))
    app.clock = clock
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        question = screen.session.question(screen.current_id or "")
        clock.now += 20
        await answer_right(pilot, screen, question)
        screen.tick()  # what the screen's one-second timer does
        assert "00:40" in str(screen.query_one("#quiz-where").render())
        clock.now += 40
        screen.tick()
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.results.answered == 1 and results.results.total == len(MIXED)
        assert app.store.attempts()[0].state == "finished"


async def test_section_check_from_the_lesson(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        lesson, screen = await section_check(pilot, "transfer-learning")
        assert {q.section for q in screen.session.questions} == {"transfer-learning"}
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is lesson
        assert app.store.open_attempts()  # left open: it can be resumed


async def test_an_interrupted_quiz_resumes_with_answers_hints_and_clock(make_app: Callable[..., TutorApp]) -> None:
    from tutor.ui.screens.resume import ResumeScreen

    app = make_app(lang="en")
    bank = app.quizzes.bank("fine-tuning", "en")
    assert bank is not None
    hinted = [q.id for q in bank.questions if q.hints and q.type == "single"][:2]
    app.initial_quiz = QuizSettings(question_ids=tuple(hinted), mode="exam", seed=3, time_limit=600.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        first = screen.session.question(screen.current_id or "")
        await answer_right(pilot, screen, first)
        second = screen.current_id
        await pilot.press("h")
        await settle(pilot)
        screen.session.elapsed = 42.0  # as if 42 s had passed with the quiz open
        order = [q.id for q in screen.session.questions]
        await pilot.press("q")  # leaving keeps the attempt open, clock saved
        await settle(pilot)
    again = make_app(lang="en")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("o")
        await settle(pilot)
        resumed = again.screen
        assert isinstance(resumed, QuizScreen)
        assert [q.id for q in resumed.session.questions] == order
        assert set(resumed.session.answers) == {first.id}
        assert resumed.session.hints_taken.get(second or "") == 1
        assert resumed.session.elapsed >= 42.0
        assert resumed.current_id == second


async def test_the_same_exam_started_again_continues_the_open_attempt(make_app: Callable[..., TutorApp]) -> None:
    settings = QuizSettings(count=3, mode="exam", seed=9, time_limit=900.0)
    app = make_app(lang="en")
    app.initial_quiz = settings
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await answer_right(pilot, screen, screen.session.question(screen.current_id or ""))
        screen.session.elapsed = 300.0
        await pilot.press("ctrl+b")  # leave (q would be typed if the question wants a typed answer)
        await settle(pilot)
    again = make_app(lang="en")
    again.initial_quiz = settings  # `tutor quiz --exam ...` typed again after a dropped link
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, QuizScreen)
        assert len(screen.session.answers) == 1 and screen.session.elapsed >= 300.0
        assert len(again.store.attempts()) == 1
