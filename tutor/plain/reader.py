"""Reading a module one section at a time, as plain text, with one-letter commands between sections.

As in the full-screen app, showing a section makes it the learner's position; a section counts as
read once it has been printed in full.
"""

from __future__ import annotations

from tutor.content.model import Module
from tutor.i18n.catalogue import t
from tutor.plain.console import wrap
from tutor.plain.context import Context
from tutor.plain.render import section_lines
from tutor.plain.words import w
from tutor.quiz.session import QuizSettings, section_questions

NEXT_WORDS = frozenset({"", "n", "next", "suivante", "suivant"})
PREVIOUS_WORDS = frozenset({"p", "previous", "prev", "précédente", "precedente"})
AGAIN_WORDS = frozenset({"r", "repeat", "again", "relire"})
SECTIONS_WORDS = frozenset({"s", "sections", "toc", "sommaire"})
CHECK_WORDS = frozenset({"c", "check", "vérifier", "verifier"})
MENU_WORDS = frozenset({"q", "menu", "quit", "back", "retour", "quitter"})
HELP_WORDS = frozenset({"?", "h", "help", "aide"})


def pick_number(ctx: Context, prompt: str, count: int) -> int | None:
    """A number from 1 to `count` typed by the learner, as an index; None on an empty line (back)."""
    while True:
        text = ctx.ask(prompt)
        if not text:
            return None
        if text.isdecimal() and len(text) < 10 and 1 <= int(text) <= count:  # int() refuses "²", 4,300 digits
            return int(text) - 1
        if text.casefold() in MENU_WORDS:
            return None
        if text.casefold() in HELP_WORDS:
            ctx.say(w("pick.help", ctx.lang, count=count))
        else:
            ctx.say(w("bad_choice", ctx.lang, text=text, count=count))


def pick_section(ctx: Context, module: Module) -> int | None:
    """List the sections with their reading state and let the learner pick one (None: back)."""
    lang = ctx.lang
    done = ctx.store.sections_read(module.id)
    lines = ["", w("sections.title", lang, title=module.title)]
    for number, section in enumerate(module.sections, start=1):
        state = t("lesson.read" if section.id in done else "lesson.unread", lang)
        lines += wrap(w("section.line", lang, number=number, title=section.title, state=state),
                      hanging="   ", width=ctx.console.width)
    ctx.console.lines(lines)
    return pick_number(ctx, w("section.pick", lang, count=len(module.sections)), len(module.sections))


class Reader:
    """Reads one module; `run` returns when the learner goes back to the menu."""

    def __init__(self, ctx: Context, module: Module) -> None:
        self.ctx = ctx
        self.module = module
        self.index = 0

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.ctx.lang

    def run(self, index: int | None = None) -> None:
        """Show section `index` (default: where the learner stopped), then follow the learner's commands."""
        if index is None:
            position = self.ctx.store.position(self.module.id)
            index = self.module.section_index(position) if position else None
        self.show(index or 0)
        while True:
            checks = self._checks()
            check = w("reader.check", self.lang, count=len(checks)) if checks else ""
            word = self.ctx.ask(w("reader.keys", self.lang, check=check)).casefold()
            if word in NEXT_WORDS:
                self._next()
            elif word in PREVIOUS_WORDS:
                if self.index == 0:
                    self.ctx.say(w("reader.first", self.lang))
                else:
                    self.show(self.index - 1)
            elif word in AGAIN_WORDS:
                self.show(self.index)
            elif word in SECTIONS_WORDS:
                picked = pick_section(self.ctx, self.module)
                if picked is not None:
                    self.show(picked)
            elif word in CHECK_WORDS:
                self._check(checks)
            elif word in MENU_WORDS:
                return
            elif word in HELP_WORDS:
                self.ctx.say(w("reader.help", self.lang))
            else:
                self.ctx.say(w("reader.bad", self.lang, text=word))

    def _heading(self) -> None:
        self.ctx.console.blank()
        self.ctx.say(w("module.heading", self.lang, number=self.module.number, title=self.module.title))

    def show(self, index: int) -> None:
        """Print section `index` in full, then record it as the position and as read."""
        module = self.module
        self.index = max(0, min(index, len(module.sections) - 1))
        section = module.sections[self.index]
        self.ctx.write(lambda store: store.set_position(module.id, section.id), key=("position", module.id))
        total, width = len(module.sections), self.ctx.console.width
        lines = ["", *wrap(w("section.heading", self.lang, index=self.index + 1, total=total, title=section.title),
                           width=width), ""]
        lines += section_lines(section, self.lang, width)
        lines += ["", *wrap(self._end_note(), width=width)]
        self.ctx.console.lines(lines)
        self.ctx.write(lambda store: store.mark_read(module.id, section.id), key=("read", module.id, section.id))

    def _end_note(self) -> str:
        note = w("section.end", self.lang, index=self.index + 1, total=len(self.module.sections))
        hint = self.module.next
        if self.index < len(self.module.sections) - 1 or hint is None:
            return note
        note += " " + t("lesson.last", self.lang, title=hint.title)
        if self._next_module() is None:
            note += " " + t("lesson.not_available", self.lang)
        return note

    def _next_module(self) -> Module | None:
        hint = self.module.next
        if hint is None or hint.module is None:
            return None
        return self.ctx.content.course.module(hint.module, self.lang)

    def _next(self) -> None:
        if self.index < len(self.module.sections) - 1:
            self.show(self.index + 1)
            return
        following = self._next_module()
        if following is None:
            self.ctx.say(w("reader.last", self.lang))
            return
        self.module = following
        self._heading()
        self.show(0)

    def _checks(self) -> list[str]:
        questions = section_questions(self.ctx.content.quizzes, self.module.id, self.module.sections[self.index].id,
                                      self.lang)
        return [q.id for q in questions]

    def _check(self, ids: list[str]) -> None:
        """Check your understanding: the section's own questions, graded and recorded as in the app."""
        if not ids:
            self.ctx.say(w("reader.no_check", self.lang))
            return
        bank = next((b.id for b in self.ctx.content.quizzes.banks_in(self.lang) if b.module == self.module.id), "")
        settings = QuizSettings(bank=bank, mode="practice", question_ids=tuple(ids), kind="section-check")
        self.ctx.take_quiz(settings)
        self.ctx.console.blank()
        self.ctx.say(w("section.heading", self.lang, index=self.index + 1, total=len(self.module.sections),
                       title=self.module.sections[self.index].title))
