"""Settings screen: language, theme, ASCII mode and key remapping, saved to the settings file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.core.i18n import t
from tutor.core.settings import KEY_PATTERN, THEMES, save_settings
from tutor.locations import display_path
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.fields import FieldCell, FieldSpec
from tutor.ui.css import css
from tutor.ui.widgets.alive import when_alive

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

# Bindings a learner is most likely to move (any binding id works in the file's [keys] table).
REMAPPABLE = ("next", "previous", "toc", "back", "help", "check", "hint", "skip", "read")


class SettingsScreen(Screen[None]):
    """Change and save the settings; changes apply at once."""

    CSS_PATH = css("panels")

    BINDINGS = [
        Binding("f5,ctrl+s", "save", "Save", id="save"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("ctrl+b", "back", "Back", id="back"),
    ]
    AUTO_FOCUS = "Select"

    @property
    def tutor(self) -> TutorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app, lang = self.tutor, self.tutor.lang
        themes = [(name, name) for name in THEMES] + [
            (name, name) for name in sorted(app.available_themes) if name not in THEMES
        ]
        with VerticalScroll(id="settings-body"):
            yield Label(t("settings.title", lang), classes="panel-title")
            with Grid(classes="fields"):
                yield FieldCell(FieldSpec("lang", t("settings.lang", lang), "choice",
                                          [("Français", "fr"), ("English", "en")]), lang)
                yield FieldCell(FieldSpec("theme", t("settings.theme", lang), "choice", themes), app.theme)
                yield FieldCell(FieldSpec("ascii", t("settings.ascii", lang), "bool", (), t("sim.enabled", lang)),
                                app.ascii_only)
            yield Label(t("settings.keys", lang), classes="panel-heading")
            with Grid(classes="fields"):
                for binding in REMAPPABLE:
                    yield FieldCell(FieldSpec(f"key-{binding}", binding, "text", (), t("settings.default", lang)),
                                    app.settings.keys.get(binding, ""))
            where = display_path(app.settings.path) if app.settings.path else ""
            yield Static(t("settings.where", lang, path=where), id="settings-where", markup=False)
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        for cell in self.query(FieldCell):
            cell.show_problem(None)

    def on_field_cell_changed(self, event: FieldCell.Changed) -> None:
        """Theme and ASCII mode apply as soon as they change."""
        event.stop()
        name, value = event.cell.spec.name, event.cell.value
        if name == "theme" and isinstance(value, str) and value in self.tutor.available_themes:
            self.tutor.theme = value
        elif name == "ascii":
            self.tutor.set_ascii(bool(value))

    def action_save(self) -> None:
        """Check the keys, write the settings file, apply the keymap and the language."""
        app = self.tutor
        values = {cell.spec.name: cell.value for cell in self.query(FieldCell)}
        keys: dict[str, str] = {}
        valid = True
        for cell in self.query(FieldCell):
            if not cell.spec.name.startswith("key-"):
                continue
            text = str(cell.value).replace(" ", "")
            if text and not KEY_PATTERN.match(text):
                cell.show_problem(t("settings.bad_keys", app.lang, value=text))
                valid = False
            else:
                cell.show_problem(None)
                if text:
                    keys[cell.spec.name[4:]] = text
        if not valid:
            return
        settings = app.settings
        settings.lang, settings.theme, settings.ascii = str(values["lang"]), app.theme, bool(values["ascii"])
        settings.keys = {**{k: v for k, v in settings.keys.items() if k not in REMAPPABLE}, **keys}
        try:
            path = save_settings(settings)
        except OSError as error:
            self.notify(str(error), severity="error")
            return
        app.set_keymap(settings.keys)
        self.notify(t("settings.saved", app.lang, path=str(path)))
        if settings.lang != app.lang:
            self.dismiss()
            app.action_switch_lang()

    def action_back(self) -> None:
        """Back without saving (theme and ASCII changes stay for this session)."""
        self.dismiss()
