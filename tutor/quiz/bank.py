"""Question banks: their YAML format, loading into the model, and every check `tutor validate` runs."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from tutor.content.model import LANGS, Course
from tutor.content.problems import Problem
from tutor.content.schema import Field, Spec, Variants, check_object, json_schema
from tutor.content.yamlsource import Located
from tutor.quiz.grading import normalize_text
from tutor.quiz.model import (
    DEFAULT_PASS_MARK,
    DIFFICULTIES,
    EXAM_CLOCKS,
    QUESTION_TYPES,
    TOPICS,
    Bank,
    GeneratorRequest,
    Hint,
    Item,
    Option,
    Pair,
    Question,
    QuizLibrary,
    Topic,
)

MAX_HINTS = 2
# Far above any real bank (the shipped ones have 72 questions), low enough to check one quickly.
MAX_QUESTIONS = 2_000
# A question is worth between 0.01 and 1,000 points; each hint costs between 0 and the question's points
# (finite numbers only: `.inf` points broke the score and every export of the learner).
MIN_POINTS, MAX_POINTS = 0.01, 1_000
# A bank's own topics (Moodle categories made topics by `tutor bank import`): more would be no topics at all.
MAX_TOPICS = 200


def _f(name: str, kind: Any, required: bool = True, max_items: int | None = None) -> Field:
    return Field(name, kind, required, max_items=max_items)


# A course topic, or one the bank declares under `topics` (an id either way; the bank file is checked whole).
_TOPIC = Field("topic", "id", description="One of the course's topics (" + ", ".join(TOPICS)
               + ") or one the bank declares under 'topics'.")

QUIZ_SPEC = Spec(
    root="bank",
    objects={
        "bank": [
            _f("bank", "id"), _f("lang", ("enum", LANGS)), _f("module", "id"), _f("title", "str"),
            _f("pass_mark", "number", False), _f("exam_clock", ("enum", EXAM_CLOCKS), False),
            _f("generators", ("list", ("object", "generator")), False),
            _f("topics", ("list", ("object", "topic")), False, max_items=MAX_TOPICS),
            _f("questions", ("list", ("object", "question")), max_items=MAX_QUESTIONS),
        ],
        "generator": [_f("name", "str"), _f("count", "int")],
        "topic": [_f("id", "id"), _f("title", "text")],
        "option": [
            _f("id", "id"), _f("text", "text"), _f("correct", "bool", False),
            _f("feedback", "str", False), _f("credit", "number", False),
        ],
        "item": [_f("id", "id"), _f("text", "text")],
        "pair": [_f("id", "id"), _f("left", "text"), _f("right", "text")],
        "hint": [_f("text", "str"), _f("cost", "number")],
    },
    variants={
        "question": Variants(
            "type",
            [
                _f("id", "id"), _TOPIC, _f("difficulty", ("enum", DIFFICULTIES)),
                _f("points", "number", False), _f("section", "id", False), _f("prompt", "str"),
                _f("explanation", "str"), _f("hints", ("list", ("object", "hint")), False),
            ],
            {
                "single": [_f("options", ("list", ("object", "option")))],
                "multiple": [_f("options", ("list", ("object", "option")))],
                "truefalse": [_f("answer", "bool")],
                "numeric": [
                    _f("answer", "number"), _f("tolerance", "number", False),
                    _f("relative_tolerance", "number", False), _f("unit", "str", False),
                ],
                "ordering": [_f("items", ("list", ("object", "item")))],
                "matching": [_f("pairs", ("list", ("object", "pair"))), _f("distractors", ("list", "text"), False)],
                "short": [_f("answers", ("list", "text"))],
            },
        )
    },
)
assert tuple(QUIZ_SPEC.variants["question"].by_value) == QUESTION_TYPES


def quiz_json_schema() -> dict[str, Any]:
    """The JSON Schema of a question bank file."""
    return json_schema(QUIZ_SPEC, "tutor question bank", "A question bank in one language (see docs/authoring.md).")


def is_bank(located: Located) -> bool:
    """Whether a YAML file is a question bank (rather than a lesson module)."""
    return isinstance(located.data, dict) and "bank" in located.data


def _question_problems(located: Located, where: tuple[Any, ...], raw: dict[str, Any]) -> list[Problem]:
    """Rules of one structurally valid question that a type system cannot say."""
    problems: list[Problem] = []
    kind = raw["type"]
    points = raw.get("points", 1)

    def flag(path: tuple[Any, ...], message: str) -> None:
        problems.append(located.problem(where + path, message))

    if not MIN_POINTS <= points <= MAX_POINTS:
        flag(("points",), f"points must be between {MIN_POINTS} and {MAX_POINTS:,}")
    hints = raw.get("hints", [])
    if len(hints) > MAX_HINTS:
        flag(("hints",), f"at most {MAX_HINTS} hints per question")
    if any(h["cost"] < 0 for h in hints) or sum(h["cost"] for h in hints) > points:
        flag(("hints",), "hint costs must be positive and add up to at most the question's points")

    def unique(values: Iterable[str], path: tuple[Any, ...], what: str) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                flag(path, f"duplicate {what} {value!r}")
            seen.add(value)

    if kind in ("single", "multiple"):
        options = raw["options"]
        unique((o["id"] for o in options), ("options",), "option id")
        correct = [o for o in options if o.get("correct")]
        if len(options) < 2:
            flag(("options",), "a choice question needs at least two options")
        if kind == "single" and len(correct) != 1:
            flag(("options",), f"a single-choice question needs exactly one correct option (found {len(correct)})")
        if kind == "multiple" and not correct:
            flag(("options",), "a multiple-choice question needs at least one correct option")
        for index, option in enumerate(options):
            credit = option.get("credit")
            if credit is not None and (kind == "single" or not -1 <= credit <= 1):
                flag(("options", index, "credit"), "credit is for multiple choice, between -1 and 1")
    elif kind == "numeric":
        tolerance, relative = raw.get("tolerance"), raw.get("relative_tolerance")
        if (tolerance is None) == (relative is None):
            flag((), "a numeric question needs exactly one of 'tolerance' or 'relative_tolerance'")
        elif tolerance is not None and (tolerance < 0 or (raw["answer"] and tolerance >= abs(raw["answer"]))):
            flag(("tolerance",), "tolerance must be at least 0 and smaller than the answer itself")
        elif relative is not None and not 0 <= relative < 0.5:
            flag(("relative_tolerance",), "relative_tolerance is a fraction between 0 and 0.5")
        if not math.isfinite(raw["answer"]):
            flag(("answer",), "the answer must be a finite number")
    elif kind == "ordering":
        unique((i["id"] for i in raw["items"]), ("items",), "item id")
        if len(raw["items"]) < 2:
            flag(("items",), "an ordering question needs at least two items")
    elif kind == "matching":
        unique((p["id"] for p in raw["pairs"]), ("pairs",), "pair id")
        rights = [normalize_text(str(p["right"])) for p in raw["pairs"]]
        rights += [normalize_text(str(d)) for d in raw.get("distractors", [])]
        unique(rights, ("pairs",), "right-hand text")
        if len(raw["pairs"]) < 2:
            flag(("pairs",), "a matching question needs at least two pairs")
    elif kind == "short":
        if not any(normalize_text(str(a)) for a in raw["answers"]):
            flag(("answers",), "a short-answer question needs a non-empty accepted answer")
    return problems


def check_bank_file(located: Located, course: Course, generator_names: Iterable[str]) -> list[Problem]:
    """Every problem of one bank file taken alone (structure, then rules, then links to lessons)."""
    problems = check_object(located, (), located.data, "bank", QUIZ_SPEC)
    if problems:
        return problems
    raw = located.data
    known_generators = set(generator_names)
    for index, request in enumerate(raw.get("generators", [])):
        if request["name"] not in known_generators:
            problems.append(located.problem(
                ("generators", index, "name"),
                f"unknown generator {request['name']!r} ({', '.join(sorted(known_generators))})",
            ))
        if not 1 <= request["count"] <= 100:
            problems.append(located.problem(("generators", index, "count"), "count must be between 1 and 100"))
    pass_mark = raw.get("pass_mark", DEFAULT_PASS_MARK)
    if not 0 < pass_mark <= 100:
        problems.append(located.problem(("pass_mark",), "pass_mark is a percentage between 0 and 100"))
    module = course.module(raw["module"], raw["lang"])
    if module is None:
        problems.append(located.problem(("module",), f"unknown lesson module {raw['module']!r}"))
    sections = {s.id for s in module.sections} if module else set()
    problems += _topic_problems(located, raw)
    topics = set(TOPICS) | {topic["id"] for topic in raw.get("topics", [])}
    seen: dict[str, int] = {}
    for index, question in enumerate(raw["questions"]):
        where = ("questions", index)
        if question["id"] in seen:
            first = located.mark(("questions", seen[question["id"]], "id")).line
            problems.append(located.problem(where + ("id",),
                                            f"duplicate question id {question['id']!r} (first at line {first})"))
        seen.setdefault(question["id"], index)
        if question["topic"] not in topics:
            problems.append(located.problem(where + ("topic",), f"unknown topic {question['topic']!r}: one of the "
                                            f"course's ({', '.join(TOPICS)}) or one declared under 'topics'"))
        if module is not None and "section" in question and question["section"] not in sections:
            problems.append(located.problem(where + ("section",),
                                            f"no section {question['section']!r} in module {module.id!r}"))
        problems += _question_problems(located, where, question)
    return problems


def _topic_problems(located: Located, raw: dict[str, Any]) -> list[Problem]:
    """A bank's own topics: ids unique, none taken from the course (its name would hide the bank's title)."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, topic in enumerate(raw.get("topics", [])):
        if topic["id"] in TOPICS:
            problems.append(located.problem(("topics", index, "id"),
                                            f"{topic['id']!r} is a course topic: use it without declaring it"))
        elif topic["id"] in seen:
            problems.append(located.problem(("topics", index, "id"), f"duplicate topic id {topic['id']!r}"))
        seen.add(topic["id"])
    return problems


