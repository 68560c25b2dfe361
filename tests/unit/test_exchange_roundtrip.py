"""The shipped bank → Moodle XML (or GIFT) → a tutor bank again: the same questions, ids aside.

Every question of both languages (and a sample of every generator) is written, read back, made into a
bank file by `to_bank`, loaded by the same loader as `tutor validate`, and compared with the original
field by field. Option, item and pair ids are Moodle's to lose ("ids aside"); a relative tolerance comes
back as the same absolute range. Any other difference must be one the writer reported for that question
(GIFT has no hints and no ordering; Moodle's one penalty cannot say two different hint costs).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from tutor.exchange.common import absolute_tolerance
from tutor.exchange.convert import bank_yaml_text, outgoing, to_bank
from tutor.exchange.gift_read import read_gift
from tutor.exchange.gift_write import write_gift
from tutor.exchange.model import Note
from tutor.exchange.moodle_xml import read_moodle_xml, write_moodle_xml
from tutor.loader import builtin_dir, builtin_paths, load_content
from tutor.quiz.model import Bank, Question

SHIPPED = load_content(builtin_paths())


def comparable(question: Question) -> dict[str, Any]:
    """What must survive the trip: everything but ids of options, items and pairs, and the tolerance's form."""
    fields = dataclasses.asdict(question)
    for name in ("id", "generator", "module"):
        fields.pop(name)
    fields["options"] = [(o.text, o.correct, o.feedback, None if o.credit is None else round(o.credit, 4))
                         for o in question.options]
    fields["items"] = [i.text for i in question.items]
    fields["pairs"] = [(p.left, p.right) for p in question.pairs]
    if question.type == "numeric":
        fields["tolerance"] = round(absolute_tolerance(question), 9)
        fields["relative_tolerance"] = None
        fields["answer"] = float(question.answer)
    fields["hints"] = [(h.text, round(h.cost, 6)) for h in question.hints]
    return fields


def round_trip(bank: Bank, fmt: str, tmp_path: Path, generated: int = 2) -> tuple[dict[str, Question], list[Note]]:
    """The bank written in `fmt`, read back, saved as a bank file and loaded: its questions by id, and the notes."""
    questions = outgoing(bank, bank.lang, generated)
    if fmt == "gift":
        text, notes = write_gift(questions)
        foreign, read_notes = read_gift(text, "bank.gift")
    else:
        text, notes = write_moodle_xml(questions)
        foreign, read_notes = read_moodle_xml(text.encode("utf-8"), "bank.xml")
    module = SHIPPED.course.module(bank.module, bank.lang)
    assert module is not None
    imported = to_bank(foreign, bank_id="again", lang=bank.lang, module=bank.module, title=bank.title,
                       sections={s.id for s in module.sections})
    target = tmp_path / f"again.{bank.lang}.yaml"
    target.write_text(bank_yaml_text(imported.data, "bank"), encoding="utf-8")
    loaded = load_content([builtin_dir("lessons"), target])
    assert not loaded.problems, loaded.problems[:5]
    again = loaded.quizzes.banks[("again", bank.lang)]
    return {q.id: q for q in again.questions}, [*notes, *read_notes, *imported.notes]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("fmt", ["moodle-xml", "gift"])
def test_every_shipped_question_comes_back(fmt: str, lang: str, tmp_path: Path) -> None:
    bank = SHIPPED.quizzes.banks[("fine-tuning", lang)]
    again, notes = round_trip(bank, fmt, tmp_path)
    noted = {note.name for note in notes}
    sent = outgoing(bank, lang, 2)
    assert len(sent) == len(bank.questions) + 2 * len(bank.generators)
    dropped = {note.name for note in notes if note.dropped}
    for item in sent:
        if item.name in dropped:
            assert item.name not in again
            continue
        assert item.name in again, f"{item.name} lost without a note"
        before, after = comparable(item.question), comparable(again[item.name])
        if before != after:
            assert item.name in noted, {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            differing = {k for k in before if before[k] != after[k]}
            assert differing <= {"hints"}, (item.name, differing)
    # What each format cannot carry is reported, and only that.
    if fmt == "gift":
        assert dropped == {q.id for q in bank.questions if q.type == "ordering"}
    else:
        assert not dropped
        assert len(again) == len(sent)


@pytest.mark.parametrize("fmt", ["moodle-xml", "gift"])
def test_a_second_trip_writes_the_same_file(fmt: str, tmp_path: Path) -> None:
    """Written, read back and written again: the same file, so nothing drifts from trip to trip."""
    bank = SHIPPED.quizzes.banks[("fine-tuning", "fr")]
    if fmt == "gift":  # GIFT has no ordering questions: the second trip starts without them
        bank = dataclasses.replace(bank, questions=tuple(q for q in bank.questions if q.type != "ordering"))
    writer = write_gift if fmt == "gift" else write_moodle_xml
    first, _ = writer(outgoing(bank, "fr", 0))
    again, _ = round_trip(bank, fmt, tmp_path, generated=0)
    rebuilt = dataclasses.replace(bank, questions=tuple(again[q.id] for q in bank.questions))
    second, _ = writer(outgoing(rebuilt, "fr", 0))
    assert second == first
