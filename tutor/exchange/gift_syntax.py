"""GIFT's lexical rules, shared by its reader and writer: escapes, text formats, answer weights, numbers.

Moodle (question/format/gift/format.php) replaces the escapes `\\: \\# \\= \\{ \\} \\~ \\n` by placeholders
before it looks for the syntax, and puts the characters back in each text it keeps; `\\\\` is one
backslash, any other backslash stays as written. The reader does the same with Unicode noncharacters as
placeholders (they never occur in a text file), so an escaped brace is never taken for an answer list.
"""

from __future__ import annotations

import re

# Escaped character → placeholder. U+FDD0…U+FDEF are noncharacters: no text holds them.
_ESCAPED = {":": "\ufdd0", "#": "\ufdd1", "=": "\ufdd2", "{": "\ufdd3", "}": "\ufdd4", "~": "\ufdd5",
            "n": "\ufdd6"}
_RESTORED = {placeholder: ("\n" if char == "n" else char) for char, placeholder in _ESCAPED.items()}
_PLACEHOLDER = re.compile("[" + "".join(_RESTORED) + "]")

#: GIFT's text formats (`[html]…`) and the name `html.read_text` knows each one by.
FORMATS = {"html": "html", "moodle": "moodle", "plain": "plain_text", "markdown": "markdown"}
#: A text without a format is Moodle's "auto format": HTML whose line breaks count.
DEFAULT_FORMAT = "moodle"

# A weight at the start of an answer: `%50%`, `%-33.33333%`, `%100%` (Moodle: giftanswerweightregex).
_WEIGHT = re.compile(r"%(-?\d{1,3}(?:\.\d*)?)%")
#: A number as PHP's is_numeric takes it, without PHP's hexadecimal or spaces.
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# PHP's trim(): not Python's, which would also take a no-break space off a French text.
_BLANKS = " \t\n\r\x00\x0b"


def trim(text: str) -> str:
    """`text` without the white space PHP's trim() removes (a no-break space stays)."""
    return text.strip(_BLANKS)


def protect(line: str) -> str:
    """`line` with its escapes made into placeholders, so that only GIFT's own syntax is left to find."""
    out: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        following = line[index + 1] if index + 1 < len(line) else ""
        if char == "\\" and following == "\\":
            out.append("\\")
            index += 2
        elif char == "\\" and following in _ESCAPED:
            out.append(_ESCAPED[following])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def restore(text: str) -> str:
    """A protected text with its escaped characters back (`\\n` as a line break)."""
    return _PLACEHOLDER.sub(lambda match: _RESTORED[match.group()], text)


def split_format(text: str, default: str) -> tuple[str, str]:
    """A protected text's format (`[html]…`, else `default`) and the text after it, as Moodle reads them.

    Only a known format name counts: `[CLS] token` is a text in the default format.
    """
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMATS:
            return text[1:end], text[end + 1:]
    return default, text


def escape(text: str) -> str:
    """`text` as GIFT writes it: `\\ ~ = # { } :` escaped, line breaks as `\\n` (Moodle's repchar)."""
    out = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        out = out.replace(char, "\\" + char)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def number(text: str) -> float | None:
    """A number written in a GIFT file, or None when it is not one."""
    text = trim(text)
    return float(text) if NUMBER.fullmatch(text) else None


def split_marked(text: str, start: int, markers: str) -> list[tuple[str, str, int]]:
    """`text` cut before each marker character (`~`, `=`): (marker, what follows it, its offset from
    `start`); the first part's marker is "" (what comes before any marker)."""
    parts: list[tuple[str, str, int]] = []
    marker, begin = "", 0
    for index, char in enumerate(text):
        if char in markers:
            parts.append((marker, text[begin:index], start + begin))
            marker, begin = char, index + 1
    parts.append((marker, text[begin:], start + begin))
    return parts


def weighed(answer: str) -> tuple[float | None, str]:
    """An answer's `%weight%` as a fraction (None when it has none) and the answer after it."""
    answer = trim(answer)
    match = _WEIGHT.match(answer)
    if match is None:
        return None, answer
    return float(match.group(1)) / 100, answer[match.end():]
