"""The 2026 configurators driven as a learner would: model → task → strategy, QLoRA and DPO included.

At every step the panel's estimate is `estimate(panel.config)` and the view shows its figures
through the locale formatters (109 482 240 and 3,41 Gio in French), the DPO reference and the
activation formula; at 80×24 none of it is cut. Leaving the panel in the middle of an edit never
crashes. Waits are on states, never on the clock.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tests.pilot.test_clipping import clipped_widgets
from tests.pilot.waits import settle
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt_int, fmt_percent, fmt_sci
from tutor.sim.catalogue import get_model
from tutor.sim.config import default_lr
from tutor.sim.estimate import Estimate, estimate
from tutor.sim.recommend import recommend
from tutor.sim.report import format_bytes, format_duration
from tutor.ui.app import TutorApp
from tutor.ui.panels.configurator import DEFAULTS, ConfiguratorPanel
from tutor.ui.panels.estimate_view import EstimateView
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.simulator import SimulatorScreen
from tutor.ui.widgets.fields import FieldCell

SIZE = (80, 24)


def flat(text: str) -> str:
    """`text` without any whitespace: a figure wrapped over two lines still reads whole."""
    return "".join(text.split())


def rendered(view: Static, width: int) -> str:
    """What `view` shows at `width` columns, as plain text."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(view.content)
    return console.export_text()


async def open_configurator(pilot: Pilot[int], name: str) -> ConfiguratorPanel:
    app = pilot.app
    assert isinstance(app, TutorApp)
    app.open_simulator(name)
    await settle(pilot)
    assert isinstance(app.screen, SimulatorScreen)
    return app.screen.query_one(ConfiguratorPanel)


async def choose(pilot: Pilot[int], panel: ConfiguratorPanel, field: str, value: str) -> None:
    """Pick `value` in a choice field, as a selection in its list would."""
    panel.query_one(f"#control-{field}", Select).value = value
    await settle(pilot)


async def retype(pilot: Pilot[int], panel: ConfiguratorPanel, field: str, text: str) -> None:
    control = panel.query_one(f"#control-{field}", Input)
    control.focus()
    await pilot.press("end", *["backspace"] * (len(control.value) + 1), *text)
    await settle(pilot)


