"""No-break spaces that do not break: French typography on screen.

French texts put a (narrow) no-break space before `:` `;` `!` `?` `%`, inside « », and between the
digit groups of `109 483 778` (see `tutor.i18n.numbers`), so that no punctuation mark or part of a
number starts a line. Rich and Textual split lines on Python's `\\s`, which counts U+00A0 and
U+202F as white space, so they would break there anyway. Both libraries find words with one
module-level pattern each (`textual._wrap.re_chunk`, `rich._wrap.re_word`); `install` replaces
those two patterns with the same ones minus the no-break spaces. A test wraps a French sentence at
every width and fails if a line starts with one of the guarded marks, and fails too if a new
version of either library renames the pattern (then this module must follow it).
"""

from __future__ import annotations

import re

from tutor.ui.textual_private import set_wrap_patterns, wrap_patterns

NO_BREAK = "\u00a0\u202f\u2007"  # no-break, narrow no-break and figure spaces
_SPACE = rf"[^\S{NO_BREAK}]"  # white space where a line may break
_WORD = rf"[\S{NO_BREAK}]"  # anything else, the no-break spaces included

TEXTUAL_CHUNK = re.compile(rf"{_WORD}+{_SPACE}*|{_SPACE}+")
RICH_WORD = re.compile(rf"{_SPACE}*{_WORD}+{_SPACE}*")


def install() -> None:
    """Make Textual's and Rich's line wrapping keep no-break spaces (idempotent)."""
    set_wrap_patterns(TEXTUAL_CHUNK, RICH_WORD)


def installed() -> bool:
    """Whether both libraries wrap with our patterns."""
    return wrap_patterns() == (TEXTUAL_CHUNK, RICH_WORD)
