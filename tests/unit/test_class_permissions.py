"""The class directory's permissions with real, different users: what a learner can and cannot do.

CI runs as root, so the test plays every part: the instructor (uid 4242, group 4242, no passwd entry
needed), two learners that exist on Debian (`nobody`, `postgres`) and a teaching assistant (4343, a
member of group 4242). Each part runs in a child process with that user's uid, gid and groups only:
shell tools (`cat`, `ls`, `rm`, `mv`) through `subprocess.run(user=…, group=…, extra_groups=…)`, and
tutor's own code in a forked child that drops root before it runs (the interpreter may live where
other users cannot exec it, e.g. under /root; forking keeps the modules already imported). Skipped,
with the reason, when the tests do not run as root.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_plain_support import content
from tutor.classroom.directory import ClassSetupError, check_learner_side, init_class_dir
from tutor.classroom.learner import start_publishing
from tutor.classroom.publish import Publisher, PublishError, write_snapshot
from tutor.classroom.reading import ClassReader
from tutor.classroom.snapshot import encode
from tutor.quiz.pending import AttemptWriter, PendingWrites
from tutor.quiz.session import QuizSession, QuizSettings
from tutor.store.sqlite import SQLiteStore

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="playing other users (learners, the instructor) needs "
                                                          "root; CI runs the tests as root")

INSTRUCTOR = (4242, 4242, [])
TA = (4343, 4343, [4242])  # a teaching assistant: a member of the instructor's group
NOBODY = (65534, 65534, [])
POSTGRES = (101, 104, [])
WAIT = 30.0


def as_user(user: tuple[int, int, list[int]], work: Callable[[], Any]) -> Any:
    """Run `work()` in a forked child as `user` (uid, gid, groups); its result, or the exception it raised."""
    uid, gid, groups = user
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgroups(groups)
            os.setgid(gid)
            os.setuid(uid)
            try:
                outcome: tuple[str, Any] = ("value", work())
            except (ClassSetupError, PublishError) as error:  # rebuilt from its notice by the parent
                outcome = ("notice", (type(error).__name__, error.notice.key, error.notice.values))
            except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
                outcome = ("error", RuntimeError(f"{type(error).__name__}: {error}"))
            os.write(write_end, pickle.dumps(outcome))
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    if kind == "notice":
        name, key, values = value
        raise {"ClassSetupError": ClassSetupError, "PublishError": PublishError}[name](key, **values)
    if kind == "error":
        raise value
    return value


def shell(user: tuple[int, int, list[int]], *argv: str) -> subprocess.CompletedProcess[str]:
    uid, gid, groups = user
    return subprocess.run(list(argv), user=uid, group=gid, extra_groups=groups, capture_output=True, text=True,
                          check=False, timeout=60)


@pytest.fixture
def base() -> Iterator[Path]:
    """A directory every user can pass through (pytest's own temporary directories are root's, 0700)."""
    path = Path(tempfile.mkdtemp(prefix="tutor-class-", dir="/tmp"))
    os.chmod(path, 0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def home_of(base: Path, user: tuple[int, int, list[int]]) -> Path:
    """A private home for a learner's progress database."""
    home = base / f"home-{user[0]}"
    home.mkdir(mode=0o700)
    os.chown(home, user[0], user[1])
    return home


@pytest.fixture
def class_dir(base: Path) -> Path:
    """The class directory, set up by the instructor as the instructor, in a directory of theirs."""
    warm_up(base)
    own = base / "instructor"
    own.mkdir(mode=0o755)
    os.chown(own, INSTRUCTOR[0], INSTRUCTOR[1])
    directory = own / "class"
    as_user(INSTRUCTOR, lambda: init_class_dir(directory, "4242"))
    info = os.stat(directory)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4242, 0o3773)
    return directory


def warm_up(base: Path) -> None:
    """Run, as root, every code path the children use, so the modules they need are imported already."""
    scratch = base / "warm-up"
    init_class_dir(scratch)
    learn(scratch, base / "warm-up.sqlite3", "root")
    ClassReader(scratch).refresh()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        from tutor.cli import main

        main(["class", str(scratch), "--json", "--lang", "en"])
    shutil.rmtree(scratch)
    os.unlink(base / "warm-up.sqlite3")


def learn(class_dir: Path, database: Path, login: str) -> dict[str, Any]:
    """A learner answers two questions of a quiz; what was saved and what was published."""
    store, _ = SQLiteStore.open(database, "en")
    try:
        publisher = Publisher(class_dir, login, name=login.title(), lang="en",
                              open_store=lambda: SQLiteStore.open(database, "en", recover=False)[0]).start()
        pending = PendingWrites(store, listener=publisher.request)
        session = QuizSession.build(content().quizzes, QuizSettings(bank="fine-tuning", count=2, seed=9), "en", login)
        writer, opened = AttemptWriter.open(pending, content().quizzes, session)
        saved = [opened.saved]
        for question in session.questions:
            saved.append(writer.answer(session, session.submit(question.id, None, 1.0)).saved)
        saved.append(writer.finish(session.elapsed).saved)
        left = publisher.close(WAIT)
        return {"saved": saved, "answers": len(store.attempts()[0].answers),
                "error": left.text("en") if left else None}
    finally:
        store.close()


def publish_as(user: tuple[int, int, list[int]], base: Path, class_dir: Path, login: str) -> dict[str, Any]:
    database = home_of(base, user) / f"{login}.sqlite3"

    def work() -> dict[str, Any]:
        check_learner_side(class_dir, login)
        return learn(class_dir, database, login)

    result: dict[str, Any] = as_user(user, work)
    return result


