"""The metrics calculator driven with keys: samples, tasks, live edits, bad input, files, the lesson."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from tests.helpers import home_position
from tests.pilot.waits import settle, until
from tutor.metrics import pipeline
from tutor.metrics.classification import classification_scores
from tutor.metrics.readers import InputError, Source
from tutor.metrics.report import Report
from tutor.metrics.samples import SAMPLE_FILES, sample_report, sample_text
from tutor.ui.app import TutorApp
from tutor.ui.css import STYLES
from tutor.ui.panels.metrics_inputs import TASK_INPUTS, TASKS
from tutor.ui.panels.metrics_panel import MetricsPanel
from tutor.ui.panels.metrics_report import ReportView
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.screens.simulator import SimulatorScreen

SIZE = (80, 24)


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text (Rich renderables included)."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def report_text(panel: MetricsPanel) -> str:
    view = panel.query_one(ReportView)
    return "\n".join(text_of(static) for static in view.query(Static) if static.display)


def same_numbers(shown: Report | None, expected: Report) -> None:
    assert shown is not None
    assert shown.title == expected.title
    assert [(m.key, m.text) for m in shown.headline] == [(m.key, m.text) for m in expected.headline]
    assert [t.rows for t in shown.tables] == [t.rows for t in expected.tables]
    assert shown.confusion == expected.confusion
    assert [f.text for f in shown.formulas] == [f.text for f in expected.formulas]
    assert [n.text for n in shown.notes] == [n.text for n in expected.notes]


def shows(label: str, value: str, text: str) -> bool:
    """Whether `text` shows `label` followed by `value` (as a headline or a table cell)."""
    return re.search(rf"{re.escape(label)}\s+{re.escape(value)}\b", text) is not None




async def open_calculator(pilot: Pilot[int]) -> MetricsPanel:
    """From the home screen: down to the calculator in the list, then Enter."""
    downs = home_position(pilot.app, "simulator:metrics-calculator")
    await pilot.press(*["down"] * downs, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SimulatorScreen)
    return pilot.app.screen.query_one(MetricsPanel)


async def edit(pilot: Pilot[int], panel: MetricsPanel, key: str, *keys: str) -> TextArea:
    area = panel.area(key)
    area.focus()
    await pilot.pause()
    await pilot.press(*keys)
    return area


def test_inputs_are_the_shipped_samples() -> None:
    for task in TASKS:
        files = SAMPLE_FILES[task]
        names = [name for value in files.values() for name in ((value,) if isinstance(value, str) else value)]
        assert sorted(spec.sample for spec in TASK_INPUTS[task]) == sorted(names)


async def test_opens_on_the_classification_sample_and_switches_tasks(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        assert app.focused is not None and app.focused.id == "metrics-task"
        expected = sample_report("classification", "en")
        same_numbers(panel.report, expected)
        shown = report_text(panel)
        macro = next(m for m in expected.headline if m.key == "macro_f1")
        assert shows("Macro F1", macro.text, shown) and "[8]" in shown and "[11]" in shown
        assert "! 'neutral' has F1 0.462" in shown  # a note, marked by its level
        assert panel.area("gold").text == sample_text("en", "sentiment.gold.txt")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert panel.current_task == "ner" and panel.area("gold").has_focus is False
        same_numbers(panel.report, sample_report("ner", "en"))
        assert app.screen.query_one("#metrics-ner-mode").display
        # The task list by keys: open it, two down (qa → bleu), Enter.
        select = app.screen.query_one("#metrics-task", Select)
        select.focus()
        await pilot.press("enter", "down", "down", "enter")
        await settle(pilot)
        assert panel.current_task == "bleu"
        same_numbers(panel.report, sample_report("bleu", "en"))
        assert "p4 = 6/29 = 0.207" in report_text(panel)
        assert "BP = exp(1 − r/c) = exp(1 − 55/44) = 0.779" in report_text(panel)
        for task in ("rouge", "perplexity", "classification", "ner", "qa"):
            await pilot.press("ctrl+t")
            await settle(pilot)
            assert panel.current_task == task and panel.error is None
            same_numbers(panel.report, sample_report(task, "en"))
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert not isinstance(app.screen, SimulatorScreen)


async def test_rouge_shows_the_lcs_and_the_stem_option(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        panel.switch_task("rouge")
        await settle(pilot)
        assert "LCS (pair 1, longest common subsequence) = “the cat on the sofa” (5)" in report_text(panel)
        app.screen.query_one("#metrics-stem").focus()
        await pilot.press("space")
        await settle(pilot)
        same_numbers(panel.report, sample_report("rouge", "en", stem=True))


async def test_editing_a_gold_label_updates_the_report(make_app: Callable[..., TutorApp],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # A pause long enough that the report cannot have followed before the assertions look.
    monkeypatch.setattr(MetricsPanel, "DEBOUNCE", 2.0)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        before = panel.report
        # Line 3 is "neutral" in gold and "positive" in pred: make the gold label agree.
        await edit(pilot, panel, "gold", "down", "down", "shift+end", *"positive")
        assert panel._timer is not None and panel.report is before  # waits for a pause in typing
        await until(pilot, lambda: panel._timer is None)
        gold = panel.area("gold").text.split()
        assert gold[2] == "positive"
        pred = sample_text("en", "sentiment.pred.txt").split()
        result = classification_scores(gold, pred)
        assert panel.report is not before and panel.report is not None
        assert panel.report.data["accuracy"] == result.accuracy == 23 / 30
        shown = report_text(panel)
        assert shows("Accuracy", f"{result.accuracy:.3f}", shown)
        assert f"accuracy = correct/total = 23/30 = {result.accuracy:.3f}" in shown
        # ctrl+r computes at once and stops the pending timer.
        await pilot.press("x")
        assert panel._timer is not None
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert panel._timer is None and panel.report.data["per_class"].keys() >= {"positivex"}
        await pilot.press("backspace")
        await until(pilot, lambda: panel._timer is None)
        assert panel.report.data["accuracy"] == 23 / 30


async def test_invalid_input_shows_the_message_and_keeps_the_last_report(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        valid = panel.report
        # The sample ends with a newline: 30 downs reach the empty line after the last label.
        area = await edit(pilot, panel, "pred", *["down"] * 30, *"neutral", "ctrl+r")
        await settle(pilot)
        expected = "pred:31: gold has 30 labels but pred has 31: files must be aligned"
        assert panel.error == expected
        error = app.screen.query_one("#metrics-error", Static)
        assert error.display and f"! {expected}" in text_of(error)
        assert "last valid one" in text_of(error)
        assert panel.report is valid  # the last valid report stays on screen
        view = panel.query_one(ReportView)
        assert view.display and view.has_class("-stale") and "(last valid report)" in report_text(panel)
        assert app.screen.query_one("#input-classification-pred").has_class("-invalid")
        assert area.text.endswith("\nneutral")  # the learner's text stays
        await pilot.press("ctrl+s")  # back to the shipped sample
        await settle(pilot)
        assert area.text == sample_text("en", "sentiment.pred.txt")
        assert panel.error is None and not view.has_class("-stale") and not error.display
        same_numbers(panel.report, sample_report("classification", "en"))


@pytest.mark.parametrize(
    ("task", "key", "text", "message"),
    [
        ("qa", "pred", '{"id": "q1", "prediction": "BERT"\n', "pred:1: invalid JSON: Expecting ',' delimiter"),
        ("perplexity", "logprobs", "-0.5 -1.2\n-0.3 abc\n", "logprobs:2: not a number: 'abc'"),
        ("bleu", "hyp", "one\ntwo\n", "hyp:3: refs has 5 segments but hyp has 2: files must be aligned"),
        ("classification", "gold", "a\n\nb\n", "gold:2: empty label"),
    ],
)
async def test_each_task_reports_bad_input_as_file_line(
    make_app: Callable[..., TutorApp], task: str, key: str, text: str, message: str
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        panel.switch_task(task)
        await settle(pilot)
        valid = panel.report
        panel.area(key).load_text(text)
        panel.compute()
        await settle(pilot)
        assert panel.error is not None and panel.error.startswith(message)
        assert panel.report is valid and panel.state.error_input == key


async def test_strict_ner_names_the_invalid_tag(make_app: Callable[..., TutorApp]) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        panel.switch_task("ner")
        await settle(pilot)
        mode = app.screen.query_one("#metrics-ner-mode", Select)
        mode.focus()
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert mode.value == "strict"
        same_numbers(panel.report, sample_report("ner", "fr", mode="strict"))
        valid = panel.report
        # Same text under the core's own reader, with the panel's pseudo file names.
        gold = "Paris X-LOC\n"
        panel.area("gold").load_text(gold)
        panel.area("pred").load_text("Paris B-LOC\n")
        panel.compute()
        with pytest.raises(InputError) as raised:
            pipeline.run_ner(Source("vérité", gold.encode()), Source("prédictions", b"Paris B-LOC\n"), "strict")
        assert panel.error == raised.value.text("fr")  # the core's message, in the panel's language
        assert panel.error.replace("\u00a0", " ").startswith("vérité:1 : étiquette 'X-LOC' invalide")
        assert panel.report is valid


async def test_load_a_file_and_refuse_a_bad_one(make_app: Callable[..., TutorApp], tmp_path: Path) -> None:
    app = make_app(lang="en")
    good = tmp_path / "pred.txt"
    good.write_text(sample_text("en", "sentiment.gold.txt"), encoding="utf-8")  # a perfect model
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"positive\n\xff\xfe\n")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        await edit(pilot, panel, "pred")  # entering an area makes it the load target
        assert app.screen.query_one("#metrics-target", Select).value == "pred"
        app.screen.query_one("#metrics-path").focus()
        await pilot.press(*str(good), "enter")
        await settle(pilot)
        status = text_of(app.screen.query_one("#metrics-load-status", Static))
        assert f"{good} loaded into 'pred' (30 lines)" in status
        assert panel.area("pred").text == good.read_text(encoding="utf-8")
        assert panel.report is not None and panel.report.data["accuracy"] == 1.0
        loaded = panel.area("pred").text
        for bad, message in ((tmp_path / "missing.txt", "no such file"), (binary, "not valid UTF-8 text"),
                             (tmp_path, "is a directory")):
            path = app.screen.query_one("#metrics-path")
            path.value = str(bad)  # type: ignore[attr-defined]
            await pilot.press("ctrl+l")
            await settle(pilot)
            status = text_of(app.screen.query_one("#metrics-load-status", Static))
            assert f"! {bad}:" in status and message in status and "left unchanged" in status
            assert panel.area("pred").text == loaded and panel.error is None


async def test_calculator_in_the_evaluation_section(make_app: Callable[..., TutorApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        for _ in range(screen.module.section_index("evaluation") or 0):
            await pilot.press("n")
            await settle(pilot)
        assert screen.section.id == "evaluation"
        await pilot.press("e")  # the panel is mounted when wanted (or in view), and focused
        await until(pilot, lambda: screen.panel_with_focus() is not None)
        panel = screen.query_one(MetricsPanel)
        same_numbers(panel.report, sample_report("classification", "fr"))
        panel.area("gold").focus()
        await pilot.press("ctrl+t")  # the panel's keys work inside the lesson
        await settle(pilot)
        assert panel.current_task == "ner" and panel.area("gold").has_focus
        await pilot.press(*"n", "ctrl+r")  # typing "n" in a text area types it
        await settle(pilot)
        assert screen.section.id == "evaluation" and panel.area("gold").text.startswith("n")
        await pilot.press("f3")  # next section even from inside the panel
        await settle(pilot)
        assert screen.section.id != "evaluation"


async def test_ascii_mode_draws_with_plain_characters() -> None:
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual_plotext import PlotextPlot

    class Host(App[None]):
        CSS_PATH = [STYLES / "panels.tcss", STYLES / "metrics.tcss"]

        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield MetricsPanel("en", ascii_only=True)

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.query_one(MetricsPanel)
        confusion = text_of(panel.query_one("#report-confusion", Static))
        assert "[8]" in confusion and not any(char in confusion for char in "┌┐└┘│─┼")
        bars = panel.query_one("#report-chart", PlotextPlot).render().plain  # type: ignore[union-attr]
        assert "#" in bars and "█" not in bars
        # One row per class, in the table's order, from the top.
        rows = [line.split("┤")[0].strip() for line in bars.splitlines() if "┤" in line]
        assert rows == ["negative", "neutral", "positive"]
        # Many texts: the ten most perplexing get a bar each.
        panel.switch_task("perplexity")
        panel.area("logprobs").load_text("".join(f"-{n / 10} -0.5\n" for n in range(1, 15)))
        panel.compute()
        await pilot.pause()
        bars = panel.query_one("#report-chart", PlotextPlot).render().plain  # type: ignore[union-attr]
        rows = [line.split("┤")[0].strip() for line in bars.splitlines() if "┤" in line]
        assert rows == [str(n) for n in range(5, 15)]
        assert "the 10 highest of 14" in str(panel.query_one("#report-chart-title", Static).render())


@pytest.mark.parametrize("logprobs", ["-1000 -1000\n-1 -2\n", "-1e308 -1e308\n", "-700 -709.5\n-709 -709\n",
                                      "-27.6 -27.7\n-1 -2\n"])
async def test_perplexities_too_large_for_a_float(make_app: Callable[..., TutorApp], logprobs: str) -> None:
    """exp(mean NLL) overflows: the report says inf and the chart leaves that text out, no crash."""
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        panel.switch_task("perplexity")
        panel.area("logprobs").load_text(logprobs)
        panel.compute()
        await settle(pilot)
        panel.query_one("#report-chart").scroll_visible(animate=False)  # a chart is drawn when seen
        await settle(pilot)
        assert panel.error is None and panel.report is not None
        text = report_text(panel)
        assert "inf" in text or "e+" in text
        assert not re.search(r"\d{10}", text)  # never a 60-digit integer
