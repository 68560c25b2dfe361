"""Help screen: every key of the screen underneath, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from tutor.i18n.catalogue import t
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import ALWAYS, key_display, localize_bindings
from tutor.ui.textual_private import app_keymap, node_bindings
from tutor.ui.widgets.alive import when_alive


def screen_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for the screen's own bindings, those of the panel holding the focus,
    then the app's; the keys of one binding are grouped.

    Only bindings with an id are listed: they are ours, labelled in the learner's language;
    the widgets' built-in bindings (scrolling, copying) behave as in any Textual app. Keys are
    those of the learner's keymap, named in their language (`Entrée`, `Ctrl+B`).
    """
    rows: dict[str, tuple[list[str], str]] = {}
    lang = getattr(screen.app, "lang", "en")
    focused = screen.focused
    around_focus = [node for node in (focused.ancestors_with_self if focused else []) if node is not screen
                    and node is not screen.app]
    keymap = app_keymap(screen.app)  # the learner's remapped keys
    for node in (screen, *reversed(around_focus), screen.app):
        bindings = node_bindings(node).copy()  # the node's own (localized) copy
        if keymap:  # Textual applies the keymap to copies when keys are pressed: so do we
            bindings.apply_keymap(keymap)
        for key, binding in bindings:
            if not binding.id or not binding.description:
                continue
            group = binding.id.removesuffix(ALWAYS)  # a letter and its F-key twin share a row
            group = PANEL_TWINS.get(group, group)  # F3 in a panel turns the page as F3 outside does
            if group in rows and node is not screen:
                continue
            keys, _ = rows.setdefault(group, ([], binding.description))
            display = key_display(binding, lang, key)  # `Entrée`, `Ctrl+B`, in the learner's language
            if display not in keys:
                keys.append(display)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


PANEL_TWINS = {"panel_next": "next", "panel_previous": "previous"}


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from."""

    CSS_PATH = css("help")

    BINDINGS = [
        # Its own id: a learner's remap of `back` elsewhere must not take Esc and Enter away from here.
        Binding("q,enter,question_mark,escape,f1", "close", "Close", id="close_help"),
        Binding("down,j", "scroll_down", show=False),
        Binding("up,k", "scroll_up", show=False),
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.keys = screen_keys(underneath)

    def compose(self) -> ComposeResult:
        lang = tutor_app(self).lang
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column(t("help.key", lang), no_wrap=True)
        table.add_column(t("help.action", lang))
        for keys, description in self.keys:
            table.add_row(keys, description)
        with VerticalScroll(id="help-box"):
            yield Label(t("help.title", lang), id="help-title")
            yield Static(table, id="help-keys")
            yield Static(t("help.everywhere", lang), id="help-everywhere")
            yield Static(t("help.close", lang), id="help-close")

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, tutor_app(self).lang)
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss()

    def action_scroll_down(self) -> None:
        """Scroll the list of keys."""
        self.query_one("#help-box", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        """Scroll the list of keys."""
        self.query_one("#help-box", VerticalScroll).scroll_up(animate=False)
