"""Leaving a panel while it works, and paging faster than sections render, never crash the app.

Each test replays a crash a learner met: the lab's worker updating a status line that had gone
(`NoMatches '#lab-status'`), a section's `Select` cut off halfway through mounting by the next
page (`NoMatches 'SelectOverlay'`), and the metrics panel's delayed recomputation running after
its panel was removed. The waits are on states (an epoch arrived, a worker finished), never on
the clock.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from tests.pilot.waits import settle, until
from tutor.lab.results import EpochStats, RunResult
from tutor.lab.settings import LabSettings
from tutor.ui.app import TutorApp
from tutor.ui.panels.lab_panel import LabPanel
from tutor.ui.panels.metrics_panel import MetricsPanel
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.simulator import SimulatorScreen

SIZE = (80, 24)


async def start_a_long_run(pilot: Pilot[int], panel: LabPanel) -> None:
    """Type a run of 300 epochs on 1000 examples and start it; return once its first epoch is in."""
    for name, value in (("epochs", "300"), ("examples", "1000")):
        field = panel.query_one(f"#control-{name}", Input)
        field.value = value
    await pilot.pause()
    panel.action_train()
    await until(pilot, lambda: len(panel.curves.get("current", [])) >= 2)


async def lesson_at(pilot: Pilot[int], section: str, panel: bool = False) -> LessonScreen:
    """The lesson at `section`; with `panel`, inside its simulator panel (`e` mounts it and goes in)."""
    app = pilot.app
    assert isinstance(app, TutorApp)
    app.open_lesson("fine-tuning", section)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, LessonScreen) and screen.section.id == section
    if panel:
        await pilot.press("e")
        await until(pilot, lambda: screen.panel_with_focus() is not None)
    return screen


class SteppedRun:
    """A stand-in for `tutor.lab.train.run` that reports an epoch only when the test says so.

    It lets a test put the moment a worker reports *after* the learner left, every time,
    instead of hoping a real run lands there.
    """

    def __init__(self) -> None:
        self.step = threading.Semaphore(0)
        self.reported = 0

    def __call__(self, settings: LabSettings, on_epoch: Callable[[EpochStats], object],
                 should_stop: Callable[[], bool]) -> RunResult:
        result = RunResult(settings, [])
        for epoch in range(3):
            self.step.acquire(timeout=30)
            stats = EpochStats(epoch, 1.0, 0.5, 1.0, 0.5, 0.9, 1e-3, 10, 0.0, 0, 0)
            on_epoch(stats)  # reported whether or not the run was cancelled meanwhile
            self.reported += 1
            if epoch:
                result.epochs.append(stats)
        result.cancelled = should_stop()
        return result


async def test_a_worker_reporting_after_the_lab_left(make_app: Callable[..., TutorApp],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's next epoch and its final result arrive after the panel was removed."""
    fake = SteppedRun()
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.open_simulator("transfer-lab")
        await settle(pilot)
        panel = app.screen.query_one(LabPanel)
        panel.action_train()
        fake.step.release()
        await until(pilot, lambda: len(panel.curves.get("current", [])) == 1)
        app.screen.query_one("#simulator-body").focus()
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and not panel.is_attached)
        fake.step.release(2)  # two more epochs, then the result, all for a panel that is gone
        await until(pilot, lambda: fake.reported == 3)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("leave", ["ctrl+b", "q"])
async def test_leaving_the_lab_screen_while_it_trains(make_app: Callable[..., TutorApp], leave: str) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        app.open_simulator("transfer-lab")
        await settle(pilot)
        assert isinstance(app.screen, SimulatorScreen)
        panel = app.screen.query_one(LabPanel)
        await start_a_long_run(pilot, panel)
        app.screen.query_one("#simulator-body").focus()
        await pilot.press(leave)
        await settle(pilot)  # the worker sees it was cancelled and stops
        assert isinstance(app.screen, HomeScreen)
        assert not [w for w in app.workers if w.group == "lab" and w.is_running]


@pytest.mark.parametrize("leave", ["f3", "f2", "palette"])
async def test_leaving_the_lab_section_while_it_trains(make_app: Callable[..., TutorApp], leave: str) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "strategies", panel=True)
        panel = screen.query_one(LabPanel)
        await start_a_long_run(pilot, panel)
        if leave == "palette":
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*"Evaluation", "enter")
        else:
            await pilot.press(leave)
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.section.id != "strategies"
        assert not screen.query(LabPanel)


