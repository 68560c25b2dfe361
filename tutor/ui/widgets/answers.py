"""Answering a question with the keyboard, one widget per question type.

Choices are picked with digits or letters (Space toggles in multiple choice), ordering items move
with the arrows after Space grabs one, matching pairs are chosen with letters. Selection and, after
grading, right and wrong are shown with marks and words, never by colour alone.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.widgets import Static

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import french_prose
from tutor.quiz.display import TRUE_FALSE
from tutor.quiz.model import Question
from tutor.quiz.session import AnswerRecord, QuizSession
from tutor.ui.widgets.controls import SteadyInput

LETTERS = "abcdefg"  # h is the hint key


class AnswerWidget(Static, can_focus=True):
    """Base of the answer widgets: holds the current answer and shows the graded result.

    Enter is the screen's key (submit), so the widgets never handle it themselves.
    """

    def __init__(self, question: Question, session: QuizSession, lang: str, ascii_only: bool = False) -> None:
        super().__init__("", classes="answer")
        self.question = question
        self.session = session
        self.lang = lang
        self.ascii_only = ascii_only
        self.record: AnswerRecord | None = None
        self.cursor = 0

    def mark(self, kind: str) -> str:
        """A glyph that says what a line is, in Unicode or ASCII."""
        unicode = {"right": "✓", "wrong": "✗", "cursor": "›", "on": "●", "off": "○", "box-on": "☒", "box-off": "☐"}
        ascii_marks = {"right": "[OK]", "wrong": "[X]", "cursor": ">", "on": "(*)", "off": "( )",
                       "box-on": "[x]", "box-off": "[ ]"}
        return (ascii_marks if self.ascii_only else unicode)[kind]

    def current_answer(self) -> Any:
        """The answer as it stands (None when nothing is chosen yet)."""
        raise NotImplementedError

    def show_result(self, record: AnswerRecord) -> None:
        """Lock the widget and show what was right and wrong."""
        self.record = record
        self.redraw()

    def redraw(self) -> None:
        """Render the widget's state."""
        self.update(self.render_state())

    def render_state(self) -> Text:
        """The widget's lines."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.redraw()


class ChoiceAnswer(AnswerWidget):
    """Single choice, multiple choice and true/false."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space", "toggle", "Choose", show=False),
    ]

    def __init__(self, question: Question, session: QuizSession, lang: str, ascii_only: bool = False) -> None:
        super().__init__(question, session, lang, ascii_only)
        if question.type == "truefalse":
            words = TRUE_FALSE.get(lang, TRUE_FALSE["en"])
            self.choices: list[tuple[str, str]] = [("true", words[0]), ("false", words[1])]
        else:
            self.choices = [(o.id, french_prose(o.text, lang)) for o in session.options(question)]
        self.picked: set[str] = set()

    @property
    def multiple(self) -> bool:
        """Several options may be picked."""
        return self.question.type == "multiple"

    def current_answer(self) -> Any:
        if not self.picked:
            return None
        if self.question.type == "truefalse":
            return next(iter(self.picked)) == "true"
        return set(self.picked) if self.multiple else next(iter(self.picked))

    def pick(self, index: int) -> None:
        """Choose (or, in multiple choice, toggle) the option at `index`."""
        if self.record is not None or not 0 <= index < len(self.choices):
            return
        self.cursor = index
        choice = self.choices[index][0]
        if self.multiple:
            self.picked ^= {choice}
        else:
            self.picked = {choice}
        self.redraw()

    def action_move(self, step: int) -> None:
        """Move the cursor."""
        self.cursor = (self.cursor + step) % len(self.choices)
        self.redraw()

    def action_toggle(self) -> None:  # type: ignore[override]  # our binding's action, not DOMNode's
        """Space: choose the option under the cursor."""
        self.pick(self.cursor)

    def on_key(self, event: Key) -> None:
        key = event.key
        if key.isdigit() and key != "0":
            event.stop()
            self.pick(int(key) - 1)
        elif len(key) == 1 and key in LETTERS[: len(self.choices)]:
            event.stop()
            self.pick(LETTERS.index(key))

    def _right(self, choice: str) -> bool:
        if self.question.type == "truefalse":
            return (choice == "true") == bool(self.question.answer)
        option = self.question.option(choice)
        return bool(option and option.correct)

    def render_state(self) -> Text:
        text = Text()
        for index, (choice, label) in enumerate(self.choices):
            chosen = choice in self.picked
            box = ("box-on" if chosen else "box-off") if self.multiple else ("on" if chosen else "off")
            if self.record is None:
                lead = self.mark("cursor") if index == self.cursor else " "
            else:
                # After grading: right options get ✓, wrong picks get ✗ (the verdict says it in words).
                right = self._right(choice)
                lead = self.mark("right") if right else self.mark("wrong") if chosen else " "
            letter = LETTERS[index] if index < len(LETTERS) else " "
            line = Text(f"{lead} {index + 1} {letter}) {self.mark(box)} ")
            style = "bold" if chosen else ""
            if self.record is not None and self._right(choice):
                style += " green"
            elif self.record is not None and chosen:
                style += " red"
            line.append(label, style.strip())
            text.append(line)
            text.append("\n")
        return text