def build_bank(located: Located) -> Bank:
    """Turn a checked bank file into a `Bank`."""
    raw = located.data
    questions = tuple(_build_question(q, raw["module"]) for q in raw["questions"])
    return Bank(
        id=raw["bank"], lang=raw["lang"], module=raw["module"], title=raw["title"], questions=questions,
        pass_mark=float(raw.get("pass_mark", DEFAULT_PASS_MARK)),
        exam_clock=str(raw.get("exam_clock", EXAM_CLOCKS[0])),
        generators=tuple(GeneratorRequest(g["name"], g["count"]) for g in raw.get("generators", [])),
        source=located.path, topics=tuple(Topic(t["id"], str(t["title"]).strip()) for t in raw.get("topics", [])),
    )


def _build_question(raw: dict[str, Any], module: str) -> Question:
    kind = raw["type"]
    answer: Any = raw.get("answer")  # its type depends on the kind (checked by the schema)
    return Question(
        id=raw["id"], type=kind, topic=raw["topic"], difficulty=raw["difficulty"],
        prompt=raw["prompt"].strip(), explanation=raw["explanation"].strip(), section=raw.get("section", ""),
        module=module, points=float(raw.get("points", 1)),
        hints=tuple(Hint(h["text"].strip(), float(h["cost"])) for h in raw.get("hints", [])),
        options=tuple(
            Option(str(o["id"]), str(o["text"]).strip(), bool(o.get("correct", False)), o.get("feedback"),
                   None if o.get("credit") is None else float(o["credit"]))
            for o in raw.get("options", [])
        ),
        answer=float(answer) if kind == "numeric" else answer,
        tolerance=None if raw.get("tolerance") is None else float(raw["tolerance"]),
        relative_tolerance=None if raw.get("relative_tolerance") is None else float(raw["relative_tolerance"]),
        unit=raw.get("unit"),
        items=tuple(Item(i["id"], str(i["text"]).strip()) for i in raw.get("items", [])),
        pairs=tuple(Pair(p["id"], str(p["left"]).strip(), str(p["right"]).strip()) for p in raw.get("pairs", [])),
        distractors=tuple(str(d).strip() for d in raw.get("distractors", [])),
        answers=tuple(str(a).strip() for a in raw.get("answers", [])),
    )


