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

from tutor.core.i18n import translate
from tutor.core.simulators import simulator_title
from tutor.lab.corpus import DATA_DESCRIPTION
from tutor.lab.messages import FIELD_LABELS, STRATEGY_NAMES
from tutor.lab.results import EpochStats
from tutor.lab.scenarios import SCENARIOS, get_scenario
from tutor.lab.settings import LabSettings, parse_settings
from tutor.lab.strategies import STRATEGIES
from tutor.sim.schedules import SCHEDULES
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.fields import FieldCell, FieldSpec
from tutor.ui.widgets.controls import SafeSelect

FIELDS = ("strategy", "lr", "warmup_ratio", "schedule", "epochs", "batch_size", "examples", "seed")
WORDS = {
    "custom": {"fr": "Réglages libres", "en": "Free settings"},
    "scenario": {"fr": "Scénario", "en": "Scenario"},
    "keys": {"fr": "F5 ou Ctrl+R : entraîner · F6 ou Ctrl+G : arrêter", "en": "F5 or Ctrl+R: train · F6 or Ctrl+G: stop"},
    "running": {"fr": "Entraînement… époque {epoch}/{epochs} ({label})", "en": "Training… epoch {epoch}/{epochs} ({label})"},
    "cancelled": {"fr": "Arrêté : les courbes montrent les époques faites.", "en": "Stopped: the curves show the epochs done."},
    "current": {"fr": "ce run", "en": "this run"},
    "previous": {"fr": "run précédent", "en": "previous run"},
    "loss": {"fr": "Perte (train — · val ..)", "en": "Loss (train — · val ..)"},
    "accuracy": {"fr": "Exactitude cible (val) et source (oubli)", "en": "Target (val) and source accuracy (forgetting)"},
    "lr": {"fr": "Learning rate par pas", "en": "Learning rate per step"},
    "summary": {
        "fr": "{label} : {trainable} paramètres entraînés sur {total} · meilleure époque {best} (val. {val}) · "
              "source {before} → {after} · {seconds:.2f} s",
        "en": "{label}: {trainable} of {total} parameters trained · best epoch {best} (val. {val}) · "
              "source {before} → {after} · {seconds:.2f} s",
    },
    "holds": {"fr": "La leçon se vérifie", "en": "The lesson shows"},
    "fails": {"fr": "La leçon ne se voit pas ici", "en": "The lesson does not show here"},
}


