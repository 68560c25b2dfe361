"""The core sub-commands: the app itself (no sub-command), `validate`, `lessons` and `schema`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    from tutor.loader import Content
    from tutor.quiz.session import QuizSettings

# Help of the common options: catalogue keys (tutor.i18n.strings.cli), shown in the parser's language.
COMMON_HELP = {
    "lang": "help.lang", "content": "help.content", "learner": "help.learner", "plain": "help.plain",
    "ascii": "help.ascii", "theme": "help.theme",
}


def parser_lang(parser: argparse.ArgumentParser) -> str:
    """The language of `parser` (a TutorArgumentParser knows it; any other parser: `cli_lang`)."""
    from tutor.cli import cli_lang

    return getattr(parser, "lang", None) or cli_lang()


def theme_name(lang: str) -> Callable[[str], str]:
    """An argparse type: one of tutor's themes or a theme Textual ships (anything else: exit 2)."""
    def parse(text: str) -> str:
        from tutor.i18n.catalogue import t
        from tutor.settings import THEMES

        name = text.strip()
        if name in THEMES:
            return name
        textual_themes: Mapping[str, object] = {}
        try:  # only for an unusual name: importing Textual's themes costs start-up time
            from textual.theme import BUILTIN_THEMES as textual_themes
        except ImportError:
            pass
        if name in textual_themes:
            return name
        raise argparse.ArgumentTypeError(t("cli.bad_theme", lang, value=text, known=", ".join(THEMES)))

    return parse


def non_empty_path(lang: str) -> Callable[[str], str]:
    """An argparse type: a path that is not the empty string (`Path("")` would mean the current directory)."""
    def parse(text: str) -> str:
        if text == "":
            from tutor.i18n.catalogue import t

            raise argparse.ArgumentTypeError(t("cli.empty_path", lang))
        return text

    return parse


def add_common_options(parser: argparse.ArgumentParser, *, root: bool) -> None:
    """Options accepted before or after any sub-command (`tutor --lang en lessons` = `tutor lessons --lang en`)."""
    from tutor.i18n.catalogue import t

    lang = parser_lang(parser)
    default = None if root else argparse.SUPPRESS
    parser.add_argument("--lang", choices=("fr", "en"), default=default, help=t(COMMON_HELP["lang"], lang))
    parser.add_argument(
        "--content", action="append", metavar=t("help.metavar.dir", lang), default=[] if root else argparse.SUPPRESS,
        type=non_empty_path(lang),
        help=t(COMMON_HELP["content"], lang),
    )
    parser.add_argument("--learner", metavar=t("help.metavar.name", lang), default=default, help=t(COMMON_HELP["learner"], lang))
    parser.add_argument("--plain", action="store_true", default=False if root else argparse.SUPPRESS,
                        help=t(COMMON_HELP["plain"], lang))
    parser.add_argument("--ascii", action="store_true", default=False if root else argparse.SUPPRESS,
                        help=t(COMMON_HELP["ascii"], lang))
    parser.add_argument("--theme", metavar=t("help.metavar.name", lang), type=theme_name(lang), default=default,
                        help=t(COMMON_HELP["theme"], lang))


def default_namespace() -> argparse.Namespace:
    """What the root parser gives for `tutor` with no argument."""
    return argparse.Namespace(lang=None, content=[], learner=None, plain=False, ascii=False, theme=None,
                              command=None)


def register(subparsers: argparse._SubParsersAction, root: argparse.ArgumentParser) -> None:
    """Add the core sub-commands and make the app the default when none is given."""
    from tutor.i18n.catalogue import t

    lang = parser_lang(root)
    add_common_options(root, root=True)
    root.set_defaults(handler=run_app)

    validate = subparsers.add_parser(
        "validate", help=t("help.validate", lang), description=t("help.validate.description", lang),
    )
    validate.add_argument("paths", nargs="*", metavar=t("help.metavar.path", lang), help=t("help.validate.paths", lang))
    validate.add_argument("--alone", action="store_true", help=t("help.validate.alone", lang))
    validate.add_argument("--strict", action="store_true", help=t("help.validate.strict", lang))
    add_common_options(validate, root=False)
    validate.set_defaults(handler=run_validate)

    lessons = subparsers.add_parser("lessons", help=t("help.lessons", lang), description=t("help.lessons", lang))
    add_common_options(lessons, root=False)
    lessons.set_defaults(handler=run_lessons)

    schema = subparsers.add_parser("schema", help=t("help.schema", lang), description=t("help.schema", lang))
    schema.add_argument("format", choices=("lesson", "quiz"), help=t("help.schema.format", lang))
    schema.set_defaults(handler=run_schema)


def content_paths(args: argparse.Namespace) -> list[Path]:
    """The built-in lessons and banks plus the instructor's directories (checked to exist)."""
    from tutor.loader import builtin_paths
    from tutor.locations import extra_content_dirs

    extra = extra_content_dirs(getattr(args, "content", []))
    for directory in extra:
        if not directory.is_dir():
            raise UsageError("cli.no_content_dir", path=str(directory))
    return [*builtin_paths(), *extra]


