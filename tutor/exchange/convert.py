"""Between a Moodle file's questions and a tutor bank: ids, topics, tags, tutor's rules, samples.

Import: `to_bank` turns the `Foreign` questions a reader returns into the data of a bank YAML file
that `tutor validate` accepts — each question gets an id (Moodle's ID number when it is a valid id,
else one made from its name), a topic (its category: a course topic when the category names one, else
a topic the bank declares under `topics:`), a difficulty and a section (from the tags tutor's export
writes), and is checked with the validator's own rules; a question they refuse is left out with the
validator's reason in the report. Export: `outgoing` lists a bank's questions for a writer, with each
generator's questions drawn from fixed seeds (Moodle cannot run tutor's generators).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tutor.exchange.model import TAG_DIFFICULTY, TAG_SECTION, TAG_TOPIC, Foreign, Note, Outgoing
from tutor.i18n.catalogue import t
from tutor.quiz.grading import fold_text
from tutor.quiz.model import DIFFICULTIES, TOPICS, Bank, Question
from tutor.safety import clean_text

#: GIFT has no units: its writer keeps a numeric question's unit in this tag (see tutor.exchange.gift_write).
TAG_UNIT = "unit:"
#: The topic of questions outside any category (a GIFT file without `$CATEGORY`).
GENERAL_TOPIC = "general"
DEFAULT_DIFFICULTY = "medium"
_MAX_ID = 60
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Category path segments that name no topic: Moodle's context markers and its root category.
_CONTEXTS = frozenset({"$course$", "$system$", "$module$", "$cat1$", "$coursecategory$", "top"})
_FIELD_ORDER = ("id", "type", "topic", "difficulty", "points", "section", "prompt", "options", "answer",
                "tolerance", "relative_tolerance", "unit", "items", "pairs", "distractors", "answers", "hints",
                "explanation")


def slug(text: str) -> str:
    """`text` as a tutor id: lowercase ASCII letters, digits and single hyphens (may be empty)."""
    folded = fold_text(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:_MAX_ID].strip("-")


def category_segments(category: str | None) -> list[str]:
    """The named levels of a Moodle category path (`$course$/top/A/B` → [A, B]; `//` is a slash in a name)."""
    if not category:
        return []
    parts = [part.replace("\0", "/").strip() for part in category.replace("//", "\0").split("/")]
    return [part for part in parts if part and part.lower() not in _CONTEXTS]


def _tag(tags: Iterable[str], prefix: str) -> str | None:
    """The value of the first tag `prefix…`, if any."""
    return next((tag[len(prefix):].strip() for tag in tags if tag.startswith(prefix)), None)


@dataclass
class ImportedBank:
    """The bank made from a file: its YAML data, and the report of what was left out or changed."""

    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many questions the bank holds."""
        return len(self.data["questions"])


class _Topics:
    """Categories made into topics: a course topic when the category names one, else a declared one."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.declared: dict[str, str] = {}  # id → title, in the order met
        self.course = {fold_text(name): topic for topic in TOPICS
                       for name in (topic, t(f"topic.{topic}", "fr"), t(f"topic.{topic}", "en"))}

    def topic(self, question: Foreign) -> str:
        segments = category_segments(question.category)
        title = segments[-1] if segments else t("exchange.topic.general", self.lang)
        tagged = _tag(question.tags, TAG_TOPIC)
        if tagged in TOPICS:
            return tagged
        course = self.course.get(fold_text(title))
        if course is not None and not tagged:
            return course
        topic = slug(tagged or "") or (slug(title) if segments else GENERAL_TOPIC) or GENERAL_TOPIC
        if topic in TOPICS:  # a category named like a course topic's id but meant otherwise: keep it apart
            topic = f"{topic}-{self.lang}"
        self.declared.setdefault(topic, title)
        return topic


def _unique(wanted: str, taken: set[str], position: int) -> str:
    base = wanted or f"q{position}"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:_MAX_ID - 4]}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _clean(value: Any) -> Any:
    """Every text of a question's fields without terminal controls (U+FFFD instead), as content requires."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def _fit_hints(question: Foreign, fields: dict[str, Any], notes: list[Note]) -> None:
    """Keep tutor's limits on hints (at most two, costing at most the question's points), saying so."""
    from tutor.quiz.bank import MAX_HINTS

    hints = fields.get("hints")
    if not hints:
        fields.pop("hints", None)
        return
    if len(hints) > MAX_HINTS:
        notes.append(Note(question.position, question.name, "exchange.note.hints_cut",
                          {"count": len(hints), "kept": MAX_HINTS}, question.line))
        hints = hints[:MAX_HINTS]
    total = sum(float(h["cost"]) for h in hints)
    points = float(fields.get("points", 1))
    if total > points:
        notes.append(Note(question.position, question.name, "exchange.note.hint_costs_lowered", {}, question.line))
        hints = [{"text": h["text"], "cost": round(points / len(hints), 6)} for h in hints]
    fields["hints"] = hints


