"""Plain mode: the line-by-line interface for screen readers, dumb terminals and pipes.

`tutor --plain` reads the course section by section and offers quizzes and reviews from a small
numbered menu; `tutor quiz --plain` and `tutor review --plain` go straight to the questions. No
colour, no emoji, no box drawing: right and wrong are said in words with ASCII marks. Grading and
storage are the quiz core's and the store's, exactly as in the full-screen app.

The end of the input (a closed pipe, Ctrl+D), Ctrl+C and a hang-up all end the session cleanly:
everything answered is already recorded, and an unfinished quiz keeps its clock for later. When
the store refuses writes (read-only database, full disk), the session goes on and what could not
be written is retried, then counted at exit (`tutor.quiz.pending`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, TextIO

from tutor.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS
from tutor.plain.console import WIDTH, Console, EndOfInput
from tutor.plain.words import w

if TYPE_CHECKING:
    from tutor.loader import Content
    from tutor.quiz.session import QuizSettings
    from tutor.store.interface import Store

__all__ = ["run_plain"]


class HangUp(BaseException):
    """SIGHUP or SIGTERM: the terminal is gone or the process is asked to stop."""


def _raise_hang_up(signum: int, frame: Any) -> None:
    raise HangUp(signum)


@contextmanager
def _hang_ups_end_cleanly() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM into HangUp while plain mode runs (main thread only)."""
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGHUP", "SIGTERM"):
            signum = getattr(signal, name, None)
            if signum is not None:
                with suppress(ValueError, OSError):
                    previous[signum] = signal.signal(signum, _raise_hang_up)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            with suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)


def _replace_errors(stream: TextIO) -> None:
    """Never fail on a character the terminal's encoding lacks, nor on bytes that are not text."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with suppress(Exception):
            reconfigure(errors="replace")


def run_plain(
    content: Content,
    store: Store,
    lang: str,
    learner: str,
    *,
    quiz: QuizSettings | None = None,
    review: bool = False,
    stdin: TextIO,
    stdout: TextIO,
    clock: Callable[[], float] = time.monotonic,
    width: int = WIDTH,
    publish: Callable[[], None] | None = None,
) -> int:
    """Run plain mode: a quiz (`quiz`), the due reviews (`review`), else the reader and its menu.

    Returns 0 at a normal end (quit, end of input, hang-up), 1 when there is nothing to run (no
    module, no matching question) or when progress could not be saved, 130 after Ctrl+C. `publish`
    is called after each change of a quiz attempt (a learner in a class: tutor.classroom).
    """
    from tutor.plain.context import Context
    from tutor.plain.menu import main_menu

    _replace_errors(stdin)
    _replace_errors(stdout)
    console = Console(stdin, stdout, width)
    ctx = Context(console, store, content, lang, learner, clock, publish)
    code = EXIT_OK
    farewell = "goodbye"
    with _hang_ups_end_cleanly():
        try:
            if quiz is not None:
                code = EXIT_OK if ctx.take_quiz(quiz) else EXIT_PROBLEMS
            elif review:
                ctx.review()
            else:
                code = EXIT_OK if main_menu(ctx) else EXIT_PROBLEMS
        except EndOfInput:
            pass
        except KeyboardInterrupt:
            code, farewell = EXIT_INTERRUPTED, "interrupted"
            with suppress(Exception):
                console.blank()
        except HangUp:
            _last_try(ctx)
            return EXIT_OK  # nobody is there to read a farewell
    unsaved = _last_try(ctx)
    if unsaved:
        farewell += "_unsaved"  # never "your progress is saved" when it is not
        code = code if code != EXIT_OK else EXIT_PROBLEMS
    if not console.output_broken:
        with suppress(Exception):  # the output may break while saying goodbye
            for line in unsaved:
                console.say(line)
            console.say(w(farewell, lang))
    if console.output_broken:
        _silence(stdout)
    return code


def _last_try(ctx: Any) -> list[str]:
    """Write what the store refused so far, once more; the lines to say about what is still lost."""
    with suppress(Exception, HangUp):  # a second hang-up means "now"; what is left is counted below
        ctx.pending.flush()
    lines: list[str] = ctx.pending.exit_lines(ctx.lang, str(getattr(ctx.store, "path", "") or ""))
    return lines


def _silence(stream: TextIO) -> None:
    """The reader of our output went away (`tutor --plain | head`): send what is left nowhere.

    Without this, Python's last flush at exit would report the broken pipe on stderr.
    """
    with suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
