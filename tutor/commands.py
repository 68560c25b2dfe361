"""The core sub-commands: the app itself (no sub-command), `validate`, `lessons` and `schema`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

from tutor.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    from tutor.loader import Content
    from tutor.quiz.session import QuizSettings

COMMON_HELP = {
    "lang": "language of the course and interface: fr or en (default: TUTOR_LANG, the locale, fr)",
    "content": "extra directory of modules written by an instructor (repeatable; also TUTOR_CONTENT)",
    "learner": "learner name for progress (default: TUTOR_LEARNER, else the login name)",
    "plain": "line-by-line interface for screen readers, dumb terminals and pipes",
    "ascii": "ASCII only: no emoji, ASCII borders and marks (also TUTOR_ASCII=1; automatic without UTF-8)",
    "theme": "colour theme: tutor-dark, tutor-light, ansi-dark, ansi-light (default: settings, else by terminal)",
}


def add_common_options(parser: argparse.ArgumentParser, *, root: bool) -> None:
    """Options accepted before or after any sub-command (`tutor --lang en lessons` = `tutor lessons --lang en`)."""
    default = None if root else argparse.SUPPRESS
    parser.add_argument("--lang", choices=("fr", "en"), default=default, help=COMMON_HELP["lang"])
    parser.add_argument(
        "--content", action="append", metavar="DIR", default=[] if root else argparse.SUPPRESS,
        help=COMMON_HELP["content"],
    )
    parser.add_argument("--learner", metavar="NAME", default=default, help=COMMON_HELP["learner"])
    parser.add_argument("--plain", action="store_true", default=False if root else argparse.SUPPRESS,
                        help=COMMON_HELP["plain"])
    parser.add_argument("--ascii", action="store_true", default=False if root else argparse.SUPPRESS,
                        help=COMMON_HELP["ascii"])
    parser.add_argument("--theme", metavar="NAME", default=default, help=COMMON_HELP["theme"])


def default_namespace() -> argparse.Namespace:
    """What the root parser gives for `tutor` with no argument."""
    return argparse.Namespace(lang=None, content=[], learner=None, plain=False, ascii=False, theme=None,
                              command=None)


def register(subparsers: argparse._SubParsersAction, root: argparse.ArgumentParser) -> None:
    """Add the core sub-commands and make the app the default when none is given."""
    add_common_options(root, root=True)
    root.set_defaults(handler=run_app)

    validate = subparsers.add_parser(
        "validate", help="check lesson files; one line per problem, FILE:LINE:COL: message",
        description="Check lesson (and quiz) files. Exit 0 when clean, 1 with problems, 2 on usage errors.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: all content)")
    validate.add_argument(
        "--alone", action="store_true",
        help="check only PATHs, without the built-in lessons (e.g. an edited copy of them)",
    )
    add_common_options(validate, root=False)
    validate.set_defaults(handler=run_validate)

    lessons = subparsers.add_parser("lessons", help="list the modules and their sections (ids and titles)")
    add_common_options(lessons, root=False)
    lessons.set_defaults(handler=run_lessons)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of a content format, for editors")
    schema.add_argument("format", choices=("lesson", "quiz"), help="which format")
    schema.set_defaults(handler=run_schema)


def content_paths(args: argparse.Namespace) -> list[Path]:
    """The built-in lessons and banks plus the instructor's directories (checked to exist)."""
    from tutor.loader import builtin_paths
    from tutor.locations import extra_content_dirs

    extra = extra_content_dirs(getattr(args, "content", []))
    for directory in extra:
        if not directory.is_dir():
            raise UsageError(f"content directory not found: {directory}")
    return [*builtin_paths(), *extra]


def run_validate(args: argparse.Namespace) -> int:
    """`tutor validate`: print every problem as FILE:LINE:COL: message."""
    from tutor.core.files import yaml_files
    from tutor.loader import load_content

    given = [Path(p) for p in args.paths]
    for path in given:
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")
    if given and not yaml_files(given):
        raise UsageError("no YAML file (.yaml, .yml) in " + ", ".join(map(str, given)))
    if args.alone and not given:
        raise UsageError("--alone needs at least one PATH")
    paths = given if args.alone else [*content_paths(args), *given]
    result = load_content(paths)
    for problem in result.problems:
        print(problem)
    checked = len(yaml_files(paths))
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {checked} file(s).", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"OK: {checked} file(s), {len(result.course.modules)} module version(s), "
          f"{len(result.quizzes.banks)} bank version(s), no problem.", file=sys.stderr)
    return EXIT_OK


