"""The class core (tutor.classroom): the directory's set-up and checks, the snapshot, atomic publishing,
hostile learners' files, the class view, and its JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor.classroom.directory import (
    CLASS_MODE,
    ClassSetupError,
    check_instructor_side,
    check_learner_side,
    init_class_dir,
    login_of,
)
from tutor.classroom.model import MASTERED, ScoredAttempt, build_view, learner_details, rank_questions
from tutor.classroom.publish import PublishError, write_snapshot
from tutor.classroom.reading import MAX_FILE_BYTES, ClassReader, FileRefused, parse_snapshot, read_learner_file
from tutor.classroom.render import CSV_COLUMNS, view_csv, view_document
from tutor.classroom.snapshot import build_snapshot, encode
from tutor.store.sqlite import SQLiteStore

ME = os.geteuid()
ROOT = ME == 0
NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z


def owned_by_me(login: str) -> int | None:
    """Every login is us: the tests write the files themselves."""
    return ME


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    return init_class_dir(tmp_path / "class").path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened, _ = SQLiteStore.open(tmp_path / "kim.sqlite3")
    yield opened
    opened.close()


def answer(store: SQLiteStore, attempt: int, question: str, topic: str, earned: float, max_points: float = 1.0) -> None:
    store.record_answer(attempt, question_id=question, topic=topic, answer="a", earned=earned, max_points=max_points,
                        credit=earned / max_points, correct=earned == max_points, hints=0, seconds=4.0)


def start(store: SQLiteStore, questions: list[str], *, mode: str = "practice", limit: float | None = None) -> int:
    return store.start_attempt(bank="fine-tuning", module="fine-tuning", kind="quiz", mode=mode, lang="en", seed=1,
                               settings={}, question_ids=questions, time_limit=limit, pass_mark=70.0)


def snapshot(login: str, *, topics: dict[str, Any] | None = None, attempts: list[dict[str, Any]] | None = None,
             updated: float = NOW, **extra: Any) -> dict[str, Any]:
    return {"format": "tutor-class", "version": 1, "login": login, "name": login.title(), "lang": "en",
            "updated": updated, "topics": topics or {}, "attempts": attempts or [], **extra}


def attempt(uuid: str, answers: list[tuple[str, str, float, float]], *, state: str = "finished", total: int = 3,
            mode: str = "practice", started: float = NOW - 600, elapsed: float = 100.0,
            time_limit: float | None = None) -> dict[str, Any]:
    return {"uuid": uuid, "bank": "fine-tuning", "module": "fine-tuning", "kind": "quiz", "mode": mode,
            "state": state, "started": started, "ended": None if state == "open" else started + elapsed,
            "elapsed": elapsed, "time_limit": time_limit, "total": total,
            "answers": [{"question": q, "topic": topic, "earned": e, "max_points": m, "at": started + 10 * (i + 1)}
                        for i, (q, topic, e, m) in enumerate(answers)]}


def put(directory: Path, login: str, document: object) -> Path:
    path = directory / f"{login}.json"
    path.write_bytes(json.dumps(document).encode() if not isinstance(document, bytes) else document)
    return path


# -- the directory ---------------------------------------------------------------------------------


def test_init_makes_a_sticky_setgid_directory_learners_cannot_list(tmp_path: Path) -> None:
    result = init_class_dir(tmp_path / "class")
    info = os.stat(result.path)
    assert stat.S_IMODE(info.st_mode) == CLASS_MODE == 0o3773
    assert info.st_mode & stat.S_ISVTX and info.st_mode & stat.S_ISGID and not info.st_mode & stat.S_IROTH
    assert info.st_gid == os.getegid() and info.st_uid == ME
    # pytest's temporary directories are private (0700): learners could not reach the class.
    assert any(w.key == "class.setup.unreachable" for w in result.warnings)
    assert "chmod o+x" in result.warnings[0].text("en")


def test_init_is_idempotent_and_repairs_the_modes(tmp_path: Path) -> None:
    path = init_class_dir(tmp_path / "class").path
    os.chmod(path, 0o755)
    init_class_dir(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o3773


def test_init_refuses_a_file_an_unknown_group_and_a_directory_of_someone_else(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ClassSetupError) as refused:
        init_class_dir(tmp_path / "file")
    assert refused.value.notice.key == "class.setup.not_dir"
    with pytest.raises(ClassSetupError) as unknown:
        init_class_dir(tmp_path / "class", "no-such-group-here")
    assert unknown.value.text("fr") == "aucun groupe ne s'appelle «\u00a0no-such-group-here\u00a0»"
    if ROOT:
        other = tmp_path / "other"
        other.mkdir()
        os.chown(other, 65534, 65534)
        with pytest.raises(ClassSetupError) as theirs:
            init_class_dir(other)
        assert theirs.value.notice.key == "class.init.not_yours" and "nobody" in theirs.value.text("en")


def test_init_gives_the_directory_to_the_group_named(tmp_path: Path) -> None:
    if not ROOT:
        pytest.skip("changing a directory's group to another group needs root (CI runs as root)")
    result = init_class_dir(tmp_path / "class", "nogroup")
    assert os.stat(result.path).st_gid == 65534 and result.group == "nogroup"
    assert init_class_dir(tmp_path / "numbered", "4242").group == "4242"  # a gid without a name


@pytest.mark.parametrize(("mode", "key"), [
    (0o1773, "class.setup.not_setgid"),
    (0o2773, "class.setup.not_sticky"),
    (0o3777, "class.setup.others_read"),
])
def test_a_learner_refuses_a_directory_set_up_wrong(class_dir: Path, mode: int, key: str) -> None:
    os.chmod(class_dir, mode)
    with pytest.raises(ClassSetupError) as wrong:
        check_learner_side(class_dir, "kim")
    assert wrong.value.notice.key == key
    assert f"{mode:04o}" in wrong.value.text("en")


def test_a_learner_refuses_a_missing_directory_and_a_file(tmp_path: Path) -> None:
    with pytest.raises(ClassSetupError, match="does not exist"):
        check_learner_side(tmp_path / "nowhere", "kim")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ClassSetupError, match="is not a directory"):
        check_learner_side(tmp_path / "file", "kim")


def test_a_learner_refuses_a_link_or_a_file_under_their_name(class_dir: Path, tmp_path: Path) -> None:
    check_learner_side(class_dir, "kim")  # a good directory, no file yet
    (class_dir / "kim.json").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ClassSetupError) as link:
        check_learner_side(class_dir, "kim")
    assert link.value.notice.key == "class.setup.squatted"
    if ROOT:
        squatted = class_dir / "lee.json"
        squatted.write_text("{}")
        os.chown(squatted, 65534, 65534)
        with pytest.raises(ClassSetupError) as taken:
            check_learner_side(class_dir, "lee")
        assert "someone took your name" in taken.value.text("en") and "nobody" in taken.value.text("en")


def test_the_dashboard_shows_a_directory_set_up_wrong_and_refuses_a_missing_one(class_dir: Path,
                                                                                 tmp_path: Path) -> None:
    assert [n.key for n in check_instructor_side(class_dir) if n.key != "class.setup.unreachable"] == []
    os.chmod(class_dir, 0o0775)
    keys = [n.key for n in check_instructor_side(class_dir)]
    assert "class.setup.not_sticky" in keys and "class.setup.others_cannot_write" in keys
    with pytest.raises(ClassSetupError, match="does not exist"):
        check_instructor_side(tmp_path / "nowhere")


def test_file_names_stand_for_logins() -> None:
    assert login_of("alice.json") == "alice" and login_of("a.b-c_d.json") == "a.b-c_d"
    for name in (".alice.0f3a.tmp", "alice.txt", "-x.json", "é.json", ".json", "a" * 40 + ".json"):
        assert login_of(name) is None, name


# -- the snapshot and publishing -------------------------------------------------------------------


def test_the_snapshot_is_built_through_the_store_and_read_back(store: SQLiteStore) -> None:
    done = start(store, ["q1", "q2"])
    answer(store, done, "q1", "bert", 1.0)
    answer(store, done, "q2", "gpt", 0.5, 2.0)
    store.finish_attempt(done, 50.0)
    running = start(store, ["q1", "q3", "q4"], mode="exam", limit=600.0)
    answer(store, running, "q3", "bert", 0.0)
    store.update_elapsed(running, 120.0)
    document = build_snapshot(store, login="kim", name="Kim", lang="fr", now=NOW)
    assert document["topics"] == {"bert": {"earned": 1.0, "max_points": 2.0, "answers": 2},
                                  "gpt": {"earned": 0.5, "max_points": 2.0, "answers": 1}}
    record = parse_snapshot(encode(document), "kim")
    assert record.name == "Kim" and record.lang == "fr" and record.updated == NOW
    finished, exam = record.attempts
    assert finished.state == "finished" and [a.question_id for a in finished.answers] == ["q1", "q2"]
    assert exam.state == "open" and exam.mode == "exam" and exam.total == 3 and exam.reached == 2
    assert exam.time_left(NOW, NOW) == 480.0 and exam.time_left(NOW, NOW + 30) == 450.0
    assert exam.time_left(NOW, NOW + 10_000) == 0.0
    assert [a.uuid for a in record.open_attempts] == [exam.uuid]


def test_publishing_writes_a_0640_file_atomically_whatever_the_umask(class_dir: Path) -> None:
    previous = os.umask(0o077)
    try:
        target = write_snapshot(class_dir, "kim", encode(snapshot("kim")))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert os.stat(target).st_gid == os.stat(class_dir).st_gid  # setgid: the instructor's group
    first = os.stat(target).st_ino
    write_snapshot(class_dir, "kim", encode(snapshot("kim", updated=NOW + 1)))
    assert os.stat(target).st_ino != first  # a new file renamed over the old one, never rewritten in place
    assert sorted(os.listdir(class_dir)) == ["kim.json"]  # no temporary file left behind
    assert json.loads(target.read_bytes())["updated"] == NOW + 1


def test_publishing_never_writes_through_a_link_nor_over_a_file_of_someone_else(class_dir: Path,
                                                                                tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (class_dir / "kim.json").symlink_to(victim)
    with pytest.raises(PublishError) as refused:
        write_snapshot(class_dir, "kim", b"{}")
    assert refused.value.notice.key == "class.setup.squatted"
    assert victim.read_text() == "precious"
    assert sorted(os.listdir(class_dir)) == ["kim.json"]
    if ROOT:
        squatted = class_dir / "lee.json"
        squatted.write_text("theirs")
        os.chown(squatted, 65534, 65534)
        with pytest.raises(PublishError):
            write_snapshot(class_dir, "lee", b"{}")
        assert squatted.read_text() == "theirs"


def test_a_failed_publication_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(PublishError) as failed:
        write_snapshot(tmp_path / "gone", "kim", b"{}")
    assert failed.value.notice.key == "class.publish.failed" and "No such file" in str(failed.value)


# -- reading learners' files: untrusted ----------------------------------------------------------------


def hostile_cases() -> list[tuple[str, object, str]]:
    good = snapshot("kim")
    return [
        ("not json", b"{nope", "class.file.bad_json"),
        ("not utf-8", b'{"login": "\xff"}', "class.file.not_utf8"),
        ("deep", b"[" * 100_000 + b"]" * 100_000, "class.file.bad_json"),
        ("huge integer", b'{"version": ' + b"9" * 5000 + b"}", "class.file.bad_json"),
        ("a list", [], "class.file.not_snapshot"),
        ("other format", {**good, "format": "tutor-export"}, "class.file.not_snapshot"),
        ("version true", {**good, "version": True}, "class.file.version"),
        ("version 2", {**good, "version": 2}, "class.file.version"),
        ("another login", {**good, "login": "lee"}, "class.file.other_login"),
        ("topics a list", {**good, "topics": []}, "class.file.bad_field"),
        ("NaN points", {**good, "topics": {"bert": {"earned": float("nan"), "max_points": 1, "answers": 1}}},
         "class.file.bad_field"),
        ("negative", {**good, "topics": {"bert": {"earned": -1, "max_points": 1, "answers": 1}}},
         "class.file.bad_field"),
        ("bool points", {**good, "topics": {"bert": {"earned": True, "max_points": 1, "answers": 1}}},
         "class.file.bad_field"),
        ("earned above", {**good, "attempts": [attempt("u", [("q", "t", 3.0, 1.0)])]}, "class.file.earned_above"),
        ("points beyond any question", {**good, "attempts": [attempt("u", [("q", "t", 1.0, 1e9)])]},
         "class.file.bad_field"),
        ("long id", {**good, "attempts": [attempt("u", [("q" * 500, "t", 1.0, 1.0)])]}, "class.file.bad_field"),
        ("bad state", {**good, "attempts": [{**attempt("u", []), "state": "hacked"}]}, "class.file.bad_field"),
        ("infinite time", {**good, "updated": 1e308}, "class.file.bad_field"),
        ("too many attempts", {**good, "attempts": [attempt(str(i), []) for i in range(1001)]},
         "class.file.too_many"),
    ]


@pytest.mark.parametrize(("label", "document", "key"), hostile_cases(), ids=[c[0] for c in hostile_cases()])
def test_a_hostile_file_is_a_problem_never_a_traceback(class_dir: Path, label: str, document: object,
                                                       key: str) -> None:
    put(class_dir, "kim", document)
    with pytest.raises(FileRefused) as refused:
        read_learner_file(class_dir / "kim.json", owned_by_me)
    assert refused.value.notice.key == key
    reader = ClassReader(class_dir, owned_by_me)
    reader.refresh()
    assert reader.learners == [] and [p.file for p in reader.problems] == ["kim.json"]
    line = reader.problems[0].text("fr")
    assert line.startswith("kim.json\u00a0: ") and "\n" not in line


def test_terminal_controls_in_names_are_neutralised(class_dir: Path) -> None:
    put(class_dir, "kim", snapshot("kim", name="Kim\x1b]52;c;ZWNobyBwd25lZA==\x07\nevil", attempts=[
        attempt("u", [("q\x1b[2J", "bert\u202e", 1.0, 1.0)])]))
    record = read_learner_file(class_dir / "kim.json", owned_by_me)
    assert "\x1b" not in record.name and "\n" not in record.name and "\ufffd" in record.name
    shown = record.attempts[0].answers[0]
    assert shown.question_id == "q\ufffd[2J" and shown.topic == "bert\ufffd"


def test_a_file_of_the_wrong_owner_a_link_a_fifo_and_a_huge_file_are_refused(class_dir: Path,
                                                                             tmp_path: Path) -> None:
    put(class_dir, "kim", snapshot("kim"))
    with pytest.raises(FileRefused) as theirs:
        read_learner_file(class_dir / "kim.json", lambda login: ME + 1)
    assert theirs.value.notice.key == "class.file.wrong_owner"
    assert "someone took this name" in theirs.value.notice.text("en")
    with pytest.raises(FileRefused) as nobody:
        read_learner_file(class_dir / "kim.json", lambda login: None)
    assert nobody.value.notice.key == "class.file.no_user"
    real = tmp_path / "real.json"
    real.write_text(json.dumps(snapshot("lee")))
    (class_dir / "lee.json").symlink_to(real)
    os.mkfifo(class_dir / "pipe.json")  # no writer: a blocking open would hang the dashboard
    with open(class_dir / "big.json", "wb") as big:
        big.truncate(MAX_FILE_BYTES + 1)
    reader = ClassReader(class_dir, owned_by_me)
    reader.refresh()
    reasons = {p.file: p.notice.key for p in reader.problems}
    assert reasons == {"big.json": "class.file.too_large", "lee.json": "class.file.not_regular",
                       "pipe.json": "class.file.not_regular"}
    assert [r.login for r in reader.learners] == ["kim"]


def test_the_real_owner_check_uses_the_passwd_database(class_dir: Path) -> None:
    if not ROOT:
        pytest.skip("files owned by other users need root (CI runs as root)")
    put(class_dir, "nobody", snapshot("nobody"))
    put(class_dir, "postgres", snapshot("postgres"))
    os.chown(class_dir / "nobody.json", 65534, 65534)  # postgres.json stays root's: not postgres's file
    reader = ClassReader(class_dir)
    reader.refresh()
    assert [r.login for r in reader.learners] == ["nobody"]
    assert [(p.file, p.notice.key) for p in reader.problems] == [("postgres.json", "class.file.wrong_owner")]


def test_the_reader_reads_again_only_what_changed(class_dir: Path) -> None:
    for login in ("ann", "bob", "cid"):
        put(class_dir, login, snapshot(login))
    (class_dir / ".ann.0f3a.tmp").write_text("half a file")  # a publication in progress: never read
    reader = ClassReader(class_dir, owned_by_me)
    assert reader.refresh() is True and reader.reads == 3
    assert reader.refresh() is False and reader.reads == 3
    put(class_dir, "bob", snapshot("bob", updated=NOW + 5, name="Robert"))
    assert reader.refresh(["bob.json"]) is True and reader.reads == 4
    assert [r.name for r in reader.learners] == ["Ann", "Robert", "Cid"]
    (class_dir / "cid.json").unlink()
    assert reader.refresh(["cid.json"]) is True and [r.login for r in reader.learners] == ["ann", "bob"]


# -- the view ----------------------------------------------------------------------------------------


def class_of_three(directory: Path) -> ClassReader:
    put(directory, "ann", snapshot("ann", topics={
        "bert": {"earned": 4, "max_points": 4, "answers": 4}, "gpt": {"earned": 1, "max_points": 4, "answers": 4},
    }, attempts=[
        attempt("a1", [("q-easy", "bert", 1, 1), ("q-hard", "gpt", 0, 1), ("q-mid", "gpt", 1, 2)]),
        attempt("a2", [("q-easy", "bert", 1, 1)], state="open", mode="exam", total=5, time_limit=900.0,
                elapsed=300.0, started=NOW - 300),
    ], updated=NOW - 5))
    put(directory, "bob", snapshot("bob", topics={
        "gpt": {"earned": 3, "max_points": 4, "answers": 3}, "my-topic": {"earned": 0, "max_points": 1, "answers": 1},
    }, attempts=[
        attempt("b1", [("q-easy", "bert", 1, 1), ("q-hard", "gpt", 0, 1), ("q-mid", "gpt", 2, 2)]),
        attempt("b2", [], state="open", total=4, started=NOW - 60),
    ]))
    put(directory, "cid", snapshot("cid"))
    put(directory, "eve", b"not json")
    reader = ClassReader(directory, owned_by_me)
    reader.refresh()
    return reader


def test_the_view_has_the_grid_the_running_attempts_and_the_questions_hardest_first(class_dir: Path) -> None:
    reader = class_of_three(class_dir)
    view = build_view(reader.learners, NOW, directory="class", problems=reader.problems)
    assert [r.login for r in view.learners] == ["ann", "bob", "cid"]
    assert view.topics == ["bert", "gpt", "my-topic"]  # the course's order, then others
    assert view.cell("ann", "bert") is not None and view.cell("ann", "bert").mastery == 1.0  # type: ignore[union-attr]
    assert view.cell("cid", "bert") is None and view.cell("nobody", "bert") is None
    gpt = view.class_topics[1]
    assert (gpt.earned, gpt.max_points, gpt.answers, gpt.learners) == (4, 8, 7, 2) and gpt.mastery == 0.5
    assert [row.topic for row in view.not_mastered] == ["my-topic", "gpt"] and MASTERED == 0.8
    exam, practice = view.running
    assert (exam.login, exam.mode, exam.reached, exam.total, exam.answered) == ("ann", "exam", 2, 5, 1)
    assert exam.time_left == 900 - 300 - 5  # the clock published 5 s ago runs on
    assert exam.idle == pytest.approx(290.0)
    assert (practice.login, practice.reached, practice.time_left) == ("bob", 1, None)
    ranked = [(q.question_id, q.answers, q.learners, q.facility) for q in view.questions]
    assert ranked == [("q-hard", 2, 2, 0.0), ("q-mid", 2, 2, 0.75), ("q-easy", 3, 2, 1.0)]
    assert [p.file for p in view.problems] == ["eve.json"]


def test_the_ranking_is_by_facility_then_id() -> None:
    ranked = rank_questions([
        ScoredAttempt("a", {"b": (1.0, 2.0), "a": (1.0, 2.0), "z": (0.0, 0.0), "c": (2.0, 2.0)}),
        ScoredAttempt("b", {"b": (0.0, 2.0), "a": (2.0, 2.0)}),
    ])
    assert ranked == [("b", 2, 0.25), ("a", 2, 0.75), ("c", 1, 1.0), ("z", 1, None)]
    assert rank_questions([]) == []


def test_a_learner_in_detail(class_dir: Path) -> None:
    reader = class_of_three(class_dir)
    details = learner_details(reader.learners[0])
    assert [topic for topic, _ in details.topics] == ["bert", "gpt"]
    assert [(a.state, a.answered, a.total) for a in details.attempts] == [("open", 1, 5), ("finished", 3, 3)]
    assert details.attempts[1].share == pytest.approx(2 / 4)
    assert [(q, n, credit) for q, _, n, credit in details.missed] == [("q-hard", 1, 0.0), ("q-mid", 1, 0.5)]


def test_json_and_csv_carry_the_same_view(class_dir: Path) -> None:
    reader = class_of_three(class_dir)
    put(class_dir, "dan", snapshot("dan", name="=HYPERLINK(\"http://x\")", topics={
        "bert": {"earned": 1, "max_points": 2, "answers": 2}}))
    reader.refresh(["dan.json"])
    view = build_view(reader.learners, NOW, directory="class", problems=reader.problems)
    document = view_document(view, "en")
    assert document["format"] == "tutor-class-view" and document["generated"] == "2026-01-01T00:00:00Z"
    assert [q["question_id"] for q in document["questions"]] == ["q-hard", "q-mid", "q-easy"]
    assert document["running"][0]["time_left"] == 595.0 and document["running"][1]["time_left"] is None
    assert document["problems"] == [{"file": "eve.json", "reason": "broken JSON: Expecting value: line 1 column 1 "
                                                                    "(char 0)"}]
    json.dumps(document, allow_nan=False)  # strict JSON: a script's parser must accept it
    rows = list(csv.DictReader(io.StringIO(view_csv(view, "fr"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    sections = [row["section"] for row in rows]
    assert sections.count("mastery") == 5 and sections.count("question") == 3 and sections.count("running") == 2
    dan = next(row for row in rows if row["login"] == "dan")
    assert dan["name"].startswith("'=")  # never a formula in a spreadsheet
    assert dan["share"] == "0.5"  # numbers for machines: a dot, whatever the language
    problem = next(row for row in rows if row["section"] == "problem")
    assert problem["file"] == "eve.json" and problem["reason"].startswith("JSON invalide\u00a0: ")


def demo_class(directory: Path, at: float = NOW) -> None:
    """Eight learners (two in an exam, two practising) and one broken file, published just before `at`:
    the dashboard's tests and snapshots."""
    topics = {"transfer-learning": (5, 6), "strategies": (2, 6), "bert": (4, 4), "gpt": (1, 5), "metrics": (3, 4),
              "sft": (0, 2), "quantisation": (2, 3)}
    names = ["alice", "bruno", "chloe", "dimitri", "emma", "farid", "gaelle", "hugo"]
    for i, login in enumerate(names):
        scores = {topic: {"earned": max(0, earned - i % 3), "max_points": most, "answers": most}
                  for topic, (earned, most) in topics.items() if (i + len(topic)) % 4}
        attempts = [attempt(f"{login}-1", [("tl-self-supervised", "transfer-learning", 1, 1),
                                           ("st-lora-params", "strategies", i % 2, 1), ("bert-cls", "bert", 1, 1)],
                            started=at - 3000)]
        if i % 2 == 0:
            exam = i % 4 == 0
            attempts.append(attempt(f"{login}-2", [("gpt-causal", "gpt", 0, 1)] * (i // 2), state="open",
                                    mode="exam" if exam else "practice", total=10,
                                    time_limit=1200.0 if exam else None, elapsed=200.0 + 30 * i, started=at - 400))
        name = "Dimitri Papadopoulos-Long" if login == "dimitri" else login.title()
        put(directory, login, snapshot(login, name=name, topics=scores, attempts=attempts, updated=at - 3 * i))
    put(directory, "zoe", b"{broken")
