"""Exit codes and the errors every layer may raise on the way to the command line.

Exit codes: 0 success, 1 the command ran and found problems (e.g. invalid content), 2 usage error or
unreadable input, 130 stopped by Ctrl+C (as for any command). No input ever produces a traceback: a
`UsageError` raised anywhere (a bad argument, a learner name that cannot be a file name, an unreadable
input) becomes one line in the learner's language and exit code 2 (see `tutor.cli.main`).

Kept light (no import at all until a message is shown): the command-line parser and the core
packages both use it.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """A bad argument or unreadable input: printed as one line, exit code 2.

    `UsageError("cli.key", value=…)` names a catalogue entry (tutor.i18n.strings.cli) shown in
    the learner's language; any other text is shown as written.
    """

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.key = message
        self.values = values

    def text(self, lang: str) -> str:
        """The message in `lang` (a catalogue key is translated, plain text kept)."""
        from tutor.i18n.catalogue import STRINGS, t

        if self.key in STRINGS:
            return t(self.key, lang, **self.values)
        return self.key

    def __str__(self) -> str:
        return self.text("en")


def shown_value(text: str, limit: int = 40) -> str:
    """A typed value as an error message quotes it: cut to `limit` characters (a 5,000-digit number
    must not become a 5,000-character usage line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