def load_or_report(args: argparse.Namespace) -> Content | None:
    """All content, or None after printing why it cannot be used (the app refuses to start)."""
    from tutor.core.i18n import resolve_lang, t
    from tutor.loader import load_content_cached

    result = load_content_cached(content_paths(args))
    if result.problems:
        print(t("content.invalid", resolve_lang(args.lang)), file=sys.stderr)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return None
    return result


def run_lessons(args: argparse.Namespace) -> int:
    """`tutor lessons`: the modules and their sections as plain text."""
    from tutor.core.i18n import resolve_lang

    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    lang = resolve_lang(args.lang)
    for module in content.course.modules_in(lang):
        print(f"{module.id}  [{module.lang}]  {module.number}. {module.title}")
        for index, section in enumerate(module.sections, start=1):
            print(f"  {index:>2}. {section.id:<24} {section.title}")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    """`tutor schema lesson|quiz`: the JSON Schema of lesson or question-bank files."""
    from tutor.core.schema import lesson_json_schema
    from tutor.quiz.bank import quiz_json_schema

    schema = lesson_json_schema() if args.format == "lesson" else quiz_json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def run_app(
    args: argparse.Namespace, content: Content | None = None, quiz: QuizSettings | None = None, review: bool = False
) -> int:
    """No sub-command: start the full-screen app where the learner stopped (or in `quiz`)."""
    from tutor.core.i18n import resolve_lang
    from tutor.core.store import Store, StoreError, database_path, learner_name

    content = content or load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    from tutor.core.settings import load_settings, resolve_ascii

    settings, setting_problems = load_settings()
    for problem in setting_problems:
        print(f"tutor: {problem}", file=sys.stderr)
    plain = getattr(args, "plain", False)
    dumb = os.environ.get("TERM", "") == "dumb"
    # Under `tutor serve`, textual-serve runs the app on pipes with Textual's web driver: no tty needed.
    web = os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver")
    if not plain and not web and (dumb or not (sys.stdout.isatty() and sys.stdin.isatty())):
        print("tutor: the full-screen app needs a terminal (this one is not, or TERM=dumb).\n"
              "Use the line-by-line interface instead: tutor --plain (also tutor quiz --plain, "
              "tutor review --plain); tutor lessons lists the content.", file=sys.stderr)
        return EXIT_USAGE
    lang = resolve_lang(args.lang, configured=settings.lang)
    learner = learner_name(args.learner)
    try:
        store, notice = Store.open(database_path(learner))
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return EXIT_USAGE
    if plain:
        from tutor.plain import run_plain

        if notice:
            print(notice.message, file=sys.stderr)
        try:
            return run_plain(content, store, lang, learner, quiz=quiz, review=review,
                             stdin=sys.stdin, stdout=sys.stdout)
        finally:
            store.close()

    from tutor.ui.app import TutorApp

    notices = [str(p) for p in setting_problems] + ([notice.message] if notice else [])
    app = TutorApp(content.course, store, lang, quizzes=content.quizzes, notice="\n".join(notices) or None,
                   learner=learner, quiz=quiz, review=review,
                   ascii_only=resolve_ascii(getattr(args, "ascii", False), settings),
                   theme=getattr(args, "theme", None) or settings.theme, keymap=settings.keys, settings=settings)
    try:
        with terminal_on_stderr():
            app.run()
    finally:
        store.close()
    if app.crash_log is not None:
        from tutor.crash import tell_learner

        tell_learner(app.crash_log, app.lang)
        return EXIT_PROBLEMS
    return app.return_code or EXIT_OK


@contextmanager
def terminal_on_stderr() -> Iterator[None]:
    """Textual draws on stderr: with `tutor 2>log`, draw on the terminal of stdout instead.

    Without this the learner faces a blank screen while the interface goes into the file.
    Messages printed after the app stops go to the file again.
    """
    if sys.stderr.isatty() or not sys.stdout.isatty():
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        os.dup2(sys.stdout.fileno(), 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
