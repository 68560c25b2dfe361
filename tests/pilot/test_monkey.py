"""A monkey at the keyboard: random keys on every screen and panel must never crash the app.

Each example opens the app at 80×24 on one starting point (a lesson section, a simulator, a quiz,
an exam, the results, the statistics…) and presses a random sequence of the keys that reach an
app through any terminal: letters, digits, arrows, Enter, Tab, Esc, F-keys and Ctrl+letters.
Some keys come in bursts, sent before the app has handled the previous one (a fast typist, a
laggy SSH link), others wait for the app to settle: panels are left while they compute, sections
are paged faster than they render, workers finish after their widget has gone. `run_test` re-raises
any exception the app met, and hypothesis shrinks the keys.

A failure prints the keys and hypothesis' seed (`--hypothesis-seed=N` replays it). The number of
examples per starting point is `TUTOR_MONKEY_EXAMPLES` (CI default below; raise it to hunt).
"""

from __future__ import annotations

import asyncio
import io
import os
import string
import sys
import tempfile
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

from tests.pilot.quiz_keys import answer, current_question, settle
from tutor.loader import Content, builtin_paths, load_content
from tutor.quiz.session import QuizSettings
from tutor.ui.app import TutorApp

SIZE = (80, 24)
EXAMPLES = int(os.environ.get("TUTOR_MONKEY_EXAMPLES", "12"))
HANG_BOUND = 120.0  # seconds; an example takes a few

# Weighted toward the keys that move a learner through the app (Enter, arrows, digits), as
# ../shared/tools/pty_monkey.py weighs them; each key appears as many times as its weight.
WEIGHTED = {
    "enter": 12, "down": 8, "up": 5, "tab": 4, "space": 5, "left": 3, "right": 3, "shift+tab": 2,
    "escape": 2, "backspace": 2, "pagedown": 1, "pageup": 1, "home": 1, "end": 1, "delete": 1,
    **{f"f{n}": 1 for n in range(1, 11)},
    **{f"ctrl+{c}": 1 for c in string.ascii_lowercase if c not in "qz"},  # Ctrl+Q quits, Ctrl+Z suspends
    "ctrl+b": 2, "ctrl+p": 2,
    **{c: 2 for c in "123456789abcdefhlmnpqrst"}, **{c: 1 for c in "0gijkoruvwxyzGX"},
    "question_mark": 1, "minus": 1, "full_stop": 1, "comma": 1,
}
KEYS = st.sampled_from([key for key, weight in WEIGHTED.items() for _ in range(weight)])
# A key, and whether the monkey waits for the app to come to rest after it.
PRESSES = st.lists(st.tuples(KEYS, st.booleans()), min_size=10, max_size=60)


@cache
def content() -> Content:
    result = load_content(builtin_paths())
    assert result.problems == []
    return result


@contextmanager
def scratch_home() -> Iterator[Path]:
    """A TUTOR_HOME and a working directory of the example's own (screenshots land there)."""
    previous_home, previous_cwd = os.environ.get("TUTOR_HOME"), os.getcwd()
    with tempfile.TemporaryDirectory(prefix="tutor-monkey-") as directory:
        os.environ["TUTOR_HOME"] = directory
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(previous_cwd)
            if previous_home is None:
                os.environ.pop("TUTOR_HOME", None)
            else:
                os.environ["TUTOR_HOME"] = previous_home


async def _open_section(number: int, pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, TutorApp)
    module = app.course.modules_in(app.lang)[0]
    app.open_lesson(module.id, module.sections[number].id)


async def _open_simulator(name: str, pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, TutorApp)
    app.open_simulator(name)


async def _finished_quiz(pilot: Pilot[int]) -> None:
    """Two questions answered (one right, one wrong): the results screen."""
    app = pilot.app
    assert isinstance(app, TutorApp)
    app.start_quiz(QuizSettings(question_ids=("tl-self-supervised", "st-lora-params"), seed=1))
    await settle(pilot)
    for right in (True, False):
        screen = app.screen
        await answer(pilot, screen, current_question(screen), right=right)  # type: ignore[arg-type]
        await pilot.press("enter")
        await settle(pilot)


async def _review(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, TutorApp)
    for question in ("tl-self-supervised", "st-lora-params", "bert-cls"):
        app.store.after_answer(question, False, 0.0, 0)
    app.start_review()


def _call(method: str) -> Callable[[Pilot[int]], Awaitable[None]]:
    async def open_it(pilot: Pilot[int]) -> None:
        getattr(pilot.app, method)()

    return open_it


