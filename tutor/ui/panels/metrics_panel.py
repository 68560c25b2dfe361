"""The metrics calculator: pick a task, edit (or load) its inputs, read the evaluation report.

Each task opens on the shipped sample of the learner's language. The text areas are parsed by the
core's readers under pseudo file names ("gold", "pred", "refs"…), so a mistake reads as
`FILE:LINE: message` with the line numbers shown in the areas. Every number in the report comes
from `tutor.metrics` (`pipeline.run_*` then `report_of`); the panel computes nothing itself.
The report follows edits a moment after the last key (one timer, restarted on each edit).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from tutor.content.simulators import simulator_title
from tutor.metrics.pipeline import report_of
from tutor.metrics.readers import InputError, Source, read_lines, shown
from tutor.metrics.report import Report
from tutor.metrics.samples import sample_text
from tutor.metrics.texts import tr
from tutor.safety import InputRefused, read_input
from tutor.serve_guard import file_inside, served_files_dir
from tutor.ui.panels.metrics_inputs import SIDE_BY_SIDE, TASK_INPUTS, TASKS, UI, input_name, run_inputs, ui
from tutor.ui.panels.metrics_report import ReportView
from tutor.ui.textual_private import relabel_bindings
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.controls import SafeSelect, SteadyInput, SteadyTextArea

__all__ = ["MetricsPanel", "TaskState"]


@dataclass
class TaskState:
    """One task's last computation: what it was computed from, its report, its error if any."""

    computed: tuple[object, ...] | None = None
    report: Report | None = None  # the last valid one
    warnings: tuple[str, ...] = ()
    error: str | None = None
    error_input: str | None = None  # key of the text area the error points at


