"""The progress store: positions and sections read survive a reopen; damage is moved aside."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.store.interface import StoreError
from tutor.store.learners import database_path, learner_name
from tutor.store.sqlite import SCHEMA_VERSION, SQLiteStore


def test_positions_and_reading_survive_a_reopen(tmp_path: Path,
                                                open_test_store: Callable[[Path], SQLiteStore]) -> None:
    path = tmp_path / "me.sqlite3"
    store = open_test_store(path)
    assert store.last_module() is None and store.position("m") is None
    store.set_position("m", "s1")
    store.mark_read("m", "s1")
    store.mark_read("m", "s1")
    store.set_position("other", "x")
    store.set_position("m", "s2")
    store.close()

    store = open_test_store(path)
    assert store.position("m") == "s2"
    assert store.sections_read("m") == {"s1"}
    assert store.last_module() == "m"
    store.reset_module("m")
    assert store.position("m") is None and store.sections_read("m") == set()
    assert store.schema_version == SCHEMA_VERSION


def test_owner_only_permissions(tmp_path: Path) -> None:
    path = tmp_path / "private" / "me.sqlite3"
    store, _ = SQLiteStore.open(path)
    store.close()
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_damaged_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    path.write_bytes(b"this is not a database, it is a text file" * 100)
    store, notice = SQLiteStore.open(path, "en")
    assert notice is not None and "damaged" in notice.message
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
    store.set_position("m", "s")
    assert store.position("m") == "s"
    store.close()


def test_a_database_from_a_newer_tutor_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "me.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    connection.close()
    with pytest.raises(StoreError, match="newer tutor"):
        SQLiteStore.open(path, "en")
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


def test_learner_name_and_path(isolated_home: Path) -> None:
    assert learner_name("alice", {"TUTOR_LEARNER": "bob"}) == "alice"
    assert learner_name(None, {"TUTOR_LEARNER": " bob "}) == "bob"
    assert learner_name(None, {}) != ""
    path = database_path("../../etc/passwd x")
    assert path.parent == isolated_home / "data" / "learners"
    assert path.name.startswith("etc_passwd_x+") and path.name.endswith(".sqlite3")  # not a plain name: hashed
    assert database_path("alice").name == "alice.sqlite3"  # a plain name keeps its file