def test_learners_publish_files_only_the_instructors_group_reads(base: Path, class_dir: Path) -> None:
    for user, login in ((NOBODY, "nobody"), (POSTGRES, "postgres")):
        outcome = publish_as(user, base, class_dir, login)
        assert outcome == {"saved": [True] * 4, "answers": 2, "error": None}
        info = os.stat(class_dir / f"{login}.json")
        assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (user[0], 4242, 0o640)

    # A learner cannot list the class, nor read another learner's file.
    listing = shell(NOBODY, "ls", str(class_dir))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr
    reading = shell(NOBODY, "cat", str(class_dir / "postgres.json"))
    assert reading.returncode != 0 and "Permission denied" in reading.stderr
    assert shell(POSTGRES, "cat", str(class_dir / "nobody.json")).returncode != 0
    # Nor remove it, nor replace it with their own (the sticky bit).
    assert shell(NOBODY, "rm", "-f", str(class_dir / "postgres.json")).returncode != 0
    assert shell(NOBODY, "mv", str(class_dir / "nobody.json"), str(class_dir / "postgres.json")).returncode != 0
    assert sorted(os.listdir(class_dir)) == ["nobody.json", "postgres.json"]
    # The dashboard of a learner: one line, exit 2.
    code, err = as_user(NOBODY, lambda: cli(["class", str(class_dir), "--json", "--lang", "en"]))
    assert code == 2 and err.startswith(f"tutor: error: cannot list {class_dir}: Permission denied")

    # The instructor and a member of the group read every file; the owner check holds (passwd names).
    def dashboard() -> tuple[list[str], list[str]]:
        reader = ClassReader(class_dir)
        reader.refresh()
        return [r.login for r in reader.learners], [p.file for p in reader.problems]

    assert as_user(INSTRUCTOR, dashboard) == (["nobody", "postgres"], [])
    assert as_user(TA, dashboard) == (["nobody", "postgres"], [])
    assert shell(TA, "cat", str(class_dir / "nobody.json")).stdout.startswith('{"format":"tutor-class"')


def cli(argv: list[str]) -> tuple[int, str]:
    from tutor.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def test_a_learner_cannot_take_another_learners_name(base: Path, class_dir: Path) -> None:
    # postgres puts a file under nobody's name first (the sticky bit lets them create it).
    squat = shell(POSTGRES, "sh", "-c", f"echo '{{}}' > {class_dir / 'nobody.json'}")
    assert squat.returncode == 0
    with pytest.raises(ClassSetupError) as refused:
        publish_as(NOBODY, base, class_dir, "nobody")
    assert refused.value.notice.key == "class.setup.squatted"
    assert "someone took your name" in refused.value.text("en") and "postgres" in refused.value.text("en")
    # Even past the check, the publication itself refuses to write over it.
    with pytest.raises(PublishError):
        as_user(NOBODY, lambda: write_snapshot(class_dir, "nobody", encode({"format": "tutor-class"})))
    assert (class_dir / "nobody.json").read_text() == "{}\n"

    # The dashboard does not believe it: a file named after nobody that nobody does not own.
    def problems() -> list[tuple[str, str]]:
        reader = ClassReader(class_dir)
        reader.refresh()
        return [(p.file, p.notice.key) for p in reader.problems]

    assert as_user(INSTRUCTOR, problems) == [("nobody.json", "class.file.wrong_owner")]


def test_a_learner_in_the_instructors_group_is_refused(base: Path, class_dir: Path) -> None:
    with pytest.raises(ClassSetupError) as refused:
        as_user(TA, lambda: check_learner_side(class_dir, "ta"))
    assert refused.value.notice.key == "class.setup.in_group"
    assert 'a member of the group "4242"' in refused.value.text("en")


def test_a_read_only_class_directory_neither_blocks_nor_loses_an_answer(base: Path, class_dir: Path) -> None:
    database = home_of(base, NOBODY) / "nobody.sqlite3"
    as_user(INSTRUCTOR, lambda: os.chmod(class_dir, 0o3771))  # others: --x, no more writing
    refused = as_user(NOBODY, lambda: start_publishing(class_dir, name="Nobody", lang="en",
                                                       open_store=lambda: SQLiteStore.open(database)[0])[1])
    assert refused is not None and refused.key == "class.learner_off"
    assert "cannot create a file in" in refused.text("en")
    # Publishing anyway (the directory turned read-only after the start): answers saved, the failure said.
    outcome = as_user(NOBODY, lambda: learn(class_dir, database, "nobody"))
    assert outcome["saved"] == [True] * 4 and outcome["answers"] == 2
    assert outcome["error"] == f"cannot write {class_dir}/nobody.json: Permission denied"
    assert not (class_dir / "nobody.json").exists()


def test_a_parent_closed_to_learners_is_said(base: Path, class_dir: Path) -> None:
    as_user(INSTRUCTOR, lambda: os.chmod(class_dir.parent, 0o750))  # the instructor's own directory, closed
    with pytest.raises(ClassSetupError) as closed:
        as_user(NOBODY, lambda: check_learner_side(class_dir, "nobody"))
    assert closed.value.text("en") == f"{class_dir} cannot be used: Permission denied"
    warnings = as_user(INSTRUCTOR, lambda: [w.text("en") for w in init_class_dir(class_dir, "4242").warnings])
    assert f"learners cannot reach {class_dir}: they cannot pass through {class_dir.parent} " \
           f"(chmod o+x {class_dir.parent})" in warnings
