"""`tutor quiz`: open the app straight in a quiz, or list a bank's questions for instructors."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tutor.cli import EXIT_OK, EXIT_PROBLEMS, UsageError

TOPIC_NAMES = ("transfer-learning", "strategies", "hyperparameters", "bert", "gpt", "best-practices", "metrics")
DIFFICULTY_NAMES = ("easy", "medium", "hard")


def _positive(kind: type, name: str) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, not {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{name} must be greater than 0, not {text!r}")
        return value

    return parse


def register(subparsers: argparse._SubParsersAction, root: argparse.ArgumentParser) -> None:
    """Add `tutor quiz`."""
    from tutor.commands import add_common_options

    quiz = subparsers.add_parser(
        "quiz", help="take a quiz (or list the questions with --list)",
        description="Open tutor straight in a quiz. Exam mode without --seed gives each learner "
                    "their own fixed order.",
    )
    quiz.add_argument("--topic", action="append", choices=TOPIC_NAMES, default=[], help="a topic (repeatable)")
    quiz.add_argument("--count", type=_positive(int, "--count"), default=10, help="number of questions (10)")
    quiz.add_argument("--difficulty", choices=DIFFICULTY_NAMES, help="only this difficulty")
    quiz.add_argument("--exam", action="store_true", help="exam mode: no feedback until the end")
    quiz.add_argument("--time-limit", type=_positive(float, "--time-limit"), metavar="MINUTES",
                      help="exam time limit in minutes (implies --exam)")
    quiz.add_argument("--seed", type=_positive(int, "--seed"), help="fix the draw and the order")
    quiz.add_argument("--bank", default="fine-tuning", help="question bank id (fine-tuning)")
    quiz.add_argument("--list", action="store_true", help="print the bank's questions and exit")
    quiz.add_argument("--json", action="store_true", help="with --list: JSON output")
    add_common_options(quiz, root=False)
    quiz.set_defaults(handler=run_quiz)

    review = subparsers.add_parser(
        "review", help="review the questions due (spaced repetition of what you missed)",
        description="Open tutor on the questions FSRS says are due today.",
    )
    add_common_options(review, root=False)
    review.set_defaults(handler=run_review)


def run_review(args: argparse.Namespace) -> int:
    """`tutor review`."""
    from tutor.commands import run_app

    return run_app(args, review=True)


def run_quiz(args: argparse.Namespace) -> int:
    """`tutor quiz`."""
    from tutor.commands import load_or_report, run_app
    from tutor.core.i18n import resolve_lang
    from tutor.quiz.session import QuizSettings

    if args.json and not args.list:
        raise UsageError("--json goes with --list")
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    lang = resolve_lang(args.lang)
    bank = content.quizzes.bank(args.bank, lang)
    if bank is None:
        known = ", ".join(sorted({b for b, _ in content.quizzes.banks})) or "none"
        raise UsageError(f"no question bank {args.bank!r} (known: {known})")
    if args.list:
        return _list(bank, args.json)
    exam = args.exam or args.time_limit is not None
    settings = QuizSettings(
        bank=bank.id, topics=tuple(args.topic), count=args.count, difficulty=args.difficulty,
        mode="exam" if exam else "practice", seed=args.seed,
        time_limit=args.time_limit * 60 if args.time_limit else None,
    )
    return run_app(args, content=content, quiz=settings)


def _list(bank: Any, as_json: bool) -> int:
    rows = [
        {"id": q.id, "topic": q.topic, "type": q.type, "difficulty": q.difficulty, "points": q.points,
         "section": q.section, "prompt": q.prompt}
        for q in bank.questions
    ]
    if as_json:
        json.dump({"bank": bank.id, "lang": bank.lang, "questions": rows}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    print(f"{bank.id} [{bank.lang}] {bank.title}: {len(rows)} questions, generators: "
          + ", ".join(f"{g.name}×{g.count}" for g in bank.generators))
    for row in rows:
        print(f"{row['id']:<28} {row['topic']:<17} {row['type']:<9} {row['difficulty']:<6} {row['section']}")
    return EXIT_OK
