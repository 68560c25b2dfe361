"""Command-line entry point: argument parsing, sub-commands, plain-text output and exit codes.

Exit codes (tutor.errors): 0 success, 1 the command ran and found problems (e.g. invalid content),
2 usage error or unreadable input. No input ever produces a traceback.

Language: every word `tutor` prints on the command line is in the learner's language, argparse's
own words included ("usage:", "options", "expected one argument"…). The language is chosen before
parsing (`peek_lang` reads `--lang` in argv; then TUTOR_LANG, the settings file, the locale,
French), and `TutorArgumentParser` carries it to every sub-command's parser.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from tutor.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError

# Feature modules that add sub-commands. Each exposes `register(subparsers, root)` and sets a
# `handler(args) -> int` default on its parsers. They must stay light at import time (heavy
# imports go inside the handlers).
COMMAND_MODULES: tuple[str, ...] = (
    "tutor.cli.app",
    "tutor.cli.quiz",
    "tutor.cli.results",
    "tutor.cli.sim",
    "tutor.cli.metrics",
    "tutor.cli.lab",
    "tutor.cli.serve",
)
# Which module defines which sub-command, so `tutor` alone (the app) or `tutor quiz` imports only
# what it needs; help and unknown commands import everything to list every choice.
COMMANDS: dict[str, str] = {
    "validate": "tutor.cli.app", "lessons": "tutor.cli.app", "schema": "tutor.cli.app",
    "quiz": "tutor.cli.quiz", "review": "tutor.cli.quiz",
    "export": "tutor.cli.results", "report": "tutor.cli.results",
    "recommend": "tutor.cli.sim", "estimate": "tutor.cli.sim", "sample": "tutor.cli.sim",
    "metrics": "tutor.cli.metrics", "lab": "tutor.cli.lab", "serve": "tutor.cli.serve",
}
ROOT_OPTIONS_WITH_VALUE = ("--lang", "--content", "--learner", "--theme")
# Options whose value is a list of numbers that may start with a minus sign: argparse takes
# `--logits -1,2` for two options (`-1,2` is not one of its "negative numbers"), so `main` glues
# such a value to its option (`--logits=-1,2`) before parsing.
NUMBER_LIST_OPTIONS = ("--logits",)
_NEGATIVE_LIST = re.compile(r"[-\u2212][\d.,][\d.,eE+\-\u2212 ]*")


def option_for(field: str, options: Iterable[tuple[str, ...]]) -> str:
    """The command-line option that sets `field`, from (option, dest, help…) tuples."""
    for option, dest, *_ in options:
        if dest == field:
            return option
    return "--" + field.replace("_", "-")


# -- language ------------------------------------------------------------------------------------


def peek_option(argv: Sequence[str] | None, option: str) -> str | None:
    """The value of `option` (e.g. `--lang`) in `argv`, the last one winning as in argparse, before
    any parsing."""
    found = None
    tokens = list(argv or ())
    for index, token in enumerate(tokens):
        if token == "--":
            break
        if token == option and index + 1 < len(tokens):
            found = tokens[index + 1]
        elif token.startswith(option + "="):
            found = token.partition("=")[2]
    return found


def peek_lang(argv: Sequence[str] | None) -> str | None:
    """The `--lang` value in `argv`, when it names a language."""
    found = peek_option(argv, "--lang")
    return found if found in ("fr", "en") else None


def _configured_lang(argv: Sequence[str] | None = None) -> str | None:
    """The language of the learner's settings file, if it sets one (problems are the app's business)."""
    try:
        from tutor.settings import load_settings
        from tutor.store.learners import learner_name

        # Settings are per learner: `--learner` (read before parsing), else TUTOR_LEARNER, else login.
        return load_settings(learner=learner_name(peek_option(sys.argv[1:] if argv is None else argv, "--learner")))[0].lang
    except Exception:  # noqa: BLE001 - an unreadable settings file never stops a command
        return None


def cli_lang(value: str | None = None, argv: Sequence[str] | None = None) -> str:
    """The command line's language: `--lang`, else TUTOR_LANG, else the settings file, else the locale, else fr."""
    from tutor.i18n.catalogue import resolve_lang

    configured = None
    if value not in ("fr", "en") and os.environ.get("TUTOR_LANG", "").strip().lower() not in ("fr", "en"):
        configured = _configured_lang(argv)
    return resolve_lang(value, configured=configured)


