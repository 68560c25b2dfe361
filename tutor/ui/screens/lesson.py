"""Lesson screen: a module read section by section, with a table of contents and reading progress."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus, Resize
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.content.model import Module, Section, SimulatorBlock
from tutor.i18n.catalogue import t
from tutor.quiz.session import QuizSettings, section_questions
from tutor.ui.app_protocol import tutor_app
from tutor.ui.css import css
from tutor.ui.keys import localize_bindings
from tutor.ui.panels import make_panel
from tutor.ui.widgets.alive import alive, when_active, when_alive
from tutor.ui.widgets.blocks import SimulatorSlot, block_widget, estimated_height
from tutor.ui.widgets.controls import SafeOptionList
from tutor.ui.widgets.progress import StillProgressBar

if TYPE_CHECKING:
    from tutor.ui.app_protocol import TutorAppProtocol

NARROW_WIDTH = 100  # below this many columns the table of contents folds away

# What still works while the focus is in a simulator panel: every other key of the screen is a
# letter or a navigation key that belongs to the panel's fields (they are hidden and disabled).
PANEL_ACTIONS = frozenset({"leave_panel", "focus_area"})


def _panel_for(block: SimulatorBlock, lang: str, ascii_only: bool) -> Widget | None:
    panel = make_panel(block.simulator, lang, ascii_only)
    if panel is not None:
        panel.add_class("block")
    return panel


def _region_in(content: VerticalScroll, widget: Widget) -> Region:
    """Where `widget` (inside `content`) lies in the whole scrollable area of `content`.

    From the layout, not from the compositor's list of visible widgets: that list is brought up
    to date only at the next repaint after a scroll. Empty before `widget` is laid out.
    """
    region = widget.virtual_region  # relative to its parent: add the offsets up to `content`
    node = widget.parent
    while isinstance(node, Widget) and node is not content:
        region = region.translate(node.virtual_region.offset)
        node = node.parent
    return region


def _in_view(content: VerticalScroll, widget: Widget) -> bool:
    """Whether some of `widget` (inside `content`) is within the scrolled window of `content`."""
    region = _region_in(content, widget)
    top = content.scroll_offset.y
    return bool(region.height) and region.y < top + content.scrollable_content_region.height \
        and region.bottom > top


class SectionPage(Vertical):
    """The widgets of one section, inside the scrolling text area."""


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
    # Two modes, chosen by `check_action`: reading (focus on the text or the contents) and inside a
    # simulator panel (focus on one of its fields). Inside, the letters belong to the fields: only
    # the `panel_*` bindings, F2/F3, Esc (or Ctrl+B) and Tab act, and the footer shows only those.
    # In the footer the screen's keys come first (`active_bindings`), so they are never cut off.
    BINDINGS = [
        Binding("n,right", "next_section", "Next", id="next"),
        Binding("p,left", "previous_section", "Previous", id="previous"),
        Binding("c", "check", "Check", id="check"),
        Binding("e", "enter_panel", "Panel", id="panel"),
        Binding("t", "toggle_toc", "Contents", id="toc"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q,backspace", "back", "Back", id="back"),
        # The same actions on keys a remapped letter never takes away (see tutor.ui.keys.ALWAYS).
        Binding("f3", "next_section", "Next", id="next_always", show=False),
        Binding("f2", "previous_section", "Previous", id="previous_always", show=False),
        Binding("ctrl+b", "back", "Back", id="back_always", show=False),
        # In the help, not in the footer: 80 French columns cannot hold every key.
        Binding("l", "switch_lang", "Language", id="lang", show=False),
        Binding("g,home", "scroll_top", "Top", show=False, id="top"),
        Binding("G,end", "scroll_bottom", "End", show=False, id="bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("tab", "focus_area(1)", "Next area", show=False, id="focus"),
        Binding("shift+tab", "focus_area(-1)", "Previous area", show=False, id="focus_previous"),
        # Inside a panel (the same actions with a parameter, so `check_action` tells them apart).
        Binding("f3", "next_section('panel')", "Next", id="panel_next"),
        Binding("f2", "previous_section('panel')", "Previous", id="panel_previous"),
        Binding("escape", "leave_panel", "Leave panel", id="leave_panel"),
        Binding("ctrl+b", "leave_panel", "Leave panel", id="leave_panel", show=False),  # as `back` does
    ]

    def __init__(self, module: Module, index: int = 0) -> None:
        super().__init__()
        self.module = module
        self.index = max(0, min(index, len(module.sections) - 1))
        self._read: set[str] = set()
        self._rendered: int | None = None  # the section whose widgets are all mounted (None: none is)
        self._rendering = False
        self._ready = False  # set by on_mount: the screen's widgets exist
        # Panels of the section on screen to mount, by slot id → whether to go into it once mounted.
        # Filled when a slot comes into view or the learner presses `e`; `_render_latest` mounts them
        # one at a time, after the section's text, in the same queue as the sections.
        self._to_load: dict[str, bool] = {}
        self._checks: dict[int, list[str]] = {}  # section index → its check questions (cached)
        self._end_wanted = False  # End pressed before the whole section was mounted
        self._keys_state: tuple[bool | None, ...] = ()  # what `check_action` said last (see `_sync_keys`)

    @property
    def section(self) -> Section:
        """The section on screen."""
        return self.module.sections[self.index]

    @property
    def tutor(self) -> TutorAppProtocol:
        """The app, typed."""
        return tutor_app(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="lesson-top"):
            yield Label("", id="lesson-where", markup=False)
            yield StillProgressBar(total=len(self.module.sections), show_eta=False, id="lesson-progress")
        with Horizontal(id="lesson-body"):
            yield SafeOptionList(id="toc", markup=False)  # titles and marks are text: `[x]` is not markup
            yield LessonContent(id="content")
        # The French keys of a section with a panel (n p c e t ? q) fit in 80 columns only compact
        # (one column between keys instead of three) and without the palette's key: Ctrl+P works
        # here as everywhere, and the help says so.
        yield Footer(compact=True, show_command_palette=False)

    @when_alive
    def on_mount(self) -> None:
        localize_bindings(self, self.tutor.lang)
        self._read = self.tutor.store.sections_read(self.module.id) & {s.id for s in self.module.sections}
        content = self.query_one("#content", VerticalScroll)
        self.watch(content, "scroll_y", self._on_scroll, init=False)
        self._fold_toc(self.size.width)
        self._ready = True
        self.show_section(self.index)

    def on_resize(self, event: Resize) -> None:
        self._fold_toc(event.size.width)
        self.call_after_refresh(self._load_panels_in_view)

    def _fold_toc(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def _toc_options(self) -> list[Option]:
        options = []
        for number, section in enumerate(self.module.sections, start=1):
            mark = "x" if section.id in self._read else " "
            options.append(Option(f"[{mark}] {number}. {section.title}", id=section.id))
        return options

    def _refresh_chrome(self, index: int | None = None) -> None:
        """The header, progress and contents for section `index` (the one on screen by default).

        Called in the same batch as the section's mount: a separate repaint before it would lay
        out the old section once more for nothing.
        """
        index = self.index if index is None else index
        lang = self.tutor.lang
        total = len(self.module.sections)
        state = t("lesson.read" if self.module.sections[index].id in self._read else "lesson.unread", lang)
        self.query_one("#lesson-where", Label).update(
            f"{self.module.number}. {self.module.title} · {index + 1}/{total} ({state})"
        )
        self.query_one("#lesson-progress", StillProgressBar).update(progress=len(self._read))
        toc = self.query_one("#toc", OptionList)
        toc.set_options(self._toc_options())
        toc.highlighted = index

    def show_section(self, index: int) -> None:
        """Show section `index` and remember it as the learner's position."""
        self.index = max(0, min(index, len(self.module.sections) - 1))
        if not self._ready:
            return  # pushed but not yet mounted: `on_mount` shows `self.index`
        module, section = self.module.id, self.section.id
        self.tutor.write(lambda store: store.set_position(module, section), key=("position", module))
        self._sync_keys()  # `p` on the first section, `n` on the last
        self._render_soon()  # the header and contents change with the section's first paint

    def _render_soon(self) -> None:
        """Start the render queue unless it runs already (it then picks up the latest request)."""
        if not self._rendering:
            self._rendering = True
            self.run_worker(self._render_latest(), group="render")

    async def _render_latest(self) -> None:
        """Render sections one at a time until the one on screen is the one asked for last, then
        mount the panels asked for in it, one at a time.

        A render is never cancelled halfway: cancelling `mount_all` leaves widgets half mounted
        (a `Select` without its overlay) and ids still taken. A quick run of `n` presses renders
        the section being mounted, then only the one the learner lands on. A section's text is
        mounted alone (its panels are light placeholders) and painted before any panel mounts, so
        paging never waits for a panel; a panel whose section was left before its turn is dropped.
        """
        try:
            while alive(self):
                if self._rendered != self.index:
                    index = self.index
                    self._rendered = None  # from here on, the content is not (all) that of a section
                    self._to_load.clear()  # the requests were for the section being replaced
                    if await self._render_section(index):
                        self._rendered = index
                    self._sync_keys()  # `e` and `c` follow the section on screen
                    continue
                if not self._to_load:
                    break
                slot_id = next(iter(self._to_load))
                slot = await self._load_panel(slot_id)
                # Read after the mount: a click or `e` while it mounted asks to go in as well.
                enter = self._to_load.pop(slot_id, False)
                if enter and slot is not None and alive(slot) and self._rendered == self.index:
                    self._enter(slot)
        finally:
            self._rendering = False

    async def _render_section(self, index: int) -> bool:
        """Mount section `index` in stages: its title and first block, painted at once; the rest of
        the first screenful; then the other blocks one at a time.

        Laying out and painting a whole section (tables, cards, several Markdown documents) took
        most of a page turn, though only its first screenful is seen. The stages after the first
        paint are given up when another section is asked for meanwhile (between two mounts, never
        in the middle of one). True when the whole section is mounted.
        """
        section, lang = self.module.sections[index], self.tutor.lang
        content = self.query_one("#content", VerticalScroll)
        ascii_only = self.tutor.ascii_only
        blocks: list[Widget] = [block_widget(block, lang, ascii_only, _panel_for) for block in section.blocks]
        end = Static(self._end_note(index), id="section-end", markup=False)
        page = SectionPage(Static(section.title, id="section-title", markup=False), *blocks[:1])
        screenful = self._screenful(index, content)
        stages = [blocks[1:screenful], *([block] for block in blocks[screenful:])]
        stages.append([end])
        self._end_wanted = False
        # The previous page is hidden in the same frame and removed only after the new one is on
        # screen: removing a page of widgets takes about as long as mounting one. Ids are unique
        # within a page, and the new page comes first, so a query finds its widgets.
        old = list(content.query_children(SectionPage))
        with self.app.batch_update():
            self._refresh_chrome(index)
            for stale in old:
                stale.display = False
            await content.mount(page, before=0)
        if not alive(self):
            return False
        content.scroll_home(animate=False)
        toc = self.query_one("#toc")
        if not (toc.has_focus and toc.display):
            content.focus()
        await self._painted()
        for stale in old:
            if alive(stale):
                await stale.remove()
        for stage in stages:
            if not alive(self) or not alive(page) or self.index != index:
                return False  # a newer page was asked for: it replaces this one
            if stage:
                await page.mount_all(stage)
        if not alive(self):
            return False
        if self._end_wanted:
            content.scroll_end(animate=False)
        # A section that fits on screen is read as soon as it is laid out; a panel already in
        # view is mounted then (after this paint).
        self.call_after_refresh(self._check_read)
        self.call_after_refresh(self._load_panels_in_view)
        return True

    def _screenful(self, index: int, content: VerticalScroll) -> int:
        """How many of section `index`'s first blocks fill the text area (at least one)."""
        blocks = self.module.sections[index].blocks
        width = content.scrollable_content_region.width or self.size.width
        room = (content.scrollable_content_region.height or self.size.height) - 3  # the title
        count = 0
        while count < len(blocks) and (room > 0 or count == 0):
            room -= estimated_height(blocks[count], width)
            count += 1
        return count

    async def _painted(self) -> None:
        """Wait until the screen has been refreshed (the text is on screen before a panel mounts)."""
        done = asyncio.Event()
        self.call_after_refresh(done.set)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), 1.0)  # bound: a screen closing never answers

    async def _load_panel(self, slot_id: str) -> SimulatorSlot | None:
        """Mount the panel of slot `slot_id` of the section on screen (once); the slot, if still there."""
        slot = self._slot(slot_id)
        if slot is None or not slot.can_load:
            return slot
        await self._painted()
        if not alive(self) or self._rendered != self.index or not alive(slot):
            return None  # left meanwhile: the next turn of the queue renders the new section
        await slot.load()
        return slot

    def _slot(self, slot_id: str) -> SimulatorSlot | None:
        """The slot `slot_id` of the section on screen, if it is still there."""
        for slot in self.query_one("#content", VerticalScroll).query(SimulatorSlot):
            if slot.id == slot_id:
                return slot
        return None

    def _slots(self) -> list[SimulatorSlot]:
        """The section's simulator slots that have (or will have) a panel, in reading order."""
        content = self.query_one("#content", VerticalScroll)
        return [slot for slot in content.query(SimulatorSlot) if slot.can_load or slot.panel is not None]

    def _load_panels_in_view(self) -> None:
        """Ask for the panels whose placeholder is (partly) on screen."""
        if not alive(self) or self._rendered != self.index:
            return
        content = self.query_one("#content", VerticalScroll)
        for slot in self._slots():
            if slot.can_load and slot.id and slot.id not in self._to_load and _in_view(content, slot):
                self._to_load[slot.id] = False
                self._render_soon()

    def _on_scroll(self, *_: object) -> None:
        self._check_read()
        self.call_after_refresh(self._load_panels_in_view)  # regions are known after the repaint

    # -- simulator panels: entering and leaving ---------------------------------------------------

    def panel_with_focus(self) -> SimulatorSlot | None:
        """The slot whose panel holds the focus, or None while the learner reads."""
        focused = self.focused
        if focused is None:
            return None
        for node in focused.ancestors_with_self:
            if isinstance(node, SimulatorSlot):
                return node
        return None

    def _fields(self, slot: SimulatorSlot) -> list[Widget]:
        """The focusable widgets of `slot`'s panel, in Tab order."""
        return [widget for widget in self.focus_chain if slot in widget.ancestors]

    def _enter(self, slot: SimulatorSlot) -> None:
        """Scroll `slot`'s panel to the top of the text area and focus its first field."""
        fields = self._fields(slot)
        if not fields:
            return
        fields[0].focus()
        content = self.query_one("#content", VerticalScroll)
        # After the focus's own scroll (also after a refresh): the panel's top is what is shown.
        self.call_after_refresh(lambda: alive(slot) and content.scroll_to_widget(slot, top=True, animate=False))

    def _slot_to_enter(self) -> SimulatorSlot | None:
        """The panel `e` goes into: the first one on screen, else the next one below, else the last."""
        slots = self._slots()
        if not slots:
            return None
        content = self.query_one("#content", VerticalScroll)
        for slot in slots:
            if _in_view(content, slot):
                return slot
        below = [slot for slot in slots if _region_in(content, slot).y >= content.scroll_offset.y]
        return below[0] if below else slots[-1]

    def action_enter_panel(self) -> None:
        """Go into a simulator panel of the section: scroll to it, mount it if needed, focus its first field."""
        slot = self._slot_to_enter()
        if slot is None or slot.id is None:
            return
        if slot.panel is not None:
            self._enter(slot)
            return
        slot.show_loading()
        self.query_one("#content", VerticalScroll).scroll_to_widget(slot, top=True, animate=False)
        self._to_load[slot.id] = True
        self._render_soon()

    @when_active
    def on_simulator_slot_wanted(self, event: SimulatorSlot.Wanted) -> None:
        """A click on a placeholder goes into its panel, as `e` does."""
        slot = event.slot
        if slot.id is None or not alive(slot) or self._slot(slot.id) is not slot:
            return
        slot.show_loading()
        self._to_load[slot.id] = True
        self._render_soon()

    def action_leave_panel(self) -> None:
        """Back to the text, where the panel was left in view."""
        self.query_one("#content", VerticalScroll).focus()

    def action_focus_area(self, step: int = 1) -> None:
        """Tab: between the contents and the text; inside a panel, from field to field of that panel.

        Never into a panel from the text: going in is `e`, a step the learner sees.
        """
        slot = self.panel_with_focus()
        if slot is not None:
            fields = self._fields(slot)
            if fields:
                position = fields.index(self.focused) if self.focused in fields else -step
                fields[(position + step) % len(fields)].focus()
            return
        toc = self.query_one("#toc", OptionList)
        content = self.query_one("#content", VerticalScroll)
        if toc.display and not toc.has_focus:
            toc.focus()
        else:
            content.focus()

    def on_descendant_focus(self, _: DescendantFocus) -> None:
        self._show_panel_mode()

    def on_descendant_blur(self, _: DescendantBlur) -> None:
        self._show_panel_mode()

    def _show_panel_mode(self) -> None:
        """Mark the panel holding the focus (words on its border, not only a colour) and swap the footer."""
        if not alive(self):
            return
        inside = self.panel_with_focus()
        for slot in self.query_one("#content", VerticalScroll).query(SimulatorSlot):
            entered = slot is inside
            slot.set_class(entered, "-inside")
            if slot.panel is not None:
                slot.panel.border_title = t("lesson.panel_inside", self.tutor.lang) if entered else None
        self._sync_keys()

    def _sync_keys(self) -> None:
        """Refresh the footer when the keys that act have changed (not on every page: the footer
        is rebuilt each time, in the middle of a page turn)."""
        state = tuple(self.check_action(action, parameters) for action, parameters in self._STATEFUL)
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    # -- which keys act now -------------------------------------------------------------------------

    # The actions whose state changes with the section or the focus.
    _STATEFUL: tuple[tuple[str, tuple[object, ...]], ...] = (
        ("next_section", ()), ("previous_section", ()), ("next_section", ("panel",)),
        ("previous_section", ("panel",)), ("leave_panel", ()), ("enter_panel", ()), ("check", ()),
        ("back", ()),
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide and disable the keys that would do nothing, or that belong to a panel's fields.

        `p` on the first section and `n` on the last (with no next module installed) are hidden, as
        are `c` without check questions and `e` without a panel. Inside a panel only F2/F3, the way
        out and Tab remain: the learner's letters go to the fields.
        """
        inside = self.panel_with_focus() is not None
        if action in ("next_section", "previous_section"):
            if bool(parameters) != inside:
                return False  # reading: `n,→,F3`; inside a panel: the F-key alone
            return self._can_turn(1 if action == "next_section" else -1)
        if action == "leave_panel":
            return inside
        if inside:
            return action in PANEL_ACTIONS
        if action == "enter_panel":
            return bool(self._rendered == self.index and self._slots())
        if action == "check":
            return bool(self._check_questions())
        return True

    def _can_turn(self, step: int) -> bool:
        """Whether `n` (step 1) or `p` (step -1) leads somewhere from the section on screen."""
        if step < 0:
            return self.index > 0
        if self.index < len(self.module.sections) - 1:
            return True
        hint = self.module.next
        return bool(hint and hint.module and self.tutor.course.module(hint.module, self.tutor.lang))

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The active bindings, the screen's own first: the footer lists them in this order, so the
        section keys (and, inside a panel, F3/F2/Esc) are never the ones cut off at 80 columns."""
        bindings = super().active_bindings
        own = {key: active for key, active in bindings.items() if active.node is self}
        return {**own, **{key: active for key, active in bindings.items() if active.node is not self}}

    def _check_questions(self, index: int | None = None) -> list[str]:
        """Ids of the written questions that cite section `index` (the one on screen by default)."""
        index = self.index if index is None else index
        if index not in self._checks:
            section_id = self.module.sections[index].id
            questions = section_questions(self.tutor.quizzes, self.module.id, section_id, self.tutor.lang)
            self._checks[index] = [q.id for q in questions]
        return self._checks[index]

    def _end_note(self, index: int) -> str:
        lang = self.tutor.lang
        checks = self._check_questions(index)
        check = t("quiz.check_section", lang, count=len(checks)) + "\n" if checks else ""
        if index < len(self.module.sections) - 1:
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
            module, section = self.module.id, self.section.id
            self.tutor.write(lambda store: store.mark_read(module, section), key=("read", module, section))
            self._refresh_chrome()

    def action_next_section(self, _where: str = "") -> None:
        """Go to the next section (or to the next module when it is installed)."""
        if self.index < len(self.module.sections) - 1:
            self.show_section(self.index + 1)
        elif self.module.next and self.module.next.module:
            self.tutor.open_lesson(self.module.next.module)

    def action_previous_section(self, _where: str = "") -> None:
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

    def action_help(self) -> None:
        """The keys of this screen (a screen action, so that `check_action` can hide `?` in a panel)."""
        self.tutor.action_help()

    def action_switch_lang(self) -> None:
        """Switch the course and the interface language, keeping the place."""
        self.tutor.action_switch_lang()

    def action_scroll_top(self) -> None:
        """Scroll to the top of the section."""
        self.query_one("#content", VerticalScroll).scroll_home(animate=False)

    def action_scroll_bottom(self) -> None:
        """Scroll to the end of the section (once it is all mounted, if it is not yet)."""
        self._end_wanted = self._rendered != self.index
        self.query_one("#content", VerticalScroll).scroll_end(animate=False)

    def action_page_down(self) -> None:
        """Scroll one page down."""
        self.query_one("#content", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll one page up."""
        self.query_one("#content", VerticalScroll).scroll_page_up(animate=False)
