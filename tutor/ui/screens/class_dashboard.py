"""The class dashboard: the mastery grid, the running quizzes and exams, the questions by difficulty, problems.

Four tabs (keys 1–4) under a one-line summary. Enter on a learner (in the grid or among the running
attempts) opens their details. The tables are filled again from each new `ClassView` the app
builds; the cursor stays on the learner it was on. Between views, `tick` only redraws the clocks.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tutor.classroom.model import ClassView, RunningAttempt
from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt, fmt_percent
from tutor.quiz.display import format_clock
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.alive import when_alive
from tutor.ui.widgets.class_cells import discrimination_cell, mode_label, share_cell, short, topic_label, topic_short

if TYPE_CHECKING:
    from tutor.ui.class_protocol import ClassAppProtocol

CLASS_ROW = "\x00class"  # the grid's last row: the class as a whole (never a login: logins are plain names)
TABS = ("tab-mastery", "tab-running", "tab-questions", "tab-problems")
NAME_WIDTH = 18


class ClassDashboard(Screen[None]):
    """The class at a glance, live."""

    CSS_PATH = css("class")
    BINDINGS = [
        Binding("1", "show_tab('tab-mastery')", "Mastery", id="class_mastery"),
        Binding("2", "show_tab('tab-running')", "Running", id="class_running"),
        Binding("3", "show_tab('tab-questions')", "Questions", id="class_questions"),
        Binding("4", "show_tab('tab-problems')", "Problems", id="class_problems"),
        Binding("r", "rescan", "Read again", id="class_rescan"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._running_rows: list[RunningAttempt] = []

    @property
    def dashboard(self) -> ClassAppProtocol:
        """The app, typed."""
        return self.app  # type: ignore[return-value]  # these screens run only inside ClassApp

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.dashboard.lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static("", id="class-header", markup=False)
        with TabbedContent(initial="tab-mastery", id="class-tabs"):
            with TabPane(t("class.tab.mastery", lang), id="tab-mastery"):
                yield DataTable(id="class-grid", cursor_type="row", zebra_stripes=True)
                yield Static("", id="class-gaps", markup=False)
            with TabPane(t("class.tab.running", lang), id="tab-running"):
                yield DataTable(id="class-running", cursor_type="row")
                yield Static("", id="class-running-none", markup=False)
            with TabPane(t("class.tab.questions", lang), id="tab-questions"):
                yield DataTable(id="class-questions", cursor_type="row")
            with TabPane(t("class.tab.problems", lang, count=0), id="tab-problems"), \
                    VerticalScroll(id="class-problems-body"):
                yield Static("", id="class-problems", markup=False)
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.show_view(self.dashboard.view)
        self.query_one("#class-grid", DataTable).focus()

    # -- drawing a view -----------------------------------------------------------------------------

    def show_view(self, view: ClassView) -> None:
        """Fill every tab from `view`."""
        self._draw_header(view)
        self._draw_grid(view)
        self._draw_running(view)
        self._draw_questions(view)
        self._draw_problems(view)

    def _draw_header(self, view: ClassView) -> None:
        lang = self.lang
        when = time.strftime("%H:%M:%S", time.localtime(view.generated))
        parts = [t("class.header", lang, learners=len(view.learners), running=len(view.running), time=when)]
        problem = self.dashboard.watch_problem
        if problem:
            parts.append(problem)
        self.query_one("#class-header", Static).update(Text(" · ".join(parts)))

    def _draw_grid(self, view: ClassView) -> None:
        lang = self.lang
        table = self.query_one("#class-grid", DataTable)
        selected = _selected_key(table)
        table.clear(columns=True)
        table.add_column(t("class.col.learner", lang), key="learner")
        for topic in view.topics:
            table.add_column(topic_short(topic, lang), key=f"topic:{topic}")
        for record in view.learners:
            name = record.name if record.name == record.login else f"{record.name} ({record.login})"
            cells = [share_cell(self.app, s.mastery if s else None, lang)
                     for s in (record.topics.get(topic) for topic in view.topics)]
            table.add_row(Text(short(name, NAME_WIDTH)), *cells, key=record.login)
        if view.learners:
            table.add_row(Text(t("class.col.class", lang), style="bold"),
                          *[share_cell(self.app, row.mastery, lang) for row in view.class_topics], key=CLASS_ROW)
        _reselect(table, selected)
        gaps = view.not_mastered
        if not view.learners:
            text = t("class.none_yet", lang, path=view.directory)
        elif gaps:
            listed = ", ".join(
                f"{topic_label(row.topic, lang)} {fmt_percent(row.mastery or 0.0, lang, 0, fraction=True)}"
                for row in gaps)
            text = t("class.not_mastered", lang, topics=listed)
        else:
            text = t("class.all_mastered", lang)
        self.query_one("#class-gaps", Static).update(Text(text))

    def _draw_running(self, view: ClassView) -> None:
        lang = self.lang
        table = self.query_one("#class-running", DataTable)
        selected = _selected_key(table)
        table.clear(columns=True)
        for key, label in (("learner", "class.col.learner"), ("mode", "class.col.mode"), ("bank", "class.col.bank"),
                           ("question", "class.col.question"), ("left", "class.col.time_left"),
                           ("idle", "class.col.idle")):
            table.add_column(t(label, lang), key=key)
        self._running_rows = list(view.running)
        for index, running in enumerate(self._running_rows):
            table.add_row(Text(short(running.name, NAME_WIDTH)), Text(mode_label(running.mode, lang)),
                          Text(short(running.bank, 14)),
                          Text(t("class.reached", lang, reached=running.reached, total=running.total),
                               justify="right"),
                          *self._clocks(running, view, view.generated), key=str(index))
        _reselect(table, selected)
        none = self.query_one("#class-running-none", Static)
        none.update(Text(t("class.no_running", lang)))
        none.display = not view.running

    def _clocks(self, running: RunningAttempt, view: ClassView, now: float) -> tuple[Text, Text]:
        since = max(0.0, now - view.generated)
        left = Text("-", justify="right") if running.time_left is None else Text(
            format_clock(max(0.0, running.time_left - since)), justify="right",
            style="bold" if running.time_left - since < 60 else "")
        return left, Text(format_clock(running.idle + since), justify="right")

    def tick(self, now: float) -> None:
        """Count the clocks down from the last view (no file is read)."""
        view = self.dashboard.view
        table = self.query_one("#class-running", DataTable)
        for index, running in enumerate(self._running_rows):
            left, idle = self._clocks(running, view, now)
            table.update_cell(str(index), "left", left)
            table.update_cell(str(index), "idle", idle)

    def _draw_questions(self, view: ClassView) -> None:
        lang = self.lang
        table = self.query_one("#class-questions", DataTable)
        table.clear(columns=True)
        for key, label in (("facility", "class.col.facility"), ("discrimination", "class.col.discrimination"),
                           ("question", "class.col.question_id"), ("topic", "class.col.topic"),
                           ("answers", "class.col.answers"), ("flags", "class.col.flags")):
            table.add_column(t(label, lang), key=key)
        for question in view.questions:
            flags = ", ".join(t(f"class.flag.{flag}", lang) for flag in question.flags)
            table.add_row(share_cell(self.app, question.facility, lang),
                          discrimination_cell(self.app, question.discrimination, lang),
                          Text(short(question.question_id, 24)), Text(short(topic_label(question.topic, lang), 16)),
                          Text(fmt(question.answers, lang), justify="right"), Text(flags, style="bold"))

    def _draw_problems(self, view: ClassView) -> None:
        lang = self.lang
        lines = [notice.text(lang) for notice in view.setup] + [p.text(lang) for p in view.problems]
        self.query_one("#class-problems", Static).update(Text("\n".join(lines) or t("class.no_problems", lang)))
        tab = self.query_one("#class-tabs", TabbedContent).get_tab("tab-problems")
        tab.label = t("class.tab.problems", lang, count=len(lines))

    # -- keys ----------------------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        """Show one of the four tabs and put the keyboard in it."""
        tabs = self.query_one("#class-tabs", TabbedContent)
        tabs.active = tab
        focus = {"tab-mastery": "#class-grid", "tab-running": "#class-running", "tab-questions": "#class-questions",
                 "tab-problems": "#class-problems-body"}[tab]
        self.query_one(focus).focus()

    def action_rescan(self) -> None:
        """Check the directory and read every file again (inotify tells of changes; this is for doubt)."""
        self.dashboard.rescan()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a learner: their details."""
        key = event.row_key.value
        if event.data_table.id == "class-grid" and key and key != CLASS_ROW:
            self.dashboard.open_learner(key)
        elif event.data_table.id == "class-running" and key is not None and key.isdigit():
            index = int(key)
            if index < len(self._running_rows):
                self.dashboard.open_learner(self._running_rows[index].login)


def _selected_key(table: DataTable[object]) -> str | None:
    """The key of the row under the cursor (None on an empty table)."""
    if table.row_count == 0:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except CellDoesNotExist:  # a cursor past the rows: no selection to keep
        return None


def _reselect(table: DataTable[object], key: str | None) -> None:
    """Put the cursor back on the row `key` when it is still there."""
    if key is None:
        return
    try:
        table.move_cursor(row=table.get_row_index(key), animate=False)
    except RowDoesNotExist:  # the row is gone (a learner's file removed): the cursor stays where it is
        return
