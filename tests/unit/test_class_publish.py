"""Publishing from the learner's side: the background publisher, its hook in the quiz's write queue, plain
mode and `tutor quiz --plain` in a class, the class directory from TUTOR_CLASS or the settings file.

The promise tested here: an answer is in the learner's store before anything is published, publishing
never holds an answer up (a publisher stuck on a hung directory does not delay the quiz), and a
publication that fails is retried and never loses the answer.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.unit.test_plain_support import content, open_store, right_input, run
from tutor.classroom.directory import current_login, init_class_dir
from tutor.classroom.learner import class_directory, start_publishing
from tutor.classroom.publish import Publisher
from tutor.classroom.reading import parse_snapshot
from tutor.quiz.pending import AttemptWriter, PendingWrites
from tutor.quiz.session import QuizSession, QuizSettings
from tutor.settings import Settings, load_settings, save_settings
from tutor.store.interface import Store
from tutor.store.sqlite import SQLiteStore

WAIT = 30.0  # seconds: bounds a wait that would otherwise hang; never paces a test


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    return init_class_dir(tmp_path / "class").path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def reader_of(path: Path) -> Callable[[], Store]:
    """What the command line gives the publisher: the learner's store, opened in the publisher's thread."""
    return lambda: SQLiteStore.open(path, "en", recover=False)[0]


def published(class_dir: Path, login: str = "kim") -> dict[str, object]:
    loaded: dict[str, object] = json.loads((class_dir / f"{login}.json").read_bytes())
    return loaded


def one_question_session() -> QuizSession:
    return QuizSession.build(content().quizzes, QuizSettings(bank="fine-tuning", count=2, seed=3), "en", "kim")


def test_the_publisher_publishes_at_start_and_after_each_request(class_dir: Path, store: SQLiteStore) -> None:
    publisher = Publisher(class_dir, "kim", name="Kim", lang="en", open_store=reader_of(store.path)).start()
    try:
        assert publisher.wait(WAIT) and publisher.error is None
        assert published(class_dir)["attempts"] == []
        pending = PendingWrites(store, listener=publisher.request)
        session = one_question_session()
        writer, opened = AttemptWriter.open(pending, content().quizzes, session)
        assert opened.saved
        question = session.questions[0]
        record = session.submit(question.id, None, 2.0)
        assert writer.answer(session, record).saved
        assert publisher.wait(WAIT) and publisher.up_to_date
        record_read = parse_snapshot((class_dir / "kim.json").read_bytes(), "kim")
        (running,) = record_read.attempts
        assert running.state == "open" and [a.question_id for a in running.answers] == [question.id]
        assert running.reached == 2 and running.total == 2
        writer.finish(session.elapsed)
        assert publisher.wait(WAIT)
        assert parse_snapshot((class_dir / "kim.json").read_bytes(), "kim").attempts[0].state == "finished"
    finally:
        assert publisher.close() is None


def test_a_stuck_publisher_never_holds_an_answer_up(class_dir: Path, store: SQLiteStore) -> None:
    """The publisher's store is stuck (a hung file system): answers are still recorded at once."""
    release = threading.Event()
    opening = threading.Event()

    def stuck_store() -> Store:
        opening.set()
        release.wait()
        return SQLiteStore.open(store.path, "en", recover=False)[0]

    publisher = Publisher(class_dir, "kim", name="Kim", lang="en", open_store=stuck_store).start()
    try:
        assert opening.wait(WAIT)  # the publisher is inside its first publication, stuck
        pending = PendingWrites(store, listener=publisher.request)
        session = one_question_session()
        writer, _ = AttemptWriter.open(pending, content().quizzes, session)
        for question in session.questions:
            assert writer.answer(session, session.submit(question.id, None, 1.0)).saved
        assert writer.finish(session.elapsed).saved
        # Every write returned, and the answers are in the store, while the publisher is still stuck.
        assert len(store.attempts()[0].answers) == 2 and not (class_dir / "kim.json").exists()
        assert not publisher.up_to_date
        release.set()
        assert publisher.wait(WAIT) and publisher.up_to_date
        # The requests made meanwhile coalesced: one publication covered them all.
        assert publisher.published <= 2
        assert parse_snapshot((class_dir / "kim.json").read_bytes(), "kim").attempts[0].state == "finished"
    finally:
        release.set()
        publisher.close()


def test_a_failed_publication_is_retried_and_loses_nothing(tmp_path: Path, store: SQLiteStore) -> None:
    class_dir = tmp_path / "class"  # not there yet: every publication fails
    publisher = Publisher(class_dir, "kim", name="Kim", lang="en", open_store=reader_of(store.path),
                          retry_every=3600.0).start()
    try:
        assert publisher.wait(WAIT) and publisher.error is not None
        assert publisher.error.key == "class.publish.failed"
        pending = PendingWrites(store, listener=publisher.request)
        session = one_question_session()
        writer, _ = AttemptWriter.open(pending, content().quizzes, session)
        question = session.questions[0]
        assert writer.answer(session, session.submit(question.id, None, 1.0)).saved  # the answer: saved locally
        assert publisher.wait(WAIT) and not publisher.up_to_date
        assert [a.question_id for a in store.attempts()[0].answers] == [question.id]
        init_class_dir(class_dir)  # the instructor fixes it: the next write publishes everything
        writer.clock(12.0)
        assert publisher.wait(WAIT) and publisher.up_to_date and publisher.error is None
        (attempt,) = parse_snapshot((class_dir / "kim.json").read_bytes(), "kim").attempts
        assert [a.question_id for a in attempt.answers] == [question.id] and attempt.elapsed == 12.0
    finally:
        publisher.close()


