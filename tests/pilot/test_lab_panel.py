"""The transfer-learning lab driven with keys: a scenario trained to the end, a run stopped midway."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tests.helpers import home_position
from tests.pilot.waits import until
from tutor.ui.app import TutorApp
from tutor.ui.panels.lab_panel import LabPanel
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.simulator import SimulatorScreen

SIZE = (80, 24)


def text_of(widget: Static) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def open_lab(pilot: Pilot[int]) -> LabPanel:
    app = pilot.app
    await pilot.pause()
    position = home_position(app, "simulator:transfer-lab")
    await pilot.press(*["down"] * position, "enter")
    await pilot.pause()
    assert isinstance(app.screen, SimulatorScreen)
    return app.screen.query_one(LabPanel)


async def wait_for_training(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_scenario_trains_and_its_lesson_shows(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        panel.query_one("#lab-scenario", Select).value = "forgetting"
        await pilot.pause()
        assert panel.query_one("#control-lr", Input).value == "0.1"
        assert "catastrophic forgetting" in text_of(panel.query_one("#lab-explanation", Static))
        await pilot.press("f5")
        await wait_for_training(pilot)
        assert set(panel.results) == {"A", "B"}
        high, low = panel.results["A"], panel.results["B"]
        assert high.final_source_acc < low.final_source_acc - 0.3  # forgetting at the high rate
        assert len(panel.curves["A"]) == high.settings.epochs + 1  # epoch 0 and every epoch, live
        assert "The lesson shows" in text_of(panel.query_one("#lab-status", Static))
        assert "parameters trained" in text_of(panel.query_one("#lab-summary", Static))


async def test_a_run_can_be_stopped_and_bad_settings_are_refused(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        epochs = panel.query_one("#control-epochs", Input)
        epochs.focus()
        await pilot.press("end", "backspace", "backspace", *"abc")
        await pilot.pause()
        assert panel.query_one("#field-epochs").has_class("-invalid")
        await pilot.press("f5")
        await pilot.pause()
        assert not panel.results and not panel.workers  # refused: nothing ran
        await pilot.press("backspace", "backspace", "backspace", *"400")
        await pilot.press("f5")
        await until(pilot, lambda: len(panel.curves.get("current", [])) >= 2)  # training has begun
        await pilot.press("f6")
        await wait_for_training(pilot)
        result = panel.results["current"]
        assert result.cancelled and len(result.epochs) < 400
        assert "Stopped" in text_of(panel.query_one("#lab-status", Static))


async def test_the_lab_sits_in_the_strategies_section(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("n")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.section.id == "strategies"
        assert screen.query_one(LabPanel).lang == "fr"
