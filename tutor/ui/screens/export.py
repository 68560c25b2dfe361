"""Export screen: a configuration as a runnable Python script and as YAML, to copy or save."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.i18n.catalogue import t
from tutor.locations import display_path
from tutor.sim.catalogue import get_model
from tutor.sim.config import FineTuneConfig
from tutor.sim.export import to_python, to_yaml
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive


class ExportScreen(Screen[None]):
    """The exports of one configuration."""

    CSS_PATH = css("panels")

    BINDINGS = [
        Binding("c", "copy('python')", "Copy", id="copy"),
        Binding("y", "copy('yaml')", "YAML", show=False),
        Binding("s", "save", "Save", id="save"),
        Binding("q,ctrl+b,escape", "close", "Back", id="back"),
    ]

    def __init__(self, config: FineTuneConfig, lang: str) -> None:
        super().__init__()
        self.config = config
        self.lang = lang
        self.python = to_python(config)
        self.yaml = to_yaml(config)

    def compose(self) -> ComposeResult:
        # What `c`, `y` and `s` did is said here, above the code: a toast sat over the code it described.
        yield Static(t("export.status", self.lang), id="export-status", markup=False)
        with VerticalScroll(id="export-body"):
            # SFT and DPO scripts train with TRL's trainers: the heading says which libraries they need.
            trl = self.config.resolved_task() in ("sft", "dpo")
            yield Label(t("sim.export_trl" if trl else "sim.export_python", self.lang), classes="panel-heading")
            yield Static(Syntax(self.python, "python", theme="ansi_dark", word_wrap=True), id="export-python")
            yield Label(t("sim.export_yaml", self.lang), classes="panel-heading")
            yield Static(Syntax(self.yaml, "yaml", theme="ansi_dark", word_wrap=True), id="export-yaml")
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.query_one("#export-body").focus()

    def _status(self, text: str, kind: str = "") -> None:
        """Say what just happened in the status line (`kind`: "", "-done" or "-error")."""
        status = self.query_one("#export-status", Static)
        status.update(text)
        status.set_class(kind == "-done", "-done")
        status.set_class(kind == "-error", "-error")

    def action_copy(self, which: str) -> None:
        """Copy the script (or the YAML) to the terminal's clipboard."""
        self.app.copy_to_clipboard(self.python if which == "python" else self.yaml)
        self._status(t("export.copied_python" if which == "python" else "export.copied_yaml", self.lang), "-done")

    def action_save(self) -> None:
        """Save both exports under the data directory."""
        from tutor.sim.export import to_dict
        from tutor.store.exports import write_export

        try:
            path = write_export(self.config.model, ".py", self.python)
            write_export(self.config.model, ".yaml", self.yaml)
        except OSError as error:
            self._status(t("export.save_failed", self.lang, error=str(error)), "-error")
            return
        # Also kept in the learner's store, so the configurator can reopen it later (F7): decoders
        # belong to the LLM configurator, encoders and encoder-decoders to the other one.
        spec = get_model(self.config.model)
        kind = "gpt" if spec is not None and spec.is_decoder else "bert"
        data = to_dict(self.config)
        tutor_app(self).write(lambda store: store.save_config(path.stem, kind, data))
        self._status(t("export.saved", self.lang, path=display_path(path.with_suffix(""))), "-done")

    def action_close(self) -> None:
        """Back to the simulator."""
        self.dismiss()
