"""The progress store against damage, odd schemas, bad rows, awkward learner names and umask 000.

Review probes 3.8/6.11 (M8), 3.29 (M12, the race itself is tests/system/test_store_race.py),
3.10–3.12 (L14), 3.27 and 2.11 (M11, L8), 3.22 (L15), 3.31.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
import subprocess
import sys
import textwrap
import unicodedata
from datetime import UTC
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.errors import UsageError
from tutor.settings import learner_settings_path
from tutor.store import sqlite as store_module
from tutor.store.interface import StoreError
from tutor.store.learners import MAX_NAME_LENGTH, database_path, learner_stem
from tutor.store.sqlite import SCHEMA_VERSION, SQLiteStore
from tutor.store.sqlite_base import StoreDamaged

PAGE = 4096


def fill(path: Path, attempts: int = 10, answers: int = 20) -> None:
    """A database with enough answers to span a few dozen pages, checkpointed into the main file."""
    store, _ = SQLiteStore.open(path, "en")
    for number in range(attempts):
        attempt = store.start_attempt(bank="b", module="m", kind="quiz", mode="practice", lang="en", seed=number,
                                      settings={"n": number}, question_ids=[f"q{i}" for i in range(answers)],
                                      time_limit=None, pass_mark=70.0)
        for index in range(answers):
            store.record_answer(attempt, question_id=f"q{number}-{index}", topic="t", answer=["some text", index],
                                earned=1.0, max_points=1.0, credit=1.0, correct=True, hints=0, seconds=2.0)
        store.finish_attempt(attempt, 30.0)
    store.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def overwrite_pages(path: Path, pages: list[int], seed: int = 1) -> bytes:
    """Random bytes over `pages` (0-based; negative from the end); the damaged file's bytes."""
    data = bytearray(path.read_bytes())
    count = len(data) // PAGE
    rnd = random.Random(seed)
    for page in pages:
        start = (page % count) * PAGE
        data[start:start + PAGE] = rnd.randbytes(PAGE)
    path.write_bytes(bytes(data))
    return bytes(data)


def kept(folder: Path) -> list[Path]:
    """The damaged databases kept aside in `folder` (not their WAL files)."""
    return sorted(p for p in folder.glob("*.corrupt-*") if not p.name.endswith(("-wal", "-shm")))


# -- M8: damage inside the file is found at open ----------------------------------------------------


@pytest.mark.parametrize("pages", [[4, 5, 6], [-4, -3, -2, -1]], ids=["pages-5-7", "last-4-pages"])
def test_pages_damaged_inside_are_moved_aside_at_open(tmp_path: Path, pages: list[int]) -> None:
    path = tmp_path / "me.sqlite3"
    fill(path)
    damaged = overwrite_pages(path, pages)
    store, notice = SQLiteStore.open(path, "en")
    assert notice is not None and "damaged" in notice.message and "kept as" in notice.message
    assert [p.read_bytes() for p in kept(tmp_path)] == [damaged]  # byte for byte
    assert store.attempts() == []
    store.mark_read("m", "s")
    store.close()
    store, notice = SQLiteStore.open(path, "en")  # the new one is sound: no second notice
    assert notice is None and store.sections_read("m") == {"s"}
    store.close()


def test_the_notice_is_in_the_learners_language(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    _, notice = SQLiteStore.open(path, "fr")
    assert notice is not None and "endommagée" in notice.message and "conservée sous" in notice.message


def test_damage_met_by_a_later_read_is_a_store_error_then_moved_aside_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    fill(path)
    damaged = overwrite_pages(path, [4, 5, 6])
    # As if the damage happened after a successful open (the connection skips SQLiteStore.open's check).
    store = SQLiteStore(sqlite3.connect(path, isolation_level=None), path)
    with pytest.raises(StoreDamaged) as caught:
        store.attempts()
    store.close()
    # Both kinds: the open/command-line handlers catch StoreError, the app's write sites sqlite3.Error.
    assert isinstance(caught.value, StoreError) and isinstance(caught.value, sqlite3.DatabaseError)
    assert "damaged" in caught.value.text("en") and "next time" in caught.value.text("en")
    _, notice = SQLiteStore.open(path, "en")
    assert notice is not None and [p.read_bytes() for p in kept(tmp_path)] == [damaged]


def test_busy_or_read_only_errors_are_not_damage(tmp_path: Path) -> None:
    from tutor.store.sqlite_base import is_damage

    assert not is_damage(sqlite3.OperationalError("database is locked"))
    assert not is_damage(sqlite3.OperationalError("attempt to write a readonly database"))
    assert is_damage(sqlite3.DatabaseError("database disk image is malformed"))


# -- M12: the kept copy is never replaced -------------------------------------------------------------


def test_two_recoveries_in_the_same_second_keep_both_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module.time, "strftime", lambda *_: "20261130-120000")  # one second for both
    path = tmp_path / "me.sqlite3"
    copies = []
    for text in (b"first damaged file " * 300, b"second damaged file " * 300):
        path.write_bytes(text)
        store, notice = SQLiteStore.open(path, "en")
        assert notice is not None
        store.close()
        copies.append(text)
    assert sorted(p.read_bytes() for p in kept(tmp_path)) == sorted(copies)
    assert all(p.stat().st_size > 0 for p in tmp_path.glob("*.corrupt-*"))  # no placeholder left behind


