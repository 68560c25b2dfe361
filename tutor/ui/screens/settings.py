"""Settings screen: language, theme, ASCII mode and key remapping, saved to the settings file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from tutor.i18n.catalogue import t
from tutor.i18n.keynames import (
    REMAPPABLE,
    action_label,
    default_keys,
    keys_label,
    read_keys,
)
from tutor.locations import display_path
from tutor.settings import THEMES, check_keys, save_settings
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.fields import FieldCell, FieldSpec

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol

__all__ = ["REMAPPABLE", "SettingsScreen"]  # REMAPPABLE lives in tutor.i18n.keynames, with every screen's keys


class SettingsScreen(Screen[None]):
    """Change and save the settings; changes apply at once."""

    CSS_PATH = css("panels")
    # Two key fields a row: their default keys (`q, Retour arrière, Ctrl+B, Échap`) fit at 80 columns.
    CSS = "SettingsScreen #settings-keys { grid-size: 2; }"  # beats the global `.fields` (3 a row)

    BINDINGS = [
        Binding("f5,ctrl+s", "save", "Save", id="save"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("ctrl+b", "back", "Back", id="back"),
    ]
    AUTO_FOCUS = "Select"

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

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
            with Grid(classes="fields", id="settings-keys"):
                for binding in REMAPPABLE:
                    # Shown as the learner reads keys (`Entrée`, `Ctrl+B`); typed back either way.
                    # The first three defaults: the field is narrow (back also has Esc in the export screen).
                    placeholder = t("settings.default_keys", lang, keys=keys_label(default_keys(binding)[:3], lang))
                    current = app.settings.keys.get(binding, "")
                    yield FieldCell(FieldSpec(f"key-{binding}", action_label(binding, lang), "text", (), placeholder),
                                    keys_label(current.split(","), lang) if current else "")
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
        """Check the keys, write the settings file, apply the keymap and the language.

        A key name no terminal key has, or a key another action of the same screen uses, is refused
        under its field and nothing is written: the file never holds a keymap that would not work.
        """
        app, lang = self.tutor, self.tutor.lang
        values = {cell.spec.name: cell.value for cell in self.query(FieldCell)}
        key_cells = {cell.spec.name[4:]: cell for cell in self.query(FieldCell) if cell.spec.name.startswith("key-")}
        typed = {binding: str(cell.value).strip() for binding, cell in key_cells.items()}
        # The other bindings of the file (already checked when it was read) and the fields' readable keys.
        keymap = {k: v for k, v in app.settings.keys.items() if k not in REMAPPABLE}
        for binding, text in typed.items():
            reading = read_keys(text)
            if reading.keys and not reading.bad:
                keymap[binding] = reading.text
        valid = True
        keys: dict[str, str] = {}
        for binding, cell in key_cells.items():
            if not typed[binding]:
                cell.show_problem(None)
                continue
            others = {k: v for k, v in keymap.items() if k != binding}
            normalized, problems = check_keys(binding, typed[binding], others, lang)
            cell.show_problem(problems[0] if problems else None)
            if problems:
                valid = False
            else:
                keys[binding] = normalized
        if not valid:
            self.notify(t("settings.not_saved", lang), severity="error")
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
        self.notify(t("settings.saved", lang, path=str(path)))
        if settings.lang != lang:
            self.dismiss()
            app.action_switch_lang()

    def action_back(self) -> None:
        """Back without saving (theme and ASCII changes stay for this session)."""
        self.dismiss()
