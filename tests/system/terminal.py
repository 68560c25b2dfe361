"""A real pseudo-terminal with a screen: the program's output is played into a VT100 emulator (pyte).

Textual redraws only the cells that change, so a program's raw output rarely holds a whole
line of text; the emulated screen does. Tests wait until the screen shows what they expect
(with a generous bound), never for a fixed time.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 80, 24
BOUND = 30.0  # seconds: a failure bound, not a pace; the wait ends as soon as the screen matches


class Terminal:
    """A program running in an 80×24 pseudo-terminal, with the screen it has drawn."""

    def __init__(self, program: str, args: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        self.child = pexpect.spawn(program, args, env=env, dimensions=(LINES, COLUMNS), cwd=str(cwd) if cwd else None,
                                   timeout=BOUND)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()  # everything the program wrote, for the checks made at the end

    def _read(self, wait: float) -> bool:
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.output += data
        self.stream.feed(data)
        return True

    def text(self) -> str:
        """The screen as it stands, one line per row, spaces collapsed."""
        return "\n".join(re.sub(r"\s+", " ", line).strip() for line in self.screen.display)

    def flat(self) -> str:
        """The screen as one line (text wrapped over two rows joins up)."""
        return re.sub(r"\s+", " ", " ".join(line.strip() for line in self.screen.display))

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        """Read output until `condition()` holds; fail with the screen after `BOUND` seconds."""
        deadline = time.monotonic() + BOUND
        while not condition():
            if time.monotonic() > deadline or not self._read(0.2):
                if condition():
                    return
                raise AssertionError(f"waited for {what}; the screen shows:\n{self.text()}")

    def wait_for(self, text: str) -> None:
        """Wait until the screen shows `text` (whitespace-insensitive, across wrapped rows)."""
        wanted = re.sub(r"\s+", " ", text.strip())
        self.wait(lambda: wanted in self.flat(), repr(wanted))

    def send(self, *keys: str) -> None:
        """Type keys (strings as the terminal sends them)."""
        for key in keys:
            self.child.send(key)

    def finish(self) -> tuple[int | None, str]:
        """Wait for the program to end: its exit status and everything it wrote (decoded)."""
        while self._read(1.0):
            pass
        self.child.wait()
        return self.child.exitstatus, self.output.decode("utf-8", "replace")


def tutor_env(home: Path, lang: str, **extra: str) -> dict[str, str]:
    """The environment of a learner `kim` with their own TUTOR_HOME."""
    env = {**os.environ, "TUTOR_HOME": str(home), "TERM": "xterm-256color", "TUTOR_LANG": lang,
           "TUTOR_LEARNER": "kim", **extra}
    env.pop("TEXTUAL", None)
    return env
