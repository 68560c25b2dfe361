"""argparse in the learner's language: its messages, its help words, and one-line errors (exit 2).

`TutorArgumentParser` carries the language chosen by `tutor.cli.lang` to every sub-command's
parser; argparse's own words ("usage:", "options", "expected one argument"…) are translated by
reading its finished English messages back (no gettext catalogue, no argparse internals patched).
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Iterable
from typing import Any, NoReturn

from tutor.cli.lang import cli_lang
from tutor.errors import EXIT_USAGE


def option_for(field: str, options: Iterable[tuple[str, ...]]) -> str:
    """The command-line option that sets `field`, from (option, dest, help…) tuples."""
    for option, dest, *_ in options:
        if dest == field:
            return option
    return "--" + field.replace("_", "-")


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
    "show this help message and exit": {"fr": "afficher cette aide et quitter",
                                        "en": "show this help message and exit"},
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
        formatter.lang = self.lang  # type: ignore[attr-defined]  # our formatter class reads it
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