def _shape(question: Question) -> tuple[Any, ...]:
    """What both languages of a question must share (everything but the wording)."""
    return (
        question.type, question.topic, question.difficulty, question.points, question.section,
        tuple((o.id, o.correct, o.credit) for o in question.options),
        question.answer if question.type in ("numeric", "truefalse") else None,
        question.tolerance, question.relative_tolerance,
        tuple(i.id for i in question.items), tuple(p.id for p in question.pairs),
        len(question.distractors), len(question.hints), tuple(h.cost for h in question.hints),
    )


def translation_problems(library: QuizLibrary, located: dict[tuple[str, str], Located],
                         bilingual: Callable[[Bank], bool] = lambda bank: True) -> list[Problem]:
    """Banks missing a language, and questions whose two languages differ in anything but wording.

    A bank for which `bilingual` is False may exist in one language only (an instructor's bank,
    imported from Moodle in the language it was written in); when both exist they must match."""
    problems: list[Problem] = []
    for (bank_id, lang), bank in library.banks.items():
        source = located[(bank_id, lang)]
        other_lang = "en" if lang == "fr" else "fr"
        other = library.banks.get((bank_id, other_lang))
        if other is None and not bilingual(bank):
            continue
        if other is None:
            problems.append(source.problem(("bank",), f"bank {bank_id!r} has no {other_lang} version"))
            continue
        theirs = {q.id: q for q in other.questions}
        if bank.generators != other.generators or bank.pass_mark != other.pass_mark:
            problems.append(source.problem(("bank",), f"generators and pass_mark must match the {other_lang} "
                                                      f"version in {other.source}"))
        for index, question in enumerate(bank.questions):
            counterpart = theirs.get(question.id)
            if counterpart is None:
                problems.append(source.problem(("questions", index), f"question {question.id!r} has no {other_lang} "
                                                                     f"translation in {other.source}"))
            elif _shape(question) != _shape(counterpart):
                problems.append(source.problem(
                    ("questions", index),
                    f"question {question.id!r} differs from its {other_lang} translation in {other.source} "
                    "(type, topic, points, section, option ids and keys, answer, items, pairs and hints must match)",
                ))
    return problems


def question_problems(question: dict[str, Any]) -> list[str]:
    """What `tutor validate` says of one question taken alone (its structure, then its rules), as messages.

    For questions made outside a bank file (`tutor bank import`): the section and the topic are checked
    against the module and the bank later, with the whole file."""
    located = Located("question", question)
    problems = check_object(located, (), question, "question", QUIZ_SPEC)
    if not problems:
        problems = _question_problems(located, (), question)
    return [problem.message for problem in problems]
