"""The class database (PostgreSQL): nothing lost when the server dies mid-quiz, nothing duplicated by a
replay, no learner reading another's rows, resume on a second host, the instructor's reads, `tutor db`.

A real server from Debian's packages (tests/pg_server.py); skipped with the reason when it is not
installed, except under TUTOR_REQUIRE_PG=1 (CI).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pg_server import PgServer, new_learner, server_rows_match
from tests.unit.test_plain_support import content
from tutor.cli import main
from tutor.quiz.pending import AttemptWriter, PendingWrites
from tutor.quiz.session import QuizSession, QuizSettings
from tutor.store import configured_url, open_store, outbox
from tutor.store.interface import StoreError
from tutor.store.outbox import TABLES
from tutor.store.postgres import ReplicatedStore, open_replicated

Learner = Callable[..., tuple[str, str]]


def start(store: Any, module: str = "m", questions: int = 3) -> int:
    return int(store.start_attempt(bank="b", module=module, kind="quiz", mode="practice", lang="en", seed=1,
                                   settings={}, question_ids=[f"q{i}" for i in range(questions)], time_limit=None,
                                   pass_mark=70.0))


def answer(store: Any, attempt: int, question: str, right: bool = False, hints: int = 0) -> None:
    store.record_answer(attempt, question_id=question, topic="t", answer="x", earned=float(right), max_points=1.0,
                        credit=float(right), correct=right, hints=hints, seconds=1.0)


def server_answers(server: PgServer, login: str) -> list[tuple[str, str]]:
    with server.admin() as connection:
        rows = connection.execute("SELECT attempt_uuid, question_id FROM tutor.answers WHERE learner = %s"
                                  " ORDER BY answered_at", (login,)).fetchall()
    return [(str(a), str(q)) for a, q in rows]


def opened(path: Path, url: str) -> ReplicatedStore:
    store, notice = open_replicated(path, url, "en")
    assert notice is None, notice.message
    store.review_fuzz = False
    return store


@pytest.fixture
def private_server() -> Iterator[PgServer]:
    """A server of the test's own, which it may kill."""
    server = PgServer()
    yield server
    server.stop()


# -- a server killed during a quiz ------------------------------------------------------------------


def test_killing_the_server_during_a_quiz_loses_and_duplicates_nothing(private_server: PgServer,
                                                                       tmp_path: Path) -> None:
    login, url = new_learner(private_server)
    store = opened(tmp_path / "kim.sqlite3", url)
    library = content().quizzes
    session = QuizSession.build(library, QuizSettings(bank="fine-tuning", count=8, seed=4, mode="exam"), "en")
    pending = PendingWrites(store)
    writer, started = AttemptWriter.open(pending, library, session)
    assert started.saved
    questions = session.questions
    for question in questions[:3]:  # the background thread may be sending any of these when the server dies
        assert writer.answer(session, session.submit(question.id, "1", 2.0)).saved

    private_server.kill()
    for question in questions[3:6]:  # the learner goes on: every answer is saved (locally) at once
        assert writer.answer(session, session.submit(question.id, "1", 2.0)).saved
    assert writer.saved and len(pending) == 0
    assert not store.sync() and store.replication_error() != ""  # the server is gone …
    assert store.pending_changes() > 0  # … and the changes wait in the cache's outbox

    private_server.start()
    for question in questions[6:]:
        assert writer.answer(session, session.submit(question.id, "1", 2.0)).saved
    assert writer.finish(session.elapsed).saved
    store.close()  # the end of the session sends what is left

    with private_server.admin() as connection:
        attempt = connection.execute("SELECT uuid, state FROM tutor.attempts WHERE learner = %s",
                                     (login,)).fetchall()
    [(uuid, state)] = attempt
    assert state == "finished"
    rows = server_answers(private_server, login)
    assert rows == [(uuid, q.id) for q in questions]  # every answer, once each, in the order given
    elsewhere = opened(tmp_path / "another-host" / "kim.sqlite3", url)
    assert [a.question_id for a in elsewhere.attempts()[0].answers] == [q.id for q in questions]
    elsewhere.close()


