"""Whole journeys at 80×24, as a learner takes them: every pair of question types, to the end.

A quiz shows one question after another, and each type brings its own widget: the bugs live in the
transitions (a typed question after a typed question crashed every quiz mode). The quiz built here
shows every ordered pair of the seven types (an Eulerian circuit over them, 50 questions), answered
right, wrong, with a hint and skipped, in practice and in exam mode, to the results; then the
missed questions retried and the review due, each to its end; and a section check from a lesson.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.pilot.quiz_keys import TYPED, TYPES, answer, current_question, section_check, settle
from tutor.quiz.model import Question
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.results import ResultsScreen

SIZE = (80, 24)
EXTRAS = Path(__file__).resolve().parent.parent / "fixtures" / "journey"
BEHAVIOURS = ("right", "wrong", "hint", "skip")  # what the learner does with the n-th question


def every_ordered_pair(kinds: tuple[str, ...]) -> list[str]:
    """A walk through `kinds` in which each ordered pair (a, b), a == b included, follows once.

    Hierholzer's algorithm on the complete directed graph with loops: every vertex has as many
    edges in as out, so an Eulerian circuit exists; it has len(kinds)² + 1 vertices.
    """
    unused = {kind: list(kinds) for kind in kinds}
    stack, circuit = [kinds[0]], []
    while stack:
        here = stack[-1]
        if unused[here]:
            stack.append(unused[here].pop())
        else:
            circuit.append(stack.pop())
    return circuit[::-1]


def test_the_walk_has_every_pair_once() -> None:
    walk = every_ordered_pair(TYPES)
    pairs = list(pairwise(walk))
    assert len(walk) == 50 and len(pairs) == 49 and set(pairs) == {(a, b) for a in TYPES for b in TYPES}


def quiz_ids(app: TutorApp) -> tuple[str, ...]:
    """Question ids whose types follow `every_ordered_pair` (shipped bank, generated, extras)."""
    pools: dict[str, Iterator[str]] = {}
    by_type: dict[str, list[str]] = {kind: [] for kind in TYPES}
    for bank in app.quizzes.banks_in(app.lang):
        for question in bank.questions:
            by_type[question.type].append(question.id)
    by_type["numeric"] += [f"gen:{name}:{seed}" for name in ("warmup-steps", "perplexity") for seed in (1, 2)]
    by_type["single"] += ["gen:gpu-fit:7"]
    for kind, ids in by_type.items():
        pools[kind] = iter(ids)
    return tuple(next(pools[kind]) for kind in every_ordered_pair(TYPES))


def shown_types(screen: QuizScreen, log: list[str]) -> None:
    """Record the type of the question on screen when it changes."""
    if screen.current_id is not None:
        log.append(screen.session.question(screen.current_id).type)


async def skip(pilot: Pilot[int], question: Question) -> None:
    """Leave the question for later: from a typed answer, Tab out of the field first."""
    await pilot.press(*(["tab"] if question.type in TYPED else []), "s")
    await settle(pilot)


async def take(pilot: Pilot[int], screen: QuizScreen, exam: bool) -> tuple[dict[str, bool], list[str]]:
    """Answer every question of `screen` with the behaviours in turn; what each should score, types seen."""
    expected: dict[str, bool] = {}
    skipped: set[str] = set()
    seen: list[str] = []
    position = 0
    while screen.current_id is not None:
        question = current_question(screen)
        seen.append(question.type)
        behaviour = BEHAVIOURS[position % len(BEHAVIOURS)]
        position += 1
        if behaviour == "skip" and question.id not in skipped and len(screen.order) - screen.position > 1:
            skipped.add(question.id)
            await skip(pilot, question)
            assert screen.current_id != question.id
            continue
        if behaviour == "hint" and question.hints:
            await pilot.press("f4")
            await settle(pilot)
            assert screen.session.hints_taken.get(question.id) == 1
        right = behaviour != "wrong"
        await answer(pilot, screen, question, right=right)
        record = screen.session.answers[question.id]
        assert record.grade.correct == right, (question.id, question.type, behaviour, record.answer)
        expected[question.id] = right
        if not exam:
            assert "✓" in str(screen.query_one("#feedback").render()) or not right
            await pilot.press("enter")
            await settle(pilot)
    return expected, seen


@pytest.mark.parametrize(("mode", "lang"), [("practice", "fr"), ("exam", "en")])
async def test_every_pair_of_question_types_to_the_results(make_app: Callable[..., TutorApp],
                                                           mode: str, lang: str) -> None:
    app = make_app(lang=lang, content=(EXTRAS,))
    ids = quiz_ids(app)
    app = make_app(lang=lang, content=(EXTRAS,), quiz=QuizSettings(question_ids=ids, mode=mode, seed=11))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        # The session shuffles an explicit list: put it back in the walk's order.
        screen.order = list(ids)
        await screen.show_question()
        await settle(pilot)
        expected, seen = await take(pilot, screen, exam=mode == "exam")
        assert set(pairwise(seen)) == {(a, b) for a in TYPES for b in TYPES}
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.results.correct == sum(expected.values()) and results.results.answered == len(ids)
        stored = app.store.attempts()[0]
        assert stored.state == "finished" and {a.question_id for a in stored.answers} == set(ids)
        assert {a.question_id: bool(a.correct) for a in stored.answers} == expected

        # Retry the missed ones, every one right this time.
        missed = results.results.missed
        assert missed and set(missed) == {qid for qid, right in expected.items() if not right}
        await pilot.press("m")
        await settle(pilot)
        retry = app.screen
        assert isinstance(retry, QuizScreen) and retry.session.settings.kind == "retry"
        while retry.current_id is not None:
            await answer(pilot, retry, current_question(retry), right=True)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen) and app.screen.results.correct == len(missed)


async def test_the_review_due_to_its_end(make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrong answers come back for review; two days later the review walks them all."""
    from tutor.store import sqlite_review as store_review

    app = make_app(lang="fr")
    wrong = ("tl-forgetting-term", "st-lora-params", "tl-process-order", "tl-approaches-match", "bert-cls")
    for question_id in wrong:
        app.store.after_answer(question_id, False, 0.0, 0)
    original = store_review._timestamp
    monkeypatch.setattr(store_review, "_timestamp", lambda now: original(now) if now else original(None) + 2 * 86400)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.start_review()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.session.settings.kind == "review"
        assert {q.id for q in screen.session.questions} == set(wrong)
        kinds = Counter()
        while screen.current_id is not None:
            question = current_question(screen)
            kinds[question.type] += 1
            await answer(pilot, screen, question, right=True)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, ResultsScreen) and app.screen.results.correct == len(wrong)
        assert kinds["short"] == 2 and kinds["numeric"] == 1
    monkeypatch.undo()
    assert app.store.review_due() == []  # answered right just now: pushed back, not due any more


async def test_a_section_check_from_the_lesson_to_its_results(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        lesson, screen = await section_check(pilot, "strategies")
        count = len(screen.session.questions)
        types = {q.type for q in screen.session.questions}
        assert count >= 5 and {"numeric", "short"} <= types
        expected, _ = await take(pilot, screen, exam=False)
        results = app.screen
        assert isinstance(results, ResultsScreen) and results.results.answered == count
        assert results.results.correct == sum(expected.values())
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is lesson
