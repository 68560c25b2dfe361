"""Writes the store refuses (read-only database, full disk): kept in order, retried, never a traceback.

The faults are SQLite's own: `PRAGMA query_only` makes the connection refuse every write with
SQLITE_READONLY ("attempt to write a readonly database"), exactly what a read-only file gives (3.20),
and lifting it is one pragma. A full disk (3.24) is the same path with another reason; its words
are checked on SQLite's real error, and `tests/system/test_store_faults_pty.py` fills a real tmpfs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.test_plain_support import FakeClock, content, open_store, run
from tutor.quiz.pending import ANSWER, AttemptWriter, PendingWrites, reason_of
from tutor.quiz.session import QuizSession, QuizSettings, open_exams, settings_to_dict
from tutor.store.sqlite import SQLiteStore

READONLY = "attempt to write a readonly database"


def refuse_writes(store: SQLiteStore, refused: bool = True) -> None:
    """Make the store's connection refuse writes (as a read-only file does), or accept them again."""
    store._db.execute(f"PRAGMA query_only={int(refused)}")  # the fault is SQLite's own


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def single_choice_ids(count: int) -> tuple[str, ...]:
    """Questions answered by typing "1" (single choice), so a test needs no stored attempt to answer."""
    bank = content().quizzes.bank("fine-tuning", "en")
    assert bank is not None
    ids = tuple(q.id for q in bank.questions if q.type == "single")[:count]
    assert len(ids) == count
    return ids


def flat(text: str) -> str:
    """Output with its line wrapping undone."""
    return " ".join(text.split())


def counts(store: SQLiteStore) -> tuple[int, int, int]:
    """(attempts, answers, review cards) in the store."""
    db = store._db
    return tuple(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # type: ignore[return-value]
                 for table in ("attempts", "answers", "review_cards"))


# -- why a write failed ---------------------------------------------------------------------------


def test_the_reason_comes_from_sqlite_itself(store: SQLiteStore) -> None:
    refuse_writes(store)
    with pytest.raises(sqlite3.OperationalError) as refused:
        store.mark_read("m", "s")
    assert str(refused.value) == READONLY and reason_of(refused.value) == "readonly"
    assert reason_of(sqlite3.OperationalError("database or disk is full")) == "full"
    assert reason_of(sqlite3.OperationalError("database is locked")) == "locked"
    assert reason_of(sqlite3.DatabaseError("database disk image is malformed")) == "other"


def test_the_messages_say_what_happened_in_both_languages() -> None:
    pending = PendingWrites(None)
    result = pending.write(lambda _: (_ for _ in ()).throw(sqlite3.OperationalError("database or disk is full")),
                           ANSWER)
    assert not result.saved and result.tell
    assert result.message("en") == ("Your answer could not be saved: the disk is full. It is kept and will be "
                                    "saved as soon as possible.")
    assert result.message("fr") == ("Votre réponse n'a pas pu être enregistrée\u00a0: le disque est plein. Elle est "
                                    "gardée et sera enregistrée dès que possible.")
    assert pending.exit_lines("en", "/x/kim.sqlite3") == [
        "1 answer could not be saved (the disk is full): it is lost.", "Progress database: /x/kim.sqlite3"]


# -- the queue ------------------------------------------------------------------------------------


def test_refused_writes_wait_in_order_and_go_in_once_the_fault_is_lifted(store: SQLiteStore) -> None:
    pending = PendingWrites(store)
    refuse_writes(store)
    first = pending.write(lambda s: s.set_position("m", "one"), key=("position", "m"))
    assert not first.saved and first.first and first.tell and first.reason == "readonly"
    second = pending.write(lambda s: s.mark_read("m", "one"))
    assert not second.saved and not second.first and not second.tell  # said once, not at every write
    pending.write(lambda s: s.set_position("m", "two"), key=("position", "m"))  # replaces "one"
    assert len(pending) == 2 and pending.flush() == 0
    refuse_writes(store, False)
    assert pending.write(lambda s: s.mark_read("m", "two")).saved  # the next write takes the waiting ones in
    assert len(pending) == 0 and pending.reason == ""
    assert store.position("m") == "two" and store.sections_read("m") == {"one", "two"}


