"""Moodle XML → `Foreign` questions, and the notes on what tutor cannot keep.

Follows Moodle's own importer (question/format/xml/format.php, and qtype_ordering's
`import_from_xml`): the same defaults for missing elements, the same text formats, answers in file
order. The file is parsed by lxml with no entity expansion, no DTD and no network; a file that
declares a DTD is refused outright, since Moodle never writes one and its entities are the way to
a "billion laughs" or to reading local files.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types; lxml-stubs is not a dependency

from tutor.exchange.common import option_credits
from tutor.exchange.html import read_text
from tutor.exchange.model import ExchangeError, Foreign, Note

# A DOCTYPE may only stand in the prolog: after an optional BOM, XML declaration, comments, PIs.
# Each piece can only end at its own end (no `.*?`): a hostile prolog cannot make the match backtrack.
_DOCTYPE = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->)*<!DOCTYPE")
_LXML_WHERE = re.compile(r",? line \d+, column \d+\s*$")
_WILDCARD = re.compile(r"(?<!\\)\*")
_PLUGINFILE = "@@PLUGINFILE@@/"
_ENCODING_ERRORS = frozenset({9, 81})  # libxml2: XML_ERR_INVALID_CHAR, XML_ERR_INVALID_ENCODING


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse(data: bytes, path: str) -> Any:
    """The `<quiz>` element of a Moodle XML file; ExchangeError with its line if it is not one."""
    doctype = _DOCTYPE.match(data)
    if doctype:
        raise ExchangeError(path, data.count(b"\n", 0, doctype.end()) + 1, "exchange.xml.doctype")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line = max(1, error.lineno or 1)
        if error.code in _ENCODING_ERRORS:
            raise ExchangeError(path, line, "exchange.error.encoding") from None
        raise ExchangeError(path, line, "exchange.xml.malformed",
                            reason=_LXML_WHERE.sub("", str(error.msg))) from None
    if root.getroottree().docinfo.doctype:  # missed above (a UTF-16 file): refused all the same
        raise ExchangeError(path, 1, "exchange.xml.doctype")
    if root.tag != "quiz":
        raise ExchangeError(path, root.sourceline or 1, "exchange.xml.not_quiz", root=str(root.tag))
    return root


def _inner(element: Any) -> str:
    """An element's content as text: its text, and any markup written without CDATA kept as markup."""
    parts = [element.text or ""]
    parts += [etree.tostring(child, encoding="unicode", with_tail=True) for child in element]
    return "".join(parts)


def _plain(element: Any | None) -> str:
    """The `<text>` of `element` as it is (names, short answers, numbers), stripped like Moodle does."""
    if element is None:
        return ""
    text = element.find("text")
    return _inner(text).strip() if text is not None else ""


