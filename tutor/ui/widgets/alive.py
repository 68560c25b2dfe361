"""Whether a widget can still be queried and updated.

Deferred work (a timer, a message from a worker thread, a callback after a refresh) may arrive
after the learner left the screen or panel it belongs to. `remove()` is asynchronous: for a while
the widget is still attached but its children are already going, and a `query_one` then raises
`NoMatches`. Such callbacks ask `alive(self)` first and do nothing when it is False.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

W = TypeVar("W", bound=DOMNode)
P = ParamSpec("P")
R = TypeVar("R")


def alive(node: DOMNode) -> bool:
    """True while `node` is attached to the app and not being removed.

    Textual has no public flag for "being removed"; its own signals read the same private
    attributes (textual/signal.py), so this is the one place that does.
    """
    # Not `is_mounted`: it only turns True after the Mount handlers, which must run.
    return node.is_attached and not (node._closing or node._closed or node._pruning)  # noqa: SLF001


def when_alive(method: Callable[Concatenate[W, P], R]) -> Callable[Concatenate[W, P], R | None]:
    """Run a handler or callback only while its widget is `alive` (otherwise do nothing).

    Also for `on_mount`: a widget removed while it mounts still receives its Mount event, after
    its children have gone. An async handler's coroutine is returned for Textual to await.
    """

    @functools.wraps(method)  # Textual reads the wrapped signature to pass the message or not
    def guarded(self: W, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        return method(self, *args, **kwargs) if alive(self) else None

    return guarded


async def caught_up(widget: Widget, bound: float = 2.0) -> None:
    """Wait until `widget` has handled every message queued for it before this call.

    Textual hands a key to the focused widget's own queue, while a priority binding runs at once
    in the app's loop: a `3` typed just before Enter may still be waiting in the widget when the
    Enter action reads the answer. Waiting here keeps the learner's keys in the order typed.
    `bound` (seconds) only guards against a widget that closes before answering.
    """
    done = asyncio.Event()
    if alive(widget) and widget.call_later(done.set):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), bound)


S = TypeVar("S", bound=Screen[Any])


def when_active(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """Run a screen's message handler only while the screen is the one on top.

    A selection (Enter on a list entry) is a message: it may be handled after a first Enter
    already pushed the next screen. Acting on it then would navigate from a screen the
    learner has left.
    """

    @functools.wraps(method)
    def guarded(self: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if self.is_active and alive(self):
            method(self, *args, **kwargs)

    return guarded
