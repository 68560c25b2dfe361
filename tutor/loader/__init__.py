"""Load all content — lesson modules and question banks — from the built-in and extra directories.

The loader sits above `tutor.content` (lessons) and `tutor.quiz` (banks and generated questions):
it is the one place that puts them together into `Content`. `tutor.loader.cache` is the cache file.

Every YAML file is read once and sorted by what it holds (a `bank:` key makes a question bank);
lessons are built first because banks cite their sections.

Valid content is also kept in the user cache directory (as JSON, through the closed codec of
`tutor.loader.cache`, which can build nothing but content) with a stamp made of the path, size and
modification time of every file and tutor's version: starting `tutor` again then skips reading,
parsing and checking the YAML (and importing PyYAML). Any change to a file, or a cache that cannot
be read or is not the learner's own, means a full load.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tutor import __version__
from tutor.content import model as content_module
from tutor.content.files import yaml_files
from tutor.content.model import Course
from tutor.content.problems import Problem
from tutor.locations import builtin_dir, cache_dir
from tutor.quiz import model as quiz_model_module
from tutor.quiz.model import QuizLibrary


@dataclass
class Content:
    """The course, the question banks, and every problem found while loading them.

    `warnings` (only with `load_content(..., style=True)`, i.e. `tutor validate`): what the app accepts
    but an author should look at, such as French typography in an instructor's file or a term the
    glossary avoids (see `tutor.content.style`).
    """

    course: Course
    quizzes: QuizLibrary
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def builtin_paths() -> list[Path]:
    """The shipped lessons and question banks."""
    return [builtin_dir("lessons"), builtin_dir("quizzes")]


def load_content(paths: Sequence[Path], style: bool = False) -> Content:
    """Load and check every lesson and bank under `paths`.

    `style=True` (what `tutor validate` asks for) also checks French typography and the glossary's
    terms: errors for the built-in files, warnings otherwise (`tutor.content.style`). The app does not:
    such findings never stop a learner.
    """
    from tutor.content.lessons import build_course, read_files
    from tutor.content.yamlsource import Located
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
    # The shipped banks come in both languages; an instructor's may have only the one it was written in.
    shipped = builtin_dir("quizzes").resolve()
    problems += translation_problems(library, located,
                                     bilingual=lambda bank: Path(bank.source).resolve().is_relative_to(shipped))
    warnings: list[Problem] = []
    if style:
        from tutor.content.style import style_problems

        style_found = style_problems(files, builtin_paths())
        problems += style_found.errors
        warnings = sorted(set(style_found.warnings))
    return Content(lesson_result.course, library, sorted(set(problems)), warnings)


def content_stamp(paths: Sequence[Path]) -> str | None:
    """What identifies the content of `paths` as it is now (None if a file vanished meanwhile)."""
    from tutor.loader import cache as content_cache

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


def load_content_cached(paths: Sequence[Path], meanwhile: Callable[[], object] | None = None) -> Content:
    """Like `load_content`, from the cache when every file is unchanged since valid content was cached.

    `meanwhile` is optional work the caller needs next (the full-screen app passes the import of its
    UI). On a cache miss, with a spare core, the YAML is loaded in a child process (which also writes
    the cache) while `meanwhile` runs here: a learner's first start then costs little more than the
    next ones. It may not be called at all; the result is the same either way.
    """
    from tutor.loader.cache import read_cache, write_cache

    stamp = content_stamp(paths)
    if stamp is not None:
        cached = read_cache(cache_dir(), stamp)
        if cached is not None:
            return Content(*cached)
        if meanwhile is not None and _spare_core():
            beside = _load_beside(paths, stamp, meanwhile)
            if beside is not None:
                return beside
    content = load_content(paths)  # invalid content is loaded here, so that its problems are reported
    if stamp is not None and not content.problems:
        write_cache(cache_dir(), stamp, content.course, content.quizzes)
    return content


def _spare_core() -> bool:
    """Whether a child would really run beside this process: more than one core for us, and fewer
    runnable processes than cores over the last minute (on a saturated machine the child would only
    add the cost of forking)."""
    if not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        busy = 0.0
    return cores > 1 and busy < cores


def _load_beside(paths: Sequence[Path], stamp: str, meanwhile: Callable[[], object]) -> Content | None:
    """Load valid content in a forked child while `meanwhile` runs here; None if the child found
    problems or failed (the caller then loads the files itself, and reports the problems as usual)."""
    from tutor.loader.cache import decode, encode, store

    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: load, cache, hand the cache file's bytes over, leave without cleanup
        status = 1
        try:
            os.close(read_end)
            content = load_content(paths)
            if not content.problems:
                data = encode(content.course, content.quizzes, stamp)
                store(cache_dir(), data)
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view):]
                status = 0
        except BaseException:
            pass  # whatever it was, the parent loads the files itself
        finally:
            os._exit(status)  # never the parent's atexit handlers or buffered output
    os.close(write_end)
    chunks: list[bytes] = []
    try:
        meanwhile()
        while chunk := os.read(read_end, 1 << 20):
            chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
    except BaseException:  # Ctrl-C during the import, for one: no child is left behind
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_end)
    if status != 0 or not chunks:
        return None
    try:
        course, quizzes = decode(b"".join(chunks), stamp)
    except (ValueError, TypeError, RecursionError):
        return None
    return Content(course, quizzes)
