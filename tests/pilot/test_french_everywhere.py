"""Issue 12: the French interface is all French.

Every screen a learner can reach (the monkey's starts: home, each lesson section, each simulator,
practice, exam, results, review, quiz setup, stats, settings), with its help, its command palette
and its open select menus, is read whole — every scrollable area scrolled through — in French, and
no string of the English catalogue may appear; the same walk in English finds no French-only
string. The English strings are the catalogue's own (every key whose two languages differ) and
Textual's built-in words a learner can meet (palette, select menus, system commands).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select

from tests.pilot.test_monkey import STARTS, content, scratch_home
from tests.pilot.waits import settle
from tutor.i18n.catalogue import STRINGS
from tutor.store.sqlite import SQLiteStore
from tutor.ui.app import TutorApp

SIZE = (100, 40)

# Textual's own words that reach the screen unless we replace them.
TEXTUAL_ENGLISH = (
    "Search for commands", "No matches found", "Dismiss menu", "Show help for the focused widget",
    "Quit the application", "Save an SVG", "Change the current theme", "Search for themes",
    "Maximize", "Minimize", "Failed to save screenshot", "Show keys and help panel",
)


def _fragments(text: str) -> Iterator[str]:
    """The literal parts of a catalogue template that are long enough to be telling."""
    for part in re.split(r"\{[^}]*\}", text):
        part = part.strip(" :·.,;()«»'\"—-\n")
        if len(part) >= 8 and len(re.findall(r"[A-Za-zÀ-ÿ]{2,}", part)) >= 2:
            yield part


def _forms(value: object) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [str(value)]


def course_text(lang: str) -> str:
    """The course's own words in `lang` (lessons and banks): technical terms it keeps in English,
    such as "Full fine-tuning", are the author's choice, not a catalogue leak."""
    root = Path(__file__).resolve().parents[2]
    files = [*root.glob(f"lessons/*.{lang}.yaml"), *root.glob(f"quizzes/*.{lang}.yaml")]
    return _normalise("\n".join(path.read_text(encoding="utf-8") for path in files))


def foreign_words(lang: str) -> set[str]:
    """Catalogue fragments that belong to the other language only."""
    other = "en" if lang == "fr" else "fr"
    course = course_text(lang)
    found: set[str] = set()
    for entry in STRINGS.values():
        mine = " ".join(_forms(entry.get(lang, "")))
        for form in _forms(entry.get(other, "")):
            found.update(f for f in _fragments(form) if f not in mine and _normalise(f) not in course)
    if lang == "fr":
        found.update(TEXTUAL_ENGLISH)
    return found


def screen_text(screen: Screen[object]) -> str:
    """Everything the screen draws, each scrollable area scrolled from top to bottom."""
    compositor = screen._compositor  # noqa: SLF001 - the text as the terminal receives it
    lines = [strip.text for strip in compositor.render_strips()]
    for area in screen.query(ScrollableContainer):
        if area.max_scroll_y <= 0:
            continue
        y = 0
        while y < area.max_scroll_y:
            y += max(1, area.size.height - 1)
            area.scroll_to(y=y, animate=False, immediate=True)
            screen._compositor.reflow(screen, screen.size)  # noqa: SLF001
            lines += [strip.text for strip in compositor.render_strips()]
        area.scroll_to(y=0, animate=False, immediate=True)
    return "\n".join(lines)


def _normalise(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


async def read_everything(pilot: Pilot[int]) -> str:
    """The screen, its help, its palette and each of its select menus opened."""
    app = pilot.app
    texts = [screen_text(app.screen)]
    for select in list(app.screen.query(Select)):
        if select.disabled or not select.display:
            continue
        select.focus()
        select.expanded = True
        await settle(pilot)
        texts.append(screen_text(app.screen))
        select.expanded = False
        await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)
    texts.append(screen_text(app.screen))
    await pilot.press("escape")
    await settle(pilot)
    app.action_command_palette()
    await settle(pilot)
    await pilot.press("t", "h", "è")
    await settle(pilot)
    texts.append(screen_text(app.screen))
    await pilot.press("escape")
    await settle(pilot)
    return _normalise("\n".join(texts))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("start", list(STARTS))
async def test_no_word_of_the_other_language(start: str, lang: str) -> None:
    options, opening = STARTS[start]
    with scratch_home() as home:
        store, _ = SQLiteStore.open(home / "words.sqlite3")
        try:
            loaded = content()
            app = TutorApp(loaded.course, store, lang, quizzes=loaded.quizzes, learner="words",
                           theme="tutor-dark", **options)  # type: ignore[arg-type]
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                await opening(pilot)
                await settle(pilot)
                text = await read_everything(pilot)
        finally:
            store.close()
    leaks = sorted(word for word in foreign_words(lang) if _normalise(word) in text)
    assert leaks == [], f"{start} in {lang} shows: {leaks}"