def check_shown(panel: ConfiguratorPanel, lang: str) -> Estimate:
    """The panel's estimate is the core's for its config, and the view shows its figures."""
    expected = estimate(panel.config)
    assert panel.last_valid == expected
    view = panel.query_one("#estimate", EstimateView)
    shown = flat(rendered(view, 200))
    for count in (expected.base_params, expected.head_params, expected.adapter_params, expected.total_params,
                  expected.trainable_params):
        assert flat(fmt_int(count, lang)) in shown
    assert flat(fmt_percent(expected.trainable_fraction, lang, 3, fraction=True)) in shown
    memory = expected.memory
    for part in (memory.weights, memory.gradients, memory.optimizer, memory.activations, memory.overhead,
                 memory.total):
        assert flat(format_bytes(part, lang)) in shown
    assert flat(expected.activation_formula) in shown
    assert flat(fmt_sci(expected.train_flops, lang, 3)) in shown
    assert flat(fmt_int(expected.total_steps, lang)) in shown
    if expected.fits:
        assert flat(format_duration(expected.time_seconds, lang)) in shown
    else:
        assert flat(t("sim.no_time", lang)) in shown
    if expected.task == "dpo":
        assert flat(t("sim.reference", lang)) in shown
        if memory.reference:
            assert flat(format_bytes(memory.reference, lang)) in shown
        else:
            assert flat(t("sim.reference_shared", lang)) in shown
    else:
        assert flat(t("sim.reference", lang)) not in shown
    if expected.quantised:
        assert flat(t("sim.weights_4bit", lang)) in shown
    return expected


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_encoder_configurator_walks_through_models_tasks_and_strategies(
        make_app: Callable[..., TutorApp], lang: str) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_configurator(pilot, "bert-configurator")
        check_shown(panel, lang)
        models = [value for _, value in panel._options["model"]]
        for name in ("ModernBERT-base", "camembert-base", "xlm-roberta-base", "deberta-v3-base", "t5-small",
                     "bart-base", "opus-mt-en-fr"):
            assert name in models
        assert not any(get_model(name).is_decoder for name in models)  # type: ignore[union-attr]

        await choose(pilot, panel, "model", "camembert-base")
        assert panel.config.model == "camembert-base" and panel.config.task == "seq-cls"
        check_shown(panel, lang)
        await choose(pilot, panel, "task", "token-cls")
        assert panel.config.task == "token-cls"
        assert panel.query_one("#field-num_labels", FieldCell).display
        check_shown(panel, lang)
        await choose(pilot, panel, "strategy", "lora")
        assert panel.config.lr == default_lr("lora", "encoder")  # the lr followed the strategy
        assert panel.config.lora_targets == ("all-linear",) and panel.config.lora_r == 16
        assert panel.query_one("#field-lora_r", FieldCell).display
        check_shown(panel, lang)
        await choose(pilot, panel, "strategy", "qlora")
        assert panel.config.optimizer == "paged-adamw-8bit"
        assert check_shown(panel, lang).quantised

        # An encoder-decoder: the task becomes seq2seq and feature extraction is no longer offered.
        await choose(pilot, panel, "model", "flan-t5-base")
        assert panel.config.task == "seq2seq" and panel.config.strategy == "qlora"
        assert [value for _, value in panel._options["task"]] == ["seq2seq"]
        assert "freeze" not in [value for _, value in panel._options["strategy"]]
        assert not panel.query_one("#field-num_labels", FieldCell).display
        assert panel.config.lr == default_lr("qlora", "seq2seq")
        check_shown(panel, lang)
        await choose(pilot, panel, "strategy", "full")
        assert panel.config.optimizer == "adamw" and panel.config.lr == default_lr("full", "seq2seq")
        assert not panel.query_one("#field-lora_r", FieldCell).display
        check_shown(panel, lang)
        await choose(pilot, panel, "model", "bert-base-uncased")
        assert panel.config.task == "seq-cls" and "freeze" in [v for _, v in panel._options["strategy"]]
        check_shown(panel, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_llm_configurator_walks_through_sft_qlora_and_dpo(make_app: Callable[..., TutorApp],
                                                                    lang: str) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_configurator(pilot, "gpt-configurator")
        check_shown(panel, lang)
        models = [value for _, value in panel._options["model"]]
        for name in ("gpt2", "SmolLM2-1.7B-Instruct", "Qwen2.5-7B-Instruct", "Llama-3.1-8B-Instruct",
                     "Mistral-7B-v0.1"):
            assert name in models
        assert [value for _, value in panel._options["task"]] == ["causal-lm", "sft", "dpo"]
        assert "freeze" not in [value for _, value in panel._options["strategy"]]
        note = panel.query_one("#model-note", Static)

        await choose(pilot, panel, "model", "Qwen2.5-7B-Instruct")
        assert note.display and "apply_chat_template" in str(note.render())
        check_shown(panel, lang)
        await choose(pilot, panel, "task", "sft")
        assert "assistant" in str(note.render())
        check_shown(panel, lang)
        await choose(pilot, panel, "strategy", "qlora")
        assert panel.config.optimizer == "paged-adamw-8bit"
        assert panel.config.lr == default_lr("qlora", "decoder")
        assert check_shown(panel, lang).quantised
        await choose(pilot, panel, "task", "dpo")
        assert panel.query_one("#field-dpo_beta", FieldCell).display
        assert panel.config.lr == default_lr("qlora", "decoder", "dpo")
        with_adapters = check_shown(panel, lang)
        assert with_adapters.memory.reference == 0  # the base without its adapters is the reference
        await retype(pilot, panel, "dpo_beta", "0,2" if lang == "fr" else "0.2")
        assert panel.config.dpo_beta == 0.2
        check_shown(panel, lang)

        await choose(pilot, panel, "model", "SmolLM2-135M")
        await choose(pilot, panel, "strategy", "full")
        assert panel.config.optimizer == "adamw"
        full = check_shown(panel, lang)
        assert full.memory.reference > 0  # a second, frozen copy of the weights
        await choose(pilot, panel, "optimizer", "adamw-8bit")
        await choose(pilot, panel, "strategy", "lora")
        assert panel.config.optimizer == "adamw-8bit"  # chosen by the learner: it stays
        check_shown(panel, lang)
        await choose(pilot, panel, "model", "gpt2")
        assert not note.display or "apply_chat_template" not in str(note.render())
        check_shown(panel, lang)


async def test_the_learning_rate_follows_the_strategy_until_the_learner_types_one(
        make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_configurator(pilot, "bert-configurator")
        assert panel.config.lr == default_lr("full", "encoder")
        await choose(pilot, panel, "strategy", "lora")
        assert panel.config.lr == default_lr("lora", "encoder")
        await retype(pilot, panel, "lr", "1e-4")
        await choose(pilot, panel, "strategy", "full")
        assert panel.config.lr == 1e-4
        assert panel.query_one("#control-lr", Input).value == "1e-4"


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_memory_view_is_whole_at_80_by_24(make_app: Callable[..., TutorApp], lang: str) -> None:
    """DPO with QLoRA on an 8B model: every part, the reference line and the formula, nothing cut."""
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_configurator(pilot, "gpt-configurator")
        await choose(pilot, panel, "model", "Llama-3.1-8B-Instruct")
        await choose(pilot, panel, "task", "dpo")
        await choose(pilot, panel, "strategy", "qlora")
        view = panel.query_one("#estimate", EstimateView)
        view.scroll_visible(top=True, animate=False)
        await settle(pilot)
        assert clipped_widgets(app.screen) == []
        width = view.content_region.width
        assert width >= 60
        text = rendered(view, width)
        assert "…" not in text
        assert all(len(line.rstrip()) <= width for line in text.splitlines())
        expected = check_shown(panel, lang)
        assert flat(expected.activation_formula) in flat(text)
        assert flat(t("sim.reference_shared", lang)) in flat(text)
        assert flat(format_bytes(expected.memory.weights, lang)) in flat(text)


async def test_a_recommendation_for_the_other_configurator_is_shown_not_applied(
        make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_configurator(pilot, "gpt-configurator")
        before = panel.config
        sentence = "classer des avis clients en positif/négatif"
        rec = recommend("gpt", sentence, "fr")
        spec = get_model(rec.model)
        assert spec is not None and spec.is_encoder  # the recommender points to an encoder
        panel.query_one("#task-sentence", Input).value = sentence
        await settle(pilot)
        shown = str(panel.query_one("#recommendation", Static).render())
        assert rec.model in shown and "Configurateur de fine-tuning BERT" in shown
        assert panel.config == before


async def test_a_summary_typed_in_the_encoder_configurator_gets_a_seq2seq_model(
        make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_configurator(pilot, "bert-configurator")
        sentence = "résumer des articles de presse"
        rec = recommend("bert", sentence, "fr")
        panel.query_one("#task-sentence", Input).value = sentence
        await settle(pilot)
        spec = get_model(panel.config.model)
        assert panel.config.model == rec.model and spec is not None and spec.is_seq2seq
        assert panel.config.task == "seq2seq" and panel.config.lr == rec.lr
        assert panel.config.strategy == rec.strategy
        check_shown(panel, "fr")


@pytest.mark.parametrize("name", ["bert-configurator", "gpt-configurator"])
async def test_leaving_in_the_middle_of_an_edit(make_app: Callable[..., TutorApp], name: str) -> None:
    """The panel is removed (as a lesson removes it on the next section) 0, 1, 2, 3, 5… turns after a
    recommendation, a model change that reshapes the fields and a key in the lr field."""
    app = make_app(lang="en")
    model, sentence = (("flan-t5-base", "summarise news articles") if name == "bert-configurator"
                       else ("Llama-3.1-8B-Instruct", "customer support chatbot"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for turns in (0, 1, 2, 3, 5, 8, 13):
            panel = await open_configurator(pilot, name)
            panel.query_one("#task-sentence", Input).value = sentence
            panel.query_one("#control-model", Select).value = model
            panel.query_one("#control-strategy", Select).value = "qlora"
            panel.query_one("#control-lr", Input).value = "3e-"
            for _ in range(turns):
                await asyncio.sleep(0)
            panel.remove()
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SimulatorScreen)
            screen.action_back()
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
        assert app.is_running and app._exception is None


async def test_leaving_a_lesson_panel_in_the_middle_of_an_edit(make_app: Callable[..., TutorApp]) -> None:
    """The GPT section's panel: a model and a task change, then the next section at once (F3)."""
    from tests.pilot.test_leaving_mid_work import lesson_at

    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await lesson_at(pilot, "gpt", panel=True)
        panel = screen.query_one(ConfiguratorPanel)
        panel.query_one("#control-model", Select).value = "Qwen2.5-7B-Instruct"
        panel.query_one("#control-task", Select).value = "dpo"
        await pilot.press("f3")
        await settle(pilot)
        assert app.is_running and app._exception is None
        assert screen.section.id != "gpt"


def test_the_defaults_follow_2026_practice() -> None:
    for kind, family in (("bert", "encoder"), ("gpt", "decoder")):
        config = DEFAULTS[kind]
        spec = get_model(config.model)
        assert spec is not None and spec.family == family
        assert config.lr == default_lr(config.strategy, family, config.task)
        assert (config.lora_r, config.lora_alpha, config.lora_targets) == (16, 32, ("all-linear",))
        assert estimate(config).fits