async def test_paging_faster_than_sections_render(make_app: Callable[..., TutorApp]) -> None:
    """`p`, `n`, `p`, `n`… across the sections that embed the lab, without waiting for a render."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "transfer-learning")
        for key in "npnpnpnnnpnpnpnppp" * 2:
            await pilot.press(key)
        await settle(pilot)
        ids = [s.id for s in screen.module.sections]
        assert screen.section.id == ids[0]
        assert str(screen.query_one("#section-title").render()) == screen.section.title
        assert len(screen.query("#section-title")) == 1


@pytest.mark.parametrize(("first", "second", "panel"), [
    ("transfer-learning", "strategies", LabPanel),  # NoMatches 'SelectOverlay' (the lab's Select)
    ("best-practices", "evaluation", MetricsPanel),  # NoMatches '#metrics-stem'
])
async def test_a_new_page_asked_for_at_every_moment_of_a_render(
    make_app: Callable[..., TutorApp], first: str, second: str, panel: type,
) -> None:
    """The next section is asked for after 0, 1, 2… turns of the event loop into the last render.

    Two sections alternate, the second with a simulator panel: a render cancelled in the middle
    left the panel half mounted (a `Select` without its overlay, a checkbox not there yet).
    """
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, first)
        ids = [s.id for s in screen.module.sections]
        pair = (ids.index(first), ids.index(second))
        for turns in range(40):
            screen.show_section(pair[1] if screen.index == pair[0] else pair[0])
            for _ in range(turns):
                await asyncio.sleep(0)
        await settle(pilot)
        assert str(screen.query_one("#section-title").render()) == screen.section.title
        assert len(screen.query(panel)) == (screen.section.id == second)


async def test_leaving_the_metrics_panel_before_it_recomputes(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "evaluation", panel=True)
        panel = screen.query_one(MetricsPanel)
        panel.area("gold").focus()
        await pilot.pause()
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t", "ctrl+t")  # task after task, to ROUGE
        await settle(pilot)
        assert panel.current_task == "rouge" and app.focused is panel.area("ref")
        await pilot.press("x", "y")  # an edit starts the delayed recomputation
        assert panel.area("ref").text.startswith("xy") and panel._timer is not None
        await pilot.press("f2")  # …and the learner pages away before it fires
        await settle(pilot)
        assert app.screen is screen and screen.section.id != "evaluation"
        assert not screen.query(MetricsPanel) and not screen.query(TextArea)


async def test_enter_twice_on_the_home_screen(make_app: Callable[..., TutorApp]) -> None:
    """The second selection arrived when the lesson was pushed but not yet composed."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = app.screen.query_one("#modules", OptionList)
        entries.highlighted = 0
        entries.action_select()
        entries.action_select()  # both selections are queued before the first is handled
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert sum(isinstance(screen, LessonScreen) for screen in app.screen_stack) == 1
        assert str(app.screen.query_one("#section-title").render()) == app.screen.section.title



async def test_enter_typed_many_times_in_the_command_palette(make_app: Callable[..., TutorApp]) -> None:
    """Found by the monkey: every queued Enter closed the palette again, popping the screen below."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        app.open_simulator("bert-configurator")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await asyncio.gather(*(pilot.press("enter") for _ in range(8)))  # typed before any is handled
        await settle(pilot)
        assert app.is_running and not any(isinstance(s, CommandPalette) for s in app.screen_stack)
        assert sum(isinstance(s, SimulatorScreen) for s in app.screen_stack) <= 2  # one command ran, once


@pytest.mark.parametrize("section", ["strategies", "evaluation", "bert"])
async def test_leaving_a_lesson_at_every_moment_of_its_render(make_app: Callable[..., TutorApp], section: str) -> None:
    """The lesson is closed 0, 1, 2… turns of the event loop after it starts mounting a panel."""
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for turns in range(0, 60, 2):
            app.open_lesson("fine-tuning", section)
            for _ in range(turns):
                await asyncio.sleep(0)
            if isinstance(app.screen, LessonScreen):
                app.screen.action_back()
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)


def test_a_select_removed_while_it_mounts() -> None:
    """Textual's Select filled its overlay on mount even when both were being removed (NoMatches)."""
    from textual.app import App
    from textual.containers import Vertical

    from tutor.ui.widgets.controls import SafeSelect

    async def mount_and_remove() -> None:
        app: App[None] = App()
        async with app.run_test() as pilot:
            for turns in range(30):
                box = Vertical()
                await app.screen.mount(box)
                box.mount(SafeSelect([("a", 1), ("b", 2)], value=1, allow_blank=False))
                for _ in range(turns):
                    await asyncio.sleep(0)
                box.remove()
                await pilot.pause()

    asyncio.run(mount_and_remove())


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_every_section_removed_at_every_moment_of_its_mount(make_app: Callable[..., TutorApp],
                                                                  lang: str) -> None:
    """Each section's blocks (simulator panels included) mounted, then removed 0, 3, 6… turns in."""
    from textual.containers import Vertical

    from tutor.ui.screens.lesson import _panel_for
    from tutor.ui.widgets.blocks import block_widget

    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        module = app.course.modules_in(lang)[0]
        for section in module.sections:
            for turns in range(0, 45, 3):
                box = Vertical()
                await app.screen.mount(box)
                box.mount_all([block_widget(block, lang, False, _panel_for) for block in section.blocks])
                for _ in range(turns):
                    await asyncio.sleep(0)
                box.remove()
                await settle(pilot)
        assert app.is_running


async def test_escape_from_the_command_palette_while_it_searches(make_app: Callable[..., TutorApp]) -> None:
    """Found by the monkey's hang bound: the palette never finished closing and the app froze."""
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press("l")
        await asyncio.wait_for(pilot.press("escape"), 30)  # a bound on a hang, not a pace
        await asyncio.wait_for(settle(pilot), 30)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+p", "escape", "escape")  # twice: the second must not pop the home screen
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
