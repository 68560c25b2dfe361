"""Helpers shared by the tests that run `tutor`'s sub-commands in-process, and a minimal module."""

from __future__ import annotations

import sys

import pytest

# The smallest valid module: one section with one Markdown block (format it with lang="fr"/"en").
MINIMAL_MODULE = """\
id: mini
lang: {lang}
number: 3
title: "Mini"
sections:
  - id: first
    title: "First"
    blocks:
      - id: first-text
        kind: markdown
        text: "Hello"
"""


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `tutor ARGV` through `tutor.cli.main`: (exit code, stdout, stderr)."""
    from tutor.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse usage errors exit from inside parse_args
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_results_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Parse and run like `tutor` would, with only the results commands (export, report) registered."""
    from tutor.cli import results as results_cli
    from tutor.cli.options import add_common_options
    from tutor.cli.parser import TutorArgumentParser
    from tutor.errors import UsageError

    parser = TutorArgumentParser(prog="tutor")
    add_common_options(parser, root=True)
    results_cli.register(parser.add_subparsers(dest="command", parser_class=TutorArgumentParser), parser)
    args = parser.parse_args(argv)
    try:
        code = args.handler(args)
    except UsageError as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        code = 2
    out, err = capsys.readouterr()
    return code, out, err
