"""tutor questions → Moodle XML, as Moodle's own export writes it, and the notes on what changed.

Every question carries every element Moodle's exporter (question/format/xml/format.php, and
qtype_ordering's `export_to_xml`) writes for its type, in the same order, so that Moodle's importer
finds nothing missing. HTML texts go in CDATA sections; the output is the same for the same bank,
byte for byte (a second trip must write an identical file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types; lxml-stubs is not a dependency

from tutor.exchange.common import absolute_tolerance, choice_grades, hint_penalty, number_text, percent
from tutor.exchange.html import to_html
from tutor.exchange.model import Note, Outgoing

# Characters XML 1.0 cannot hold at all (lxml refuses them): written as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "short": "shortanswer",
          "numeric": "numerical", "matching": "matching", "ordering": "ordering"}
_FEEDBACKS = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _child(parent: Any, tag: str, value: str | None = None, **attributes: str) -> Any:
    """A new element under `parent`, with plain `value` as its content (lxml escapes it)."""
    element = etree.SubElement(parent, tag, attributes)
    if value is not None:
        element.text = _safe(value)
    return element


def _text(parent: Any, value: str) -> Any:
    """`<text>` holding a plain value (a name, an answer, a number, a tag)."""
    return _child(parent, "text", value)


def _html(parent: Any, tag: str, value: str, **attributes: str) -> Any:
    """`<tag format="html"><text><![CDATA[…]]></text>` for a tutor text (to_html never holds `]]>`)."""
    element = _child(parent, tag, **attributes, format="html")
    text = _child(element, "text")
    html = to_html(_safe(value)) if value.strip() else ""
    text.text = etree.CDATA(html) if html else ""
    return element


def _moodle_decimal(value: float) -> str:
    """A grade or penalty as Moodle's database gives it back: 7 decimals (`1.0000000`)."""
    return f"{value:.7f}"


def _combined_feedback(question: Any) -> None:
    for tag in _FEEDBACKS:
        _html(question, tag, "")
    _child(question, "shownumcorrect")


def _answer(parent: Any, fraction: str, text: str, feedback: str | None, html: bool) -> Any:
    if html:
        answer = _html(parent, "answer", text, fraction=fraction)
    else:
        answer = _child(parent, "answer", fraction=fraction, format="moodle_auto_format")
        _text(answer, text)
    _html(answer, "feedback", feedback or "")
    return answer


def _choice(element: Any, item: Outgoing, notes: list[Note]) -> None:
    question = item.question
    _child(element, "single", "true" if question.type == "single" else "false")
    _child(element, "shuffleanswers", "true")
    _child(element, "answernumbering", "abc")
    _child(element, "showstandardinstruction", "0")
    _combined_feedback(element)
    for grade in choice_grades(question):
        if not grade.exact:
            option = grade.option
            notes.append(Note(item.position, item.name, "exchange.note.fraction_rounded",
                              {"option": option.id, "wanted": round(float(option.credit) * 100, 2),
                               "written": round(grade.fraction * 100, 5)}))
        _answer(element, percent(grade.fraction), grade.option.text, grade.option.feedback, html=True)


def _truefalse(element: Any, item: Outgoing, notes: list[Note]) -> None:
    right = bool(item.question.answer)
    _answer(element, "100" if right else "0", "true", None, html=False)
    _answer(element, "0" if right else "100", "false", None, html=False)


def _short(element: Any, item: Outgoing, notes: list[Note]) -> None:
    _child(element, "usecase", "0")  # tutor ignores case too
    for answer in item.question.answers:
        # An asterisk is Moodle's wildcard: a literal one is written `\*`.
        _answer(element, "100", answer.replace("*", "\\*"), None, html=False)


