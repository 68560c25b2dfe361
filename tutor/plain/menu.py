"""The start of `tutor --plain`: where the learner stopped, and a numbered menu.

Every line of the menu has a number and a letter; the letters are the same in both languages
(r read, s sections, m modules, z quiz, v review, q quit).
"""

from __future__ import annotations

from tutor.content.model import Module
from tutor.plain.context import Context
from tutor.plain.reader import Reader, pick_number, pick_section
from tutor.plain.setup import offer_resume, quiz_setup
from tutor.plain.words import w

WORDS_BY_KEY = {
    "r": frozenset({"r", "read", "lire", "continue", "continuer"}),
    "s": frozenset({"s", "sections", "sommaire"}),
    "m": frozenset({"m", "modules", "module"}),
    "z": frozenset({"z", "quiz"}),
    "v": frozenset({"v", "review", "révisions", "revisions", "réviser", "reviser"}),
    "q": frozenset({"q", "quit", "quitter", "exit", "bye"}),
}
HELP_WORDS = frozenset({"?", "h", "help", "aide"})


def _status(ctx: Context, module: Module) -> list[str]:
    lang = ctx.lang
    position = ctx.store.position(module.id)
    index = module.section_index(position) if position else None
    lines = [w("module.heading", lang, number=module.number, title=module.title)]
    if index is None:
        lines.append(w("not_started", lang))
    else:
        lines.append(w("stopped_at", lang, index=index + 1, total=len(module.sections),
                       title=module.sections[index].title))
    done = ctx.store.sections_read(module.id) & {s.id for s in module.sections}
    lines.append(w("read_count", lang, read=len(done), total=len(module.sections)))
    return lines


def _entries(ctx: Context, module: Module) -> list[tuple[str, str]]:
    """(letter, text) of each menu line, in order."""
    lang = ctx.lang
    position = ctx.store.position(module.id)
    index = (module.section_index(position) if position else None) or 0
    entries = [("r", w("menu.read", lang, index=index + 1, total=len(module.sections),
                       title=module.sections[index].title)),
               ("s", w("menu.sections", lang))]
    if len(ctx.content.course.modules_in(lang)) > 1:
        entries.append(("m", w("menu.modules", lang)))
    if ctx.content.quizzes.banks:
        entries.append(("z", w("menu.quiz", lang)))
    entries.append(("v", w("menu.review", lang, count=ctx.store.review_counts()[0])))
    entries.append(("q", w("menu.quit", lang)))
    return entries


def _choose(ctx: Context, entries: list[tuple[str, str]]) -> str:
    """The letter of the entry the learner picks, by number, letter or word."""
    count = len(entries)
    while True:
        text = ctx.ask(w("choice", ctx.lang, count=count)).casefold()
        if text.isdecimal() and len(text) < 10 and 1 <= int(text) <= count:  # int() refuses "²", 4,300 digits
            return entries[int(text) - 1][0]
        for letter, _ in entries:
            if text in WORDS_BY_KEY[letter]:
                return letter
        if text in HELP_WORDS:
            ctx.say(w("menu.help", ctx.lang))
        elif not text:
            ctx.say(w("empty_choice", ctx.lang, count=count))
        else:
            ctx.say(w("bad_choice", ctx.lang, text=text, count=count))


def _pick_module(ctx: Context) -> Module | None:
    modules = ctx.content.course.modules_in(ctx.lang)
    lines = ["", w("modules.title", ctx.lang)]
    lines += [f"{number}. " + w("module.heading", ctx.lang, number=m.number, title=m.title)
              for number, m in enumerate(modules, start=1)]
    ctx.console.lines(lines)
    picked = pick_number(ctx, w("module.pick", ctx.lang, count=len(modules)), len(modules))
    return None if picked is None else modules[picked]


def main_menu(ctx: Context) -> bool:
    """Run the menu until the learner quits; False when there is nothing to read at all."""
    module = ctx.current_module()
    if module is None or not module.sections:
        ctx.say(w("no_module", ctx.lang))
        return False
    ctx.say(w("welcome", ctx.lang))
    offer_resume(ctx)
    while True:
        module = ctx.current_module() or module
        entries = _entries(ctx, module)
        lines = ["", *_status(ctx, module), w("menu", ctx.lang)]
        lines += [f"{number}. {text}" for number, (_, text) in enumerate(entries, start=1)]
        ctx.console.lines(lines)
        key = _choose(ctx, entries)
        if key == "r":
            Reader(ctx, module).run()
        elif key == "s":
            picked = pick_section(ctx, module)
            if picked is not None:
                Reader(ctx, module).run(picked)
        elif key == "m":
            chosen = _pick_module(ctx)
            if chosen is not None:
                Reader(ctx, chosen).run()
        elif key == "z":
            settings = quiz_setup(ctx, module.id)
            if settings is not None:
                ctx.take_quiz(settings)
        elif key == "v":
            ctx.review()
        else:
            return True