def run_validate(args: argparse.Namespace) -> int:
    """`tutor validate`: print every problem as FILE:LINE:COL: message."""
    from tutor.cli import args_lang
    from tutor.content.files import yaml_files
    from tutor.i18n.catalogue import t
    from tutor.loader import load_content

    lang = args_lang(args)
    if "" in args.paths:  # Path("") is ".": an empty argument must not check the current directory
        raise UsageError("cli.empty_path")
    given = [Path(p) for p in args.paths]
    for path in given:
        if not path.exists():
            raise UsageError("cli.no_such_path", path=str(path))
    unreadable: list[tuple[Path, str]] = []
    if given and not yaml_files(given, unreadable) and not unreadable:  # unreadable: reported below
        raise UsageError("cli.no_yaml", paths=", ".join(map(str, given)))
    if args.alone and not given:
        raise UsageError("cli.alone_needs_path")
    paths = given if args.alone else [*content_paths(args), *given]
    result = load_content(paths, style=True)
    for problem in sorted([*result.problems, *result.warnings]):
        print(problem)
    checked = len(yaml_files(paths))
    strict = getattr(args, "strict", False)
    if result.problems or (strict and result.warnings):
        count = len(result.problems) + (len(result.warnings) if strict else 0)
        print(t("cli.validate.problems", lang, count=count, files=checked), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("cli.validate.ok", lang, count=checked, modules=len(result.course.modules),
            banks=len(result.quizzes.banks)), file=sys.stderr)
    if result.warnings:
        print(t("cli.validate.warnings", lang, count=len(result.warnings)), file=sys.stderr)
    return EXIT_OK


def load_or_report(args: argparse.Namespace, meanwhile: Callable[[], object] | None = None) -> Content | None:
    """All content, or None after printing why it cannot be used (the app refuses to start).

    `meanwhile`: work to overlap with loading when there is no content cache yet (see `load_content_cached`)."""
    from tutor.cli import args_lang
    from tutor.i18n.catalogue import t
    from tutor.loader import load_content_cached

    result = load_content_cached(content_paths(args), meanwhile)
    if result.problems:
        print(t("content.invalid", args_lang(args)), file=sys.stderr)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return None
    return result


def run_lessons(args: argparse.Namespace) -> int:
    """`tutor lessons`: the modules and their sections as plain text."""
    from tutor.cli import args_lang

    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    lang = args_lang(args)
    for module in content.course.modules_in(lang):
        print(f"{module.id}  [{module.lang}]  {module.number}. {module.title}")
        for index, section in enumerate(module.sections, start=1):
            print(f"  {index:>2}. {section.id:<24} {section.title}")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    """`tutor schema lesson|quiz`: the JSON Schema of lesson or question-bank files."""
    from tutor.content.schema import lesson_json_schema
    from tutor.quiz.bank import quiz_json_schema

    schema = lesson_json_schema() if args.format == "lesson" else quiz_json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def import_ui() -> None:
    """Import the full-screen app and its first screen (what a start needs once the content is loaded)."""
    import tutor.ui.app  # noqa: F401
    import tutor.ui.screens.home  # noqa: F401


def run_app(
    args: argparse.Namespace, content: Content | None = None, quiz: QuizSettings | None = None, review: bool = False
) -> int:
    """No sub-command: start the full-screen app where the learner stopped (or in `quiz`)."""
    from tutor.i18n.catalogue import resolve_lang
    from tutor.store import open_store
    from tutor.store.interface import StoreError
    from tutor.store.learners import database_path, learner_name

    # A first start (no content cache) imports the UI while the YAML loads on another core.
    content = content or load_or_report(args, None if getattr(args, "plain", False) else import_ui)
    if content is None:
        return EXIT_PROBLEMS
    from tutor.settings import load_settings, resolve_ascii

    # The learner's own settings (else the shared file), so a remap never reaches another learner.
    settings, setting_problems = load_settings(learner=learner_name(args.learner), lang=getattr(args, "lang", None))
    for problem in setting_problems:
        print(f"tutor: {problem}", file=sys.stderr)
    plain = getattr(args, "plain", False)
    dumb = os.environ.get("TERM", "") == "dumb"
    # Under `tutor serve`, textual-serve runs the app on pipes with Textual's web driver: no tty needed.
    web = os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver")
    lang = resolve_lang(args.lang, configured=settings.lang)  # before any message: it is in this language
    if not plain and not web and (dumb or not (sys.stdout.isatty() and sys.stdin.isatty())):
        from tutor.i18n.catalogue import t

        print(t("cli.no_terminal", lang), file=sys.stderr)
        return EXIT_USAGE
    learner = learner_name(args.learner)
    try:
        store, notice = open_store(database_path(learner), lang)
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
