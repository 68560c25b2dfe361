"""`tutor quiz`: open the app straight in a quiz, or list a bank's questions for instructors."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any

from tutor.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from tutor.quiz.model import MAX_COUNT, MAX_SEED, MAX_TIME_LIMIT_MINUTES, MIN_TIME_LIMIT_MINUTES

DIFFICULTY_NAMES = ("easy", "medium", "hard")
# A whole number as int() reads it, even one too long for int() (more than 4,300 digits).
_WHOLE = re.compile(r"\s*[+-]?\d[\d_]*\s*")


def _number(kind: type, name: str, lang: str, minimum: float = 0, strict: bool = True,
            maximum: float | None = None) -> Callable[[str], Any]:
    """An argparse type: a finite number of `kind` above `minimum` (or from it, `strict=False`) up to
    `maximum`; nan, inf and numbers out of range give one usage line (exit 2), never a traceback."""
    from tutor.errors import shown_value
    from tutor.i18n.catalogue import t

    def parse(text: str) -> Any:
        shown = shown_value(text)
        value: float
        try:
            value = kind(text)
        except ValueError:
            if kind is int and _WHOLE.fullmatch(text):  # too many digits for int(): out of range
                value = -math.inf if text.strip().startswith("-") else math.inf
            else:
                key = "cli.not_whole_number" if kind is int else "cli.not_number"
                raise argparse.ArgumentTypeError(t(key, lang, name=name, value=shown)) from None
        if math.isnan(value):  # nan compares false with every bound: it would pass them all
            raise argparse.ArgumentTypeError(t("cli.not_number", lang, name=name, value=shown))
        if value < minimum or (strict and value == minimum):
            key = "cli.must_be_positive" if strict else "cli.must_be_at_least"
            raise argparse.ArgumentTypeError(t(key, lang, name=name, value=shown, minimum=minimum))
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(t("cli.must_be_at_most", lang, name=name, value=shown, maximum=maximum))
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(t("cli.not_number", lang, name=name, value=shown))
        return value

    return parse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], root: argparse.ArgumentParser) -> None:
    """Add `tutor quiz`."""
    from tutor.cli.options import add_common_options, parser_lang
    from tutor.i18n.catalogue import t

    lang = parser_lang(root)
    quiz = subparsers.add_parser("quiz", help=t("help.quiz", lang), description=t("help.quiz.description", lang))
    # Any id: a bank may declare topics of its own (checked against the bank once it is loaded).
    quiz.add_argument("--topic", action="append", metavar="TOPIC", default=[],
                      help=t("help.quiz.topic", lang))
    quiz.add_argument("--count", metavar="N", type=_number(int, "--count", lang, maximum=MAX_COUNT), default=10,
                      help=t("help.quiz.count", lang))
    quiz.add_argument("--difficulty", choices=DIFFICULTY_NAMES, help=t("help.quiz.difficulty", lang))
    quiz.add_argument("--exam", action="store_true", help=t("help.quiz.exam", lang))
    time_limit = _number(float, "--time-limit", lang, minimum=MIN_TIME_LIMIT_MINUTES, strict=False,
                         maximum=MAX_TIME_LIMIT_MINUTES)
    quiz.add_argument("--time-limit", type=time_limit,
                      metavar="MINUTES", help=t("help.quiz.time_limit", lang, maximum=MAX_TIME_LIMIT_MINUTES))
    # 0 is a seed like any other (the lab's default one).
    quiz.add_argument("--seed", metavar="N", type=_number(int, "--seed", lang, strict=False, maximum=MAX_SEED),
                      help=t("help.quiz.seed", lang))
    quiz.add_argument("--bank", metavar="ID", default="fine-tuning", help=t("help.quiz.bank", lang))
    quiz.add_argument("--list", action="store_true", help=t("help.quiz.list", lang))
    quiz.add_argument("--json", action="store_true", help=t("help.quiz.json", lang))
    add_common_options(quiz, root=False)
    quiz.set_defaults(handler=run_quiz)

    review = subparsers.add_parser("review", help=t("help.review", lang),
                                   description=t("help.review.description", lang))
    add_common_options(review, root=False)
    review.set_defaults(handler=run_review)


def run_review(args: argparse.Namespace) -> int:
    """`tutor review`."""
    from tutor.cli.app import run_app

    return run_app(args, review=True)


def run_quiz(args: argparse.Namespace) -> int:
    """`tutor quiz`."""
    from tutor.cli.app import load_or_report, run_app
    from tutor.cli.lang import args_lang
    from tutor.quiz.session import QuizSettings

    if args.json and not args.list:
        raise UsageError("cli.json_needs_list")
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    lang = args_lang(args)
    bank = content.quizzes.bank(args.bank, lang)
    if bank is None:
        known = ", ".join(sorted({b for b, _ in content.quizzes.banks})) or "-"
        raise UsageError("cli.no_bank", bank=args.bank, known=known)
    from tutor.quiz.topics import offered_topics

    offered = offered_topics(bank)
    unknown = [topic for topic in args.topic if topic not in offered]
    if unknown:
        raise UsageError("cli.quiz.unknown_topic", topic=unknown[0], bank=bank.id, known=", ".join(offered))
    if args.list:
        return _list(bank, args.json, lang, tuple(args.topic), args.difficulty)
    exam = args.exam or args.time_limit is not None
    settings = QuizSettings(
        bank=bank.id, topics=tuple(args.topic), count=args.count, difficulty=args.difficulty,
        mode="exam" if exam else "practice", seed=args.seed,
        time_limit=args.time_limit * 60 if args.time_limit else None,
    )
    return run_app(args, content=content, quiz=settings)


def _list(bank: Any, as_json: bool, lang: str, topics: tuple[str, ...] = (), difficulty: str | None = None) -> int:
    """Print the bank's questions, only those of `topics` (all when empty) and `difficulty` (any when None)."""
    from tutor.i18n.catalogue import t

    rows = [
        {"id": q.id, "topic": q.topic, "type": q.type, "difficulty": q.difficulty, "points": q.points,
         "section": q.section, "prompt": q.prompt}
        for q in bank.questions
        if (not topics or q.topic in topics) and (difficulty is None or q.difficulty == difficulty)
    ]
    if as_json:
        json.dump({"bank": bank.id, "lang": bank.lang, "questions": rows}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    generators = ", ".join(f"{g.name}×{g.count}" for g in bank.generators) or "-"
    print(t("cli.quiz.list_head", lang, bank=bank.id, lang_code=bank.lang, title=bank.title,
            count=len(rows), generators=generators))
    for row in rows:
        difficulty_name = t(f"difficulty.{row['difficulty']}", lang)
        print(f"{row['id']:<28} {row['topic']:<17} {row['type']:<9} {difficulty_name:<9} {row['section']}")
    return EXIT_OK
