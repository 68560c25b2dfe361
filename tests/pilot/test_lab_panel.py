"""The transfer-learning lab driven with keys: a scenario trained to the end, a run stopped midway."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tests.helpers import home_position
from tests.pilot.waits import settle, until
from tutor.lab.results import EpochStats, RunResult
from tutor.lab.settings import LabSettings
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
        await pilot.press("e")  # into the panel: a lesson may mount its panels only when wanted
        await until(pilot, lambda: bool(screen.query(LabPanel)))
        assert screen.query_one(LabPanel).lang == "fr"


# -- the form, the status and the plots, with a stand-in trainer ---------------------------------
# `ScriptedRun` replaces tutor.lab.train.run (the panel imports it when a training starts): it
# records the settings it was given and reports its epochs at once, or one by one when the test
# releases them. The waits are on states of the panel, never on the clock.


class ScriptedRun:
    """A stand-in for `tutor.lab.train.run`: records the settings, reports `epochs` epochs."""

    def __init__(self, epochs: int = 2, stepped: bool = False) -> None:
        self.epochs = epochs
        self.stepped = stepped
        self.step = threading.Semaphore(0)
        self.seen: list[LabSettings] = []
        self.finished = 0

    def __call__(self, settings: LabSettings, on_epoch: Callable[[EpochStats], object] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> RunResult:
        self.seen.append(settings)
        result = RunResult(settings, [], trainable_params=16098, total_params=16098, source_acc_before=0.987)
        for epoch in range(self.epochs + 1):
            if self.stepped:
                self.step.acquire(timeout=30)
            if should_stop is not None and should_stop():
                result.cancelled = True
                break
            stats = EpochStats(epoch, 1.0 / (epoch + 1), 0.5, 1.0, 0.868, 0.9, 1e-3, 16098, 0.0,
                               1 if epoch else 0, 2 * epoch, (1e-3, 2e-3) if epoch else (),
                               (0.7, 0.6) if epoch else ())
            if on_epoch is not None:
                on_epoch(stats)
            if epoch:
                result.epochs.append(stats)
                result.best_epoch = 1
        self.finished += 1
        return result


def type_into(panel: LabPanel, **values: str) -> None:
    for name, value in values.items():
        panel.query_one(f"#control-{name}", Input).value = value


def visible(pilot: Pilot[int], widget: Static) -> bool:
    """The widget's first line is on screen (above the footer)."""
    region = widget.region
    return bool(region) and 0 <= region.y < pilot.app.size.height - 1


