"""The full-screen app on a store that refuses writes (read-only database, probes 3.20, 3.25, 6.8).

`PRAGMA query_only` makes the app's own connection refuse every write with SQLite's real
"attempt to write a readonly database", as a read-only file does; one pragma lifts it. Answering,
the exam's periodic clock save, leaving, finishing and hanging up must never crash the app: the
learner is told, the quiz goes on, and what waited is written once (never twice) when the fault goes.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

from tests.pilot.quiz_keys import answer_right, settle
from tests.unit.test_plain_support import FakeClock
from tutor.quiz.session import QuizSettings
from tutor.store.sqlite import SQLiteStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.results import ResultsScreen

SIZE = (80, 24)
CHOICES = ("tl-self-supervised", "tl-fewshot-weights", "tl-process-order")  # first two: single choice
ANSWER_REFUSED = "Your answer could not be saved: the progress database is read-only."
PROGRESS_REFUSED = "Your progress could not be saved: the progress database is read-only."


def refuse_writes(store: SQLiteStore, refused: bool = True) -> None:
    """Make the store's connection refuse writes (as a read-only file does), or accept them again."""
    store._db.execute(f"PRAGMA query_only={int(refused)}")  # the fault is SQLite's own


def told(app: TutorApp, text: str) -> int:
    """How many notifications begin with `text`."""
    return sum(1 for note in app._notifications if note.message.startswith(text))


def rows(app: TutorApp, sql: str) -> list[tuple[object, ...]]:
    return app.store._db.execute(sql).fetchall()


async def test_a_practice_quiz_goes_on_and_is_written_once_the_fault_goes(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en", quiz=QuizSettings(question_ids=CHOICES[:2], seed=1))
    refuse_writes(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.attempt_id is None  # its opening waits
        assert told(app, PROGRESS_REFUSED) == 1
        for _ in range(2):
            await answer_right(pilot, screen, screen.session.question(screen.current_id or ""))
            await pilot.press("enter")
            await settle(pilot)
        assert told(app, ANSWER_REFUSED) == 2
        results = app.screen
        assert isinstance(results, ResultsScreen) and results.results.correct == 2
        assert "this quiz is not saved yet" in str(results.query_one("#results-unsaved").render())
        assert rows(app, "SELECT COUNT(*) FROM attempts") == [(0,)]
        refuse_writes(app.store, False)
        app.retry_writes()  # what the app's retry timer does
        await settle(pilot)
        assert told(app, "Everything that was waiting has now been saved.") == 1
        assert not results.query("#results-unsaved")
        app.retry_writes()
    stored = app.store.attempts()
    assert len(stored) == 1 and stored[0].state == "finished" and len(stored[0].answers) == 2
    assert rows(app, "SELECT COUNT(*) FROM answers") == [(2,)]  # nothing written twice
    assert app.unsaved_at_exit == [] and not app.return_code


async def test_the_exam_clock_and_leaving_never_crash(make_app: Callable[..., TutorApp]) -> None:
    clock = FakeClock()
    app = make_app(lang="en", quiz=QuizSettings(question_ids=CHOICES, mode="exam", seed=3, time_limit=600.0))
    app.clock = clock
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.attempt_id is not None
        refuse_writes(app.store)
        for _ in range(4):  # the periodic save (every 5 s of exam time) fails each time: told once
            clock.now += 6
            screen.tick()
        await settle(pilot)
        assert told(app, PROGRESS_REFUSED) == 1 and app.is_running
        await answer_right(pilot, screen, screen.session.question(screen.current_id or ""))
        assert told(app, ANSWER_REFUSED) == 1
        clock.now += 2
        await pilot.press("ctrl+b")  # leave: the clock is saved, or kept for later
        await settle(pilot)
        assert not isinstance(app.screen, QuizScreen)
        elapsed = screen.session.elapsed
        refuse_writes(app.store, False)
        app.retry_writes()
    attempt = app.store.open_attempts()[0]
    assert len(attempt.answers) == 1 and attempt.elapsed == elapsed == 26


async def test_what_never_went_in_is_counted_at_exit(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr", quiz=QuizSettings(question_ids=CHOICES[:2], seed=1))
    refuse_writes(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await answer_right(pilot, screen, screen.session.question(screen.current_id or ""))
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.unsaved_at_exit[0] == ("1 réponse n'a pas pu être enregistrée (la base de progression est en "
                                      "lecture seule)\u00a0: elle est perdue.")
    assert app.return_code == 1 and app._exception is None


async def test_a_hang_up_exits_even_when_the_clock_cannot_be_saved(make_app: Callable[..., TutorApp]) -> None:
    """M15 (6.8): the handler used to raise in `save_clock` before `exit`, leaving an orphan."""
    for signum in (signal.SIGHUP, signal.SIGTERM):
        app = make_app(lang="en", quiz=QuizSettings(question_ids=CHOICES, mode="exam", seed=3, time_limit=600.0))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            refuse_writes(app.store)
            app._hang_up(signum)  # what the signal runs
            await pilot.pause()
            assert app._exit
        assert app._exception is None
        refuse_writes(app.store, False)


async def test_sigint_saves_the_exam_clock_like_sighup(make_app: Callable[..., TutorApp]) -> None:
    """L16 (6.3): `kill -INT` ends the app after saving the clock, not at the last periodic save."""
    clock = FakeClock()
    app = make_app(lang="en", quiz=QuizSettings(question_ids=CHOICES, mode="exam", seed=3, time_limit=600.0))
    app.clock = clock
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        clock.now += 3  # less than the periodic save's 5 s
        app._hang_up(signal.SIGINT)  # what the signal runs (tests/system checks the signal)
        await pilot.pause()
    attempt = app.store.open_attempts()[0]
    assert attempt.elapsed == 3


async def test_reading_on_a_read_only_store_says_so_once(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    refuse_writes(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_lesson("fine-tuning")
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert told(app, PROGRESS_REFUSED) == 1 and app._exception is None
        refuse_writes(app.store, False)
        app.retry_writes()
    assert app.store.last_module() == "fine-tuning"