def _w(key: str, lang: str, **values: object) -> str:
    return translate(WORDS, key, lang, **values)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


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

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        lang = self.lang
        yield Label(simulator_title("transfer-lab", lang), classes="panel-title")
        yield Static(DATA_DESCRIPTION[lang], classes="lab-note", markup=False)
        options = [(_w("custom", lang), "custom")] + [(s.title[lang], name) for name, s in SCENARIOS.items()]
        yield Label(_w("scenario", lang), classes="panel-heading")
        yield SafeSelect(options, value="custom", allow_blank=False, compact=True, id="lab-scenario")
        yield Static("", id="lab-explanation", markup=False)
        with Grid(classes="fields"):
            defaults = LabSettings()
            for name in FIELDS:
                label = FIELD_LABELS.get(name, {}).get(lang, (name, ""))[0]
                if name == "strategy":
                    choices = [(STRATEGY_NAMES.get(s, {}).get(lang, s), s) for s in STRATEGIES]
                    spec = FieldSpec(name, label, "choice", choices)
                elif name == "schedule":
                    spec = FieldSpec(name, label, "choice", [(s, s) for s in SCHEDULES])
                else:
                    spec = FieldSpec(name, label)
                value = getattr(defaults, name)
                yield FieldCell(spec, f"{value:g}" if isinstance(value, float) else value)
        yield Static(_w("keys", lang), classes="lab-keys", markup=False)
        yield Static("", id="lab-status")
        yield Label(_w("loss", lang), classes="panel-heading")
        yield PlotextPlot(id="lab-loss", classes="lab-plot")
        yield Label(_w("accuracy", lang), classes="panel-heading")
        yield PlotextPlot(id="lab-accuracy", classes="lab-plot")
        yield Label(_w("lr", lang), classes="panel-heading")
        yield PlotextPlot(id="lab-lr", classes="lab-plot")
        yield Static("", id="lab-summary")

    @when_alive  # removed while mounting: its parts may be gone
    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        for cell in self.query(FieldCell):
            cell.show_problem(None)
        self.query_one("#lab-explanation").display = False

    # -- settings ------------------------------------------------------------------------------

    def settings(self) -> LabSettings | None:
        """The settings typed in the form, or None after showing the problems beside the fields."""
        values = {cell.spec.name: cell.value for cell in self.query(FieldCell)}
        settings, problems = parse_settings(values)
        first: dict[str, Any] = {}
        for problem in problems:
            first.setdefault(problem.field, problem)
        for cell in self.query(FieldCell):
            found = first.get(cell.spec.name)
            cell.show_problem(found.text(self.lang) if found else None, found.severity if found else "error")
        errors = [p for p in problems if p.severity == "error"]
        self.problems_found = bool(errors)
        if errors:
            # An error in a field the form does not show (e.g. "too much work") goes to the status line.
            hidden = [p for p in errors if p.field not in FIELDS]
            if hidden:
                self.query_one("#lab-status", Static).update(Text("! " + hidden[0].text(self.lang), "bold"))
            return None
        return settings

    @when_alive
    def on_field_cell_changed(self, event: FieldCell.Changed) -> None:
        event.stop()
        self.settings()

    @when_alive
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "lab-scenario":
            return
        event.stop()
        scenario = get_scenario(str(event.value))
        explanation = self.query_one("#lab-explanation", Static)
        explanation.display = scenario is not None
        if scenario is not None:
            explanation.update(scenario.explanation[self.lang])
            for cell in self.query(FieldCell):
                value = getattr(scenario.a, cell.spec.name)
                cell.set_value(f"{value:g}" if isinstance(value, float) else value)

    # -- training ------------------------------------------------------------------------------

    def action_train(self) -> None:
        """Train with the settings (a scenario trains its two runs)."""
        scenario = get_scenario(str(self.query_one("#lab-scenario", Select).value))
        settings = self.settings()
        if settings is None:
            return
        if scenario is None:
            previous = self.curves.get("current")
            self.curves = {"previous": previous} if previous else {}
            self.labels = {"previous": _w("previous", self.lang), "current": _w("current", self.lang)}
            self.results = {k: v for k, v in self.results.items() if k == "current"}
            if "current" in self.results:
                self.results["previous"] = self.results.pop("current")
            self._train([("current", settings)], None)
        else:
            self.curves, self.results = {}, {}
            self.labels = {label: names[self.lang] for label, _, names in scenario.runs()}
            self._train([(label, s) for label, s, _ in scenario.runs()], scenario)

    def action_stop(self) -> None:
        """Stop the run in progress."""
        self.workers.cancel_group(self, "lab")  # `self.workers` is the whole app's: only this panel's

    # The worker thread never touches a widget: it posts these messages to the panel. Textual drops
    # them once the panel is closed, and `when_alive` while it is being removed (the learner left).

    class RunStarted(Message):
        """A run (`label`) begins."""

        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    class EpochDone(Message):
        """One more epoch of run `label` (epoch 0 is the model before training)."""

        def __init__(self, label: str, stats: EpochStats, epochs: int) -> None:
            super().__init__()
            self.label, self.stats, self.epochs = label, stats, epochs

    class RunFinished(Message):
        """Run `label` is over (finished, stopped or refused)."""

        def __init__(self, label: str, result: Any) -> None:
            super().__init__()
            self.label, self.result = label, result

    class ClaimChecked(Message):
        """A scenario's claim, checked on its runs."""

        def __init__(self, claim: Any) -> None:
            super().__init__()
            self.claim = claim

    def on_unmount(self) -> None:
        # Textual cancels the node's workers too; saying it here keeps the promise visible.
        self.action_stop()

    @work(thread=True, exclusive=True, group="lab")
    def _train(self, runs: list[tuple[str, LabSettings]], scenario: Any) -> None:
        from tutor.lab.train import run

        worker = get_current_worker()
        results: dict[str, Any] = {}
        for label, settings in runs:
            if worker.is_cancelled:
                break
            self.post_message(self.RunStarted(label))
            result = run(
                settings,
                lambda stats, label=label, epochs=settings.epochs: self.post_message(
                    self.EpochDone(label, stats, epochs)),
                lambda: worker.is_cancelled,
            )
            results[label] = result
            self.post_message(self.RunFinished(label, result))
        if scenario is not None and not worker.is_cancelled and len(results) == len(runs) and all(
            r.ok and not r.cancelled and r.epochs for r in results.values()
        ):
            self.post_message(self.ClaimChecked(scenario.check(results["A"], results.get("B"))))

    @when_alive
    def on_lab_panel_run_started(self, message: RunStarted) -> None:
        message.stop()
        self.curves[message.label] = []

    @when_alive
    def on_lab_panel_epoch_done(self, message: EpochDone) -> None:
        message.stop()
        self.curves.setdefault(message.label, []).append(message.stats)
        status = _w("running", self.lang, epoch=message.stats.epoch, epochs=message.epochs,
                    label=self.labels.get(message.label, message.label))
        self.query_one("#lab-status", Static).update(status)
        self._plot()

    @when_alive
    def on_lab_panel_run_finished(self, message: RunFinished) -> None:
        message.stop()
        self._finish_run(message.label, message.result)

    @when_alive
    def on_lab_panel_claim_checked(self, message: ClaimChecked) -> None:
        message.stop()
        self._show_claim(message.claim)

    def _finish_run(self, label: str, result: Any) -> None:
        self.results[label] = result
        status = self.query_one("#lab-status", Static)
        if result.problems and not result.ok:
            status.update(Text("! " + result.problems[0].text(self.lang), "bold"))
        elif result.cancelled:
            status.update(_w("cancelled", self.lang))
        else:
            status.update("")
        self._plot()
        self._summarise()

    def _show_claim(self, claim: Any) -> None:
        mark = ("[OK]" if self.ascii_only else "✓") if claim.holds else ("[X]" if self.ascii_only else "✗")
        word = _w("holds" if claim.holds else "fails", self.lang)
        colon = " :" if self.lang == "fr" else ":"
        self.query_one("#lab-status", Static).update(Text(f"{mark} {word}{colon} {claim.text(self.lang)}", "bold"))

    def _summarise(self) -> None:
        lines = []
        for label, result in self.results.items():
            if not result.epochs:
                continue
            best = result.best
            lines.append(_w(
                "summary", self.lang, label=self.labels.get(label, label),
                trainable=f"{result.trainable_params:,}", total=f"{result.total_params:,}",
                best=result.best_epoch, val=_percent(best.val_acc if best else None),
                before=_percent(result.source_acc_before), after=_percent(result.final_source_acc),
                seconds=result.elapsed,
            ))
        self.query_one("#lab-summary", Static).update("\n".join(lines))

    def _plot(self) -> None:
        from textual_plotext import PlotextPlot

        marker = "dot" if self.ascii_only else "braille"
        loss = self.query_one("#lab-loss", PlotextPlot)
        accuracy = self.query_one("#lab-accuracy", PlotextPlot)
        rates = self.query_one("#lab-lr", PlotextPlot)
        for plot in (loss, accuracy, rates):
            plot.plt.clear_data()
            plot.plt.clear_figure()
        for label, stats in self.curves.items():
            if not stats:
                continue
            name = self.labels.get(label, label)
            epochs = [s.epoch for s in stats]
            loss.plt.plot(epochs, [s.train_loss for s in stats], marker=marker, label=f"{name} train")
            loss.plt.plot(epochs, [s.val_loss for s in stats], marker="dot", label=f"{name} val")
            accuracy.plt.plot(epochs, [s.val_acc for s in stats], marker=marker, label=f"{name} val")
            sources = [(s.epoch, s.source_acc) for s in stats if s.source_acc is not None]
            if sources:
                accuracy.plt.plot([e for e, _ in sources], [a for _, a in sources], marker="dot",
                                  label=f"{name} source")
            best = stats[-1].best_epoch
            if best:
                loss.plt.vline(best)
            steps = [(s.first_step + i, lr) for s in stats for i, lr in enumerate(s.step_lrs)]
            if steps:
                rates.plt.plot([x for x, _ in steps], [y for _, y in steps], marker=marker, label=name)
        accuracy.plt.ylim(0, 1)
        for plot in (loss, accuracy, rates):
            plot.plt.xlabel("epoch" if plot is not rates else "step")
            plot.refresh()