def _numeric(element: Any, item: Outgoing, notes: list[Note]) -> None:
    question = item.question
    answer = _answer(element, "100", number_text(float(question.answer)), None, html=False)
    _child(answer, "tolerance", number_text(absolute_tolerance(question)))
    if question.unit:
        units = _child(element, "units")
        unit = _child(units, "unit")
        _child(unit, "multiplier", "1")
        _child(unit, "unit_name", question.unit)
    _child(element, "unitgradingtype", "0")  # a unit is optional, never graded: as in tutor
    _child(element, "unitpenalty", "0.1000000")
    _child(element, "showunits", "0" if question.unit else "3")  # 3: no unit at all
    _child(element, "unitsleft", "0")
    _html(element, "instructions", "")


def _matching(element: Any, item: Outgoing, notes: list[Note]) -> None:
    _child(element, "shuffleanswers", "true")
    _combined_feedback(element)
    for pair in item.question.pairs:
        subquestion = _html(element, "subquestion", pair.left)
        _text(_child(subquestion, "answer"), pair.right)
    for distractor in item.question.distractors:  # Moodle's wrong choices: subquestions without text
        subquestion = _html(element, "subquestion", "")
        _text(_child(subquestion, "answer"), distractor)


def _ordering(element: Any, item: Outgoing, notes: list[Note]) -> None:
    items = item.question.items
    _child(element, "layouttype", "VERTICAL")
    _child(element, "selecttype", "ALL")
    _child(element, "selectcount", str(len(items)))
    _child(element, "gradingtype", "ALL_OR_NOTHING")  # tutor's grading of an ordering question
    _child(element, "showgrading", "SHOW")
    _combined_feedback(element)
    for position, entry in enumerate(items, 1):  # qtype_ordering's fraction is the item's place
        _html(element, "answer", entry.text, fraction=str(position))


_WRITERS: dict[str, Callable[[Any, Outgoing, list[Note]], None]] = {
    "single": _choice, "multiple": _choice, "truefalse": _truefalse, "short": _short, "numeric": _numeric,
    "matching": _matching, "ordering": _ordering,
}


def _category(quiz: Any, path: str) -> None:
    element = _child(quiz, "question", type="category")
    _text(_child(element, "category"), path)
    _text(_child(element, "info", format="moodle_auto_format"), "")
    _child(element, "idnumber", "")


def _tags(element: Any, tags: Iterable[str]) -> None:
    tags = list(tags)
    if tags:
        holder = _child(element, "tags")
        for tag in tags:
            _text(_child(holder, "tag"), tag)


def _question(quiz: Any, item: Outgoing, notes: list[Note]) -> None:
    question = item.question
    element = _child(quiz, "question", type=_TYPES[question.type])
    _text(_child(element, "name"), item.name)
    _html(element, "questiontext", question.prompt)
    _html(element, "generalfeedback", question.explanation or "")
    _child(element, "defaultgrade", _moodle_decimal(float(question.points)))
    penalty, exact = hint_penalty(question)
    if not exact:
        notes.append(Note(item.position, item.name, "exchange.xml.penalty_rounded",
                          {"penalty": round(penalty * 100, 2)}))
    _child(element, "penalty", _moodle_decimal(penalty))
    _child(element, "hidden", "0")
    _child(element, "idnumber", item.name)
    _WRITERS[question.type](element, item, notes)
    for hint in question.hints:
        _html(element, "hint", hint.text)
    _tags(element, item.tags)


def write_moodle_xml(questions: Sequence[Outgoing]) -> tuple[str, list[Note]]:
    """The Moodle XML text of `questions` (a category element whenever the category changes), and the
    notes on what Moodle cannot say exactly (a credit or a hint cost rounded to Moodle's grades)."""
    quiz = etree.Element("quiz")
    notes: list[Note] = []
    category: str | None = None
    for item in questions:
        if item.question.type not in _WRITERS:
            notes.append(Note(item.position, item.name, "exchange.xml.unknown_type", {"type": item.question.type},
                              dropped=True))
            continue
        if item.category != category:
            category = item.category
            _category(quiz, category)
        _question(quiz, item, notes)
    etree.indent(quiz, space="  ")
    body = etree.tostring(quiz, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n', notes