async def _nothing(pilot: Pilot[int]) -> None:
    return None


Start = Callable[[Pilot[int]], Awaitable[None]]
STARTS: dict[str, tuple[dict[str, object], Start]] = {
    "home": ({}, _nothing),
    **{f"section-{n + 1}": ({}, lambda pilot, n=n: _open_section(n, pilot)) for n in range(7)},
    **{name: ({}, lambda pilot, name=name: _open_simulator(name, pilot))
       for name in ("bert-configurator", "gpt-configurator", "metrics-calculator", "transfer-lab")},
    "practice": ({"quiz": QuizSettings(count=12)}, _nothing),
    "exam": ({"quiz": QuizSettings(count=12, mode="exam", time_limit=600.0)}, _nothing),
    "results": ({}, _finished_quiz),
    "review": ({}, _review),
    "quiz-setup": ({}, _call("open_quiz_setup")),
    "stats": ({}, _call("open_stats")),
    "settings": ({}, _call("open_settings")),
}


async def monkey(start: str, presses: list[tuple[str, bool]], lang: str) -> None:
    from tutor.store.sqlite import SQLiteStore

    options, opening = STARTS[start]
    with scratch_home() as home:
        store, _ = SQLiteStore.open(home / "monkey.sqlite3")
        try:
            loaded = content()
            app = TutorApp(loaded.course, store, lang, quizzes=loaded.quizzes, learner="monkey",
                           theme="tutor-dark", **options)  # type: ignore[arg-type]
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                await opening(pilot)
                await settle(pilot)
                typing: list[asyncio.Future[None]] = []
                for key, rest in presses:
                    if rest:  # wait for the keys in flight, press this one and let the app settle
                        await asyncio.gather(*typing)
                        typing.clear()
                        await pilot.press(key)
                        await pilot.pause()
                    else:  # typed in a burst: the app meets it before it has handled the last key
                        typing.append(asyncio.ensure_future(pilot.press(key)))
                await asyncio.gather(*typing)
                await pilot.pause()
        finally:
            store.close()


async def within_bound(run: Coroutine[Any, Any, None]) -> None:
    """Run one example; an app that stops answering is a failure too (a learner would be stuck).

    The bound is far above any example's length. On a hang, the stacks of every task go to
    stderr first (cancelling a hung app may hang too), then the example fails.
    """
    task = asyncio.ensure_future(run)
    done, _ = await asyncio.wait({task}, timeout=HANG_BOUND)
    if task in done:
        task.result()
        return
    stacks = io.StringIO()
    for other in asyncio.all_tasks():
        other.print_stack(file=stacks)
    print(f"the app stopped answering; its tasks:\n{stacks.getvalue()}", file=sys.__stderr__, flush=True)
    task.cancel()
    raise AssertionError(f"the app stopped answering; its tasks:\n{stacks.getvalue()}")


@pytest.mark.parametrize("start", list(STARTS))
def test_random_keys_never_crash(start: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(presses=PRESSES, lang=st.sampled_from(["fr", "en"]))
    def run(presses: list[tuple[str, bool]], lang: str) -> None:
        asyncio.run(monkey(start, presses, lang))

    run()


async def class_monkey(presses: list[tuple[str, bool]], lang: str) -> None:
    """The same monkey on the class dashboard (`tutor class DIR`), watching a class of eight."""
    from tests.unit.test_class_core import demo_class
    from tutor.classroom.directory import init_class_dir
    from tutor.ui.class_app import ClassApp

    me = os.geteuid()
    with scratch_home() as home:
        directory = init_class_dir(home / "class").path
        demo_class(directory)
        app = ClassApp(directory, lang, theme="tutor-dark", uid_of=lambda login: me)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()  # not `settle`: the directory's watch is a worker that runs until the app stops
            typing: list[asyncio.Future[None]] = []
            for key, rest in presses:
                if rest:
                    await asyncio.gather(*typing)
                    typing.clear()
                    await pilot.press(key)
                    await pilot.pause()
                else:
                    typing.append(asyncio.ensure_future(pilot.press(key)))
            await asyncio.gather(*typing)
            await pilot.pause()


def test_random_keys_never_crash_the_class_dashboard() -> None:
    @settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(presses=PRESSES, lang=st.sampled_from(["fr", "en"]))
    def run(presses: list[tuple[str, bool]], lang: str) -> None:
        asyncio.run(class_monkey(presses, lang))

    run()