def args_lang(args: argparse.Namespace) -> str:
    """The language of a parsed command: its `--lang`, else what `cli_lang` finds."""
    return cli_lang(getattr(args, "lang", None))


# -- argparse in the learner's language ----------------------------------------------------------

# argparse's own messages (Python 3.11, gettext msgids) in French. The English texts stay as
# argparse writes them; `translate_argparse` reads a finished English message back through these
# templates, so no gettext catalogue is installed and no argparse internals are patched.
ARGPARSE_FR: dict[str, str] = {
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "un argument attendu",
    "expected at most one argument": "au plus un argument attendu",
    "expected at least one argument": "au moins un argument attendu",
    "expected %s argument": "%s argument attendu",
    "expected %s arguments": "%s arguments attendus",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choix possibles : %(choices)s)",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "argument explicite ignoré : %r",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "unexpected option string: %s": "option inattendue : %s",
    "invalid %(type)s value: %(value)r": "valeur %(type)s invalide : %(value)r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "sous-commande inconnue %(parser_name)r (choix possibles : %(choices)s)",
}
# Words argparse puts in help and usage texts (not errors), by language.
ARGPARSE_WORDS: dict[str, dict[str, str]] = {
    "usage: ": {"fr": "utilisation\u00a0: ", "en": "usage: "},
    "positional arguments": {"fr": "arguments positionnels", "en": "positional arguments"},
    "options": {"fr": "options", "en": "options"},
    "show this help message and exit": {"fr": "afficher cette aide et quitter", "en": "show this help message and exit"},
    "show program's version number and exit": {"fr": "afficher la version et quitter",
                                               "en": "show program's version number and exit"},
}


def _template_pattern(template: str) -> re.Pattern[str]:
    """A regex reading back what `template % values` produced; groups named after the fields."""
    parts = re.split(r"(%\([a-z_]+\)[sr]|%[sr])", template)
    pattern, anonymous = "", 0
    for part in parts:
        field = re.fullmatch(r"%\(([a-z_]+)\)[sr]|%[sr]", part)
        if field is None:
            pattern += re.escape(part)
            continue
        name = field.group(1) or f"_{anonymous}"
        anonymous += field.group(1) is None
        pattern += f"(?P<{name}>.+?)"
    return re.compile(f"^{pattern}$", re.DOTALL)


# Destinations argparse names in its errors ("argument command: invalid choice…").
ARGUMENT_NAMES_FR = {"command": "sous-commande"}

_ARGPARSE_PATTERNS = [(_template_pattern(english), french) for english, french in ARGPARSE_FR.items()]


def translate_argparse(message: str, lang: str) -> str:
    """argparse's English `message` in `lang` (texts it does not know are kept as they are)."""
    if lang != "fr":
        return message
    for pattern, french in _ARGPARSE_PATTERNS:
        match = pattern.match(message)
        if match is None:
            continue
        values = match.groupdict()
        if "message" in values:
            values["message"] = translate_argparse(values["message"], lang)
        if "argument_name" in values:
            values["argument_name"] = ARGUMENT_NAMES_FR.get(values["argument_name"], values["argument_name"])
        anonymous = [values[key] for key in sorted(values) if key.startswith("_")]
        named = {key: value for key, value in values.items() if not key.startswith("_")}
        text = french
        for name, value in named.items():
            text = re.sub(rf"%\({name}\)[sr]", value.replace("\\", "\\\\"), text)
        for value in anonymous:
            text = re.sub(r"%[sr]", value.replace("\\", "\\\\"), text, count=1)
        return text
    return message


def argparse_word(text: str, lang: str) -> str:
    """One of argparse's help words ("usage: ", "options"…) in `lang`."""
    return ARGPARSE_WORDS.get(text, {}).get(lang, text)


class TutorHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with "usage:" in the parser's language (set by `TutorArgumentParser`)."""

    lang = "en"

    def start_section(self, heading: str | None) -> None:
        """A section ("options:"); French puts a no-break space before the colon argparse adds."""
        super().start_section(f"{heading}\u00a0" if heading and self.lang == "fr" else heading)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        if prefix is None:
            prefix = argparse_word("usage: ", self.lang)
        return super()._format_usage(usage, actions, groups, prefix)


class TutorArgumentParser(argparse.ArgumentParser):
    """ArgumentParser in the learner's language whose errors are one clear line and exit code 2.

    `lang` (fr or en) is found by `cli_lang` when not given; sub-command parsers inherit it.
    """

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        self.lang = lang if lang in ("fr", "en") else cli_lang()
        kwargs.setdefault("formatter_class", TutorHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = argparse_word("positional arguments", self.lang)
        self._optionals.title = argparse_word("options", self.lang)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = argparse_word("show this help message and exit", self.lang)

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        formatter.lang = self.lang  # type: ignore[attr-defined]
        return formatter

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Sub-command parsers are TutorArgumentParsers in this parser's language."""
        parser_class = kwargs.get("parser_class", type(self))
        if isinstance(parser_class, type) and issubclass(parser_class, TutorArgumentParser):
            kwargs["parser_class"] = functools.partial(parser_class, lang=self.lang)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error in the parser's language and exit with code 2."""
        from tutor.i18n.catalogue import t

        text = t("cli.parser_error", self.lang, prog=self.prog, message=translate_argparse(message, self.lang))
        self.exit(EXIT_USAGE, text + "\n")


def help_text(lang: str) -> Any:
    """`t` bound to `lang`: the help texts of a parser being built (`h = help_text(lang)`)."""
    from tutor.i18n.catalogue import t

    return functools.partial(t, lang=lang)


def modules_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules `argv` needs (all of them when unsure)."""
    if argv is None:
        return COMMAND_MODULES
    tokens = list(argv)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in ("-h", "--help"):
            return COMMAND_MODULES
        if token in ROOT_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        module = COMMANDS.get(token)
        return ("tutor.cli.app", module) if module else COMMAND_MODULES
    return ("tutor.cli.app",)


def glue_negative_values(argv: Sequence[str]) -> list[str]:
    """`--logits -1,2` → `--logits=-1,2`, so argparse does not take the value for an option."""
    tokens = list(argv)
    glued: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--":
            glued += tokens[index:]
            break
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token in NUMBER_LIST_OPTIONS and following is not None and _NEGATIVE_LIST.fullmatch(following):
            glued.append(f"{token}={following}")
            index += 2
            continue
        glued.append(token)
        index += 1
    return glued


def build_parser(argv: Sequence[str] | None = None, lang: str | None = None) -> TutorArgumentParser:
    """Build the parser with the sub-commands `argv` may use (every one when argv is None).

    The language is `lang`, else `--lang` in argv, else `cli_lang`'s choice.
    """
    from tutor import __version__
    from tutor.i18n.catalogue import t

    lang = lang or cli_lang(peek_lang(argv), argv)
    parser = TutorArgumentParser(prog="tutor", description=t("cli.description", lang), lang=lang)
    parser.add_argument("--version", action="version", version=f"tutor {__version__}",
                        help=argparse_word("show program's version number and exit", lang))
    subparsers = parser.add_subparsers(dest="command", parser_class=TutorArgumentParser,
                                       title=t("cli.commands", lang))
    for module_name in dict.fromkeys(modules_for(argv)):
        importlib.import_module(module_name).register(subparsers, parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tutor` with `argv` (defaults to sys.argv) and return the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    if not argv:
        # `tutor` alone is the most common call: start the app without building the parser
        # (argparse and every sub-command module cost start-up time for nothing).
        from tutor.cli.app import default_namespace, run_app

        args, handler = default_namespace(), run_app
    else:
        argv = glue_negative_values(argv)
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None) or parser.get_default("handler")
    try:
        return int(handler(args))
    except UsageError as error:
        from tutor.i18n.catalogue import t

        print(t("cli.error", args_lang(args), message=error.text(args_lang(args))), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tutor lessons | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line: a crash log and two lines, never a traceback
        from tutor.crash import report_crash

        report_crash(error, args_lang(args), ["tutor", *argv])
        return EXIT_PROBLEMS


def entry_point() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
