"""The class dashboard driven at 80×24: live as learners publish (inotify), keys, the drill-down, the clocks.

Files are published the way a learner's tutor publishes them (`write_snapshot`: a temporary file
renamed over the learner's file), and the tests wait for the dashboard to show them: a condition,
never a length of time.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Static, TabbedContent

from tests.unit.test_class_core import NOW, attempt, demo_class, snapshot
from tutor.classroom.directory import init_class_dir
from tutor.classroom.publish import write_snapshot
from tutor.classroom.snapshot import encode
from tutor.ui.class_app import ClassApp
from tutor.ui.screens.class_dashboard import ClassDashboard
from tutor.ui.screens.class_learner import ClassLearnerScreen

SIZE = (80, 24)
ME = os.geteuid()
BOUND = 30.0  # seconds: bounds a wait that would otherwise hang; it never paces the test


def everyone_is_me(login: str) -> int:
    return ME  # the test writes every learner's file itself


async def until(pilot: Pilot[int], condition: Callable[[], bool]) -> None:
    """Let the app run (and the watch thread report) until `condition` holds; fail after `BOUND` seconds."""
    loop_time = __import__("asyncio").get_running_loop().time
    deadline = loop_time() + BOUND
    while not condition():
        crash = pilot.app._exception
        if crash is not None:
            raise crash
        if loop_time() > deadline:
            raise AssertionError("the dashboard never reached the state waited for")
        await pilot.pause(0.01)


def table(app: ClassApp, name: str) -> DataTable[Any]:
    return app.screen.query_one(f"#{name}", DataTable)


def cells(app: ClassApp, name: str) -> list[list[str]]:
    data = table(app, name)
    return [[getattr(cell, "plain", str(cell)) for cell in data.get_row_at(row)] for row in range(data.row_count)]


def text_of(app: ClassApp, selector: str) -> str:
    """What a Static shows (a Text or a Rich table), as plain text."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text().rstrip("\n")


def publish(directory: Path, login: str, **values: Any) -> None:
    write_snapshot(directory, login, encode(snapshot(login, **values)))


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    return init_class_dir(tmp_path / "class").path


async def test_the_dashboard_follows_the_class_as_learners_publish(class_dir: Path) -> None:
    app = ClassApp(class_dir, "en", theme="tutor-dark", uid_of=everyone_is_me)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.watch_ready and isinstance(app.screen, ClassDashboard))
        assert table(app, "class-grid").row_count == 0
        assert "No learner has published yet" in text_of(app, "#class-gaps")

        publish(class_dir, "ann", topics={"bert": {"earned": 3, "max_points": 4, "answers": 4}})
        await until(pilot, lambda: table(app, "class-grid").row_count == 2)
        assert cells(app, "class-grid") == [["Ann (ann)", "75"], ["Class", "75"]]
        assert "Not yet mastered by the class: BERT 75%" in text_of(app, "#class-gaps")

        exam = attempt("b1", [("q1", "gpt", 1, 1)], state="open", mode="exam", total=10, time_limit=600.0,
                       elapsed=60.0)
        publish(class_dir, "bob", topics={"gpt": {"earned": 1, "max_points": 1, "answers": 1}}, attempts=[exam])
        await until(pilot, lambda: table(app, "class-running").row_count == 1)
        assert cells(app, "class-running")[0][:4] == ["Bob", "Exam", "fine-tuning", "2/10"]
        # Bob answers two more questions: only his file is read again.
        reads = app.reader.reads
        later = attempt("b1", [("q1", "gpt", 1, 1), ("q2", "gpt", 0, 1), ("q3", "bert", 1, 1)], state="open",
                        mode="exam", total=10, time_limit=600.0, elapsed=120.0)
        publish(class_dir, "bob", topics={"gpt": {"earned": 1, "max_points": 2, "answers": 2}}, attempts=[later])
        await until(pilot, lambda: cells(app, "class-running")[0][3] == "4/10")
        assert app.reader.reads == reads + 1
        assert [row[0] for row in cells(app, "class-questions")] == ["0", "100", "100"]

        (class_dir / "eve.json").write_bytes(b"<html>not a class file</html>")
        await until(pilot, lambda: len(app.view.problems) == 1)
        tabs = app.screen.query_one("#class-tabs", TabbedContent)
        # The set-up notices count too (pytest's private temporary directories keep learners out).
        assert str(tabs.get_tab("tab-problems").label) == f"Problems ({len(app.view.setup) + 1})"
        assert "eve.json: broken JSON: Expecting value" in text_of(app, "#class-problems")
        (class_dir / "ann.json").unlink()
        await until(pilot, lambda: [r.login for r in app.view.learners] == ["bob"])
        assert [row[0] for row in cells(app, "class-grid")] == ["Bob (bob)", "Class"]


