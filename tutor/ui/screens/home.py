"""Home screen: the course's modules, each with its reading progress; Enter opens one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ListItem, ListView, ProgressBar, Static

from tutor.core.content import Module
from tutor.core.i18n import t
from tutor.core.simulators import simulator_title
from tutor.ui.panels import PANELS
from tutor.ui.keys import localize_bindings

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp


class ModuleItem(ListItem):
    """One module in the list: number, title, subtitle and a gauge of sections read."""

    def __init__(self, module: Module, lang: str, read: int, resume_title: str | None) -> None:
        super().__init__(id=f"module-{module.id}")
        self.module = module
        self.lang = lang
        self.read = read
        self.resume_title = resume_title

    def compose(self) -> ComposeResult:
        module, lang = self.module, self.lang
        total = len(module.sections)
        yield Label(
            f"{t('home.module', lang, number=module.number)} · {module.title}",
            classes="module-title", markup=False,
        )
        if module.subtitle:
            yield Label(module.subtitle, classes="module-subtitle", markup=False)
        with Vertical(classes="module-progress"):
            yield ProgressBar(total=total, show_eta=False, show_percentage=True)
            detail = t("home.progress", lang, read=self.read, total=total)
            if self.resume_title:
                detail += " · " + t("home.resume", lang, section=self.resume_title)
            yield Label(detail, classes="module-detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.read)


class SimulatorItem(ListItem):
    """A simulator, opened on its own screen."""

    def __init__(self, name: str, lang: str) -> None:
        super().__init__(id=f"simulator-{name}", classes="simulator-item")
        self.simulator = name
        self.lang = lang

    def compose(self) -> ComposeResult:
        title = simulator_title(self.simulator, self.lang)
        yield Label(t("home.simulator", self.lang, title=title), classes="module-title", markup=False)


class ActionItem(ListItem):
    """A one-line entry of the home list that runs an app action (quiz, review, statistics)."""

    def __init__(self, action: str, text: str) -> None:
        super().__init__(id=f"{action}-item", classes="action-item")
        self.action = action
        self.text = text

    def compose(self) -> ComposeResult:
        yield Label(self.text, classes="module-title", markup=False)


class HomeScreen(Screen[None]):
    """The list of modules."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("l", "app.switch_lang", "Language", id="lang"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    @property
    def tutor(self) -> TutorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        lang = self.tutor.lang
        yield Header(icon="")
        yield Static(t("home.heading", lang), id="home-heading")
        if not self.tutor.course.modules_in(lang):
            yield Static(t("content.none", lang), id="home-empty")
        yield ListView(*self._items(), id="modules")
        yield Static(t("home.hint", lang), id="home-hint")
        yield Footer()

    def _module_items(self) -> list[ModuleItem]:
        app = self.tutor
        items = []
        for module in app.course.modules_in(app.lang):
            read = len(app.store.sections_read(module.id) & {s.id for s in module.sections})
            position = app.store.position(module.id)
            index = module.section_index(position) if position else None
            resume = module.sections[index].title if index is not None else None
            items.append(ModuleItem(module, app.lang, read, resume))
        return items

    def _items(self) -> list[ListItem]:
        app, lang = self.tutor, self.tutor.lang
        actions: list[ListItem] = []
        if app.quizzes.banks:
            due, total = app.store.review_counts()
            review = t("home.review", lang, due=due) if due else t("home.review_none", lang, total=total)
            actions += [ActionItem("quiz", t("home.quiz", lang)), ActionItem("review", review)]
        actions.append(ActionItem("stats", t("home.stats", lang)))
        actions.append(ActionItem("settings", t("home.settings", lang)))
        simulators = [SimulatorItem(name, lang) for name in PANELS]
        return [*self._module_items(), *actions[:1], *simulators, *actions[1:]]

    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        self.query_one("#modules", ListView).focus()

    async def on_screen_resume(self) -> None:
        """Coming back from a lesson: refresh the progress gauges, keep the highlighted module."""
        modules = self.query_one("#modules", ListView)
        highlighted = modules.index
        await modules.clear()
        await modules.extend(self._items())
        modules.index = highlighted
        modules.focus()

    def action_open(self) -> None:
        """Open the highlighted module."""
        self._open(self.query_one("#modules", ListView).highlighted_child)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        """Enter (or a click) on a module opens it."""
        event.stop()
        self._open(event.item)

    def _open(self, item: ListItem | None) -> None:
        if isinstance(item, ModuleItem):
            self.tutor.open_lesson(item.module.id)
        elif isinstance(item, ActionItem):
            {"quiz": self.tutor.open_quiz_setup, "review": self.tutor.start_review,
             "stats": self.tutor.open_stats, "settings": self.tutor.open_settings}[item.action]()
        elif isinstance(item, SimulatorItem):
            self.tutor.open_simulator(item.simulator)
