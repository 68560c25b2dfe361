"""tutor's questions → a GIFT file Moodle imports, and notes on what GIFT cannot carry.

Each question is a `// [id:…] [tag:…]` comment (Moodle ≥ 4.0 reads its ID number and tags from it),
`::name::`, its text in the format that gives tutor's text back exactly (`[html]` when `html.read_html`
reads `html.to_html` back to the same text, else `[plain]`), and its answers one per line. GIFT has no
points, units, hints nor ordering questions: points and units travel as tags (`points:2`, `unit:Go`),
hints are reported lost, ordering questions left out. The output depends on the questions alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from tutor.exchange.common import absolute_tolerance, choice_grades, number_text, percent
from tutor.exchange.gift_syntax import escape
from tutor.exchange.html import read_html, to_html
from tutor.exchange.model import Note, Outgoing

_HEADER = ("// Written by tutor (tutor bank export --format gift) for Moodle's GIFT import.\n"
           "// Tags keep what GIFT has no field for: difficulty, section, topic, points, unit.\n")
_TAG_LENGTH = 50  # Moodle's TAG_MAX_LENGTH
_TAG_REFUSED = re.compile(r"[<>`\x00-\x1f\x7f]|\s\s")  # what Moodle's PARAM_TAG would take out


def _format_of(text: str) -> str:
    """`html` when HTML gives tutor's text back exactly (layout, `code`), else `plain`, which keeps it as is."""
    return "html" if read_html(to_html(text))[0] == text else "plain"


def _text(text: str, default: str, force_html: bool = False) -> str:
    """A text with its `[format]` when it is not `default` (or when a plain text starting with `[` or
    `%` would be read as a format or a weight)."""
    text_format = "html" if force_html else _format_of(text)
    body = to_html(text) if text_format == "html" else text
    guarded = text_format == "plain" and body.startswith(("[", "%"))
    prefix = f"[{text_format}]" if text_format != default or guarded else ""
    return prefix + escape(body)


def _raw(text: str) -> str:
    """A text Moodle keeps without a format (a short answer, the right side of a pair)."""
    guarded = "[plain]" if text.startswith(("[", "%")) else ""
    return guarded + escape(text)


class _Writer:
    """One question being written: its lines and its notes."""

    def __init__(self, item: Outgoing) -> None:
        self.item, self.question = item, item.question
        self.notes: list[Note] = []
        self.format = _format_of(self.question.prompt)

    def note(self, key: str, dropped: bool = False, **values: object) -> None:
        """Report a loss (or, `dropped`, the question left out)."""
        self.notes.append(Note(self.item.position, self.item.name, key, values, None, dropped))

    def text(self, text: str, force_html: bool = False) -> str:
        """A text of the question, in its format."""
        return _text(text, self.format, force_html)

    def comment(self) -> str:
        """`// [id:name] [tag:…]`: what Moodle keeps as the ID number and tags."""
        tags = list(self.item.tags)
        question = self.question
        if question.points != 1:
            tags.append(f"points:{number_text(float(question.points))}")
        if question.type == "numeric" and question.unit:
            tag = f"unit:{question.unit}"
            if len(tag) > _TAG_LENGTH or _TAG_REFUSED.search(tag) or tag != tag.strip():
                self.note("exchange.gift.unit_lost", unit=question.unit)
            else:
                tags.append(tag)
        fields = [f"[id:{_bracketed(self.item.name)}]", *(f"[tag:{_bracketed(tag)}]" for tag in tags)]
        return "// " + " ".join(fields)

    def block(self, answers: list[str]) -> str:
        """The question's whole block: comment, name, text, answers, general feedback."""
        question = self.question
        if question.hints:
            self.note("exchange.gift.hints_lost", count=len(question.hints))
        prompt = _text_body(question.prompt, self.format)
        lines = [self.comment(), f"::{escape(self.item.name)}::[{self.format}]{prompt}{{"]
        lines += [f"\t{answer}" for answer in answers]
        if question.explanation:
            lines.append(f"\t####{self.text(question.explanation)}")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _text_body(text: str, text_format: str) -> str:
    """The question's text after its own `[format]`."""
    return escape(to_html(text) if text_format == "html" else text)