async def test_enter_opens_a_learner_who_stays_live(class_dir: Path) -> None:
    publish(class_dir, "ann", topics={"bert": {"earned": 1, "max_points": 4, "answers": 4}},
            attempts=[attempt("a1", [("bert-cls", "bert", 0, 1)])])
    app = ClassApp(class_dir, "fr", theme="tutor-dark", uid_of=everyone_is_me)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.watch_ready and table(app, "class-grid").row_count == 2)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ClassLearnerScreen))
        assert text_of(app, "#learner-head").startswith("Ann (ann) · en · publié\u00a0: ")
        assert "bert-cls" in text_of(app, "#learner-missed")
        publish(class_dir, "ann", name="Ann Martin", topics={"bert": {"earned": 4, "max_points": 5, "answers": 5}},
                attempts=[attempt("a1", [("bert-cls", "bert", 0, 1)]), attempt("a2", [("bert-cls", "bert", 1, 1)])])
        await until(pilot, lambda: text_of(app, "#learner-head").startswith("Ann Martin (ann)"))
        assert "4/5 pt · 5 réponses" in text_of(app, "#learner-topics")
        (class_dir / "ann.json").unlink()
        await until(pilot, lambda: "n'est plus lisible" in text_of(app, "#learner-head"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ClassDashboard))
        await until(pilot, lambda: table(app, "class-grid").row_count == 0)


async def test_keys_switch_tabs_and_the_class_row_opens_nothing(class_dir: Path) -> None:
    demo_class(class_dir)
    app = ClassApp(class_dir, "en", theme="tutor-dark", uid_of=everyone_is_me, clock=lambda: NOW, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one("#class-tabs", TabbedContent)
        for key, tab, focused in (("2", "tab-running", "class-running"), ("3", "tab-questions", "class-questions"),
                                  ("4", "tab-problems", "class-problems-body"), ("1", "tab-mastery", "class-grid")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == tab and app.focused is not None and app.focused.id == focused
        await pilot.press("ctrl+end", "enter")  # the last row is the class as a whole
        await pilot.pause()
        assert isinstance(app.screen, ClassDashboard)
        await pilot.press("2", "enter")  # the first running attempt: Emma's exam
        await until(pilot, lambda: isinstance(app.screen, ClassLearnerScreen))
        assert isinstance(app.screen, ClassLearnerScreen) and app.screen.login == "emma"
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ClassDashboard)


async def test_the_clocks_count_down_without_reading_any_file(class_dir: Path) -> None:
    now = [NOW]
    publish(class_dir, "ann", updated=NOW, attempts=[
        attempt("a1", [("q1", "bert", 1, 1)], state="open", mode="exam", total=5, time_limit=600.0, elapsed=100.0,
                started=NOW - 100)])
    app = ClassApp(class_dir, "en", theme="tutor-dark", uid_of=everyone_is_me, clock=lambda: now[0], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert cells(app, "class-running")[0][4:] == ["08:20", "01:30"]
        reads = app.reader.reads
        now[0] = NOW + 30
        app._tick()
        await pilot.pause()
        assert cells(app, "class-running")[0][4:] == ["07:50", "02:00"]
        assert app.reader.reads == reads


async def test_a_hostile_file_never_reaches_the_screen_as_markup_or_controls(class_dir: Path) -> None:
    publish(class_dir, "mal", name="[b]bold[/b] \x1b]52;c;AAAA\x07", attempts=[
        attempt("m1", [("[red]q[/red]", "bert", 0, 1)], state="open", total=3)])
    app = ClassApp(class_dir, "en", theme="tutor-dark", uid_of=everyone_is_me, clock=lambda: NOW, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        name = cells(app, "class-grid")[0][0]
        assert name == "[b]bold[/b] \ufffd]52;…" and "\x1b" not in name  # as typed, controls shown, cut to fit
        assert cells(app, "class-questions")[0][2] == "[red]q[/red]"
