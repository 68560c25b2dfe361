"""The keys a learner presses to answer a question, right or wrong, whatever its type.

Shared by the quiz journeys: each helper presses real keys through the Pilot and reads the
screen's widgets only to know which key a learner who sees the screen would press.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tests.pilot.waits import settle
from tutor.quiz.grading import format_number
from tutor.quiz.model import Question
from tutor.ui.app import TutorApp
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.widgets.answers import LETTERS, ChoiceAnswer, MatchingAnswer, OrderingAnswer, TextAnswer

__all__ = ["TYPED", "TYPES", "answer", "answer_right", "current_question", "section_check", "settle", "type_answer"]

TYPES = ("single", "multiple", "truefalse", "numeric", "short", "ordering", "matching")
TYPED = ("numeric", "short")


def current_question(screen: QuizScreen) -> Question:
    """The question on screen."""
    assert screen.current_id is not None
    return screen.session.question(screen.current_id)


async def type_answer(pilot: Pilot[int], screen: QuizScreen, question: Question, *, right: bool) -> None:
    """Press the keys that choose a right (or a wrong) answer, without submitting it."""
    widget = screen.answer_widget
    if isinstance(widget, ChoiceAnswer):
        if question.type == "truefalse":
            await pilot.press("1" if bool(question.answer) == right else "2")
            return
        if not right:
            wrong = next(i for i, (choice, _) in enumerate(widget.choices) if not widget._right(choice))
            await pilot.press(str(wrong + 1))
            return
        for index, (choice, _) in enumerate(widget.choices):
            option = question.option(choice)
            if option is not None and option.correct:
                await pilot.press(str(index + 1))
    elif isinstance(widget, OrderingAnswer):
        if not right:
            return  # the first order shown is never the right one
        target = [item.id for item in question.items]
        for position, item_id in enumerate(target):
            current = widget.order.index(item_id)
            steps = widget.cursor - current
            await pilot.press(*(["up"] * steps if steps > 0 else ["down"] * -steps))
            await pilot.press("space", *["up"] * (current - position), "space")
    elif isinstance(widget, MatchingAnswer):
        for pair in question.pairs:
            index = next(i for i, (right_id, _) in enumerate(widget.rights) if right_id == pair.id)
            if not right:
                index = (index + 1) % len(widget.rights)  # every pair matched one place off
            await pilot.press(LETTERS[index])
    else:
        assert isinstance(widget, TextAnswer), widget
        if question.type == "numeric":
            value = float(question.answer) if right else float(question.answer) * 7 + 1000
            text = format_number(value, question).replace("\u202f", "")
        else:
            text = question.answers[0] if right else "zzz"
        await pilot.press(*text)


async def answer(pilot: Pilot[int], screen: QuizScreen, question: Question, *, right: bool = True) -> None:
    """Choose an answer and submit it with Enter."""
    await type_answer(pilot, screen, question, right=right)
    await pilot.press("enter")
    await settle(pilot)


async def section_check(pilot: Pilot[int], section: str) -> tuple[LessonScreen, QuizScreen]:
    """Open the lesson at `section` and press `c`: the lesson, and the section check it started."""
    app = pilot.app
    assert isinstance(app, TutorApp)
    app.open_lesson("fine-tuning", section)
    await settle(pilot)
    lesson = app.screen
    assert isinstance(lesson, LessonScreen) and lesson.section.id == section
    await pilot.press("c")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, QuizScreen) and screen.session.settings.kind == "section-check"
    return lesson, screen


async def answer_right(pilot: Pilot[int], screen: QuizScreen, question: Question) -> None:
    """Press the keys a learner who knows the answer would press, then Enter."""
    await answer(pilot, screen, question, right=True)