def test_a_replayed_outbox_changes_nothing_on_the_server(pg_server: PgServer, pg_learner: Learner,
                                                         tmp_path: Path) -> None:
    """A crash between the server's commit and the local forget sends a batch twice: harmless."""
    login, url = pg_learner()
    store = opened(tmp_path / "me.sqlite3", url)
    attempt = start(store)
    store.record_hints(attempt, "q0", 2)
    answer(store, attempt, "q0", hints=2)
    store.after_answer("q0", False, 0.0, 2)
    store.schedule_review("q0", 1)
    store.mark_read("m", "s")
    store.set_position("m", "s")
    store.save_config("c", "estimate", {"x": 1})
    assert store.sync()
    # Every change the store made, queued again: what a crash between the server's commit and the
    # local forget would send a second time (built from the rows, not read from the queue, which
    # the background thread may have emptied already).
    queued = [(table.name, "upsert", json.dumps(dict(zip(table.key, row, strict=False))))
              for table in TABLES for row in outbox.local_rows(store._db)[table.name]]
    assert len(queued) == 7  # one row in each table
    with pg_server.admin() as connection:
        before = connection.execute("SELECT (SELECT count(*) FROM tutor.answers), (SELECT reviews FROM"
                                    " tutor.review_cards WHERE learner = %s), (SELECT hints FROM tutor.attempt_hints"
                                    " WHERE learner = %s)", (login, login)).fetchone()
    store._db.executemany("INSERT INTO outbox (tbl, op, key) VALUES (?, ?, ?)", queued)  # the replay
    assert store.sync() and store.pending_changes() == 0
    with pg_server.admin() as connection:
        after = connection.execute("SELECT (SELECT count(*) FROM tutor.answers), (SELECT reviews FROM"
                                   " tutor.review_cards WHERE learner = %s), (SELECT hints FROM tutor.attempt_hints"
                                   " WHERE learner = %s)", (login, login)).fetchone()
    assert after == before and before[1] == 2 and before[2] == 2
    server_rows_match(store, url, tmp_path / "check")
    store.close()


def test_an_answer_the_server_refuses_for_good_is_kept_aside_not_lost(pg_learner: Learner, tmp_path: Path) -> None:
    """Host B resets the module while host A, not refreshed, still answers in it: A's answer has no
    attempt on the server any more. It is kept in the cache (outbox_rejected); the rest goes on."""
    _login, url = pg_learner()
    host_a = opened(tmp_path / "a" / "me.sqlite3", url)
    attempt = start(host_a)
    assert host_a.sync()
    host_b = opened(tmp_path / "b" / "me.sqlite3", url)
    host_b.reset_module("m")
    assert host_b.sync()
    answer(host_a, attempt, "q0")
    host_a.mark_read("other", "s")
    assert host_a.sync() and host_a.pending_changes() == 0
    assert host_a.rejected_changes() == 1
    [(table, reason)] = host_a._db.execute("SELECT tbl, reason FROM outbox_rejected").fetchall()
    assert table == "answers" and "foreign key" in reason
    host_b.close()
    fresh = opened(tmp_path / "c" / "me.sqlite3", url)
    assert fresh.attempts() == [] and fresh.sections_read("other") == {"s"}
    fresh.close()
    host_a.close()


# -- several hosts -----------------------------------------------------------------------------------


def test_a_quiz_started_on_one_host_resumes_on_another(pg_learner: Learner, tmp_path: Path) -> None:
    _login, url = pg_learner()
    first = opened(tmp_path / "host1" / "me.sqlite3", url)
    start(first, questions=2)  # another attempt first: local ids differ from one host to the other
    attempt = start(first, questions=3)
    answer(first, attempt, "q0", right=True)
    first.record_hints(attempt, "q1", 1)
    first.update_elapsed(attempt, 42.0)
    first.set_position("m", "s3")
    first.close()

    second = opened(tmp_path / "host2" / "me.sqlite3", url)
    resumed = [a for a in second.open_attempts() if len(a.question_ids) == 3][0]
    assert [a.question_id for a in resumed.answers] == ["q0"] and resumed.hints == {"q1": 1}
    assert resumed.elapsed == 42.0 and second.position("m") == "s3" and second.last_module() == "m"
    answer(second, resumed.id, "q1")
    answer(second, resumed.id, "q2")
    second.finish_attempt(resumed.id, 60.0)
    second.close()

    back = opened(tmp_path / "host1" / "me.sqlite3", url)  # the first host again: refreshed at open
    done = back.attempt(attempt)  # the same local id as before
    assert done is not None and done.state == "finished" and [a.question_id for a in done.answers] == [
        "q0", "q1", "q2"]
    back.close()


