"""The transfer-learning lab: a small network really trained in a worker thread, plotted live.

Every curve is what `tutor.lab` measured. Each run is drawn beside the previous one (or, in a
scenario, run A beside run B), so changing one setting shows its effect. numpy is imported
by the worker, only when the learner starts a run.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Label, Select, Static
from textual.worker import get_current_worker

from tutor.content.simulators import simulator_title
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt, fmt_percent, french_spacing
from tutor.lab.corpus import DATA_DESCRIPTION
from tutor.lab.legend import BEST_EPOCH_MARK, axis_ticks, legend_lines, marker
from tutor.lab.messages import FIELD_LABELS, STRATEGY_NAMES
from tutor.lab.plan import PlannedRun, RunPlan, edited_values, plan_runs
from tutor.lab.report import lesson_line, settings_line
from tutor.lab.results import EpochStats
from tutor.lab.scenarios import SCENARIOS, get_scenario
from tutor.lab.settings import LabSettings
from tutor.lab.strategies import STRATEGIES
from tutor.sim.config import Problem
from tutor.sim.schedules import SCHEDULES
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import alive, when_alive
from tutor.ui.widgets.controls import SafeSelect
from tutor.ui.widgets.fields import FieldCell, FieldSpec

FIELDS = ("strategy", "lr", "warmup_ratio", "schedule", "epochs", "batch_size", "examples", "seed")

# Plotting order, which fixes the markers (tutor.lab.legend): run A or the current run first, in
# filled shapes; run B or the previous run in hollow ones.
RUN_ORDER = ("A", "current", "B", "previous")


def _percent(value: float | None, lang: str) -> str:
    return "–" if value is None else fmt_percent(value, lang, 1, fraction=True)


def _field_label(field: str, lang: str) -> str:
    """The label a learner sees beside the field (the field's name when the form has none)."""
    return FIELD_LABELS.get(field, {}).get(lang, (field, ""))[0]


class LabCharts(Vertical):
    """The three plots, each with its heading and its legend (as tall as they are)."""

    DEFAULT_CSS = """
    LabCharts {
        height: auto;
    }
    """


class LabPanel(Vertical):
    """Choose a scenario or settings, train, watch the curves."""

    BINDINGS = [
        Binding("f5,ctrl+r", "train", "Train", id="train"),
        Binding("f6,ctrl+g", "stop", "Stop", id="stop"),
    ]

    def __init__(self, lang: str, ascii_only: bool = False) -> None:
        super().__init__(classes="sim-panel", id="transfer-lab")
        self.lang = lang
        self.ascii_only = ascii_only
        self.curves: dict[str, list[EpochStats]] = {}
        self.results: dict[str, Any] = {}
        self.labels: dict[str, str] = {}
        self.problems_found = False
        # Each training (and each change of scenario) gets a new generation: what a worker of an
        # older one still posts is dropped, so it never mixes with what is on screen now.
        self._generation = 0
        self._planned: dict[str, LabSettings] = {}  # the runs of the latest training, in order

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        lang = self.lang
        yield Label(simulator_title("transfer-lab", lang), classes="panel-title")
        yield Static(DATA_DESCRIPTION[lang], classes="lab-note", markup=False)
        options = [(t("lab.custom", lang), "custom")] + [(s.title[lang], name) for name, s in SCENARIOS.items()]
        yield Label(t("lab.scenario", lang), classes="panel-heading")
        yield SafeSelect(options, value="custom", allow_blank=False, compact=True, id="lab-scenario")
        yield Static("", id="lab-explanation", markup=False)
        with Grid(classes="fields"):
            defaults = LabSettings()
            for name in FIELDS:
                label = _field_label(name, lang)
                if name == "strategy":
                    choices = [(STRATEGY_NAMES.get(s, {}).get(lang, s), s) for s in STRATEGIES]
                    spec = FieldSpec(name, label, "choice", choices)
                elif name == "schedule":
                    spec = FieldSpec(name, label, "choice", [(s, s) for s in SCHEDULES])
                else:
                    spec = FieldSpec(name, label)
                value = getattr(defaults, name)
                yield FieldCell(spec, self._shown(value))
        yield Static(t("lab.keys", lang), classes="lab-keys", markup=False)
        # Status and summary sit above the plots: what F5 did is read without scrolling past them.
        yield Static("", id="lab-status", markup=False)
        yield Static("", id="lab-summary", markup=False)
        # The plots appear with the first curve: empty frames would push the rest of a lesson down.
        with LabCharts(id="lab-charts"):
            mark = BEST_EPOCH_MARK[self.ascii_only]
            for name, heading in (("loss", t("lab.loss_best", lang, mark=mark)),
                                  ("accuracy", t("lab.accuracy", lang)), ("lr", t("lab.lr", lang))):
                yield Label(heading, classes="panel-heading", markup=False)
                yield PlotextPlot(id=f"lab-{name}", classes="lab-plot")
                # The legend is text under the plot, never drawn over its data.
                yield Static("", id=f"lab-{name}-legend", classes="lab-legend", markup=False)

    @when_alive  # removed while mounting: its parts may be gone
    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        for cell in self.query(FieldCell):
            cell.show_problem(None)
        for hidden in ("#lab-explanation", "#lab-summary", "#lab-charts"):
            self.query_one(hidden).display = False

    # -- settings ------------------------------------------------------------------------------

    def _shown(self, value: object) -> object:
        """A setting as the form shows it: numbers the way the learner writes them (0,003 in French)."""
        if isinstance(value, float):
            return fmt(value, self.lang, grouping=False)
        return value

    def _form_values(self) -> dict[str, object]:
        return {cell.spec.name: cell.value for cell in self.query(FieldCell)}

    def plan(self) -> RunPlan:
        """What F5 would train: the scenario's runs (or the free settings) with the form applied.

        In a scenario the form shows run A's settings; the fields the learner changed apply to
        every run, as `tutor lab --scenario … --lr …` does (the same function builds both).
        """
        scenario = get_scenario(str(self.query_one("#lab-scenario", Select).value))
        values = self._form_values()
        if scenario is not None:
            values = edited_values(values, scenario.a)
        return plan_runs(scenario, values)

    def _show_problems(self, plan: RunPlan) -> list[tuple[str, Problem]]:
        """Show each field's first problem beside it; return the errors (run key, problem)."""
        first: dict[str, Problem] = {}
        for problem in plan.problems:
            first.setdefault(problem.field, problem)
        for cell in self.query(FieldCell):
            found = first.get(cell.spec.name)
            cell.show_problem(found.text(self.lang) if found else None, found.severity if found else "error")
        errors = plan.errors
        self.problems_found = bool(errors)
        return errors

    def settings(self) -> LabSettings | None:
        """The settings of the first run F5 would train, or None after showing the problems."""
        plan = self.plan()
        return None if self._show_problems(plan) else plan.runs[0].settings

    @when_alive
    def on_field_cell_changed(self, event: FieldCell.Changed) -> None:
        event.stop()
        self._show_problems(self.plan())

    @when_alive
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "lab-scenario":
            return
        event.stop()
        self._clear_results()
        scenario = get_scenario(str(event.value))
        explanation = self.query_one("#lab-explanation", Static)
        explanation.display = scenario is not None
        if scenario is not None:
            text = scenario.explanation[self.lang]
            # Where the course teaches it (the app's course; a bare test app has none).
            lesson = lesson_line(scenario, getattr(self.app, "course", None), self.lang)
            if lesson is not None:
                text = f"{text}\n{lesson}"
            explanation.update(french_spacing(text) if self.lang == "fr" else text)
            for cell in self.query(FieldCell):
                cell.set_value(self._shown(getattr(scenario.a, cell.spec.name)))

    def _clear_results(self) -> None:
        """Forget the runs on screen: their verdict, summary and curves belong to another choice."""
        self._generation += 1
        self.action_stop()
        self.curves, self.results, self.labels, self._planned = {}, {}, {}, {}
        self.query_one("#lab-status", Static).update("")
        self._show_summary()
        self._plot()

    # -- training ------------------------------------------------------------------------------

    def _run_name(self, run: PlannedRun) -> str:
        return t("lab.run.named", self.lang, letter=run.key, label=run.names.get(self.lang, run.key))

    def _refuse(self, plan: RunPlan, key: str, problem: Problem) -> None:
        """Say which field stops the training and why, and put the cursor in it."""
        text = problem.text(self.lang)
        field = _field_label(problem.field, self.lang)
        shared = all(any(p.key == problem.key and p.field == problem.field for p in run.problems)
                     for run in plan.runs)
        if shared:
            message = t("lab.refused", self.lang, field=field, problem=text)
        else:
            message = t("lab.refused_run", self.lang, run=key, field=field, problem=text)
        self.query_one("#lab-status", Static).update(Text("! " + message, "bold"))
        self.notify(message, severity="error")
        for cell in self.query(FieldCell):
            if cell.spec.name == problem.field:
                for control in cell.query(f"#control-{problem.field}"):
                    control.focus()

    def action_train(self) -> None:
        """Train what the form says (a scenario trains its runs), or say which field is wrong."""
        plan = self.plan()
        errors = self._show_problems(plan)
        if errors:
            self._refuse(plan, *errors[0])
            return
        self._generation += 1
        runs = list(plan.runs)
        if plan.scenario is None:
            # Free settings: the last run stays beside the new one, to compare.
            previous = self.curves.get("current")
            self.curves = {"previous": previous} if previous else {}
            self.labels = {"previous": t("lab.run.previous", self.lang), "current": t("lab.run.current", self.lang)}
            self.results = {k: v for k, v in self.results.items() if k == "current"}
            if "current" in self.results:
                self.results["previous"] = self.results.pop("current")
        else:
            self.curves, self.results = {}, {}
            self.labels = {run.key: self._run_name(run) for run in runs}
        self._planned = {run.key: run.settings for run in runs}
        self._train([(run.key, run.settings) for run in runs], plan.scenario, self._generation)

    def action_stop(self) -> None:
        """Stop the run in progress."""
        self.workers.cancel_group(self, "lab")  # `self.workers` is the whole app's: only this panel's

    # The worker thread never touches a widget: it posts these messages to the panel. Textual drops
    # them once the panel is closed, `when_alive` while it is being removed (the learner left),
    # and the generation check when they come from a training the learner has since replaced.

    class RunStarted(Message):
        """A run (`label`) begins."""

        def __init__(self, label: str, generation: int = 0) -> None:
            super().__init__()
            self.label, self.generation = label, generation

    class EpochDone(Message):
        """One more epoch of run `label` (epoch 0 is the model before training) out of `epochs`."""

        def __init__(self, label: str, stats: EpochStats, epochs: int, generation: int = 0) -> None:
            super().__init__()
            self.label, self.stats, self.epochs, self.generation = label, stats, epochs, generation

    class RunFinished(Message):
        """Run `label` is over (finished, stopped or refused)."""

        def __init__(self, label: str, result: Any, generation: int = 0) -> None:
            super().__init__()
            self.label, self.result, self.generation = label, result, generation

    class ClaimChecked(Message):
        """A scenario's claim, checked on its runs."""

        def __init__(self, claim: Any, generation: int = 0) -> None:
            super().__init__()
            self.claim, self.generation = claim, generation

    def on_unmount(self) -> None:
        # Textual cancels the node's workers too; saying it here keeps the promise visible.
        self.action_stop()

    @work(thread=True, exclusive=True, group="lab")
    def _train(self, runs: list[tuple[str, LabSettings]], scenario: Any, generation: int = 0) -> None:
        from tutor.lab.train import run

        worker = get_current_worker()
        results: dict[str, Any] = {}
        for label, settings in runs:
            if worker.is_cancelled:
                break
            self.post_message(self.RunStarted(label, generation))

            # The run's own number of epochs goes with each epoch: the counter reads 8/300, not 8/8.
            def report(stats: EpochStats, label: str = label, epochs: int = settings.epochs) -> None:
                self.post_message(self.EpochDone(label, stats, epochs, generation))

            result = run(settings, report, lambda: worker.is_cancelled)
            results[label] = result
            self.post_message(self.RunFinished(label, result, generation))
        if scenario is not None and not worker.is_cancelled and len(results) == len(runs) and all(
            r.ok and not r.cancelled and r.epochs for r in results.values()
        ):
            self.post_message(self.ClaimChecked(scenario.check(results["A"], results.get("B")), generation))

    def _current(self, message: Any) -> bool:
        return bool(message.generation == self._generation)

    def _reveal(self, selector: str) -> None:
        """Scroll `selector` to the top of the view, in whatever scrolls the panel (screen or lesson).

        After the next refresh, once the layout counts what was just shown (the plots). Only while
        the panel and the widget are still there: this runs from worker messages, and the learner
        may have left in between.
        """
        def scroll() -> None:
            if not alive(self):
                return
            for widget in self.query(selector):
                if alive(widget):
                    widget.scroll_visible(animate=False, top=True)

        if alive(self):
            self.call_after_refresh(scroll)

    @when_alive
    def on_lab_panel_run_started(self, message: RunStarted) -> None:
        message.stop()
        if not self._current(message):
            return
        self.curves[message.label] = []
        self.query_one("#lab-charts").display = True
        if message.label == next(iter(self._planned), None):
            self._show_summary()
            self._reveal("#lab-status")

    @when_alive
    def on_lab_panel_epoch_done(self, message: EpochDone) -> None:
        message.stop()
        if not self._current(message):
            return
        self.curves.setdefault(message.label, []).append(message.stats)
        status = t("lab.running", self.lang, epoch=message.stats.epoch, epochs=message.epochs,
                   label=self.labels.get(message.label, message.label))
        self.query_one("#lab-status", Static).update(status)
        self._plot()

    @when_alive
    def on_lab_panel_run_finished(self, message: RunFinished) -> None:
        message.stop()
        if not self._current(message):
            return
        self._finish_run(message.label, message.result)

    @when_alive
    def on_lab_panel_claim_checked(self, message: ClaimChecked) -> None:
        message.stop()
        if not self._current(message):
            return
        self._show_claim(message.claim)
        self._reveal("#lab-status")

    def _finish_run(self, label: str, result: Any) -> None:
        self.results[label] = result
        status = self.query_one("#lab-status", Static)
        ended = result.cancelled or not result.ok or label == next(reversed(self._planned), label)
        if result.problems and not result.ok:
            status.update(Text("! " + result.problems[0].text(self.lang), "bold"))
        elif result.cancelled:
            status.update(t("lab.cancelled", self.lang))
        elif ended:
            status.update("")
        self._plot()
        self._show_summary()
        if ended:
            self._reveal("#lab-status")

    def _show_claim(self, claim: Any) -> None:
        mark = ("[OK]" if self.ascii_only else "✓") if claim.holds else ("[X]" if self.ascii_only else "✗")
        text = t("lab.claim", self.lang, mark=mark, word=t("lab.holds" if claim.holds else "lab.fails", self.lang),
                 text=claim.text(self.lang))
        self.query_one("#lab-status", Static).update(Text(text, "bold"))

    def _order(self, keys: Any) -> list[str]:
        return sorted(keys, key=lambda k: RUN_ORDER.index(k) if k in RUN_ORDER else len(RUN_ORDER))

    def _show_summary(self) -> None:
        summary = self.query_one("#lab-summary", Static)
        text = self._summary()
        summary.update(text)
        summary.display = bool(text)

    def _summary(self) -> str:
        """Per run: the settings it used, then what it gave."""
        lang = self.lang
        lines = []
        for label in self._order({**self._planned, **self.results}):
            result = self.results.get(label)
            settings = result.settings if result is not None else self._planned[label]
            lines.append(t("lab.summary.settings", lang, label=self.labels.get(label, label),
                           settings=settings_line(settings, lang)))
            if result is None or not result.epochs:
                continue
            best = result.best
            lines.append("  " + t(
                "lab.summary.result", lang, trainable=result.trainable_params, total=result.total_params,
                best=result.best_epoch, val=_percent(best.val_acc if best else None, lang),
                before=_percent(result.source_acc_before, lang), after=_percent(result.final_source_acc, lang),
                seconds=fmt(result.elapsed, lang, 2),
            ))
        return "\n".join(lines)

    def _plot(self) -> None:
        from textual_plotext import PlotextPlot

        lang, ascii_only = self.lang, self.ascii_only
        loss = self.query_one("#lab-loss", PlotextPlot)
        accuracy = self.query_one("#lab-accuracy", PlotextPlot)
        rates = self.query_one("#lab-lr", PlotextPlot)
        for plot in (loss, accuracy, rates):
            plot.plt.clear_data()
            plot.plt.clear_figure()
        legends: dict[str, list[tuple[str, list[str]]]] = {"loss": [], "accuracy": [], "lr": []}
        for index, label in enumerate(self._order(self.curves)):
            stats = self.curves[label] or []
            name = self.labels.get(label, label)
            drawn: dict[str, list[str]] = {"loss": [], "accuracy": [], "lr": []}
            if stats:
                epochs = [s.epoch for s in stats]
                loss.plt.plot(epochs, [s.train_loss for s in stats], marker=marker(index, "train", ascii_only))
                loss.plt.plot(epochs, [s.val_loss for s in stats], marker=marker(index, "val", ascii_only))
                drawn["loss"] = ["train", "val"]
                accuracy.plt.plot(epochs, [s.val_acc for s in stats], marker=marker(index, "val", ascii_only))
                drawn["accuracy"] = ["val"]
                sources = [(s.epoch, s.source_acc) for s in stats if s.source_acc is not None]
                if sources:
                    accuracy.plt.plot([e for e, _ in sources], [a for _, a in sources],
                                      marker=marker(index, "source", ascii_only))
                    drawn["accuracy"].append("source")
                best = stats[-1].best_epoch
                if best:
                    loss.plt.vline(best)
                steps = [(s.first_step + i, lr) for s in stats for i, lr in enumerate(s.step_lrs)]
                if steps:
                    rates.plt.plot([x for x, _ in steps], [y for _, y in steps], marker=marker(index, "lr", ascii_only))
                    drawn["lr"] = ["lr"]
            for plot_name, entries in legends.items():
                entries.append((name, drawn[plot_name]))
        accuracy.plt.ylim(0, 1)
        # Tick labels written in the learner's language (plotext would print 0.542 in French).
        all_stats = [s for stats in self.curves.values() for s in (stats or [])]
        epochs_x = axis_ticks([float(s.epoch) for s in all_stats] + [0.0], lang, whole=True)
        loss_y = axis_ticks([v for s in all_stats for v in (s.train_loss, s.val_loss)], lang)
        steps_all = [(s.first_step + i, lr) for s in all_stats for i, lr in enumerate(s.step_lrs)]
        for plot in (loss, accuracy):
            plot.plt.xticks(*epochs_x)
        loss.plt.yticks(*loss_y)
        accuracy.plt.yticks(*axis_ticks([0.0, 1.0], lang))
        rates.plt.xticks(*axis_ticks([float(x) for x, _ in steps_all], lang, whole=True))
        rates.plt.yticks(*axis_ticks([y for _, y in steps_all], lang, scientific=True))
        for plot_name, plot in (("loss", loss), ("accuracy", accuracy), ("lr", rates)):
            plot.plt.xlabel(t("lab.axis.step" if plot is rates else "lab.axis.epoch", lang))
            plot.refresh()
            legend = "\n".join(legend_lines(legends[plot_name], lang, ascii_only))
            self.query_one(f"#lab-{plot_name}-legend", Static).update(legend)
        self.query_one("#lab-charts").display = bool(self.curves)
