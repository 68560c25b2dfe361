"""The class dashboard at 80×24: the mastery grid (French), the running exams (English), a learner's details."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.unit.test_class_core import NOW, demo_class
from tutor.classroom.directory import init_class_dir
from tutor.ui.class_app import ClassApp

AT = NOW + 10 * 3600  # 10:00 UTC: every time on screen is of the same day, never the date of a run


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen in UTC, whatever the machine's zone; the class directory named from its parent
    (the window's title shows it: never the path of a run), in a directory learners can pass through:
    pytest's own temporary directories are closed to others (mode 0700), and how many of them lie above
    a test depends on how it is run (pytest-xdist adds one), which the problems tab would count."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    place = Path(tempfile.mkdtemp(prefix="tutor-class-snapshot-"))
    place.chmod(0o711)
    monkeypatch.chdir(place)
    yield
    shutil.rmtree(place, ignore_errors=True)


def dashboard(tmp_path: Path, lang: str) -> ClassApp:
    directory = init_class_dir(Path("class")).path
    demo_class(directory, at=AT)
    me = os.geteuid()
    return ClassApp(directory, lang, theme="tutor-dark", clock=lambda: AT, uid_of=lambda login: me, watch=False)


def test_the_mastery_grid(snap_compare: Callable[..., bool], tmp_path: Path, utc: None) -> None:
    assert snap_compare(dashboard(tmp_path, "fr"), terminal_size=(80, 24))


def test_the_running_exams(snap_compare: Callable[..., bool], tmp_path: Path, utc: None) -> None:
    async def running(pilot: Pilot[int]) -> None:
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(dashboard(tmp_path, "en"), terminal_size=(80, 24), run_before=running)


def test_a_learner_in_detail(snap_compare: Callable[..., bool], tmp_path: Path, utc: None) -> None:
    async def open_learner(pilot: Pilot[int]) -> None:
        await pilot.press("down", "enter")
        await pilot.pause()

    assert snap_compare(dashboard(tmp_path, "fr"), terminal_size=(80, 24), run_before=open_learner)