class MetricsPanel(Vertical):
    """Accuracy, P/R/F1, confusion matrix, NER, QA, BLEU, ROUGE and perplexity, explained."""

    BINDINGS = [
        Binding("ctrl+r", "compute", "Compute", id="metrics_compute"),
        Binding("ctrl+t", "next_task", "Next task", show=False, id="metrics_task"),
        Binding("ctrl+s", "restore_sample", "Sample", show=False, id="metrics_sample"),
        Binding("ctrl+l", "load_file", "Load", id="metrics_load"),
    ]
    DEBOUNCE = 0.5  # seconds after the last edit before the report follows
    MAX_BYTES = 1024 * 1024  # bigger files belong to `tutor metrics` on the command line

    def __init__(self, lang: str, ascii_only: bool = False, *, id: str | None = None) -> None:
        super().__init__(classes="sim-panel metrics-panel", id=id or "metrics-calculator")
        self.lang = lang
        self.ascii_only = ascii_only
        self.current_task = TASKS[0]
        self.states: dict[str, TaskState] = {task: TaskState() for task in TASKS}
        self._timer: Timer | None = None
        # Served in a browser (`tutor serve`), the session reads files as the server's user for whoever
        # holds the page: only under --files-dir, if at all. Locally the user reads their own files.
        self.served, self.files_root = served_files_dir()
        self._localize_bindings()

    def _localize_bindings(self) -> None:
        relabel_bindings(self, lambda b: replace(b, description=ui(f"key.{b.id}", self.lang))
                         if f"key.{b.id}" in UI else b)

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(simulator_title("metrics-calculator", lang), classes="panel-title")
        with Horizontal(classes="metrics-choices"):
            yield Label(ui("task", lang), classes="metrics-choice-label")
            yield SafeSelect([(ui(f"task.{task}", lang), task) for task in TASKS], value=self.current_task,
                         allow_blank=False, compact=True, id="metrics-task")
            yield Label(ui("mode", lang), classes="metrics-choice-label metrics-ner-only")
            yield SafeSelect([(tr(f"mode.{m}", lang), m) for m in ("default", "strict")], value="default",
                         allow_blank=False, compact=True, id="metrics-ner-mode", classes="metrics-ner-only")
            yield Checkbox(ui("stem", lang), compact=True, id="metrics-stem")
        yield Static(ui("keys", lang), classes="metrics-hint", markup=False)
        yield Label(ui("inputs", lang), classes="panel-heading")
        for task in TASKS:
            group = Horizontal if task in SIDE_BY_SIDE else Vertical
            with group(id=f"inputs-{task}", classes="metrics-inputs"):
                for spec in TASK_INPUTS[task]:
                    with Vertical(classes="metrics-input", id=f"input-{task}-{spec.key}"):
                        yield Label(ui(f"in.{task}.{spec.key}", lang), classes="field-label", markup=False)
                        yield SteadyTextArea(sample_text(lang, spec.sample), id=f"in-{task}-{spec.key}",
                                       soft_wrap=False, show_line_numbers=True, tab_behavior="focus")
        with Horizontal(id="metrics-file-row"):
            yield Label(ui("file", lang), classes="metrics-choice-label")
            yield SteadyInput(placeholder=ui("file.placeholder", lang), compact=True, id="metrics-path",
                        select_on_focus=False)
            yield Label(ui("file.into", lang), classes="metrics-choice-label")
            yield SafeSelect(self._targets(), value=TASK_INPUTS[self.current_task][0].key, allow_blank=False,
                         compact=True, id="metrics-target")
        yield Static("", id="metrics-load-status", markup=False)
        yield Static("", id="metrics-error", markup=False)
        yield Label(ui("report", lang), classes="panel-heading")
        yield ReportView(lang, self.ascii_only, id="metrics-report")

    def _targets(self) -> list[tuple[str, str]]:
        return [(input_name(spec.key, self.lang), spec.key) for spec in TASK_INPUTS[self.current_task]]

    @when_alive  # removed while mounting: its parts may be gone
    def on_mount(self) -> None:
        self.query_one("#metrics-load-status", Static).display = False
        self._show_task()
        self.compute()

    # -- the inputs ----------------------------------------------------------------------------

    def area(self, key: str, task: str | None = None) -> TextArea:
        """The text area `key` ("gold", "pred", "ref", "ref2", "hyp", "logprobs") of `task`."""
        return self.query_one(f"#in-{task or self.current_task}-{key}", TextArea)

    def texts(self) -> dict[str, str]:
        """The current task's inputs, as typed."""
        return {spec.key: self.area(spec.key).text for spec in TASK_INPUTS[self.current_task]}

    def _options(self) -> dict[str, object]:
        if self.current_task == "ner":
            return {"mode": self.query_one("#metrics-ner-mode", Select).value}
        if self.current_task == "rouge":
            return {"stem": self.query_one("#metrics-stem", Checkbox).value}
        return {}

    def _fingerprint(self) -> tuple[object, ...]:
        return (self.current_task, tuple(self.texts().items()), tuple(self._options().items()))

    # -- computing -----------------------------------------------------------------------------

    @property
    def state(self) -> TaskState:
        """The current task's state."""
        return self.states[self.current_task]

    @property
    def report(self) -> Report | None:
        """The current task's last valid report."""
        return self.state.report

    @property
    def error(self) -> str | None:
        """Why the current inputs give no report (`FILE:LINE: message`), or None."""
        return self.state.error

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def compute(self) -> None:
        """Compute the current task from the text areas and show the report (or what is wrong)."""
        self._cancel_timer()
        state = self.state
        state.computed = self._fingerprint()
        try:
            run = run_inputs(self.current_task, self.texts(), self.lang, **self._options())
            report = report_of(run, self.lang)
        except InputError as error:
            state.error = shown(error, self.lang)
            names = {input_name(spec.key, self.lang): spec.key for spec in TASK_INPUTS[self.current_task]}
            state.error_input = names.get(error.name)
        except Exception as error:  # noqa: BLE001 - a learner's input must never crash the app
            state.error = ui("crash", self.lang, error=f"{type(error).__name__}: {error}")
            state.error_input = None
        else:
            state.error, state.error_input = None, None
            state.report, state.warnings = report, tuple(shown(w, self.lang) for w in run.warnings)
        self._show_state()

    def _show_state(self) -> None:
        state, lang = self.state, self.lang
        shown = self.query_one("#metrics-error", Static)
        shown.display = state.error is not None
        if state.error is not None:
            after = ui("stale", lang) if state.report is not None else ui("stale.none", lang)
            shown.update(f"! {state.error}\n{after}")
        for spec in TASK_INPUTS[self.current_task]:
            self.query_one(f"#input-{self.current_task}-{spec.key}").set_class(
                spec.key == state.error_input, "-invalid")
        self.query_one(ReportView).show(state.report, state.warnings, stale=state.error is not None)

    def _schedule(self) -> None:
        """Recompute a moment after the last edit; nothing runs while the inputs stay as computed."""
        self._cancel_timer()
        if self._fingerprint() != self.state.computed:
            self._timer = self.set_timer(self.DEBOUNCE, self._debounced)

    @when_alive
    def _debounced(self) -> None:
        self._timer = None
        self.compute()

    @when_alive
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._schedule()

    @when_alive
    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.current_task == "rouge" and self._fingerprint() != self.state.computed:
            self.compute()

    @when_alive
    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        select_id = event.select.id
        if select_id == "metrics-task" and event.value != self.current_task and event.value in TASKS:
            self.switch_task(str(event.value))
        elif select_id == "metrics-ner-mode" and self.current_task == "ner":
            if self._fingerprint() != self.state.computed:
                self.compute()

    @when_alive
    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Entering a text area makes it the target of the next file load."""
        widget = event.widget
        prefix = f"in-{self.current_task}-"
        if isinstance(widget, TextArea) and widget.id and widget.id.startswith(prefix):
            self.query_one("#metrics-target", Select).value = widget.id[len(prefix):]

    # -- tasks ---------------------------------------------------------------------------------

    def switch_task(self, task: str) -> None:
        """Show `task`'s inputs (kept as the learner left them) and its report."""
        if task not in TASKS:
            raise ValueError(f"unknown task: {task}")
        focused = self.app.focused
        in_old_area = isinstance(focused, TextArea) and focused.id is not None \
            and focused.id.startswith(f"in-{self.current_task}-")
        self._cancel_timer()
        self.current_task = task
        self.query_one("#metrics-task", Select).value = task
        self._show_task()
        if in_old_area:
            self.area(TASK_INPUTS[task][0].key).focus()
        if self._fingerprint() != self.state.computed:
            self.compute()
        else:
            self._show_state()

    def _show_task(self) -> None:
        for task in TASKS:
            self.query_one(f"#inputs-{task}").display = task == self.current_task
        for widget in self.query(".metrics-ner-only"):
            widget.display = self.current_task == "ner"
        self.query_one("#metrics-stem", Checkbox).display = self.current_task == "rouge"
        target = self.query_one("#metrics-target", Select)
        target.set_options(self._targets())
        target.value = TASK_INPUTS[self.current_task][0].key

    def action_next_task(self) -> None:
        """Go to the next task (after perplexity, back to classification)."""
        self.switch_task(TASKS[(TASKS.index(self.current_task) + 1) % len(TASKS)])

    def action_restore_sample(self) -> None:
        """Put the shipped sample back in the current task's text areas."""
        for spec in TASK_INPUTS[self.current_task]:
            self.area(spec.key).load_text(sample_text(self.lang, spec.sample))
        self.compute()

    def action_compute(self) -> None:
        """Compute now, without waiting for the pause after an edit."""
        self.compute()

    # -- files ---------------------------------------------------------------------------------

    @when_alive
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "metrics-path":
            event.stop()
            self.action_load_file()

    def action_load_file(self) -> None:
        """Load the file at the typed path into the chosen text area; on error, keep the text."""
        lang = self.lang
        status = self.query_one("#metrics-load-status", Static)
        status.display = True
        raw = self.query_one("#metrics-path", Input).value.strip()
        status.set_class(True, "-error")
        if not raw:
            status.update(f"! {ui('file.empty_path', lang)}")
            return
        if self.served and self.files_root is None:
            status.update(f"! {ui('file.off', lang)}\n{ui('file.kept', lang)}")
            return
        path = Path(raw).expanduser()
        target = str(self.query_one("#metrics-target", Select).value)
        try:
            lines = read_lines(self._read(raw, path), keep_blank_lines=True)
        except InputError as error:
            status.update(f"! {error.text(lang)}\n{ui('file.kept', lang)}")
            return
        status.set_class(False, "-error")
        status.update(f"i {ui('file.loaded', lang, path=path, area=input_name(target, lang), count=len(lines))}")
        self.area(target).load_text("\n".join(lines) + "\n")
        self.compute()

    def _read(self, raw: str, path: Path) -> Source:
        """The bytes of the typed file, or InputError: outside --files-dir (served), not a regular file, too big."""
        name, lang = str(path), self.lang
        if self.served and self.files_root is not None:
            inside = file_inside(raw, self.files_root)
            if inside is None:
                raise InputError(name, 1, ui("file.outside", lang, folder=str(self.files_root)))
            path = inside
        if path.is_dir():
            raise InputError(name, 1, key="e.directory")
        try:
            data = read_input(path, self.MAX_BYTES)  # FIFOs and devices refused without blocking
        except InputRefused as error:
            if error.key == "input.too_large":
                size = _size(path)
                if size is not None:
                    raise InputError(name, 1, ui("file.too_large", lang, size=size // 1024,
                                                 limit=self.MAX_BYTES // 1024)) from None
            raise InputError(name, 1, error.reason(lang)) from None
        except FileNotFoundError:
            raise InputError(name, 1, key="e.no_such_file") from None
        except OSError as error:
            raise InputError(name, 1, key="e.cannot_read", reason=error.strerror or str(error)) from None
        return Source(name, data)


def _size(path: Path) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None
