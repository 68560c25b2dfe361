"""Lesson screen: a module read section by section, with a table of contents and reading progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.core.content import Module, Section, SimulatorBlock
from tutor.core.i18n import t
from tutor.quiz.session import QuizSettings, section_questions
from tutor.ui.keys import localize_bindings
from tutor.ui.widgets.progress import StillProgressBar
from tutor.ui.panels import make_panel
from tutor.ui.widgets.blocks import block_widget
from tutor.ui.css import css
from tutor.ui.widgets.alive import alive, when_active, when_alive

if TYPE_CHECKING:
    from tutor.ui.app import TutorApp

NARROW_WIDTH = 100


def _panel_for(block: SimulatorBlock, lang: str, ascii_only: bool) -> Widget | None:
    panel = make_panel(block.simulator, lang, ascii_only)
    if panel is not None:
        panel.add_class("block")
    return panel  # below this many columns the table of contents folds away


class LessonContent(VerticalScroll):
    """The section's scrolling area, where left/right turn pages instead of scrolling sideways."""

    BINDINGS = [
        Binding("right", "screen.next_section", "Next", show=False),
        Binding("left", "screen.previous_section", "Previous", show=False),
    ]


class LessonScreen(Screen[None]):
    """One module, one section at a time."""

    CSS_PATH = css("lesson", "panels", "metrics")

    AUTO_FOCUS = "#content"
    BINDINGS = [
        Binding("n,right,f3", "next_section", "Next", id="next"),
        Binding("p,left,f2", "previous_section", "Previous", id="previous"),
        Binding("t", "toggle_toc", "Contents", id="toc"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("l", "app.switch_lang", "Language", id="lang"),
        Binding("q,backspace,ctrl+b", "back", "Back", id="back"),
        Binding("g,home", "scroll_top", "Top", show=False, id="top"),
        Binding("G,end", "scroll_bottom", "End", show=False, id="bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("c", "check", "Check", id="check"),
        Binding("tab", "app.focus_next", "Next area", show=False, id="focus"),
    ]

    def __init__(self, module: Module, index: int = 0) -> None:
        super().__init__()
        self.module = module
        self.index = max(0, min(index, len(module.sections) - 1))
        self._read: set[str] = set()
        self._rendered: int | None = None  # the section whose widgets are mounted
        self._rendering = False
        self._ready = False  # set by on_mount: the screen's widgets exist

    @property
    def section(self) -> Section:
        """The section on screen."""
        return self.module.sections[self.index]

    @property
    def tutor(self) -> TutorApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="lesson-top"):
            yield Label("", id="lesson-where")
            yield StillProgressBar(total=len(self.module.sections), show_eta=False, id="lesson-progress")
        with Horizontal(id="lesson-body"):
            yield OptionList(id="toc")
            yield LessonContent(id="content")
        yield Footer()

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        self._read = self.tutor.store.sections_read(self.module.id) & {s.id for s in self.module.sections}
        content = self.query_one("#content", VerticalScroll)
        self.watch(content, "scroll_y", self._check_read, init=False)
        self._fold_toc(self.size.width)
        self._ready = True
        self.show_section(self.index)

    def on_resize(self, event: Resize) -> None:
        self._fold_toc(event.size.width)

    def _fold_toc(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def _toc_options(self) -> list[Option]:
        options = []
        for number, section in enumerate(self.module.sections, start=1):
            mark = "x" if section.id in self._read else " "
            options.append(Option(f"[{mark}] {number}. {section.title}", id=section.id))
        return options

    def _refresh_chrome(self) -> None:
        lang = self.tutor.lang
        total = len(self.module.sections)
        state = t("lesson.read" if self.section.id in self._read else "lesson.unread", lang)
        self.query_one("#lesson-where", Label).update(
            f"{self.module.number}. {self.module.title} · {self.index + 1}/{total} ({state})"
        )
        self.query_one("#lesson-progress", StillProgressBar).update(progress=len(self._read))
        toc = self.query_one("#toc", OptionList)
        toc.set_options(self._toc_options())
        toc.highlighted = self.index

    def show_section(self, index: int) -> None:
        """Show section `index` and remember it as the learner's position."""
        self.index = max(0, min(index, len(self.module.sections) - 1))
        if not self._ready:
            return  # pushed but not yet mounted: `on_mount` shows `self.index`
        self.tutor.store.set_position(self.module.id, self.section.id)
        self._refresh_chrome()
        if not self._rendering:
            self._rendering = True
            self.run_worker(self._render_latest(), group="render")

    async def _render_latest(self) -> None:
        """Render sections one at a time until the one on screen is the one asked for last.

        A render is never cancelled halfway: cancelling `mount_all` leaves widgets half mounted
        (a `Select` without its overlay) and ids still taken. A quick run of `n` presses renders
        the section being mounted, then only the one the learner lands on.
        """
        try:
            while alive(self) and self._rendered != self.index:
                index = self.index
                await self._render_section(index)
                self._rendered = index
        finally:
            self._rendering = False

    async def _render_section(self, index: int) -> None:
        section, lang = self.module.sections[index], self.tutor.lang
        content = self.query_one("#content", VerticalScroll)
        widgets = [Static(section.title, id="section-title", markup=False)]
        ascii_only = self.tutor.ascii_only
        widgets += [block_widget(block, lang, ascii_only, _panel_for) for block in section.blocks]
        widgets.append(Static(self._end_note(), id="section-end", markup=False))
        with self.app.batch_update():
            await content.remove_children()
            await content.mount_all(widgets)
        if not alive(self):
            return
        content.scroll_home(animate=False)
        toc = self.query_one("#toc")
        if not (toc.has_focus and toc.display):
            content.focus()
        # A section that fits on screen is read as soon as it is laid out.
        self.call_after_refresh(self._check_read)

    def _check_questions(self) -> list[str]:
        """Ids of the written questions that cite the section on screen."""
        questions = section_questions(self.tutor.quizzes, self.module.id, self.section.id, self.tutor.lang)
        return [q.id for q in questions]

    def _end_note(self) -> str:
        lang = self.tutor.lang
        checks = self._check_questions()
        check = t("quiz.check_section", lang, count=len(checks)) + "\n" if checks else ""
        if self.index < len(self.module.sections) - 1:
            return check + t("lesson.end", lang)
        hint = self.module.next
        if hint is None:
            return ""
        note = check + t("lesson.last", lang, title=hint.title)
        if hint.module is None or self.tutor.course.module(hint.module, lang) is None:
            note += " " + t("lesson.not_available", lang)
        return note

    def _check_read(self, *_: object) -> None:
        if not alive(self) or self._rendered != self.index:
            return  # gone, or the section on screen is not the one in the title yet
        content = self.query_one("#content", VerticalScroll)
        if content.max_scroll_y - content.scroll_y <= 1 and self.section.id not in self._read:
            self._read.add(self.section.id)
            self.tutor.store.mark_read(self.module.id, self.section.id)
            self._refresh_chrome()

    def action_next_section(self) -> None:
        """Go to the next section (or to the next module when it is installed)."""
        if self.index < len(self.module.sections) - 1:
            self.show_section(self.index + 1)
        elif self.module.next and self.module.next.module:
            self.tutor.open_lesson(self.module.next.module)

    def action_previous_section(self) -> None:
        """Go to the previous section."""
        if self.index > 0:
            self.show_section(self.index - 1)

    def action_toggle_toc(self) -> None:
        """Show or hide the table of contents (on narrow terminals it is hidden by default)."""
        toc = self.query_one("#toc", OptionList)
        if self.has_class("-narrow"):
            self.toggle_class("-toc-open")
            if self.has_class("-toc-open"):
                toc.focus()
            else:
                self.query_one("#content").focus()
        elif toc.has_focus:
            self.query_one("#content").focus()
        else:
            toc.focus()

    @when_active
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a table-of-contents entry jumps to that section."""
        event.stop()
        index = self.module.section_index(event.option.id or "")
        if index is not None:
            self.remove_class("-toc-open")
            self.show_section(index)

    @when_active
    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Links `#section` and `#module/section` navigate inside the course."""
        href = event.href
        if not href.startswith("#"):
            return
        event.prevent_default()
        module_id, _, section_id = href[1:].rpartition("/")
        self.tutor.open_lesson(module_id or self.module.id, section_id)

    def action_check(self) -> None:
        """Check your understanding: the section's own questions, graded and recorded."""
        ids = self._check_questions()
        if not ids:
            return
        bank = next((b.id for b in self.tutor.quizzes.banks_in(self.tutor.lang) if b.module == self.module.id), "")
        settings = QuizSettings(bank=bank, mode="practice", question_ids=tuple(ids), kind="section-check")
        self.tutor.start_quiz(settings)

    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss()

    def action_scroll_top(self) -> None:
        """Scroll to the top of the section."""
        self.query_one("#content", VerticalScroll).scroll_home(animate=False)

    def action_scroll_bottom(self) -> None:
        """Scroll to the end of the section."""
        self.query_one("#content", VerticalScroll).scroll_end(animate=False)

    def action_page_down(self) -> None:
        """Scroll one page down."""
        self.query_one("#content", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll one page up."""
        self.query_one("#content", VerticalScroll).scroll_page_up(animate=False)