@dataclass
class _Question:
    """One `<question>` being read: its element, what it is reported as, and what it loses."""

    element: Any
    path: str
    position: int
    name: str
    kind: str
    notes: list[Note]
    images: list[str] = field(default_factory=list)
    needs_image: bool = False  # a text the question cannot do without was only an image

    @property
    def line(self) -> int:
        return int(self.element.sourceline or 1)

    @property
    def text_format(self) -> str:
        found = self.element.find("questiontext")
        return str(found.get("format", "html")) if found is not None else "html"

    def note(self, key: str, dropped: bool = False, **values: Any) -> None:
        self.notes.append(Note(self.position, self.name, key, values, self.line, dropped))

    def fail(self, key: str, at: Any | None = None, **values: Any) -> ExchangeError:
        """The error `key` at the line of the element `at` (else the question's)."""
        line = at.sourceline if at is not None and at.sourceline else self.line
        return ExchangeError(self.path, int(line), key, **values)

    def require(self, tag: str) -> Any:
        found = self.element.find(tag)
        if found is None:
            raise self.fail("exchange.xml.missing", type=self.kind, element=tag)
        return found

    def rich(self, element: Any | None, required: bool = False) -> str:
        """The tutor text of a Moodle text element (HTML or another format), its images set aside."""
        if element is None:
            return ""
        raw = element.find("text")
        text, images = read_text(_inner(raw) if raw is not None else "", str(element.get("format", self.text_format)))
        images += [str(f.get("name") or f.get("path") or "file") for f in element.findall("file")]
        for image in images:
            shown = image.removeprefix(_PLUGINFILE)
            if shown not in self.images:
                self.images.append(shown)
        if required and not text and images:
            self.needs_image = True
        return text

    def number(self, value: str | None, element: Any, name: str, default: float = 0.0) -> float:
        """`value` as a number; ExchangeError at `element`'s line when it is not one."""
        if value is None or not value.strip():
            return default
        try:
            number = float(value.strip())
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise self.fail("exchange.xml.not_number", element, element=name, value=value.strip()[:40])
        return number

    def fraction(self, answer: Any) -> float:
        """An `<answer>`'s grade as a fraction (Moodle writes percents): `fraction="50"` → 0.5."""
        return self.number(answer.get("fraction"), answer, "answer fraction") / 100.0

    def answers(self) -> list[Any]:
        found = self.element.findall("answer")
        if not found:
            raise self.fail("exchange.xml.missing", type=self.kind, element="answer")
        return list(found)


def _is_right(fraction: float) -> bool:
    return abs(fraction - 1.0) < 1e-6


def _multichoice(q: _Question) -> dict[str, Any] | None:
    single = _plain_value(q.element, "single", "true").lower() not in ("false", "0", "")
    options: list[dict[str, Any]] = []
    fractions: list[float] = []
    for answer in q.answers():
        fraction = q.fraction(answer)
        text = q.rich(answer, required=True)
        if not text:
            continue  # Moodle leaves blank answers out too (one that was an image: see needs_image)
        option: dict[str, Any] = {"id": _letter(len(options)), "text": text}
        feedback = q.rich(answer.find("feedback"))
        if feedback:
            option["feedback"] = feedback
        options.append(option)
        fractions.append(fraction)
    # Single: the 100% option is the right one. Multiple: every option worth something is, with its credit.
    correct = [_is_right(f) if single else f > 0 for f in fractions]
    if not any(correct):
        q.note("exchange.note.no_right_answer", dropped=True)
        return None
    credits: list[float | None] = [None] * len(options) if single else option_credits(fractions)
    for option, right, credit in zip(options, correct, credits, strict=True):
        if right:
            option["correct"] = True
        if credit is not None:
            option["credit"] = credit
    graded = [o["id"] for o, f, right in zip(options, fractions, correct, strict=True) if not right and abs(f) > 1e-9]
    if single and graded:
        q.note("exchange.note.grades_lost", options=", ".join(graded))
    return {"type": "single" if single else "multiple", "options": _ordered_options(options)}


