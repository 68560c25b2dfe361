"""`tutor` with no sub-command: the full-screen app (or plain mode) where the learner stopped.

Also what other commands share to get there: the content paths (`--content`), loading the content
or saying why it cannot be used, and starting the app (`tutor quiz` and `tutor review` open it on
a quiz or the review).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.options import add_common_options
from tutor.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    from tutor.classroom.publish import Publisher
    from tutor.loader import Content
    from tutor.quiz.session import QuizSettings
    from tutor.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], root: argparse.ArgumentParser) -> None:
    """Add the options every command shares to the root parser, and make the app its default handler."""
    add_common_options(root, root=True)
    root.set_defaults(handler=run_app)


def content_paths(args: argparse.Namespace) -> list[Path]:
    """The built-in lessons and banks plus the instructor's directories (checked to exist)."""
    from tutor.loader import builtin_paths
    from tutor.locations import extra_content_dirs

    extra = extra_content_dirs(getattr(args, "content", []))
    for directory in extra:
        if not directory.is_dir():
            raise UsageError("cli.no_content_dir", path=str(directory))
    return [*builtin_paths(), *extra]


def load_or_report(args: argparse.Namespace, meanwhile: Callable[[], object] | None = None) -> Content | None:
    """All content, or None after printing why it cannot be used (the app refuses to start).

    `meanwhile`: work to overlap with loading when there is no content cache yet (see `load_content_cached`)."""
    from tutor.cli.lang import args_lang
    from tutor.i18n.catalogue import t
    from tutor.loader import load_content_cached

    result = load_content_cached(content_paths(args), meanwhile)
    if result.problems:
        print(t("content.invalid", args_lang(args)), file=sys.stderr)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return None
    return result


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
        store, notice = open_store(database_path(learner), lang, database_url=settings.database_url)
    except StoreError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return EXIT_USAGE
    publisher, class_notice = start_class(settings, learner, lang)
    publish = publisher.request if publisher is not None else None
    if plain:
        from tutor.plain import run_plain

        for line in ([notice.message] if notice else []) + ([f"tutor: {class_notice}"] if class_notice else []):
            print(line, file=sys.stderr)
        try:
            return run_plain(content, store, lang, learner, quiz=quiz, review=review,
                             stdin=sys.stdin, stdout=sys.stdout, publish=publish)
        finally:
            stop_class(publisher, lang)
            store.close()

    from tutor.ui.app import TutorApp

    notices = [str(p) for p in setting_problems] + ([notice.message] if notice else []) + (
        [class_notice] if class_notice else [])
    app = TutorApp(content.course, store, lang, quizzes=content.quizzes, notice="\n".join(notices) or None,
                   learner=learner, quiz=quiz, review=review,
                   ascii_only=resolve_ascii(getattr(args, "ascii", False), settings),
                   theme=getattr(args, "theme", None) or settings.theme, keymap=settings.keys, settings=settings,
                   publish=publish)
    try:
        with terminal_on_stderr():
            app.run()
    finally:
        stop_class(publisher, lang)
        store.close()
    if app.crash_log is not None:
        from tutor.crash import tell_learner

        tell_learner(app.crash_log, app.lang)
        return EXIT_PROBLEMS
    return app.return_code or EXIT_OK


def start_class(settings: Settings, learner: str, lang: str) -> tuple[Publisher | None, str | None]:
    """In a class (TUTOR_CLASS or `class_dir`), the publisher of the learner's results, or why there is none.

    A class directory set up wrong is said once and the learner goes on with local progress only.
    """
    from tutor.classroom.learner import class_directory

    directory = class_directory(settings.class_dir)
    if directory is None:
        return None, None
    from tutor.classroom.learner import start_publishing
    from tutor.store import open_store
    from tutor.store.learners import database_path

    path = database_path(learner)
    # The publisher's own connection, opened in its thread; recover=False: publishing only reads.
    publisher, refused = start_publishing(directory, name=learner, lang=lang,
                                          open_store=lambda: open_store(path, lang, recover=False)[0])
    return publisher, refused.text(lang) if refused else None


def stop_class(publisher: Publisher | None, lang: str) -> None:
    """Publish a last time (bounded wait); say so on stderr when the class misses the latest results."""
    if publisher is None:
        return
    left = publisher.close()
    if left is not None:
        from tutor.i18n.catalogue import t

        with suppress(OSError):  # the terminal may be gone (a hang-up)
            print("tutor: " + t("class.exit.not_published", lang, path=str(publisher.directory),
                                reason=left.text(lang)), file=sys.stderr)


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
