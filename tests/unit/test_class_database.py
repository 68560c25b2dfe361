"""`tutor class` on a class database (several hosts) and the item analysis in every class view.

The database tests use a real PostgreSQL server (tests/pg_server.py: skipped with the reason when it
is not installed, except under TUTOR_REQUIRE_PG=1 as in CI). The item analysis tests need no server:
the class view's discrimination and flags must equal tutor.quiz.item_analysis on the same attempts.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from tests.pg_server import new_learner
from tests.unit.test_class_core import NOW, attempt, snapshot
from tutor.classroom.database import DatabaseReader, database_changes, is_database_url, shown_url
from tutor.classroom.model import build_view
from tutor.classroom.reading import parse_snapshot
from tutor.cli import main
from tutor.quiz.item_analysis import ScoredAttempt, analyse
from tutor.store.postgres import ReplicatedStore, open_replicated


def opened(path: Path, url: str) -> ReplicatedStore:
    store, notice = open_replicated(path, url, "en")
    assert notice is None, notice.message
    return store


def quiz(store: Any, scores: list[float], *, mode: str = "practice", finish: bool = True) -> int:
    questions = [f"q{i}" for i in range(len(scores))]
    attempt_id = int(store.start_attempt(bank="fine-tuning", module="fine-tuning", kind="quiz", mode=mode, lang="fr",
                                         seed=1, settings={}, question_ids=questions, time_limit=600.0 if mode == "exam"
                                         else None, pass_mark=70.0))
    for question, earned in zip(questions, scores, strict=True):
        store.record_answer(attempt_id, question_id=question, topic="bert", answer="x", earned=earned, max_points=1.0,
                            credit=earned, correct=earned == 1.0, hints=0, seconds=5.0)
    if finish:
        store.finish_attempt(attempt_id, 60.0)
    return attempt_id


# -- item analysis in the class view (no server) ----------------------------------------------------------


def test_the_class_view_gives_moodles_discrimination_and_flags_of_first_finished_attempts() -> None:
    # Four learners, three questions; q0 everyone got right (too easy, discrimination undefined).
    marks = {"ana": [1, 1, 1], "bob": [1, 1, 0], "cyd": [1, 0, 0], "dan": [1, 0, 0]}
    records = []
    for login, scores in marks.items():
        answers = [(f"q{i}", "bert", float(s), 1.0) for i, s in enumerate(scores)]
        later = attempt(f"{login}-2", [(q, t, 1.0, m) for q, t, _, m in answers], started=NOW - 100)
        running = attempt(f"{login}-3", answers[:1], state="open", started=NOW - 50)
        document = snapshot(login, attempts=[attempt(f"{login}-1", answers), later, running])
        records.append(parse_snapshot(json.dumps(document).encode(), login))
    view = build_view(records, NOW)
    expected = analyse([ScoredAttempt(login, {f"q{i}": (float(s), 1.0) for i, s in enumerate(scores)})
                        for login, scores in marks.items()])
    by_id = {item.question_id: item for item in expected.items}
    shown = {question.question_id: question for question in view.questions}
    assert set(shown) == {"q0", "q1", "q2"}
    for question_id, question in shown.items():
        assert question.discrimination == pytest.approx(by_id[question_id].discrimination)
        assert question.flags == by_id[question_id].flags
    assert shown["q0"].discrimination is None and "too-easy" in shown["q0"].flags
    assert shown["q1"].discrimination is not None and shown["q1"].discrimination > 0
    # The facility ranks every answer given, later and running attempts included (the class answers now).
    assert shown["q1"].answers == 8 and shown["q0"].answers == 12


def test_a_database_url_is_told_from_a_directory_and_its_password_never_shown() -> None:
    assert is_database_url("postgresql://teacher@db/tutor") and is_database_url("postgres://x@y/z")
    assert not is_database_url("/srv/class") and not is_database_url("postgresql")
    assert shown_url("postgresql://teacher:s3cret@db.lab:5433/tutor") == "postgresql://teacher:***@db.lab:5433/tutor"
    assert shown_url("postgresql://teacher@db/tutor") == "postgresql://teacher@db/tutor"
    assert "s3cret" not in shown_url("postgresql://teacher:s3cret@db:notaport/tutor")


# -- the class database ------------------------------------------------------------------------------------


def test_tutor_class_reads_the_class_database_as_the_instructor(pg_server: Any, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    alice, alice_url = new_learner(pg_server, prefix="alice")
    bruno, bruno_url = new_learner(pg_server, prefix="bruno")
    _teacher, teacher_url = new_learner(pg_server, "tutor_instructor", prefix="teacher")
    first = opened(tmp_path / "alice" / "a.sqlite3", alice_url)
    second = opened(tmp_path / "bruno" / "b.sqlite3", bruno_url)
    try:
        quiz(first, [1.0, 0.0, 1.0])
        quiz(second, [1.0, 0.0], mode="exam", finish=False)
        assert first.sync() and second.sync()
    finally:
        first.close()
        second.close()

    assert main(["--lang", "en", "class", teacher_url, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    learners = {row["login"]: row for row in document["learners"]}
    assert {alice, bruno} <= set(learners)
    assert learners[alice]["attempts"] == 1 and learners[bruno]["running"] == 1
    running = [row for row in document["running"] if row["login"] == bruno]
    assert running and running[0]["mode"] == "exam" and running[0]["answered"] == 2 and running[0]["total"] == 2
    bert = next(row for row in document["topics"] if row["topic"] == "bert")
    assert bert["earned"] >= 3.0 and bert["max_points"] >= 5.0
    assert {"q0", "q1", "q2"} <= {row["question_id"] for row in document["questions"]}

    assert main(["--lang", "en", "class", teacher_url, "--format", "csv"]) == 0
    assert f"mastery,{alice}," in capsys.readouterr().out


def test_a_learner_role_sees_only_itself_in_the_class_view(pg_server: Any, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    alice, alice_url = new_learner(pg_server, prefix="alice")
    bruno, bruno_url = new_learner(pg_server, prefix="bruno")
    store = opened(tmp_path / "b.sqlite3", bruno_url)
    try:
        quiz(store, [1.0])
        assert store.sync()
    finally:
        store.close()
    reader = DatabaseReader(alice_url, "en")
    reader.refresh()
    # PostgreSQL shows every role's name to every role (pg_roles), but row-level security gives Alice
    # none of Bruno's rows: his record, read through her role, is empty.
    others = [record for record in reader.learners if record.login == bruno]
    assert all(not record.attempts and not record.topics for record in others)
    own = [record for record in reader.learners if record.login == alice]
    assert own and not own[0].attempts


def test_the_reader_rereads_only_the_learners_who_answered(pg_server: Any, tmp_path: Path) -> None:
    alice, alice_url = new_learner(pg_server, prefix="alice")
    bruno, bruno_url = new_learner(pg_server, prefix="bruno")
    _teacher, teacher_url = new_learner(pg_server, "tutor_instructor", prefix="teacher")
    reader = DatabaseReader(teacher_url, "en")
    assert reader.refresh()
    before = reader.reads
    assert not reader.refresh()  # nothing named, nobody new: nothing read
    assert reader.reads == before
    store = opened(tmp_path / "a.sqlite3", alice_url)
    try:
        quiz(store, [1.0, 1.0])
        assert store.sync()
    finally:
        store.close()
    assert reader.refresh({alice})
    assert reader.reads == before + 1
    record = next(r for r in reader.learners if r.login == alice)
    assert record.topics["bert"].earned == 2.0 and bruno in [r.login for r in reader.learners]


async def test_the_dashboard_hears_each_answer_through_the_database(pg_server: Any, tmp_path: Path) -> None:
    alice, alice_url = new_learner(pg_server, prefix="alice")
    _teacher, teacher_url = new_learner(pg_server, "tutor_instructor", prefix="teacher")
    listening = asyncio.Event()
    changes = database_changes(teacher_url, listening.set, lang="en", quiet=3600)
    waiting = asyncio.ensure_future(anext(changes))
    await asyncio.wait_for(listening.wait(), 60)  # bounds a failure only: the listener is ready when it says so

    def answer() -> None:
        store = opened(tmp_path / "a.sqlite3", alice_url)
        try:
            quiz(store, [1.0])
            assert store.sync()
        finally:
            store.close()

    await asyncio.to_thread(answer)
    heard = await asyncio.wait_for(waiting, 60)
    assert alice in heard
    await changes.aclose()


def test_an_unreachable_class_database_is_one_line_and_exit_2(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://teacher:secret@/tutor?host={tmp_path}"
    assert main(["--lang", "en", "class", url, "--json"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "secret" not in err