def _bracketed(value: str) -> str:
    """A value inside `[id:…]` or `[tag:…]`, where `]` is written `\\]`."""
    return " ".join(value.split()).replace("]", "\\]")


def _choice(writer: _Writer) -> list[str] | None:
    question = writer.question
    lines = []
    for grade in choice_grades(question):
        option = grade.option
        if question.type == "single":
            mark = "=" if option.correct else "~"
        else:
            mark = "~" if grade.fraction == 0 else f"~%{percent(grade.fraction)}%"
            if not grade.exact:
                share = 1.0 / max(1, sum(1 for o in question.options if o.correct))
                wanted = option.credit if option.credit is not None else (share if option.correct else -share)
                writer.note("exchange.note.fraction_rounded", option=option.id, wanted=percent(wanted),
                            written=percent(grade.fraction))
        feedback = f"#{writer.text(option.feedback)}" if option.feedback else ""
        lines.append(f"{mark}{writer.text(option.text)}{feedback}")
    return lines


def _truefalse(writer: _Writer) -> list[str] | None:
    return ["TRUE" if writer.question.answer else "FALSE"]


def _numeric(writer: _Writer) -> list[str] | None:
    question = writer.question
    return [f"#={number_text(float(question.answer))}:{number_text(absolute_tolerance(question))}"]


def _short(writer: _Writer) -> list[str] | None:
    # `*` is Moodle's wildcard: a star of tutor's answer is written `\*`. GIFT would read `->` as matching.
    kept = [answer for answer in writer.question.answers if "->" not in answer]
    lost = [answer for answer in writer.question.answers if "->" in answer]
    if lost:
        writer.note("exchange.gift.arrow_answer", dropped=not kept, answers=", ".join(lost))
    if not kept:
        return None
    return [f"={_raw(answer.replace('*', chr(92) + '*'))}" for answer in kept]


def _matching(writer: _Writer) -> list[str] | None:
    lines = []
    for pair in writer.question.pairs:
        arrow = "->" in pair.left and _format_of(pair.left) == "plain"
        if arrow:
            writer.note("exchange.gift.arrow_left")
        lines.append(f"={writer.text(pair.left, force_html=arrow)} -> {_raw(pair.right)}")
    lines += [f"=-> {_raw(distractor)}" for distractor in writer.question.distractors]
    return lines


_ANSWERS: dict[str, Callable[[_Writer], list[str] | None]] = {
    "single": _choice, "multiple": _choice, "truefalse": _truefalse, "numeric": _numeric,
    "short": _short, "matching": _matching,
}


def write_gift(questions: Sequence[Outgoing]) -> tuple[str, list[Note]]:
    """`questions` as a GIFT file's text, and the notes on what GIFT could not carry (ordering questions
    are left out; hints are lost)."""
    blocks = [_HEADER]
    notes: list[Note] = []
    category: str | None = None
    for item in questions:
        writer = _Writer(item)
        question: Any = item.question
        answers_of = _ANSWERS.get(question.type)
        if answers_of is None:
            if question.type == "ordering":
                writer.note("exchange.gift.no_ordering", dropped=True)
            else:
                writer.note("exchange.gift.unknown_type", dropped=True, type=question.type)
            notes.extend(writer.notes)
            continue
        answers = answers_of(writer)
        if answers is not None:
            if item.category != category:
                # A block of its own: Moodle takes a whole block that starts with $CATEGORY: as the category.
                category = item.category
                blocks.append(f"$CATEGORY: {' '.join(category.split())}\n")
            blocks.append(writer.block(answers))
        notes.extend(writer.notes)
    return "\n".join(blocks), notes
