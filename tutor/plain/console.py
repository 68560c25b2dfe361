"""Lines in, lines out: wrapping at 80 columns, no emoji nor box drawing, prompts that survive a pipe.

The console never colours anything: right and wrong are said in words. When standard input is not
a terminal (a script, a test), what was read is echoed after its prompt so the transcript reads
like the session did.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import TextIO

WIDTH = 80
KEEP = "\x01"  # in a string to wrap: a space where the line may not break
_GLUE_BEFORE = re.compile(r" ([;:!?»%])")
_GLUE_AFTER = re.compile(r"(?<=«) ")
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # ASCII spaces only: a no-break space stays unbroken

# Typographic symbols with a plain equivalent; emoji and pictographs are dropped (see `plain_chars`).
_REPLACE = {
    "→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "↓": "v", "↑": "^", "•": "-", "◦": "-", "▸": ">",
    "✓": "[OK]", "✔": "[OK]", "✗": "[X]", "✘": "[X]", "\u200d": "", "\u20e3": "",
}


class EndOfInput(Exception):
    """Standard input ended (pipe closed, Ctrl+D) or standard output went away."""


def _plain_char(char: str) -> str:
    if char in _REPLACE:
        return _REPLACE[char]
    code = ord(char)
    if 0x2500 <= code <= 0x257F:  # box drawing
        name = unicodedata.name(char, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    if 0x2580 <= code <= 0x259F:  # block elements (bars)
        return "#"
    if 0xFE00 <= code <= 0xFE0F or 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
        return ""  # variation selectors, emoji, pictographs, dingbats
    if 0x2B00 <= code <= 0x2BFF or 0xE0000 <= code <= 0xE007F:
        return ""
    return char


def _symbols(text: str) -> str:
    return text if text.isascii() else "".join(_plain_char(c) for c in text)


def plain_chars(text: str) -> str:
    """`text` without emoji nor box drawing (they become ASCII or disappear)."""
    return _symbols(text.replace(KEEP, " "))


def wrap(text: str, indent: str = "", hanging: str | None = None, width: int = WIDTH) -> list[str]:
    """`text` wrapped at `width` columns; `hanging` indents the lines after the first."""
    later = indent if hanging is None else hanging
    if not text.strip():
        return [""]
    # French puts a space before ; : ! ? and inside « »: never start a line with one of those.
    # Symbols are replaced before measuring: "→" printed as "->" takes two columns, not one.
    glued = _GLUE_AFTER.sub(KEEP, _GLUE_BEFORE.sub(KEEP + "\\1", _SPACES.sub(" ", _symbols(text.strip()))))
    lines = textwrap.wrap(
        glued, width=width, initial_indent=indent, subsequent_indent=later,
        break_long_words=False, break_on_hyphens=False,
    )
    return [line.replace(KEEP, " ") for line in lines] or [""]


def paragraphs(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """`text` wrapped paragraph by paragraph (blank lines in the text stay)."""
    lines: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        if lines:
            lines.append("")
        lines += wrap(paragraph, indent, width=width)
    return lines


class Console:
    """Where plain mode writes and reads."""

    def __init__(self, stdin: TextIO, stdout: TextIO, width: int = WIDTH) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.width = width
        self.output_broken = False
        try:
            self.echo = not stdin.isatty()
        except (AttributeError, ValueError, OSError):
            self.echo = True

    def write(self, text: str) -> None:
        """Write raw text (emoji and box drawing removed) and flush."""
        text = plain_chars(text)
        try:
            try:
                self.stdout.write(text)
            except UnicodeEncodeError:  # a terminal whose encoding lacks a letter: "?" instead
                encoding = getattr(self.stdout, "encoding", None) or "ascii"
                text = text.translate(_PLAIN_SPACES)  # French no-break spaces: a space, not "?"
                self.stdout.write(text.encode(encoding, "replace").decode(encoding))
            self.stdout.flush()
        except (OSError, ValueError) as error:  # reader gone (broken pipe, hung-up terminal), stream closed
            self.output_broken = True
            raise EndOfInput("output closed") from error

    def lines(self, lines: list[str]) -> None:
        """Write lines already laid out."""
        if lines:
            self.write("\n".join(lines) + "\n")

    def say(self, text: str = "", indent: str = "", hanging: str | None = None) -> None:
        """Write a paragraph, wrapped."""
        self.lines(wrap(text, indent, hanging, self.width))

    def blank(self) -> None:
        """An empty line between two groups of lines."""
        self.write("\n")

    def ask(self, prompt: str) -> str:
        """Show `prompt` and read one line (stripped); raises EndOfInput at the end of the input."""
        lines = wrap(prompt, width=self.width)
        self.write("\n".join(lines) + " ")
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError:
            line = "\ufffd\n"
        except (ValueError, OSError) as error:  # stdin closed under us
            raise EndOfInput("input closed") from error
        if not line:
            self.write("\n")
            raise EndOfInput("end of input")
        text = "".join(c for c in line.strip() if c.isprintable())
        self.write(text + "\n" if self.echo else "")
        return text