def test_a_failure_is_retried_on_the_timer_and_said_at_exit(tmp_path: Path, store: SQLiteStore) -> None:
    class_dir = tmp_path / "class"
    publisher = Publisher(class_dir, "kim", name="Kim", lang="en", open_store=reader_of(store.path),
                          retry_every=0.01).start()
    assert publisher.wait(WAIT) and publisher.error is not None
    init_class_dir(class_dir)  # no request after this: only the timer can publish
    assert publisher.wait_up_to_date(WAIT) and (class_dir / "kim.json").exists()
    assert publisher.close() is None
    # At exit with the directory gone, `close` says why the class lacks the latest results.
    shutil.rmtree(class_dir)
    again = Publisher(class_dir, "kim", name="Kim", lang="en", open_store=reader_of(store.path)).start()
    left = again.close()
    assert left is not None and left.key == "class.publish.failed"


def test_a_store_that_cannot_be_read_is_a_reason_not_a_crash(class_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.sqlite3").write_bytes(b"this is not a database at all" * 100)
    publisher = Publisher(class_dir, "kim", name="Kim", lang="en",
                          open_store=reader_of(tmp_path / "broken.sqlite3")).start()
    assert publisher.wait(WAIT)
    assert publisher.error is not None and publisher.error.key == "class.publish.store"
    assert publisher.close() is not None and not (class_dir / "kim.json").exists()


def test_a_listener_that_raises_never_fails_a_write(store: SQLiteStore) -> None:
    def broken() -> None:
        raise RuntimeError("publishing exploded")

    pending = PendingWrites(store, listener=broken)
    session = one_question_session()
    writer, opened = AttemptWriter.open(pending, content().quizzes, session)
    assert opened.saved
    assert writer.answer(session, session.submit(session.questions[0].id, None, 1.0)).saved
    assert len(store.attempts()[0].answers) == 1


def test_plain_mode_publishes_each_answer(class_dir: Path, store: SQLiteStore) -> None:
    publisher = Publisher(class_dir, "kim", name="Kim", lang="en", open_store=reader_of(store.path)).start()
    settings = QuizSettings(bank="fine-tuning", count=3, seed=7)
    expected = QuizSession.build(content().quizzes, settings, "en", "kim")
    seen: list[int] = []

    def publish() -> None:
        publisher.request()
        seen.append(1)

    code, _ = run(store, [right_input(q, expected) for q in expected.questions], quiz=settings, publish=publish)
    assert code == 0 and len(seen) >= 5  # opened, three answers, finished
    assert publisher.close() is None
    (attempt,) = parse_snapshot((class_dir / "kim.json").read_bytes(), "kim").attempts
    assert attempt.state == "finished" and len(attempt.answers) == 3
    assert all(a.earned == a.max_points for a in attempt.answers)


def test_the_class_directory_comes_from_tutor_class_else_the_settings_file(tmp_path: Path) -> None:
    assert class_directory(None, {}) is None
    assert class_directory("/srv/class", {}) == Path("/srv/class")
    assert class_directory("/srv/class", {"TUTOR_CLASS": "/tmp/other"}) == Path("/tmp/other")
    assert class_directory("/srv/class", {"TUTOR_CLASS": ""}) is None  # off for one run
    assert class_directory("~/class", {}) == Path.home() / "class"
    path = tmp_path / "settings.toml"
    path.write_text('lang = "en"\nclass_dir = "/srv/nlp-class"\n', encoding="utf-8")
    settings, problems = load_settings(path)
    assert problems == [] and settings.class_dir == "/srv/nlp-class"
    save_settings(Settings(lang="fr", class_dir="/srv/x", path=path))
    assert load_settings(path)[0].class_dir == "/srv/x"  # saving the settings keeps the class
    path.write_text("class_dir = 3\n", encoding="utf-8")
    settings, problems = load_settings(path, lang="en")
    assert settings.class_dir is None
    assert str(problems[0]).endswith(":1:1: class_dir must be the path of a directory, not 3; ignored")


def test_a_directory_set_up_wrong_is_said_once_and_progress_stays_local(class_dir: Path, store: SQLiteStore) -> None:
    os.chmod(class_dir, 0o2773)  # not sticky
    publisher, notice = start_publishing(class_dir, name="Kim", lang="fr", open_store=reader_of(store.path))
    assert publisher is None and notice is not None
    text = notice.text("fr")
    assert text.startswith(f"classe {class_dir}\u00a0: {class_dir} n'a pas le bit sticky (mode 2773)")
    assert text.endswith("Votre progression reste sur cet ordinateur seulement.")


def test_tutor_quiz_plain_in_a_class_publishes_and_says_so_when_it_cannot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.cli import main

    login = current_login()
    assert login is not None
    class_dir = init_class_dir(tmp_path / "class").path
    monkeypatch.setenv("TUTOR_CLASS", str(class_dir))
    settings = QuizSettings(bank="fine-tuning", count=2, seed=4)
    expected = QuizSession.build(content().quizzes, settings, "en", login)
    lines = "".join(right_input(q, expected) + "\n" for q in expected.questions)
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["quiz", "--plain", "--lang", "en", "--count", "2", "--seed", "4"]) == 0
    assert capsys.readouterr().err == ""
    (attempt,) = parse_snapshot((class_dir / f"{login}.json").read_bytes(), login).attempts
    assert attempt.state == "finished" and len(attempt.answers) == 2

    os.chmod(class_dir, 0o3777)  # listable by every learner: refused, said once, the quiz still runs
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["quiz", "--plain", "--lang", "en", "--count", "2", "--seed", "4"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"tutor: class {class_dir}: {class_dir} can be listed by learners")
