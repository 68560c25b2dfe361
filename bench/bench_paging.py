"""Paging speed: key → the new section's heading on screen, `tutor` against a minimal Textual pager.

Each program runs in a pseudo-terminal of 100×30 (the size of the report in issue 12). Its output
is fed to a terminal emulator (pyte, a test dependency) so that the clock stops when the new
section's heading is *on the screen*, in the text area (not in the table of contents, which lists
every title all the time). The learner's keys are sent as a terminal sends them.

One run of a program: start it with a fresh `TUTOR_HOME`, open the first module (Enter on the home
screen), wait until the output is quiet, then press `n` to the last section and `p` back to the
first, timing each key and waiting for quiet before the next one (so a key never lands on the
previous section's late work). Runs of the two programs alternate so that machine noise hits both
alike; medians of every page turn are reported.

    python bench/bench_paging.py [--runs 5] [--tutor PATH] [--compare LABEL=PATH ...]

`--compare` adds another build of `tutor` to the same alternating runs (for before/after figures:
install the older commit non-editable in another venv and pass its `tutor`).

The baseline (`--minimal-pager`, run by the benchmark itself) is the smallest Textual app that
shows a Markdown page and replaces it with the next one on `n` / `p`, with the same headings.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS, ROWS = 100, 30
QUIET = 0.4  # seconds without output: the screen has settled
TIMEOUT = 20.0


def minimal_pager() -> None:
    """The baseline: one Markdown widget whose page `n` / `p` replace (titles from $PAGER_TITLES)."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Markdown

    titles: list[str] = json.loads(os.environ["PAGER_TITLES"])
    body = ("Le **transfer learning** a révolutionné le NLP : on réutilise les connaissances d'un "
            "modèle pré-entraîné et on les adapte à une tâche précise.\n\n- Pré-entraînement\n"
            "- Fine-tuning\n- Déploiement\n")
    pages = [f"## {title}\n\n{body}" for title in titles]

    class Pager(App[None]):
        BINDINGS = [Binding("n", "turn(1)"), Binding("p", "turn(-1)")]

        def __init__(self) -> None:
            super().__init__()
            self.page = 0

        def compose(self) -> ComposeResult:
            yield Markdown(pages[0])

        async def action_turn(self, step: int) -> None:
            self.page = max(0, min(len(pages) - 1, self.page + step))
            await self.query_one(Markdown).update(pages[self.page])

    Pager().run()


class Terminal:
    """A program in a pseudo-terminal of COLUMNS×ROWS, its screen kept by pyte."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import pyte

        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:  # child: the size is set before the program asks for it
            import fcntl

            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd

    def _read(self, wait: float) -> bool:
        """Feed what the program wrote within `wait` seconds to the screen; False if nothing came."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.stream.feed(chunk)
        return True

    def shows(self, text: str, from_column: int) -> bool:
        """Whether a row of the screen holds `text` starting at `from_column` or further right."""
        wanted = _plain(text)
        return any(_plain(row).find(wanted, from_column) >= 0 for row in self.screen.display)

    def wait_for(self, text: str, from_column: int) -> float:
        """Seconds until `text` is on screen (from now)."""
        start = time.perf_counter()
        while not self.shows(text, from_column):
            if time.perf_counter() - start > TIMEOUT:
                raise RuntimeError(f"{text!r} never appeared; screen:\n" + "\n".join(self.screen.display))
            self._read(0.05)
        return time.perf_counter() - start

    def settle(self) -> None:
        """Drain the output until the program has been quiet for QUIET seconds."""
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline and self._read(QUIET):
            pass

    def press(self, key: bytes) -> None:
        os.write(self.fd, key)

    def close(self) -> None:
        import signal

        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _plain(text: str) -> str:
    """Text with no-break spaces as spaces (French titles carry them)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def one_run(argv: list[str], env: dict[str, str], titles: list[str], opener: tuple[str, bytes] | None,
            column: int) -> list[float]:
    """Seconds from each page-turn key to its heading on screen, for one start of a program."""
    terminal = Terminal(argv, env)
    try:
        if opener is not None:
            marker, key = opener
            terminal.wait_for(marker, 0)
            terminal.settle()
            terminal.press(key)
        heads = [title[:30] for title in titles]
        terminal.wait_for(heads[0], column)
        terminal.settle()
        times = []
        order = [*range(1, len(titles)), *range(len(titles) - 2, -1, -1)]
        current = 0
        for target in order:
            terminal.press(b"n" if target > current else b"p")
            times.append(terminal.wait_for(heads[target], column))
            terminal.settle()
            current = target
        return times
    finally:
        terminal.close()


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts of each program (12 page turns each)")
    parser.add_argument("--tutor", default=shutil.which("tutor"), help="the tutor executable to measure")
    parser.add_argument("--compare", action="append", default=[], metavar="LABEL=PATH",
                        help="another tutor executable to measure in the same runs")
    parser.add_argument("--minimal-pager", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.minimal_pager:
        minimal_pager()
        return 0
    if args.tutor is None:
        print("bench_paging: `tutor` is not on PATH (pip install . first, or --tutor PATH)", file=sys.stderr)
        return 2

    sys.path.insert(0, str(HERE.parent))
    from tutor.loader import builtin_paths, load_content

    module = load_content(builtin_paths()).course.module("fine-tuning", "fr")
    assert module is not None
    titles = [section.title for section in module.sections]
    env = {**os.environ, "TERM": "xterm-256color", "TUTOR_LANG": "fr", "COLORTERM": "truecolor",
           "TUTOR_LEARNER": "bench", "PAGER_TITLES": json.dumps(titles)}
    env.pop("TEXTUAL", None)
    toc_width = 30  # at 100 columns the table of contents stays beside the text
    programs = {
        "minimal Textual pager (Markdown.update)": (
            [sys.executable, str(Path(__file__).resolve()), "--minimal-pager"], None, 0),
        "tutor": ([args.tutor], ("Modules du cours", b"\r"), toc_width),
    }
    for extra in args.compare:
        label, _, path = extra.partition("=")
        programs[f"tutor ({label})"] = ([path], ("Modules du cours", b"\r"), toc_width)
    results: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, (argv, opener, column) in programs.items():
            home = tempfile.mkdtemp(prefix="tutor-bench-paging-")
            results[name] += one_run(argv, {**env, "TUTOR_HOME": home}, titles, opener, column)
            shutil.rmtree(home, ignore_errors=True)

    base = statistics.median(results[next(iter(programs))])
    print(f"{args.runs} runs each ({2 * (len(titles) - 1)} page turns a run), {COLUMNS}x{ROWS} pty, "
          f"Python {sys.version.split()[0]}\n")
    print("| program | key → heading (median) | p90 | min–max | vs minimal |")
    print("|---|---|---|---|---|")
    for name, times in results.items():
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"| {name} | {median * 1000:.0f} ms | {p90 * 1000:.0f} ms | {min(times) * 1000:.0f}–"
              f"{max(times) * 1000:.0f} ms | ×{median / base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