class OrderingAnswer(AnswerWidget):
    """Put items in order: arrows move the cursor, Space grabs an item, then arrows move it."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("space", "grab", "Grab/drop", show=False),
    ]

    def __init__(self, question: Question, session: QuizSession, lang: str, ascii_only: bool = False) -> None:
        super().__init__(question, session, lang, ascii_only)
        self.order = [item.id for item in session.items(question)]
        self.texts = {item.id: item.text for item in question.items}
        self.grabbed = False

    def current_answer(self) -> Any:
        return list(self.order)

    def action_move(self, step: int) -> None:
        """Move the cursor, or the grabbed item."""
        if self.record is not None:
            return
        target = self.cursor + step
        if not 0 <= target < len(self.order):
            return
        if self.grabbed:
            self.order[self.cursor], self.order[target] = self.order[target], self.order[self.cursor]
        self.cursor = target
        self.redraw()

    def action_grab(self) -> None:
        """Grab or drop the item under the cursor."""
        if self.record is None:
            self.grabbed = not self.grabbed
            self.redraw()

    def render_state(self) -> Text:
        text = Text()
        expected = [item.id for item in self.question.items]
        for index, item_id in enumerate(self.order):
            here = index == self.cursor and self.record is None
            cursor = (("≡" if not self.ascii_only else "=") if here and self.grabbed
                      else self.mark("cursor") if here else " ")
            line = Text(f"{cursor} {index + 1}. ")
            line.append(self.texts[item_id], "bold reverse" if here and self.grabbed else "")
            if self.record is not None:
                ok = expected[index] == item_id
                line.append(f"  {self.mark('right' if ok else 'wrong')}",
                            "green" if ok else "red")
            text.append(line)
            text.append("\n")
        if self.record is None:
            text.append(t("answer.ordering_keys", self.lang), "dim")
        return text


class MatchingAnswer(AnswerWidget):
    """Match each left-hand text with a right-hand one: arrows choose the left, a letter the right."""

    BINDINGS = [Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False)]

    def __init__(self, question: Question, session: QuizSession, lang: str, ascii_only: bool = False) -> None:
        super().__init__(question, session, lang, ascii_only)
        self.rights = session.right_choices(question)
        self.chosen: dict[str, str] = {}

    def current_answer(self) -> Any:
        return dict(self.chosen) if self.chosen else None

    def action_move(self, step: int) -> None:
        """Move to another left-hand text."""
        self.cursor = (self.cursor + step) % len(self.question.pairs)
        self.redraw()

    def on_key(self, event: Key) -> None:
        key = event.key
        if len(key) == 1 and key in LETTERS[: len(self.rights)] and self.record is None:
            event.stop()
            self.chosen[self.question.pairs[self.cursor].id] = self.rights[LETTERS.index(key)][0]
            self.cursor = min(self.cursor + 1, len(self.question.pairs) - 1)
            self.redraw()

    def render_state(self) -> Text:
        text = Text()
        labels = {right_id: LETTERS[index].upper() for index, (right_id, _) in enumerate(self.rights)}
        for index, pair in enumerate(self.question.pairs):
            here = index == self.cursor and self.record is None
            picked = self.chosen.get(pair.id)
            line = Text(f"{self.mark('cursor') if here else ' '} {index + 1}. {pair.left} → ")
            line.append(f"{labels[picked]}" if picked else "?", "bold")
            if self.record is not None:
                ok = picked == pair.id
                line.append(f"  {self.mark('right' if ok else 'wrong')}", "green" if ok else "red")
                if not ok:
                    line.append(f" ({labels[pair.id]})", "green")
            text.append(line)
            text.append("\n")
        text.append("\n")
        for right_id, right_text in self.rights:
            text.append(f"  {labels[right_id]}. {right_text}\n")
        if self.record is None:
            text.append(t("answer.matching_keys", self.lang), "dim")
        return text


class TextAnswer(SteadyInput):
    """A typed answer (numeric or short); Enter submits."""

    def __init__(self, question: Question, lang: str) -> None:
        placeholder = t("answer.placeholder", lang)
        if question.unit:
            placeholder += f" ({question.unit})"
        super().__init__(placeholder=placeholder, classes="answer-input")
        self.question = question

    def current_answer(self) -> Any:
        """The text typed (None when empty)."""
        return self.value.strip() or None


def answer_widget(question: Question, session: QuizSession, lang: str,
                  ascii_only: bool = False) -> AnswerWidget | TextAnswer:
    """The widget to answer `question` with."""
    if question.type in ("single", "multiple", "truefalse"):
        return ChoiceAnswer(question, session, lang, ascii_only)
    if question.type == "ordering":
        return OrderingAnswer(question, session, lang, ascii_only)
    if question.type == "matching":
        return MatchingAnswer(question, session, lang, ascii_only)
    return TextAnswer(question, lang)