def test_an_attempt_refused_at_its_start_is_written_whole_later(store: SQLiteStore) -> None:
    library = content().quizzes
    session = QuizSession.build(library, QuizSettings(bank="fine-tuning", count=3, seed=4, mode="exam"), "en")
    pending = PendingWrites(store)
    refuse_writes(store)
    writer, opened = AttemptWriter.open(pending, library, session)
    assert not opened.saved and writer.attempt.id is None
    for question in session.questions[:2]:
        record = session.submit(question.id, "nonsense", 3.0)
        session.elapsed += 4
        answered = writer.answer(session, record)
        assert not answered.saved and answered.tell and answered.kind == ANSWER
    for _ in range(5):  # the periodic clock save: one waits, never a pile of them
        session.elapsed += 5
        writer.clock(session.elapsed)
    assert pending.count(ANSWER) == 2 and len(pending) == 6  # start, 2 × (answer, review), 1 clock
    assert counts(store) == (0, 0, 0)
    refuse_writes(store, False)
    assert pending.flush() == 6 and writer.saved
    assert writer.attempt.id is not None
    attempt = store.attempt(writer.attempt.id)
    assert attempt is not None and attempt.state == "open" and attempt.elapsed == pytest.approx(33)
    assert [a.question_id for a in attempt.answers] == [q.id for q in session.questions[:2]]
    assert counts(store) == (1, 2, 2)
    assert pending.flush() == 0 and counts(store) == (1, 2, 2)  # nothing written twice


# -- plain mode (probes 3.20, 3.24) ---------------------------------------------------------------


def test_plain_quiz_on_a_read_only_store_goes_on_and_counts_what_is_lost(store: SQLiteStore) -> None:
    refuse_writes(store)
    settings = QuizSettings(bank="fine-tuning", question_ids=single_choice_ids(2), seed=3)
    code, out = run(store, ["1", "1"], quiz=settings)
    out = flat(out)
    assert "Traceback" not in out
    assert out.count("Your answer could not be saved: the progress database is read-only. It is kept") == 2
    assert "Results" in out and "Warning: this quiz is not saved yet" in out
    assert "2 answers could not be saved (the progress database is read-only): they are lost." in out
    assert out.rstrip().endswith("Goodbye.") and "progress is saved" not in out
    assert code == 1
    assert counts(store) == (0, 0, 0)


def test_plain_exam_writes_what_waited_once_the_fault_is_lifted(store: SQLiteStore) -> None:
    settings = QuizSettings(bank="fine-tuning", question_ids=single_choice_ids(3), seed=3, mode="exam")

    def lift() -> str:
        refuse_writes(store, False)
        return "1"

    refuse_writes(store)
    code, out = run(store, ["1", lift, "1"], quiz=settings)
    out = flat(out)
    assert out.count("Your answer could not be saved") == 1 and out.count("Answer recorded.") == 2
    assert code == 0 and out.rstrip().endswith("Goodbye. Your progress is saved.")
    attempt = store.attempts()[0]
    assert attempt.state == "finished" and len(attempt.answers) == 3
    assert counts(store)[:2] == (1, 3)


def test_plain_reader_on_a_read_only_store_says_so_once(store: SQLiteStore) -> None:
    refuse_writes(store)
    code, out = run(store, ["1", "n", "n", "q", "q"])
    out = flat(out)
    assert "Traceback" not in out
    assert out.count("Your progress could not be saved: the progress database is read-only.") == 1
    assert "other changes (clock, reading, reviews) could not be saved" in out
    assert code == 1


# -- the same exam taken again (M14, probe 6.7) ---------------------------------------------------


def test_the_resume_rule_is_the_core_s() -> None:
    exam = QuizSettings(bank="fine-tuning", count=3, seed=5, mode="exam", time_limit=600.0)

    class Row:
        def __init__(self, mode: str, settings: QuizSettings) -> None:
            self.mode, self.settings = mode, settings_to_dict(settings)

    same, other, practice = Row("exam", exam), Row("exam", QuizSettings(count=4, mode="exam")), Row("practice", exam)
    assert open_exams(exam, lambda: [other, same, practice]) == [same]
    assert open_exams(QuizSettings(count=3, seed=5), lambda: [same]) == []  # practice never resumes so


def test_plain_exam_taken_again_continues_its_attempt_and_clock(store: SQLiteStore) -> None:
    clock = FakeClock()
    settings = QuizSettings(bank="fine-tuning", question_ids=single_choice_ids(3), seed=3, mode="exam",
                            time_limit=600.0)

    def later() -> None:
        clock.now += 20

    code, out = run(store, ["1"], clock=clock, on_read=later, quiz=settings)  # then the link drops
    assert code == 0
    first = store.open_attempts()
    assert len(first) == 1 and len(first[0].answers) == 1 and first[0].elapsed == pytest.approx(40)
    code, out = run(store, ["1"], clock=clock, on_read=later, quiz=settings)
    out = flat(out)
    assert "This exam was already started: it continues where it stopped, with the same clock." in out
    assert "Exam resumed: 1 of 3 already answered, 09:20 left." in out
    assert "Question 2/3" in out and "Question 1/3" not in out
    again = store.open_attempts()
    assert len(again) == 1 and again[0].id == first[0].id and len(again[0].answers) == 2
    assert len(store.attempts()) == 1
