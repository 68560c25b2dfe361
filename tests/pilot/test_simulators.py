"""The configurator panels driven with keys: recommendations, live estimates, invalid values, export."""

from __future__ import annotations

import ast
import io
from collections.abc import Callable

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.pilot.waits import until
from tutor.sim.estimate import estimate
from tutor.sim.recommend import recommend
from tutor.ui.app import TutorApp
from tutor.ui.panels.configurator import DEFAULTS, ConfiguratorPanel
from tutor.ui.panels.playground import SamplingPlayground
from tutor.ui.screens.export import ExportScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.simulator import SimulatorScreen
from tutor.ui.widgets.fields import FieldCell

SIZE = (80, 24)
# Home list: the module, the quiz, then the simulators (BERT, GPT, metrics).
BERT, GPT = 2, 3


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text (Rich renderables included)."""
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_simulator(pilot: Pilot[int], downs: int) -> ConfiguratorPanel:
    await pilot.press(*["down"] * downs, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SimulatorScreen)
    return pilot.app.screen.query_one(ConfiguratorPanel)


async def retype(pilot: Pilot[int], field: str, text: str) -> None:
    control = pilot.app.screen.query_one(f"#control-{field}", Input)
    control.focus()
    await pilot.press("end", *["backspace"] * (len(control.value) + 1), *text)
    await settle(pilot)


async def test_bert_recommendation_and_live_estimate(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_simulator(pilot, BERT)
        assert app.focused is not None and app.focused.id == "task-sentence"
        sentence = "extract person names (named entities) from news"
        await pilot.press(*sentence)
        await settle(pilot)
        rec = recommend("bert", sentence, "en")
        assert rec.task_kind == "token-cls"  # the recommender's own choices are tested in tests/unit
        assert panel.config.model == rec.model and panel.config.task == "token-cls"
        assert panel.config.lr == rec.lr and panel.config.num_labels == rec.num_labels
        assert panel.config.epochs == rec.epochs
        assert "Recognised task" in str(panel.query_one("#recommendation", Static).render())
        before = panel.last_valid
        assert before == estimate(panel.config)
        await retype(pilot, "batch_size", "64")
        after = panel.last_valid
        assert panel.config.batch_size == 64
        assert after.memory.activations == 4 * before.memory.activations
        assert after.steps_per_epoch < before.steps_per_epoch
        shown = text_of(panel.query_one("#estimate", Static))
        assert f"{after.steps_per_epoch} steps/epoch" in shown


async def test_invalid_value_shows_a_message_and_keeps_the_last_estimate(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_simulator(pilot, BERT)
        valid = panel.last_valid
        await retype(pilot, "lr", "abc")
        cell = panel.query_one("#field-lr", FieldCell)
        assert cell.has_class("-invalid")
        assert "n'est pas un nombre" in str(cell.query_one(".field-error", Static).render())
        assert panel.query_one("#stale-note").display
        assert panel.last_valid is valid
        await retype(pilot, "batch_size", "0")
        assert panel.query_one("#field-batch_size", FieldCell).has_class("-invalid")
        await retype(pilot, "lr", "3e-5")
        await retype(pilot, "batch_size", "32")
        assert not cell.has_class("-invalid") and not panel.query_one("#stale-note").display
        assert panel.last_valid.config.lr == 3e-5 and panel.last_valid is not valid


async def test_lora_strategy_counts_the_reference_parameters(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_simulator(pilot, BERT)
        panel.query_one("#field-strategy", FieldCell).set_value("lora")
        await settle(pilot)
        # The 2026 start: r 16 on every Linear of the blocks, as the core counts it.
        assert panel.config.lora_targets == ("all-linear",) and panel.config.lora_r == 16
        assert panel.last_valid == estimate(panel.config) and panel.last_valid.adapter_params > 589_824
        await retype(pilot, "lora_targets", "query,value")
        await retype(pilot, "lora_r", "8")
        assert panel.last_valid.adapter_params == 294_912  # bert-base-uncased, r = 8, query + value
        assert panel.last_valid.trainable_params == 294_912 + 1_538
        await retype(pilot, "lora_r", "16")
        assert panel.last_valid.adapter_params == 589_824


async def test_gpt_playground_follows_the_sampling_fields(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_simulator(pilot, GPT)
        assert panel.family == "gpt"
        sentence = "write product descriptions for an e-commerce shop"
        await pilot.press(*sentence)
        await settle(pilot)
        rec = recommend("gpt", sentence, "en")
        assert panel.config.model == rec.model and panel.config.temperature == rec.temperature == 0.7
        assert panel.config.max_length == rec.max_length
        playground = panel.query_one(SamplingPlayground)
        kept_before = sum(playground.result().final.kept)
        await retype(pilot, "top_p", "0.5")
        kept_after = sum(playground.result().final.kept)
        assert playground.top_p == 0.5 and kept_after < kept_before
        await retype(pilot, "temperature", "0")
        assert panel.query_one("#field-temperature", FieldCell).has_class("-invalid")
        assert playground.temperature == 0.7  # the last valid setting stays


async def test_export_is_valid_python(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_simulator(pilot, BERT)
        panel.query_one("#field-strategy", FieldCell).set_value("lora")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        ast.parse(screen.python)
        assert "LoraConfig" in screen.python and "TrainingArguments" in screen.python
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, SimulatorScreen)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not isinstance(app.screen, SimulatorScreen)


async def test_configurator_is_embedded_in_the_bert_section(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n", "n", "n")  # transfer learning, strategies, QLoRA, then BERT
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.section.id == "bert"
        await pilot.press("e")  # the panel is mounted when wanted (or in view), and focused
        await until(pilot, lambda: screen.panel_with_focus() is not None)
        panel = screen.query_one(ConfiguratorPanel)
        assert panel.family == "bert" and panel.last_valid == estimate(DEFAULTS["bert"])
        await pilot.press("f3")  # next section even from inside the panel's fields
        await settle(pilot)
        assert screen.section.id == "modern-encoders" and screen.panel_with_focus() is None
        await pilot.press("n")  # the focus is back on the text: a letter turns the page
        await settle(pilot)
        assert screen.section.id == "gpt"
        await pilot.press("e")
        await until(pilot, lambda: screen.panel_with_focus() is not None)
        assert screen.query_one(ConfiguratorPanel).family == "gpt"


async def test_a_saved_configuration_can_be_reopened(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_simulator(pilot, BERT)
        await retype(pilot, "batch_size", "48")
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert app.store.saved_configs("bert")[0].data["batch_size"] == 48
        await pilot.press("q")
        await settle(pilot)
        await retype(pilot, "batch_size", "8")
        assert panel.config.batch_size == 8
        await pilot.press("f7")
        await settle(pilot)
        assert panel.config.batch_size == 48


async def test_help_lists_the_keys_of_the_panel_in_focus(make_app: Callable[..., TutorApp]) -> None:
    from tutor.ui.screens.help import HelpScreen

    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_simulator(pilot, BERT)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        descriptions = [description for _, description in app.screen.keys]
        assert "Exporter" in descriptions and "Rouvrir" in descriptions
