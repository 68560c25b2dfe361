"""`tutor validate`, `tutor lessons` and `tutor schema`: the course content on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tutor.cli.app import content_paths, load_or_report
from tutor.cli.options import add_common_options, parser_lang
from tutor.errors import EXIT_OK, EXIT_PROBLEMS, UsageError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], root: argparse.ArgumentParser) -> None:
    """Add `validate`, `lessons` and `schema`."""
    from tutor.i18n.catalogue import t

    lang = parser_lang(root)
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


def run_validate(args: argparse.Namespace) -> int:
    """`tutor validate`: print every problem as FILE:LINE:COL: message."""
    from tutor.cli.lang import args_lang
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


def run_lessons(args: argparse.Namespace) -> int:
    """`tutor lessons`: the modules and their sections as plain text."""
    from tutor.cli.lang import args_lang

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
