"""French no-break spaces hold on screen: Rich and Textual never start a line with `%`, `:`, `?`."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text
from textual.content import Content

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt, fmt_percent, french_spacing
from tutor.ui import nobreak

SENTENCE = french_spacing(t("quiz.clock_deadline", "fr", minutes=60) + " Exactitude : " + fmt_percent(98.7, "fr") + \
    " avant, " + fmt(109483778, "fr") + " paramètres ; « bien » ? Oui !")
GUARDED = re.compile(r"^\s*[%:;!?»]")


def _lines_rich(width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    return [line.plain for line in Text(SENTENCE).wrap(console, width)]


def _lines_textual(width: int) -> list[str]:
    return [line.plain for line in Content(SENTENCE).wrap(width)]


def test_no_line_starts_with_a_guarded_mark_at_any_width() -> None:
    nobreak.install()
    assert nobreak.installed()
    for width in range(12, 90):
        for lines in (_lines_rich(width), _lines_textual(width)):
            assert not [line for line in lines[1:] if GUARDED.match(line)], (width, lines)
            assert any(fmt(109483778, "fr") in line for line in lines), (width, lines)  # one number, one line


def test_ordinary_spaces_still_break() -> None:
    nobreak.install()
    assert len(_lines_textual(20)) > 3 and len(_lines_rich(20)) > 3
