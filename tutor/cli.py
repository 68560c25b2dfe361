"""Command-line entry point: argument parsing, sub-commands, plain-text output and exit codes.

Exit codes: 0 success, 1 the command ran and found problems (e.g. invalid content),
2 usage error or unreadable input. No input ever produces a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# Feature modules that add sub-commands. Each exposes `register(subparsers)` and sets a
# `handler(args) -> int` default on its parsers. Imported here, so they must stay light
# at import time (heavy imports go inside the handlers).
COMMAND_MODULES: tuple[str, ...] = (
    "tutor.commands",
    "tutor.quiz.cli",
    "tutor.results_cli",
    "tutor.sim.cli",
    "tutor.metrics.cli",
    "tutor.lab.cli",
)


class UsageError(Exception):
    """A bad argument or unreadable input: printed as one line, exit code 2."""


class TutorArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one clear line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error and exit with code 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> TutorArgumentParser:
    """Build the parser with every sub-command of every feature module."""
    parser = TutorArgumentParser(
        prog="tutor",
        description="Terminal tutor and quiz: Fine-tuning & Transfer Learning.",
    )
    subparsers = parser.add_subparsers(dest="command", parser_class=TutorArgumentParser)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if not error.name or not (module_name + ".").startswith(error.name + "."):
                raise
            continue
        module.register(subparsers, parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tutor` with `argv` (defaults to sys.argv) and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = parser.get_default("handler")
    try:
        return int(handler(args))
    except UsageError as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tutor lessons | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def entry_point() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