async def test_the_values_typed_in_a_scenario_are_the_values_trained(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """W1: the form's edits reach every run; what was not edited keeps the scenario's own values."""
    fake = ScriptedRun()
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        panel.query_one("#lab-scenario", Select).value = "forgetting"
        await pilot.pause()
        type_into(panel, epochs="20")
        panel.query_one("#control-epochs", Input).focus()
        await pilot.press("f5")
        await until(pilot, lambda: set(panel.results) == {"A", "B"})
        assert [(s.lr, s.epochs) for s in fake.seen] == [(0.1, 20), (0.003, 20)]  # B keeps its own rate

        type_into(panel, lr="0.5")
        await pilot.press("f5")
        await until(pilot, lambda: fake.finished == 4 and set(panel.results) == {"A", "B"})
        assert [(s.lr, s.epochs) for s in fake.seen[2:]] == [(0.5, 20), (0.5, 20)]
        assert panel.results["B"].settings.lr == 0.5
        summary = text_of(panel.query_one("#lab-summary", Static))
        assert summary.count("lr 0.5") == 2 and summary.count("20 epochs") == 2
        assert "A — rate 0.1 (too high), edited settings" in summary


async def test_changing_scenario_clears_the_verdict_and_the_curves(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """W2: nothing of the previous scenario stays, not even what its worker posts afterwards."""
    fake = ScriptedRun()
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        select = panel.query_one("#lab-scenario", Select)
        select.value = "forgetting"
        await pilot.pause()
        panel.action_train()
        status = panel.query_one("#lab-status", Static)
        await until(pilot, lambda: "The lesson" in text_of(status))
        assert panel.query_one("#lab-charts").display

        select.value = "warmup"
        await pilot.pause()
        assert text_of(status).strip() == "" and text_of(panel.query_one("#lab-summary", Static)).strip() == ""
        assert panel.curves == {} and panel.results == {}
        assert not panel.query_one("#lab-charts").display

        fake.stepped = True  # a run cut off by a change of scenario must not come back
        panel.action_train()
        fake.step.release()
        await until(pilot, lambda: len(panel.curves.get("A", [])) == 1)
        select.value = "custom"
        await pilot.pause()
        fake.step.release(10)
        await until(pilot, lambda: fake.finished == 3)
        await settle(pilot)
        assert panel.curves == {} and panel.results == {} and text_of(status).strip() == ""


async def test_the_epoch_counter_counts_out_of_the_run_s_epochs(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """W7: "epoch 2/300", not "2/2"."""
    fake = ScriptedRun(epochs=300, stepped=True)
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        type_into(panel, epochs="300")
        await pilot.pause()
        panel.action_train()
        fake.step.release(3)
        await until(pilot, lambda: len(panel.curves.get("current", [])) == 3)
        assert "époque 2/300" in text_of(panel.query_one("#lab-status", Static))
        panel.action_stop()
        fake.step.release(1)
        await settle(pilot)


async def test_the_status_and_the_result_scroll_into_view_in_a_lesson(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80×24 the lab sits pages below a lesson's text: starting and ending a run bring it up."""
    fake = ScriptedRun(stepped=True)
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("fine-tuning", "strategies")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.section.id == "strategies"
        await pilot.press("e")  # into the panel (which a lesson may mount only then)
        await until(pilot, lambda: bool(screen.query(LabPanel)))
        await settle(pilot)
        panel = screen.query_one(LabPanel)
        status = panel.query_one("#lab-status", Static)
        summary = panel.query_one("#lab-summary", Static)
        screen.query_one("#content").scroll_home(animate=False)
        await until(pilot, lambda: not visible(pilot, status))
        panel.action_train()
        fake.step.release()
        await until(pilot, lambda: "époque 0/10" in text_of(status))
        await until(pilot, lambda: visible(pilot, status))

        screen.query_one("#section-title").scroll_visible(animate=False)  # the learner reads on above
        await until(pilot, lambda: not visible(pilot, status))
        fake.step.release(10)
        await until(pilot, lambda: "current" in panel.results)
        await until(pilot, lambda: visible(pilot, status) and visible(pilot, summary))
        shown = text_of(summary)
        assert "16\u202f098 paramètres entraînés sur 16\u202f098" in shown and "86,8\u202f%" in shown  # French numbers
        assert "lr 0,003" in shown and "10 époques" in shown  # the values this run used


async def test_f5_with_an_invalid_field_says_which_and_does_not_train(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = ScriptedRun()
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        type_into(panel, lr="0.01", epochs="lots")
        panel.query_one("#control-lr", Input).focus()
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        message = text_of(panel.query_one("#lab-status", Static))
        assert "Cannot train" in message and "Epochs" in message and "'lots' is not a number" in message
        assert fake.seen == [] and not panel.results
        assert app.focused is panel.query_one("#control-epochs", Input)  # the cursor is where to fix it


async def test_the_plots_tell_runs_and_series_apart_without_colour(
    make_app: Callable[..., TutorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ASCII mode: one ASCII marker per series and run, named in a legend under each plot."""
    fake = ScriptedRun()
    monkeypatch.setattr("tutor.lab.train.run", fake)
    app = make_app(lang="en", ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_lab(pilot)
        panel.query_one("#lab-scenario", Select).value = "forgetting"
        await pilot.pause()
        panel.action_train()
        await until(pilot, lambda: set(panel.results) == {"A", "B"})
        await settle(pilot)
        legend = text_of(panel.query_one("#lab-loss-legend", Static)).strip().splitlines()
        assert [line.split(":")[0] for line in legend] == ["A — rate 0.1 (too high)", "B — rate 0.003"]
        markers = [line.split(": ")[1].split()[::2] for line in legend]
        assert markers == [["*", "o"], ["#", "x"]]
        accuracy = text_of(panel.query_one("#lab-accuracy-legend", Static)).strip().splitlines()
        assert [line.split(": ")[1].split()[::2] for line in accuracy] == [["o", "^"], ["x", "%"]]