def test_the_wal_goes_aside_with_its_database(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    path.write_bytes(b"not a database " * 300)
    wal = tmp_path / "me.sqlite3-wal"
    wal.write_bytes(b"old frames " * 100)
    store, notice = SQLiteStore.open(path, "en")
    assert notice is not None
    store.mark_read("m", "s")
    store.close()
    (aside,) = kept(tmp_path)
    assert Path(f"{aside}-wal").read_bytes() == b"old frames " * 100
    assert SQLiteStore.open(path, "en")[0].sections_read("m") == {"s"}


def test_a_linked_database_moves_the_link_and_never_its_target(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite3"
    elsewhere.write_bytes(b"damaged target " * 300)
    learners = tmp_path / "learners"
    learners.mkdir()
    link = learners / "me.sqlite3"
    link.symlink_to(elsewhere)
    store, notice = SQLiteStore.open(link, "en")
    store.close()
    assert notice is not None and elsewhere.read_bytes() == b"damaged target " * 300
    (aside,) = kept(learners)
    assert aside.is_symlink() and link.is_file() and not link.is_symlink()


def test_a_dangling_link_is_refused_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "planted.sqlite3"
    (tmp_path / "nowhere").mkdir()
    link = tmp_path / "me.sqlite3"
    link.symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        SQLiteStore.open(link, "en")
    assert not target.exists()


def test_a_fifo_in_place_of_the_database_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "me.sqlite3"
    os.mkfifo(fifo)
    code = ("from pathlib import Path\nfrom tutor.store.sqlite import SQLiteStore\n"
            f"SQLiteStore.open(Path({str(fifo)!r}), 'en')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0 and "not a regular file" in result.stderr


# -- L14: schemas that do not match their version, bad rows -------------------------------------------


def set_version(path: Path, version: int, *statements: str) -> bytes:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version={version}")
    connection.commit()
    connection.execute("PRAGMA journal_mode=DELETE")  # everything in the main file, nothing beside it
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("case", ["negative", "no-tables", "dropped-column", "dropped-table"])
def test_a_schema_that_does_not_match_its_version_is_kept_aside_untouched(tmp_path: Path, case: str) -> None:
    path = tmp_path / "me.sqlite3"
    if case == "negative":
        original = set_version(path, -5)
        reason = "negative schema version (-5)"
    elif case == "no-tables":
        original = set_version(path, SCHEMA_VERSION, "CREATE TABLE other (x)")
        reason = f"schema {SCHEMA_VERSION} does not match its tables (answers, attempt_hints, attempts, … missing)"
    else:
        fill(path)
        statement = ("ALTER TABLE answers DROP COLUMN hints" if case == "dropped-column"
                     else "DROP TABLE review_cards")
        original = set_version(path, SCHEMA_VERSION, statement)
        reason = "answers.hints missing" if case == "dropped-column" else "review_cards missing"
    store, notice = SQLiteStore.open(path, "en")
    assert notice is not None and reason in notice.message
    assert [p.read_bytes() for p in kept(tmp_path)] == [original]  # no migration wrote into it first
    assert store.schema_version == SCHEMA_VERSION and store.attempts() == []
    store.close()


def test_extra_tables_and_columns_are_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    fill(path, attempts=1, answers=2)
    set_version(path, SCHEMA_VERSION, "CREATE TABLE notes (x)", "ALTER TABLE answers ADD COLUMN extra TEXT")
    store, notice = SQLiteStore.open(path, "en")
    assert notice is None and len(store.attempts()[0].answers) == 2
    store.close()


def test_exporting_a_damaged_database_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    fill(path)
    damaged = overwrite_pages(path, [4, 5, 6])
    with pytest.raises(StoreDamaged, match="nothing was exported"):
        SQLiteStore.open(path, "en", recover=False)
    assert path.read_bytes() == damaged and kept(tmp_path) == []


def test_tutor_export_of_a_damaged_database_exits_2_and_keeps_it(
    isolated_home: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = database_path("kim")
    fill(path)
    damaged = overwrite_pages(path, [4, 5, 6])
    code = main(["export", "--learner", "kim", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "damaged" in err and "Traceback" not in err
    assert path.read_bytes() == damaged and kept(path.parent) == []


def test_rows_that_cannot_be_read_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    fill(path, attempts=3, answers=3)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE answers SET answer = '{not json' WHERE question_id = 'q0-1'")
    connection.execute("UPDATE answers SET earned = 'lots' WHERE question_id = 'q0-2'")
    connection.execute("UPDATE attempts SET settings = '[[[' WHERE seed = 1")
    connection.execute("UPDATE attempts SET question_ids = '\"q\"' WHERE seed = 2")
    connection.commit()
    connection.close()
    store, notice = SQLiteStore.open(path, "en")
    assert notice is None
    (attempt,) = store.attempts()
    assert [a.question_id for a in attempt.answers] == ["q0-0"]
    assert store.attempt(attempt.id) == attempt and store.open_attempts() == []
    from tutor.quiz.results import export_csv, export_document

    assert len(export_document("me", store.attempts(), 0.0)["attempts"]) == 1
    assert export_csv("me", store.attempts()).count("\n") == 2  # header and one answer
    store.close()


def test_stats_skip_damaged_rows(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    fill(path, attempts=1, answers=2)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE answers SET answered_at = 'never' WHERE question_id = 'q0-1'")
    connection.commit()
    connection.close()
    store, _ = SQLiteStore.open(path, "en")
    assert [s.question_id for s in store.question_stats()] == ["q0-0"]
    assert store.topic_mastery()["t"].answers == 2
    store.close()


@pytest.mark.parametrize("card", ["not json", "[]", '{"card_id": 1}', json.dumps(
    {"card_id": 1, "state": 2, "step": None, "stability": 1.0, "difficulty": 5.0, "due": "2026-01-01T00:00:00",
     "last_review": None})], ids=["text", "list", "partial", "naive-date"])
def test_a_garbage_review_card_starts_over(tmp_path: Path, card: str) -> None:
    from datetime import datetime

    path = tmp_path / "me.sqlite3"
    store, _ = SQLiteStore.open(path, "en")
    now = datetime(2026, 11, 30, tzinfo=UTC)
    store.schedule_review("q1", 1, now)
    store._db.execute("UPDATE review_cards SET card = ?, due = 'soon' WHERE question_id = 'q1'", (card,))
    assert store.review_due_at("q1") is None and store.review_counts(now) == (0, 1)
    assert store.after_answer("q1", correct=False, credit=0.0, hints=0, now=now) is not None
    assert store.review_due_at("q1") is not None
    store.close()


def test_a_damaged_saved_configuration_is_skipped(tmp_path: Path) -> None:
    store, _ = SQLiteStore.open(tmp_path / "me.sqlite3", "en")
    store.save_config("good", "train", {"lr": 1})
    store.save_config("bad", "train", {"lr": 2})
    store._db.execute("UPDATE saved_configs SET data = 'nope' WHERE name = 'bad'")
    assert [c.name for c in store.saved_configs()] == ["good"]
    store.close()


# -- M11 + L8: learner names ------------------------------------------------------------------------

NAMES = ["Zoé", "Zoë", "Zo", "王伟", "李娜", "alice", ".alice", "_alice_", "learner", "a b", "a_b", "a/b"]


def test_distinct_names_get_distinct_files(isolated_home: Path) -> None:
    files = {name: database_path(name) for name in NAMES}
    assert len(set(files.values())) == len(NAMES)
    settings = {learner_settings_path(name) for name in NAMES}
    assert len(settings) == len(NAMES)  # the settings file follows the same rule
    for name, path in files.items():
        assert path.parent == isolated_home / "data" / "learners" and path.name.isprintable()
        assert "/" not in learner_stem(name) and not learner_stem(name).startswith(".")


def test_plain_names_keep_their_file_and_others_cannot_take_it(isolated_home: Path) -> None:
    for name in ("alice", "Bob-2", "a.b_c", "x" * MAX_NAME_LENGTH, "-dash"):
        assert database_path(name).name == f"{name}.sqlite3"  # as in every earlier version
    assert learner_stem("Zoé").startswith("Zoe+") and learner_stem("王伟").startswith("learner+")
    # The suffixed form holds "+", which a plain name never does: no name can take another's file.
    assert database_path(learner_stem("Zoé")) != database_path("Zoé")


def test_a_name_is_the_same_learner_however_its_accents_were_typed(isolated_home: Path) -> None:
    composed, decomposed = "Zoé", unicodedata.normalize("NFD", "Zoé")
    assert composed != decomposed and database_path(composed) == database_path(decomposed)


@pytest.mark.parametrize("name", ["x" * (MAX_NAME_LENGTH + 1), "é" * 5000, "a\nb", "a\tb", "bell\x07", "\u202eevil"],
                         ids=["65-chars", "5000-accents", "newline", "tab", "bell", "bidi"])
def test_names_no_file_can_carry_are_refused(isolated_home: Path, name: str) -> None:
    with pytest.raises(UsageError):
        database_path(name)


@pytest.mark.parametrize("name", ["x" * 5000, "a\nb", "esc\x1b[2J"], ids=["5000-chars", "newline", "escape"])
def test_tutor_refuses_such_names_with_one_line_and_exit_2(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], name: str,
) -> None:
    code = main(["export", "--learner", name, "--lang", "en"])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "learner name" in err and "Traceback" not in err
    learners = isolated_home / "data" / "learners"
    assert not learners.exists() or not any(learners.iterdir())  # no file made for a refused name


def test_export_shows_only_the_named_learners_attempts(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for seed, name in enumerate(NAMES):
        store, _ = SQLiteStore.open(database_path(name), "en")
        store.start_attempt(bank=f"bank-{seed}", module="m", kind="quiz", mode="practice", lang="en", seed=seed,
                            settings={}, question_ids=["q"], time_limit=None, pass_mark=70.0)
        store.close()
    for seed, name in enumerate(NAMES):
        assert main(["export", "--learner", name, "--format", "json", "--lang", "en"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert [a["bank"] for a in document["attempts"]] == [f"bank-{seed}"], name


# -- L15: directories under umask 000 ---------------------------------------------------------------


def test_directories_are_owner_only_under_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    code = textwrap.dedent(f"""
        import os
        from pathlib import Path
        os.umask(0)
        from tutor.store.learners import database_path
        from tutor.store.sqlite import SQLiteStore
        from tutor.locations import cache_dir, make_private_dir
        store, _ = SQLiteStore.open(database_path("kim"))
        store.close()
        make_private_dir(cache_dir())
        from tutor.settings import Settings, save_settings, settings_path
        save_settings(Settings(lang="en"), settings_path())  # the shared file, in ~/.config/tutor
        os.environ["TUTOR_HOME"] = {str(shared / "th" / "nested")!r}
        from tutor.crash import write_crash_log
        assert isinstance(write_crash_log(ValueError("x")), Path)  # the first thing made under TUTOR_HOME
        SQLiteStore.open(database_path("kim"))[0].close()
    """)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "TUTOR_"))}
    env["HOME"] = str(home)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    created = [home / ".local", home / ".local" / "share", home / ".local" / "share" / "tutor",
               home / ".local" / "share" / "tutor" / "learners", home / ".cache", home / ".cache" / "tutor",
               home / ".config", home / ".config" / "tutor",
               shared / "th", shared / "th" / "nested", shared / "th" / "nested" / "data",
               shared / "th" / "nested" / "data" / "crashes", shared / "th" / "nested" / "data" / "learners"]
    assert {str(path): oct(mode(path)) for path in created} == {str(path): "0o700" for path in created}
    assert mode(home) == 0o755 and mode(shared) == 0o755  # directories that existed keep their mode
    database = home / ".local" / "share" / "tutor" / "learners" / "kim.sqlite3"
    assert mode(database) == 0o600