def _ordered_options(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each option's keys in a bank file's order: id, text, correct, feedback, credit."""
    order = ("id", "text", "correct", "feedback", "credit")
    return [{key: option[key] for key in order if key in option} for option in options]


def _letter(index: int) -> str:
    """Option ids a, b, …, z, then aa, ab, …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else _letter(index // 26 - 1) + letters[index % 26]


def _plain_value(element: Any, tag: str, default: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else default


def _truefalse(q: _Question) -> dict[str, Any] | None:
    answer: bool | None = None
    feedback = False
    for index, element in enumerate(q.answers()):
        text = _plain(element).lower()
        if text not in ("true", "false"):  # an old file: true first, then false (Moodle's rule)
            text = "true" if index == 0 else "false"
        right = _is_right(q.fraction(element))
        if text == "true":
            answer = right
        elif answer is None:
            answer = not right
        feedback = feedback or bool(q.rich(element.find("feedback")))
    if feedback:
        q.note("exchange.xml.feedback_lost")
    return {"type": "truefalse", "answer": bool(answer)}


def _lost(q: _Question, element: Any, fraction: float) -> bool:
    """Whether an answer tutor does not keep carried something: a grade, or feedback."""
    return abs(fraction) > 1e-9 or bool(q.rich(element.find("feedback")))


def _short(q: _Question) -> dict[str, Any] | None:
    kept: list[str] = []
    wildcards: list[str] = []
    lost: list[str] = []
    for element in q.answers():
        text, fraction = _plain(element), q.fraction(element)
        if not text:
            continue
        if not _is_right(fraction):
            if _lost(q, element, fraction):
                lost.append(text)
        elif _WILDCARD.search(text):
            wildcards.append(text)
        elif text.replace("\\*", "*") not in kept:
            kept.append(text.replace("\\*", "*"))
    if not kept:
        if wildcards:
            q.note("exchange.note.wildcard_only", dropped=True, answers=", ".join(wildcards))
        else:
            q.note("exchange.note.no_right_answer", dropped=True)
        return None
    if wildcards:
        q.note("exchange.note.wildcard", answers=", ".join(wildcards))
    if lost:
        q.note("exchange.xml.answers_lost", answers=", ".join(lost))
    if _plain_value(q.element, "usecase", "0") not in ("0", "", "false"):
        q.note("exchange.xml.case_sensitive")
    return {"type": "short", "answers": kept}


def _numerical(q: _Question) -> dict[str, Any] | None:
    fields: dict[str, Any] | None = None
    lost: list[str] = []
    for element in q.answers():
        text, fraction = _plain(element), q.fraction(element)
        if text == "*" or not text:  # Moodle's "any other answer", for its feedback
            if _lost(q, element, fraction):
                lost.append("*")
            continue
        value = q.number(text, element, "answer")
        tolerance = abs(q.number(_plain_value(element, "tolerance", "0"), element.find("tolerance"), "tolerance"))
        if fields is None and _is_right(fraction):
            fields = {"type": "numeric", "answer": value, "tolerance": tolerance}
        elif _lost(q, element, fraction) or _is_right(fraction):
            lost.append(text)
    if fields is None:
        q.note("exchange.note.no_right_answer", dropped=True)
        return None
    units = [(unit, _plain_value(unit, "unit_name", "")) for unit in q.element.findall("units/unit")]
    main = next((name for unit, name in units
                 if name and q.number(_plain_value(unit, "multiplier", "1"), unit, "multiplier", 1.0) == 1.0), None)
    if main:
        fields["unit"] = main
    others = [name for _, name in units if name and name != main]
    if others:
        q.note("exchange.xml.units_lost", units=", ".join(others))
    if lost:
        q.note("exchange.xml.answers_lost", answers=", ".join(lost))
    return fields


def _matching(q: _Question) -> dict[str, Any] | None:
    subquestions = q.element.findall("subquestion")
    if not subquestions:
        raise q.fail("exchange.xml.missing", type=q.kind, element="subquestion")
    pairs: list[dict[str, str]] = []
    distractors: list[str] = []
    for element in subquestions:
        left = q.rich(element, required=True)
        right = _plain(element.find("answer"))
        if left:
            pairs.append({"id": f"p{len(pairs) + 1}", "left": left, "right": right})
        elif right and not q.needs_image:
            distractors.append(right)  # a subquestion without text: Moodle's way to add a wrong choice
    fields: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        fields["distractors"] = distractors
    return fields


def _ordering(q: _Question) -> dict[str, Any] | None:
    items: list[dict[str, str]] = []
    for element in q.answers():  # the right order is the file's (qtype_ordering ignores `fraction`)
        text = q.rich(element, required=True)
        if text:
            items.append({"id": f"i{len(items) + 1}", "text": text})
    # Older files call selecttype and selectcount `logical` and `studentsee`; the defaults are Moodle's.
    legacy = q.element.find("selecttype") is None
    select = _plain_value(q.element, "logical" if legacy else "selecttype", "RANDOM").upper()
    count_text = _plain_value(q.element, "studentsee" if legacy else "selectcount", "6")
    count = int(q.number(count_text, q.element, "selectcount", 6.0))
    if select not in ("ALL", "EXACT", "0") and 0 < count < len(items):
        q.note("exchange.xml.ordering_subset", count=count)
    grading = _plain_value(q.element, "gradingtype", "RELATIVE").upper() or "RELATIVE"
    if grading not in ("ALL_OR_NOTHING", "0"):
        q.note("exchange.xml.ordering_grading", grading=grading)
    return {"type": "ordering", "items": items}


# Moodle's question types tutor has an equivalent for (`match` is `matching`'s old name).
_READERS: dict[str, Callable[[_Question], dict[str, Any] | None]] = {
    "multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _short, "numerical": _numerical,
    "matching": _matching, "match": _matching, "ordering": _ordering,
}


def _hints(q: _Question, points: float) -> list[dict[str, Any]]:
    """Moodle's hints, each costing what Moodle takes for the try it follows: penalty × points."""
    penalty = q.number(_plain_value(q.element, "penalty", "0.3333333"), q.element.find("penalty"), "penalty")
    if abs(penalty - 0.3333333) < 0.005:  # Moodle's own fix for old files' rounding
        penalty = 0.3333333
    hints = []
    for element in q.element.findall("hint"):
        content = element.find("hintcontent")  # older files
        text = q.rich(content if content is not None else element)
        if text:
            hints.append({"text": text, "cost": round(max(0.0, penalty) * points, 6)})
    return hints


def _read_question(q: _Question) -> Foreign | None:
    """One real question as a Foreign, or None when it is left out (with its note)."""
    q.require("name")
    prompt = q.rich(q.require("questiontext"), required=True)
    fields = _READERS[q.kind](q)
    if fields is None:
        return None
    if q.needs_image:
        q.note("exchange.note.image_only", dropped=True, images=", ".join(q.images))
        return None
    grade = q.element.find("defaultgrade")
    points = q.number(_plain_value(q.element, "defaultgrade", "1"), grade, "defaultgrade", 1.0)
    result: dict[str, Any] = {"type": fields.pop("type"), "points": points, "prompt": prompt, **fields}
    hints = _hints(q, points)
    if hints:
        result["hints"] = hints
    result["explanation"] = q.rich(q.element.find("generalfeedback"))
    if q.images:
        q.note("exchange.note.image", images=", ".join(q.images))
    tags = [_plain(tag) for tag in q.element.findall("tags/tag") + q.element.findall("coursetags/tag")]
    idnumber = _plain_value(q.element, "idnumber", "")
    return Foreign(position=q.position, line=q.line, name=q.name, fields=result,
                   idnumber=idnumber or None, tags=tuple(tag for tag in tags if tag))


def read_moodle_xml(data: bytes, path: str) -> tuple[list[Foreign], list[Note]]:
    """The questions of a Moodle XML file in tutor's fields, and the notes on what was left out or lost.

    Raises ExchangeError (FILE:LINE) when the file is not Moodle XML: not well-formed, a DTD, another
    root, a question without its type or its required elements, a grade or a tolerance not a number.
    """
    root = parse(data, path)
    questions: list[Foreign] = []
    notes: list[Note] = []
    category: str | None = None
    position = 0
    for element in root.iterchildren("question"):
        kind = element.get("type")
        if not kind:
            raise ExchangeError(path, int(element.sourceline or 1), "exchange.xml.no_type")
        if kind == "category":
            found = element.find("category")
            if found is None:
                raise ExchangeError(path, int(element.sourceline or 1), "exchange.xml.missing", type=kind,
                                    element="category")
            category = _plain(found) or _inner(found).strip() or None
            continue
        position += 1
        question = _Question(element, path, position, _plain(element.find("name")), kind, notes)
        if kind not in _READERS:
            question.note("exchange.xml.unsupported", dropped=True, type=kind)
            continue
        foreign = _read_question(question)
        if foreign is not None:
            foreign.category = category
            questions.append(foreign)
    return questions, notes