def to_bank(foreign: Sequence[Foreign], *, bank_id: str, lang: str, module: str, title: str,
            sections: Collection[str]) -> ImportedBank:
    """The bank YAML data for `foreign` questions, and the notes on what could not be kept.

    `sections` are the module's section ids: a question whose `section:` tag names one cites it.
    """
    from tutor.quiz.bank import question_problems

    topics = _Topics(lang)
    taken: set[str] = set()
    questions: list[dict[str, Any]] = []
    notes: list[Note] = []
    for question in foreign:
        fields = _clean(dict(question.fields))
        if fields != question.fields:
            notes.append(Note(question.position, question.name, "exchange.note.controls", {}, question.line))
        _fit_hints(question, fields, notes)
        if not str(fields.get("explanation") or "").strip():  # Moodle's general feedback is optional, tutor's is not
            fields["explanation"] = t("exchange.explanation.none", lang)
            notes.append(Note(question.position, question.name, "exchange.note.no_explanation", {}, question.line))
        unit = _tag(question.tags, TAG_UNIT)
        if unit and fields.get("type") == "numeric" and "unit" not in fields:
            fields["unit"] = unit
        difficulty = _tag(question.tags, TAG_DIFFICULTY)
        section = _tag(question.tags, TAG_SECTION)
        candidate: dict[str, Any] = {
            "id": "", "topic": topics.topic(question),
            "difficulty": difficulty if difficulty in DIFFICULTIES else DEFAULT_DIFFICULTY, **fields,
        }
        if section in sections:
            candidate["section"] = section
        elif section:
            notes.append(Note(question.position, question.name, "exchange.note.unknown_section",
                              {"section": section, "module": module}, question.line))
        idnumber = question.idnumber or ""
        wanted = idnumber if _ID.fullmatch(idnumber) and len(idnumber) <= _MAX_ID else slug(idnumber or question.name)
        candidate["id"] = _unique(wanted, taken, question.position)
        problems = question_problems(candidate)
        if problems:
            taken.discard(candidate["id"])
            notes.append(Note(question.position, question.name, "exchange.note.refused",
                              {"reason": "; ".join(problems)}, question.line, dropped=True))
            continue
        questions.append({key: candidate[key] for key in _FIELD_ORDER if key in candidate})
    used = {q["topic"] for q in questions}
    data: dict[str, Any] = {"bank": bank_id, "lang": lang, "module": module, "title": title}
    declared = [{"id": topic, "title": name} for topic, name in topics.declared.items() if topic in used]
    if declared:
        data["topics"] = declared
    data["questions"] = questions
    return ImportedBank(data, notes)


def bank_yaml_text(data: dict[str, Any], source: str) -> str:
    """A bank file's text: a comment saying where it comes from, then the YAML."""
    import yaml

    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    header = f"# Imported from {clean_text(name)!r} by `tutor bank import`; check it with `tutor validate`.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def topic_title(bank: Bank, topic: str, lang: str) -> str:
    """A topic's name as a Moodle category: the bank's own title for it, else the course's name."""
    own = {entry.id: entry.title for entry in bank.topics}
    return own.get(topic) or (t(f"topic.{topic}", lang) if topic in TOPICS else topic)


def _outgoing(position: int, question: Question, name: str, bank: Bank, lang: str) -> Outgoing:
    # Moodle writes a slash inside a category's name as `//`.
    levels = (bank.title, topic_title(bank, question.topic, lang))
    category = "$course$/top/" + "/".join(level.replace("/", "//") for level in levels)
    tags = [f"{TAG_DIFFICULTY}{question.difficulty}", f"{TAG_TOPIC}{question.topic}"]
    if question.section:
        tags.insert(1, f"{TAG_SECTION}{question.section}")
    return Outgoing(position, question, name, category, tuple(tags))


def outgoing(bank: Bank, lang: str, generated: int) -> list[Outgoing]:
    """The questions of `bank` as writers take them: the written ones, then `generated` instances of
    each generator the bank asks for, drawn from the seeds 1…`generated` (the same file every time)."""
    from tutor.quiz.generators import generate

    # Grouped by topic (the course's order, then the bank's own), since a writer starts a category per change.
    ordered = sorted(bank.questions,
                     key=lambda q: (TOPICS.index(q.topic), "") if q.topic in TOPICS else (len(TOPICS), q.topic))
    result = [_outgoing(index, question, question.id, bank, lang) for index, question in enumerate(ordered, 1)]
    for request in bank.generators:
        for seed in range(1, generated + 1):
            question = generate(request.name, seed, lang, bank.module)
            result.append(_outgoing(len(result) + 1, question, f"{request.name}-{seed}", bank, lang))
    return result