def test_an_unreachable_server_is_told_and_the_learner_works_on(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/tutor?host={tmp_path}"  # no server listens there
    store, notice = open_replicated(tmp_path / "me.sqlite3", url, "en")
    assert notice is not None and "not answering" in notice.message and "kept on this computer" in notice.message
    store.mark_read("m", "s")
    assert store.sections_read("m") == {"s"} and store.pending_changes() == 1
    store.close()
    store, notice = open_replicated(tmp_path / "me.sqlite3", url, "fr")  # still queued after a restart
    assert notice is not None and "ne répond pas" in notice.message and store.pending_changes() == 1
    store.close()


# -- who reads what -----------------------------------------------------------------------------------


def test_a_learner_cannot_read_nor_write_another_learners_rows(pg_server: PgServer, pg_learner: Learner,
                                                               tmp_path: Path) -> None:
    import psycopg

    alice, alice_url = pg_learner(prefix="alice")
    bob, bob_url = pg_learner(prefix="bob")
    teacher, teacher_url = pg_learner(group="tutor_instructor", prefix="teacher")
    for login, url in ((alice, alice_url), (bob, bob_url)):
        store = opened(tmp_path / login / "me.sqlite3", url)
        answer(store, start(store), "q0")
        store.schedule_review("q0", 1)
        store.mark_read("m", login)
        store.close()

    tables = ("sections_read", "positions", "attempts", "answers", "attempt_hints", "review_cards", "saved_configs")
    with psycopg.connect(bob_url, autocommit=True) as bob_db:
        for table in tables:
            seen = {row[0] for row in bob_db.execute(f"SELECT learner FROM tutor.{table}")}
            assert alice not in seen, table
        assert {row[0] for row in bob_db.execute("SELECT section FROM tutor.sections_read")} == {bob}
        bob_db.execute("SET ROLE tutor_learner")  # changes current_user, not session_user: still only his rows
        assert {row[0] for row in bob_db.execute("SELECT learner FROM tutor.attempts")} == {bob}
        bob_db.execute("RESET ROLE")
        # Writing under her name, or over her rows, is refused or touches nothing.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bob_db.execute("INSERT INTO tutor.sections_read (learner, module, section, read_at)"
                           " VALUES (%s, 'm', 'forged', 0)", (alice,))
        assert bob_db.execute("UPDATE tutor.attempts SET state = 'abandoned' WHERE learner = %s",
                              (alice,)).rowcount == 0
        assert bob_db.execute("DELETE FROM tutor.answers WHERE learner = %s", (alice,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bob_db.execute("UPDATE tutor.attempts SET learner = %s", (alice,))  # moving his own rows to her
    with psycopg.connect(teacher_url, autocommit=True) as teacher_db:
        seen = {row[0] for row in teacher_db.execute("SELECT learner FROM tutor.answers")}
        assert {alice, bob} <= seen
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            teacher_db.execute("DELETE FROM tutor.answers")  # the instructor reads, never writes
    with pg_server.admin() as admin:
        assert admin.execute("SELECT count(*) FROM tutor.answers WHERE learner = %s", (alice,)).fetchone() == (1,)
        forced = admin.execute("SELECT bool_and(relrowsecurity AND relforcerowsecurity) FROM pg_class"
                               " WHERE relnamespace = 'tutor'::regnamespace AND relkind = 'r'"
                               " AND relname <> 'schema_version'").fetchone()
        assert forced == (True,)


def test_the_instructor_lists_learners_views_them_and_hears_answers(pg_learner: Learner, tmp_path: Path) -> None:
    from tutor.store.postgres_class import AnswerListener, learners, open_learner_view

    alice, alice_url = pg_learner(prefix="alice")
    teacher, teacher_url = pg_learner(group="tutor_instructor", prefix="teacher")
    store = opened(tmp_path / "alice.sqlite3", alice_url)
    with AnswerListener(teacher_url, "en") as listener:
        attempt = start(store)
        answer(store, attempt, "q0", right=True)
        answer(store, attempt, "q1")
        store.after_answer("q1", False, 0.0, 0)
        store.mark_read("m", "s")
        assert store.sync()
        heard: set[str] = set()
        while alice not in heard:  # waits on the notification, not on time (the timeout only bounds a failure)
            got = listener.wait(30)
            assert got, "no notification within 30 s"
            heard |= got
    assert alice in learners(teacher_url) and teacher not in learners(teacher_url)
    view = open_learner_view(teacher_url, alice, "en")
    assert view.attempts() == store.attempts()
    assert view.question_stats() == store.question_stats() and view.topic_mastery() == store.topic_mastery()
    assert view.review_counts() == store.review_counts() and view.sections_read_all() == {"m": {"s"}}
    with pytest.raises(StoreError, match="read-only"):
        view.mark_read("m", "other")
    view.close()
    store.close()
    with pytest.raises(StoreError, match="cannot reach"):
        learners(f"postgresql://x@/tutor?host={tmp_path}", "en")


# -- choosing the backend -------------------------------------------------------------------------------


def test_open_store_takes_the_environment_then_the_settings_file(monkeypatch: pytest.MonkeyPatch,
                                                                  pg_learner: Learner, tmp_path: Path) -> None:
    _login, url = pg_learner()
    assert configured_url(None, {}) is None and configured_url(" ", {"TUTOR_DATABASE_URL": ""}) is None
    assert configured_url("postgresql://a@h/db", {"TUTOR_DATABASE_URL": "postgresql://b@h/db"}).endswith("b@h/db")
    store, _ = open_store(tmp_path / "me.sqlite3", "en")
    assert not isinstance(store, ReplicatedStore)
    store.close()
    store, _ = open_store(tmp_path / "me.sqlite3", "en", database_url=url)
    assert isinstance(store, ReplicatedStore) and store.path.name.startswith("me.pg-")
    store.close()
    monkeypatch.setenv("TUTOR_DATABASE_URL", "mysql://nope")
    with pytest.raises(StoreError, match="must start with postgresql://"):
        open_store(tmp_path / "me.sqlite3", "en", database_url=url)


def test_the_settings_file_holds_the_database_url(isolated_home: Path) -> None:
    from tutor.settings import Settings, load_settings, save_settings

    path = isolated_home / "s.toml"
    save_settings(Settings(lang="en", database_url="postgresql://kim@db/tutor"), path)
    settings, problems = load_settings(path)
    assert problems == [] and settings.database_url == "postgresql://kim@db/tutor"
    path.write_text('database_url = "mysql://x"\n', encoding="utf-8")
    settings, problems = load_settings(path, lang="en")
    assert settings.database_url is None and [p.line for p in problems] == [1]
    assert "postgresql://" in str(problems[0])


def test_the_cache_never_loads_psycopg_without_a_url(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom pathlib import Path\nfrom tutor.store import open_store\n"
            f"s, _ = open_store(Path({str(tmp_path / 'x.sqlite3')!r}))\ns.mark_read('m', 's'); s.close()\n"
            "print('psycopg' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "TUTOR_HOME": str(tmp_path),
                                 "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert result.stdout.strip() == "False"


# -- tutor db -------------------------------------------------------------------------------------


def test_tutor_db_init_is_idempotent_and_adds_roles(pg_server: PgServer, capsys: pytest.CaptureFixture[str]) -> None:
    admin_url = pg_server.url()
    assert main(["db", "init", admin_url, "--lang", "en"]) == 0
    assert "tutor schema at version 1 (before: 1)" in capsys.readouterr().out
    login = f"kim_{id(capsys)}"
    assert main(["db", "add-learner", login, admin_url, "--password", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"role {login} created, member of tutor_learner." in out
    pgpass = out.strip().splitlines()[-1]
    # Made through a socket: any host name the learners use matches.
    assert pgpass.startswith(f"*:5432:tutor:{login}:") and len(pgpass.split(":")[-1]) >= 20
    assert main(["db", "add-learner", login, admin_url, "--lang", "en"]) == 0
    assert "already existed" in capsys.readouterr().out
    with pg_server.admin() as connection:
        verifier = connection.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login,)).fetchone()
    assert verifier is not None and str(verifier[0]).startswith("SCRAM-SHA-256$")  # never the password itself
    assert main(["db", "status", pg_server.url(login), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "server: reachable (PostgreSQL" in out and "tutor schema: version 1" in out
    assert f"connected as: {login} (learner)" in out and "no local copy" in out
    assert main(["db", "status", admin_url, "--lang", "en"]) == 0
    assert "connected as: postgres (superuser)" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "expected"), [
    (["db", "init", "mysql://x"], "must start with postgresql://"),
    (["db", "init", "postgresql://x@/db?nosuchoption=1"], "malformed"),
    (["db", "status"], "no class database"),
    (["db", "add-learner", "pg_evil", "postgresql://x@/db"], "login name refused"),
    (["db", "add-learner", "tutor_instructor", "postgresql://x@/db"], "login name refused"),
])
def test_tutor_db_refuses_bad_input_in_one_line(argv: list[str], expected: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_tutor_db_unreachable_or_refused_is_one_line(pg_learner: Learner, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status", f"postgresql://x@/tutor?host={tmp_path}", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the class database" in err and len(err.strip().splitlines()) == 1
    _login, url = pg_learner()
    assert main(["db", "init", url, "--lang", "en"]) == 2  # a learner may not create roles
    err = capsys.readouterr().err
    assert "refused" in err and "permission denied" in err and len(err.strip().splitlines()) == 1


def test_tutor_db_status_counts_this_hosts_queue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 pg_learner: Learner, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.store.learners import database_path

    _login, url = pg_learner()
    monkeypatch.setenv("TUTOR_DATABASE_URL", url)
    store, _ = open_store(database_path("kim"), "en")
    store.mark_read("m", "s")
    store.close()
    assert main(["db", "status", "--learner", "kim", "--lang", "en"]) == 0
    assert "0 changes waiting to be sent; refused by the server: 0" in capsys.readouterr().out
    connection = sqlite3.connect(store.path)
    connection.execute("INSERT INTO outbox (tbl, op, key) VALUES ('positions', 'upsert', '{\"module\": \"m\"}')")
    connection.commit()
    connection.close()
    assert main(["db", "status", "--learner", "kim", "--lang", "fr"]) == 0
    assert "1 changement en attente d'envoi" in capsys.readouterr().out


# -- several windows of one learner on one host -----------------------------------------------------

PROCESSES, ANSWERS = 4, 50


def write_through(path: str, url: str, worker: int, barrier: Any, results: Any) -> None:
    """One process: open the learner's cache (it may not exist yet), answer, finish, close."""
    try:
        barrier.wait()  # every process starts at once, each with its own replicator thread
        store, _notice = open_replicated(Path(path), url, "en")
        attempt = start(store, questions=ANSWERS)
        for index in range(ANSWERS):
            answer(store, attempt, f"q{index}", right=index % 2 == 0)
            if index % 10 == 0:
                store.update_elapsed(attempt, float(index))
                store.mark_read("m", f"s{worker}-{index}")
        store.finish_attempt(attempt, float(ANSWERS))
        store.close()
        results.put((worker, ""))
    except Exception as error:  # reported to the test rather than lost in the child
        results.put((worker, f"{type(error).__name__}: {error}"))


def test_windows_of_one_learner_sending_at_once_lose_and_duplicate_nothing(pg_server: PgServer,
                                                                           pg_learner: Learner,
                                                                           tmp_path: Path) -> None:
    import multiprocessing

    login, url = pg_learner()
    path = tmp_path / "learners" / "same.sqlite3"
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(PROCESSES), context.Queue()
    workers = [context.Process(target=write_through, args=(str(path), url, w, barrier, results))
               for w in range(PROCESSES)]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=30)
    assert [error for _, error in outcomes if error] == []
    store = opened(path, url)  # sends whatever a process left queued
    assert store.sync()
    with pg_server.admin() as connection:
        counts = connection.execute(
            "SELECT (SELECT count(*) FROM tutor.answers WHERE learner = %s),"
            " (SELECT count(DISTINCT (attempt_uuid, question_id)) FROM tutor.answers WHERE learner = %s),"
            " (SELECT count(*) FROM tutor.attempts WHERE learner = %s AND state = 'finished'),"
            " (SELECT count(*) FROM tutor.sections_read WHERE learner = %s)", (login,) * 4).fetchone()
    assert counts == (PROCESSES * ANSWERS, PROCESSES * ANSWERS, PROCESSES, PROCESSES * ANSWERS // 10)
    server_rows_match(store, url, tmp_path / "check")
    store.close()


def test_a_damaged_cache_is_kept_aside_and_rebuilt_from_the_server(pg_learner: Learner, tmp_path: Path) -> None:
    _login, url = pg_learner()
    store = opened(tmp_path / "me.sqlite3", url)
    attempt = start(store)
    answer(store, attempt, "q0")
    store.close()
    store.path.write_bytes(b"not a database at all" * 200)
    again, notice = open_replicated(tmp_path / "me.sqlite3", url, "en")
    assert notice is not None and "damaged" in notice.message and "not answering" not in notice.message
    assert [a.question_id for row in again.attempts() for a in row.answers] == ["q0"]
    kept = [p for p in tmp_path.glob("me.pg-*.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1
    again.close()


def test_tutor_export_reads_the_class_database_on_a_host_never_used(monkeypatch: pytest.MonkeyPatch,
                                                                    pg_learner: Learner, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _login, url = pg_learner()
    store = opened(tmp_path / "elsewhere" / "kim.sqlite3", url)  # progress made on another host
    answer(store, start(store), "q0", right=True)
    store.close()
    monkeypatch.setenv("TUTOR_DATABASE_URL", url)
    assert main(["export", "--format", "json", "--learner", "kim", "--lang", "en"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [a["question_id"] for attempt in document["attempts"] for a in attempt["answers"]] == ["q0"]
