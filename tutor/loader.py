"""Load all content — lesson modules and question banks — from the built-in and extra directories.

Every YAML file is read once and sorted by what it holds (a `bank:` key makes a question bank);
lessons are built first because banks cite their sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.content import Course
from tutor.core.lessons import build_course, read_files
from tutor.core.yamlsource import Located, Problem
from tutor.locations import builtin_dir
from tutor.quiz.bank import build_bank, check_bank_file, is_bank, translation_problems
from tutor.quiz.generators import GENERATOR_NAMES
from tutor.quiz.model import QuizLibrary


@dataclass
class Content:
    """The course, the question banks, and every problem found while loading them."""

    course: Course
    quizzes: QuizLibrary
    problems: list[Problem] = field(default_factory=list)


def builtin_paths() -> list[Path]:
    """The shipped lessons and question banks."""
    return [builtin_dir("lessons"), builtin_dir("quizzes")]


def load_content(paths: Sequence[Path]) -> Content:
    """Load and check every lesson and bank under `paths`."""
    files, problems = read_files(paths)
    lessons = [f for f in files if not is_bank(f)]
    banks = [f for f in files if is_bank(f)]
    lesson_result = build_course(lessons)
    problems += lesson_result.problems
    library = QuizLibrary()
    located: dict[tuple[str, str], Located] = {}
    for source in banks:
        found = check_bank_file(source, lesson_result.course, GENERATOR_NAMES)
        problems += found
        if found:
            continue
        bank = build_bank(source)
        key = (bank.id, bank.lang)
        if key in library.banks:
            problems.append(source.problem(
                ("bank",), f"bank {bank.id!r} ({bank.lang}) is already defined in {library.banks[key].source}"
            ))
            continue
        library.banks[key] = bank
        located[key] = source
    problems += translation_problems(library, located)
    return Content(lesson_result.course, library, sorted(set(problems)))
