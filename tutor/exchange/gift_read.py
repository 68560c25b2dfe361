"""A GIFT file → `Foreign` questions in tutor's fields, and notes on what could not be carried over.

Read as Moodle's importer reads it (question/format/gift/format.php): questions are separated by blank
lines, `//` lines are comments (the ones in a question's block may hold `[id:…]` and `[tag:…]`, as
Moodle ≥ 4.0 reads them), a `$CATEGORY:` block sets the category of the questions after it. The type
comes from the answer list `{…}` as Moodle decides it: `#` numeric, a `~` multiple choice (single when
an answer starts with `=`), `=` with `->` matching, T/F/TRUE/FALSE true-false, else short answer. What
Moodle would refuse is an `ExchangeError` with its line; what tutor cannot hold is a `Note`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tutor.exchange.common import option_credits
from tutor.exchange.gift_syntax import (
    DEFAULT_FORMAT,
    FORMATS,
    number,
    protect,
    restore,
    split_format,
    split_marked,
    trim,
    weighed,
)
from tutor.exchange.html import read_text
from tutor.exchange.model import ExchangeError, Foreign, Note

_CATEGORY = "$CATEGORY:"
_ID = re.compile(r"\[id:((?:\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\]|[^\]<>\x00-\x1f\x7f])+)\]")
_POINTS = "points:"  # the tag tutor's writer keeps a question's points in (GIFT has no mark)
_NAME_LENGTH = 80  # Moodle names an untitled question after the start of its text
_TRUE, _FALSE = ("T", "TRUE"), ("F", "FALSE")


@dataclass
class _Block:
    """Lines between blank lines: the question's own (number, text) and its comment lines."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[_Block]:
    """The file's blocks of non-blank lines, each line trimmed as Moodle trims it."""
    blocks: list[_Block] = []
    current = _Block()
    for number_, raw in enumerate(re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")), 1):
        line = trim(raw)
        if not line:
            if current.lines or current.comments:
                blocks.append(current)
            current = _Block()
        elif line.startswith("//"):
            current.comments.append(line)
        else:
            current.lines.append((number_, line))
    if current.lines or current.comments:
        blocks.append(current)
    return blocks


class _Question:
    """One question's protected text, where its lines start in the file, and what reading it found."""

    def __init__(self, path: str, position: int, lines: list[tuple[int, str]]) -> None:
        self.path, self.position = path, position
        self.numbers = [number_ for number_, _ in lines]
        protected = [protect(line) for _, line in lines]
        self.starts = [sum(len(line) + 1 for line in protected[:index]) for index in range(len(protected))]
        self.text = "\n".join(protected)
        self.name = ""
        self.notes: list[Note] = []
        self.images: list[str] = []

    def line(self, offset: int) -> int:
        """The file's line of a place in the question's text."""
        index = max(i for i, start in enumerate(self.starts) if start <= max(0, offset))
        return self.numbers[index]

    def error(self, offset: int, key: str, **values: object) -> ExchangeError:
        """Malformed GIFT at `offset`: the error to raise."""
        return ExchangeError(self.path, self.line(offset), key, **values)

    def note(self, key: str, dropped: bool = False, **values: object) -> None:
        """Report a loss (or, `dropped`, the question left out)."""
        self.notes.append(Note(self.position, self.name, key, values, self.numbers[0], dropped))

    def read(self, raw: str, default: str) -> str:
        """A protected text (with its own `[format]` if any) as tutor's text; its images are kept aside."""
        text_format, body = split_format(trim(raw), default)
        text, images = read_text(trim(restore(body)), FORMATS[text_format])
        self.images.extend(images)
        return text


def _answers(question: _Question, text: str, start: int, markers: str) -> list[tuple[str, str, int]]:
    """The marked answers of a list; text before the first marker is not GIFT."""
    parts = split_marked(text, start, markers)
    lead = trim(parts[0][1])
    if lead:
        raise question.error(parts[0][2], "exchange.gift.marker", text=restore(lead)[:40])
    return parts[1:]


def _letter(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else f"o{index + 1}"


def _choice(question: _Question, text: str, start: int, text_format: str) -> dict[str, Any]:
    """`{=right ~wrong#feedback}` (single) or `{~%50%a ~%50%b ~%-100%c}` (multiple)."""
    single = "=" in text
    answers = _answers(question, text, start, "~=")
    if len(answers) < 2:
        raise question.error(start, "exchange.gift.too_few", minimum=2, count=len(answers))
    options, fractions = [], []
    for index, (marker, body, _) in enumerate(answers):
        weight, body = (1.0, trim(body)) if marker == "=" else weighed(body)
        answer, _, feedback = body.partition("#")
        option: dict[str, Any] = {"id": _letter(index), "text": question.read(answer, text_format)}
        fractions.append(weight or 0.0)
        if trim(feedback):
            option["feedback"] = question.read(feedback, text_format)
        options.append(option)
    if single:
        lost = [option["text"] for option, fraction in zip(options, fractions, strict=True)
                if fraction < 0.99999 and fraction != 0]
        if lost:
            question.note("exchange.note.grades_lost", options=", ".join(lost))
        for option, fraction in zip(options, fractions, strict=True):
            if fraction >= 0.99999:
                option["correct"] = True
        return {"type": "single", "options": [_ordered(option) for option in options]}
    for option, fraction, credit in zip(options, fractions, option_credits(fractions), strict=True):
        if fraction > 0:
            option["correct"] = True
        if credit is not None:
            option["credit"] = credit
    return {"type": "multiple", "options": [_ordered(option) for option in options]}


def _ordered(option: dict[str, Any]) -> dict[str, Any]:
    """An option's fields in the order a bank file writes them."""
    return {key: option[key] for key in ("id", "text", "correct", "feedback", "credit") if key in option}


def _truefalse(question: _Question, text: str) -> dict[str, Any]:
    """`{T}`, `{FALSE#wrong feedback#right feedback}`."""
    answer, *feedback = text.split("#", 2)
    if any(trim(part) for part in feedback):
        question.note("exchange.gift.feedback_lost")
    return {"type": "truefalse", "answer": trim(answer) in _TRUE}


def _short(question: _Question, text: str, start: int, text_format: str) -> dict[str, Any] | None:
    """`{=a =b =%50%c}`: the 100 % variants, without `*` wildcards, which tutor does not have."""
    kept, partial, wild, feedback_lost = [], [], [], False
    for _, body, _ in _answers(question, text, start, "="):
        weight, body = weighed(body)
        answer, _, feedback = body.partition("#")
        feedback_lost = feedback_lost or bool(trim(feedback))
        variant = trim(restore(split_format(trim(answer), text_format)[1]))
        if weight is not None and weight < 0.99999:
            partial.append(variant)
        elif re.search(r"(?<!\\)\*", variant):  # Moodle's `\*` is a star, a bare `*` a wildcard
            wild.append(variant)
        else:
            kept.append(variant.replace("\\*", "*"))
    if feedback_lost:
        question.note("exchange.gift.feedback_lost")
    if partial:
        question.note("exchange.gift.partial", answers=", ".join(partial))
    if not kept:
        key = "exchange.note.wildcard_only" if wild else "exchange.note.no_right_answer"
        question.note(key, dropped=True, answers=", ".join(wild))
        return None
    if wild:
        question.note("exchange.note.wildcard", answers=", ".join(wild))
    return {"type": "short", "answers": kept}


def _numeric(question: _Question, text: str, start: int) -> dict[str, Any] | None:
    """`{#3:0.5}`, `{#1..5}`, `{#=3:0.5 =%50%3:1 ~#wrong}`: the first answer worth 100 %."""
    body, _, wrong = text[1:].partition("~")
    parts = split_marked(body, start + 1, "=")
    parts = parts[1:] if not trim(parts[0][1]) else parts
    if not parts:
        raise question.error(start, "exchange.gift.no_number")
    found, others, feedback_lost = None, [], bool(trim(wrong.partition("#")[2]))
    for _, part, offset in parts:
        weight, part = weighed(part)
        value, _, feedback = part.partition("#")
        feedback_lost = feedback_lost or bool(trim(feedback))
        value = trim(restore(value))
        if value == "*":  # "any other answer": only its feedback, which tutor has not
            continue
        answer, tolerance = _range(question, value, offset)
        if found is None and (weight is None or weight >= 0.99999):
            found = {"type": "numeric", "answer": answer, "tolerance": tolerance}
        else:
            others.append(value)
    if feedback_lost:
        question.note("exchange.gift.feedback_lost")
    if found is None:
        question.note("exchange.note.no_right_answer", dropped=True)
        return None
    if others:
        question.note("exchange.gift.numbers_lost", answers=", ".join(others))
    return found


def _range(question: _Question, value: str, offset: int) -> tuple[float, float]:
    """`3:0.5` → (3, 0.5); `1..5` → (3, 2); `3` → (3, 0)."""
    if value.find("..") > 0:
        low_text, _, high_text = value.partition("..")
        low, high = number(low_text), number(high_text)
        if low is None or high is None:
            raise question.error(offset, "exchange.gift.not_number", value=value)
        # 3.141..3.142 is 3.1415 ± 0.0005, not 3.1414999999999997 ± 0.0004999999999999449
        return _decimal((low + high) / 2), _decimal(abs(high - low) / 2)
    answer_text, _, tolerance_text = value.partition(":") if value.find(":") > 0 else (value, "", "0")
    answer, tolerance = number(answer_text), number(tolerance_text)
    if answer is None or tolerance is None:
        raise question.error(offset, "exchange.gift.not_number", value=value)
    return answer, abs(tolerance)


def _decimal(value: float) -> float:
    """`value` without binary noise beyond 12 significant digits."""
    return float(f"{value:.12g}")


def _matching(question: _Question, text: str, start: int, text_format: str) -> dict[str, Any]:
    """`{=left -> right =-> distractor}`."""
    answers = _answers(question, text, start, "=")
    if len(answers) < 2:
        raise question.error(start, "exchange.gift.too_few", minimum=2, count=len(answers))
    pairs: list[dict[str, str]] = []
    distractors: list[str] = []
    for _, body, offset in answers:
        left, arrow, right = body.partition("->")
        if not arrow:
            raise question.error(offset, "exchange.gift.arrow", text=trim(restore(body))[:40])
        right_text = trim(restore(right))  # Moodle keeps the right-hand side as plain text
        if trim(left):
            pairs.append({"id": f"p{len(pairs) + 1}", "left": question.read(left, text_format), "right": right_text})
        else:
            distractors.append(right_text)
    fields: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        fields["distractors"] = distractors
    return fields


def _braces(question: _Question, start: int) -> tuple[int, int] | None:
    """Where the answer list opens and closes (None: a description), checked as Moodle needs it."""
    text = question.text
    opening, closing = text.find("{", start), text.find("}", start)
    braces = {"open": "{", "close": "}"}
    if opening < 0 and closing < 0:
        return None
    if opening < 0 or 0 <= closing < opening:
        raise question.error(closing, "exchange.gift.unopened", escaped="\\}", **braces)
    if closing < 0:
        raise question.error(opening, "exchange.gift.unclosed", escaped="\\{", **braces)
    inner = text.find("{", opening + 1, closing)
    if inner >= 0:
        raise question.error(inner, "exchange.gift.nested", escaped="\\{", **braces)
    after = min((i for i in (text.find("{", closing + 1), text.find("}", closing + 1)) if i >= 0), default=-1)
    if after >= 0:
        raise question.error(after, "exchange.gift.second_block")
    return opening, closing


def _read_question(question: _Question, comments: list[str], category: str | None) -> Foreign | None:
    """One question's block (comments aside) as a Foreign question, or None when it is left out."""
    text, start = question.text, 0
    title = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise question.error(0, "exchange.gift.title_unclosed")
        title = trim(restore(text[2:end]))
        start = end + 2
    braces = _braces(question, start)
    if braces is None:
        prompt_raw, answer, answer_at = text[start:], "", start
    else:
        opening, closing = braces
        rest = text[closing + 1:]
        # Moodle marks where an answer list in the middle of the text was: the missing word.
        prompt_raw = text[start:opening] + ("_____" + rest if trim(rest) else "")
        answer, answer_at = text[opening + 1:closing], opening + 1
    general = answer.rfind("####")
    explanation_raw = answer[general + 4:] if general >= 0 else ""
    answer = answer[:general] if general >= 0 else answer
    lead = len(answer) - len(answer.lstrip(" \t\n\r\x00\x0b"))
    answer, answer_at = trim(answer), answer_at + lead
    text_format, _ = split_format(trim(prompt_raw), DEFAULT_FORMAT)
    prompt = question.read(prompt_raw, DEFAULT_FORMAT)
    prompt_images = list(question.images)
    question.name = title or _default_name(prompt, question.position)
    explanation = question.read(explanation_raw, text_format)
    idnumber, tags = _comment_fields(comments)
    if braces is None:
        question.note("exchange.gift.description", dropped=True)
        return None
    fields = _typed(question, answer, answer_at, text_format)
    if fields is None:
        return None
    if not prompt and prompt_images:  # the question is its picture
        question.note("exchange.note.image_only", dropped=True, images=", ".join(question.images))
        return None
    if question.images:
        question.note("exchange.note.image", images=", ".join(question.images))
    points = next((number(tag[len(_POINTS):]) for tag in tags if tag.startswith(_POINTS)), None)
    fields = {"type": fields.pop("type"), "prompt": prompt, "explanation": explanation,
              "points": points if points is not None else 1.0, **fields}
    kept_tags = tuple(tag for tag in tags if not tag.startswith(_POINTS))
    return Foreign(question.position, question.numbers[0], question.name, fields, category, idnumber, kept_tags)


def _typed(question: _Question, answer: str, start: int, text_format: str) -> dict[str, Any] | None:
    """The fields of the question's type, decided from its answer list as Moodle decides it."""
    if not answer:
        question.note("exchange.gift.essay", dropped=True, answers="{}")
        return None
    if answer.startswith("#"):
        return _numeric(question, answer, start)
    if "~" in answer:
        return _choice(question, answer, start, text_format)
    if "=" in answer and "->" in answer:
        return _matching(question, answer, start, text_format)
    if trim(answer.split("#", 1)[0]) in (*_TRUE, *_FALSE):
        return _truefalse(question, answer)
    return _short(question, answer, start, text_format)


def _default_name(prompt: str, position: int) -> str:
    """Moodle's name for an untitled question: the start of its text."""
    flat = " ".join(prompt.split())
    if len(flat) > _NAME_LENGTH:
        flat = flat[:_NAME_LENGTH].rstrip() + "…"
    return flat or f"question {position}"


def _comment_fields(comments: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """Moodle ≥ 4.0's ID number and tags from a question's comment lines (`// [id:x] [tag:y]`)."""
    joined = "\n".join(comments)
    found = _ID.search(joined)
    idnumber = trim(found.group(1).replace("\\]", "]")) if found else None
    tags = tuple(trim(tag.replace("\\]", "]")) for tag in _TAG.findall(joined))
    return idnumber or None, tuple(tag for tag in tags if tag)


def read_gift(text: str, path: str) -> tuple[list[Foreign], list[Note]]:
    """The questions of a GIFT file's `text` (`path` names it in errors) and the notes on what was lost.

    Raises ExchangeError (FILE:LINE) where Moodle would refuse the file.
    """
    questions: list[Foreign] = []
    notes: list[Note] = []
    category: str | None = None
    position = 0
    for block in _blocks(text):
        lines = block.lines
        if lines and lines[0][1].startswith(_CATEGORY):
            category = trim(lines[0][1][len(_CATEGORY):]) or None
            lines = lines[1:]
        if not lines:
            continue
        position += 1
        question = _Question(path, position, lines)
        read = _read_question(question, block.comments, category)
        notes.extend(question.notes)
        if read is not None:
            questions.append(read)
    return questions, notes
