"""The options every command shares (`--lang`, `--content`, `--learner`, `--plain`, `--ascii`,
`--theme`), accepted before or after any sub-command, and the argparse types they use."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

# Help of the common options: catalogue keys (tutor.i18n.strings.cli), shown in the parser's language.
COMMON_HELP = {
    "lang": "help.lang", "content": "help.content", "learner": "help.learner", "plain": "help.plain",
    "ascii": "help.ascii", "theme": "help.theme",
}


def parser_lang(parser: argparse.ArgumentParser) -> str:
    """The language of `parser` (a TutorArgumentParser knows it; any other parser: `cli_lang`)."""
    from tutor.cli.lang import cli_lang

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
    parser.add_argument("--learner", metavar=t("help.metavar.name", lang), default=default,
                        help=t(COMMON_HELP["learner"], lang))
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
