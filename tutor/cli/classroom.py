"""Sub-command `tutor class`: a class on one host.

    tutor class init DIR [--group GROUP]   set up the class directory (mode 3773, the instructor's group)
    tutor class DIR                        the live dashboard (full screen)
    tutor class DIR --json                 the same data as JSON (or --format csv), for scripts
    tutor class postgresql://…             the same, for a class across several hosts (its database)

Light at import time: argparse only; the class package and the dashboard are imported by the handler.
A directory that cannot be used, or words that are not one of the forms above, are one line and
exit code 2 (tutor.errors.UsageError).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tutor.cli.options import add_common_options
from tutor.errors import EXIT_OK, EXIT_PROBLEMS, UsageError


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `tutor class` to `subparsers`."""
    from tutor.cli.options import parser_lang
    from tutor.i18n.catalogue import t

    lang = parser_lang(root_parser)
    parser = subparsers.add_parser("class", help=t("help.class", lang), description=t("help.class.description", lang))
    parser.add_argument("words", nargs="+", metavar=t("help.metavar.dir", lang), help=t("help.class.words", lang))
    parser.add_argument("--group", metavar=t("help.metavar.name", lang), help=t("help.class.group", lang))
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=t("help.class.json", lang))
    output.add_argument("--format", choices=("json", "csv"), help=t("help.class.format", lang))
    add_common_options(parser, root=False)
    parser.set_defaults(handler=run_class)


def run_class(args: argparse.Namespace) -> int:
    """`tutor class`: `init DIR`, or `DIR` (the dashboard, or --json / --format csv)."""
    from tutor.cli.lang import args_lang

    lang = args_lang(args)
    words: list[str] = list(args.words)
    if any(word == "" for word in words):
        raise UsageError("cli.empty_path")  # Path("") would be the current directory
    output = "json" if args.json else args.format
    if len(words) == 2 and words[0] == "init":
        if output is not None:
            raise UsageError("class.cli.output_not_init")
        return run_init(Path(words[1]), args.group, lang)
    if len(words) != 1:
        raise UsageError("class.cli.words")
    if args.group is not None:
        raise UsageError("class.cli.group_needs_init")
    from tutor.classroom.database import is_database_url

    source: Path | str = words[0] if is_database_url(words[0]) else Path(words[0])
    if output is None:
        return run_dashboard(source, args, lang)
    return print_view(source, output, lang)


def run_init(directory: Path, group: str | None, lang: str) -> int:
    """Set up the class directory and say what learners do next."""
    from tutor.classroom.directory import CLASS_MODE, ClassSetupError, init_class_dir, mode_text
    from tutor.i18n.catalogue import t

    try:
        result = init_class_dir(directory, group)
    except ClassSetupError as error:
        raise UsageError(error.text(lang)) from error
    shown = str(directory)
    print(t("class.init.done", lang, path=shown, group=result.group, mode=mode_text(CLASS_MODE)))
    print(t("class.init.next", lang, path=shown))
    for warning in result.warnings:
        print("tutor: " + t("class.warning", lang, message=warning.text(lang)), file=sys.stderr)
    return EXIT_OK


def read_database_view(url: str, lang: str) -> Any:
    """The class in the database at `url` now (a `ClassView`); a server that cannot be read is a usage error."""
    import time

    from tutor.classroom.database import DatabaseReader, shown_url
    from tutor.classroom.model import build_view
    from tutor.store.interface import StoreError

    reader = DatabaseReader(url, lang)
    try:
        reader.refresh()
    except StoreError as error:
        raise UsageError(error.text(lang)) from error
    return build_view(reader.learners, time.time(), directory=shown_url(url), problems=reader.problems)


def read_view(directory: Path | str, lang: str = "fr") -> Any:
    """The class in `directory` now (a `ClassView`); a directory that cannot be read is a usage error."""
    import time

    if isinstance(directory, str):
        return read_database_view(directory, lang)

    from tutor.classroom.directory import ClassSetupError, check_instructor_side
    from tutor.classroom.model import build_view
    from tutor.classroom.reading import ClassReader

    try:
        setup = check_instructor_side(directory)
        reader = ClassReader(directory)
        reader.refresh()
    except ClassSetupError as error:
        raise UsageError(error.notice.key, **error.notice.values) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError("class.setup.not_listable", path=str(directory), reason=reason) from error
    return build_view(reader.learners, time.time(), directory=str(directory), problems=reader.problems, setup=setup)


def print_view(directory: Path | str, output: str, lang: str) -> int:
    """`--json` / `--format json|csv`: the class view on stdout."""
    import json

    from tutor.classroom.render import view_csv, view_document

    view = read_view(directory, lang)
    if output == "csv":
        sys.stdout.write(view_csv(view, lang))
    else:
        sys.stdout.write(json.dumps(view_document(view, lang), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def run_dashboard(directory: Path | str, args: argparse.Namespace, lang: str) -> int:
    """The full-screen dashboard, refreshed as learners publish."""
    from tutor.classroom.directory import ClassSetupError, check_instructor_side
    from tutor.settings import load_settings, resolve_ascii
    from tutor.store.learners import learner_name

    # Before the screen: a wrong path or an unreachable server is one line, not a blank dashboard.
    if isinstance(directory, str):
        read_database_view(directory, lang)
    else:
        try:
            check_instructor_side(directory)
        except ClassSetupError as error:
            raise UsageError(error.notice.key, **error.notice.values) from error
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        from tutor.classroom.database import shown_url

        shown = shown_url(directory) if isinstance(directory, str) else str(directory)
        raise UsageError("class.cli.no_terminal", path=shown)
    settings, _ = load_settings(learner=learner_name(getattr(args, "learner", None)), lang=lang)
    from tutor.cli.app import terminal_on_stderr
    from tutor.ui.class_app import ClassApp

    app = ClassApp(directory, lang, theme=getattr(args, "theme", None) or settings.theme,
                   ascii_only=resolve_ascii(getattr(args, "ascii", False), settings))
    with terminal_on_stderr():
        app.run()
    if app.crash_log is not None:
        from tutor.crash import tell_learner

        tell_learner(app.crash_log, lang)
        return EXIT_PROBLEMS
    return EXIT_OK
