"""Load all content — lesson modules and question banks — from the built-in and extra directories.

Every YAML file is read once and sorted by what it holds (a `bank:` key makes a question bank);
lessons are built first because banks cite their sections.

Valid content is also kept in the user cache directory (as JSON, through the closed codec of
`tutor.content_cache`, which can build nothing but content) with a stamp made of the path, size and
modification time of every file and tutor's version: starting `tutor` again then skips reading,
parsing and checking the YAML (and importing PyYAML). Any change to a file, or a cache that cannot
be read or is not the learner's own, means a full load.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tutor import __version__
from tutor.core import content as content_module
from tutor.core.content import Course
from tutor.core.files import yaml_files
from tutor.core.problems import Problem
from tutor.locations import builtin_dir, cache_dir
from tutor.quiz import model as quiz_model_module
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
    from tutor.core.lessons import build_course, read_files
    from tutor.core.yamlsource import Located
    from tutor.quiz.bank import build_bank, check_bank_file, is_bank, translation_problems
    from tutor.quiz.generators import GENERATOR_NAMES

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


def content_stamp(paths: Sequence[Path]) -> str | None:
    """What identifies the content of `paths` as it is now (None if a file vanished meanwhile)."""
    from tutor import content_cache

    stamp = [__version__, str(content_cache.FORMAT)]
    # The classes and the codec count too: a cache made by other code must not be trusted.
    models = [Path(module.__file__ or "") for module in (content_module, quiz_model_module, content_cache)]
    try:
        for path in [*models, *yaml_files(paths)]:
            info = path.stat()
            stamp.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    except OSError:
        return None
    return "\n".join(stamp)


def load_content_cached(paths: Sequence[Path]) -> Content:
    """Like `load_content`, from the cache when every file is unchanged since valid content was cached."""
    from tutor.content_cache import read_cache, write_cache

    stamp = content_stamp(paths)
    if stamp is not None:
        cached = read_cache(cache_dir(), stamp)
        if cached is not None:
            return Content(*cached)
    content = load_content(paths)
    if stamp is not None and not content.problems:
        write_cache(cache_dir(), stamp, content.course, content.quizzes)
    return content
