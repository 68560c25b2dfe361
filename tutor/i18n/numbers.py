"""Numbers as a learner reads and types them, in French and in English: the one place for both.

Writing: French puts a decimal comma, a narrow no-break space between thousands (109 483 778) and a
no-break space before `%`; English writes 109,483,778 and 0.75. Every number shown by a screen, the
plain mode, the command line or a generated question goes through `fmt` and its siblings, so no
French screen shows `0.75` and no number is split across two lines.

Reading: `read_number` accepts what the tool itself prints and what people type (decimal comma or
point, spaces of any kind between groups of three digits, the minus sign −, `1e-5`, a trailing unit
or `%`) and refuses ambiguous text (`1.875,5`) with a reason the caller can show.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NNBSP = "\u202f"  # narrow no-break space: French thousands, before ; ! ? and %
NBSP = "\u00a0"  # no-break space: before : and inside « »
MINUS = "\u2212"
_SPACES = (" ", NBSP, NNBSP, "\u2009", "\u2007", "_")

__all__ = [
    "NBSP", "NNBSP", "NumberReading", "fmt", "fmt_int", "fmt_percent", "fmt_sci", "fmt_signed",
    "french_markdown", "french_prose", "french_spacing", "read_number",
]


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    return digits[:head] + "".join(separator + digits[i:i + 3] for i in range(head, len(digits), 3))


def _localise(text: str, lang: str, grouping: bool) -> str:
    """`text` as Python formats it ("-1234.5") in `lang`'s conventions."""
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("-")
    whole, dot, fraction = body.partition(".")
    if grouping and whole.isdigit() and len(whole) > 3:
        whole = _group(whole, NNBSP if lang == "fr" else ",")
    decimal = "," if lang == "fr" else "."
    return sign + whole + (decimal + fraction if dot else "")


def fmt(value: float, lang: str, decimals: int | None = None, *, grouping: bool = True) -> str:
    """`value` in `lang`: fixed `decimals`, or (None) as few as it needs (2, 0.75, 1e-05 stays short).

    inf and nan read "inf" and "nan" (what the reference libraries print), never a traceback.
    """
    if isinstance(value, bool):
        value = int(value)
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("-inf" if value < 0 else "inf")
    if decimals is not None:
        return _localise(f"{value:.{decimals}f}", lang, grouping)
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return _localise(str(int(value)), lang, grouping)
    shown = f"{value:.6g}"
    if "e" in shown:
        return fmt_sci(value, lang)
    return _localise(shown, lang, grouping)


def fmt_int(value: float, lang: str) -> str:
    """A whole number with its thousands separated: 109 483 778 / 109,483,778."""
    return fmt(round(value), lang, 0)


def fmt_sci(value: float, lang: str, digits: int = 3) -> str:
    """Scientific notation with `digits` significant digits: 6,83e15 / 6.83e15, 1e-05 → 1e-5."""
    if not math.isfinite(value):
        return fmt(value, lang)
    mantissa, _, exponent = f"{value:.{max(digits - 1, 0)}e}".partition("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return _localise(mantissa, lang, False) + "e" + str(int(exponent))


def fmt_percent(value: float, lang: str, decimals: int = 1, *, fraction: bool = False) -> str:
    """A percentage: 37,6 % (narrow no-break space) / 37.6%. `fraction=True` reads 0.376 as 37.6 %."""
    shown = fmt(100 * value if fraction else value, lang, decimals)
    return f"{shown}{NNBSP}%" if lang == "fr" else f"{shown}%"


def fmt_signed(value: float, lang: str, decimals: int | None = None) -> str:
    """With an explicit sign: +18,2 / −3 (the minus sign, as typography wants it)."""
    shown = fmt(abs(value), lang, decimals)
    return ("+" if value >= 0 else MINUS) + shown


# -- typography ---------------------------------------------------------------------------------

_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]+([;!?%»])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]+:(?=\s|$)")
_AFTER_GUILLEMET = re.compile(r"«[ \u00a0\u202f]+")


def french_spacing(text: str) -> str:
    """French typography: no-break spaces before ; : ! ? % » and after «, so none starts a line.

    Only spaces already there are made unbreakable: "Note : x" becomes "Note\u00a0: x", "a:b"
    and URLs (https://…) are left alone.
    """
    text = _BEFORE_HIGH.sub(lambda m: (NBSP if m.group(1) == "»" else NNBSP) + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    return _AFTER_GUILLEMET.sub("«" + NBSP, text)


# A number written with spaces between its groups of three digits (109 483 778): one word.
_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d])")
# Code in Markdown (fenced blocks, then inline spans) is left exactly as written.
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)


def french_prose(text: str, lang: str) -> str:
    """Running text as `lang` writes it: in French, no-break spaces before ? : ; ! % and inside « »,
    and between the digit groups of a number, so no line starts with "?" or splits "109 483 778".
    Content written by instructors goes through it where it is shown (full-screen app, plain mode)."""
    if lang != "fr":
        return text
    return french_spacing(_GROUPED.sub(lambda m: m.group(1) + m.group(2).replace(" ", NNBSP), text))


def french_markdown(text: str, lang: str) -> str:
    """`french_prose` for Markdown: code blocks and inline code keep their spaces."""
    if lang != "fr":
        return text
    parts = _CODE.split(text)
    return "".join(part if index % 2 else french_prose(part, lang) for index, part in enumerate(parts))


# -- reading ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NumberReading:
    """What a learner's text says: a value, or why it is not one (`problem`: a catalogue key)."""

    value: float | None
    problem: str | None = None  # number.empty, number.not_a_number, number.ambiguous


_SCIENTIFIC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$")
_UNIT = re.compile(r"^(.*?\d\.?)\s*(%|[^\d\s.,+\-−][^\d]*)$")


def _digits_grouped(parts: list[str]) -> bool:
    """Groups after the first have exactly three digits (1 875 000, 1,875,000)."""
    return bool(parts[0]) and parts[0].isdigit() and len(parts[0]) <= 3 and all(
        len(p) == 3 and p.isdigit() for p in parts[1:])


def read_number(text: str, lang: str = "fr") -> NumberReading:
    """The number in `text`, or the reason there is none.

    Accepted: 0,75 · 0.75 · 1 875 (any space) · 1,875,000 · 1.875.000 · −3 · 1e-5 · 2,5e-5 · 72,7 % ·
    4.0 tokens, and in English 1,875.5. Refused: 1.875,5 (and 1,875.5 in French: which one is the
    decimal mark?), 18 75, letters. One comma before three digits is the decimal mark in French
    (1,875 = 1.875) and a thousands separator in English (1,875 = 1875), as each language's screens
    print them.
    """
    cleaned = text.strip().lower().replace(MINUS, "-").replace("\u2013", "-")
    if not cleaned:
        return NumberReading(None, "number.empty")
    unit = _UNIT.match(cleaned)
    if unit and not re.fullmatch(r"e[+-]?\d*", unit.group(2)) and not _SCIENTIFIC.match(cleaned.replace(",", ".")):
        cleaned = unit.group(1).rstrip()  # "72,7 %", "4.0 tokens", "600 paramètres"
    sign = ""
    if cleaned[:1] in "+-":
        sign, cleaned = cleaned[0], cleaned[1:].lstrip()
    mantissa, e, exponent = cleaned.partition("e")
    if e and not re.fullmatch(r"[+-]?\d+", exponent):
        return NumberReading(None, "number.not_a_number")
    spaced = re.split(r"[ \u00a0\u202f\u2009\u2007_]+", mantissa)
    if len(spaced) > 1:
        if not _digits_grouped(spaced[:-1] + [spaced[-1].split(",")[0].split(".")[0]]):
            return NumberReading(None, "number.not_a_number")
        mantissa = "".join(spaced)
    commas, dots = mantissa.count(","), mantissa.count(".")
    if commas and dots:
        whole, _, _ = mantissa.partition(".")
        if lang == "fr" or "," not in whole or not _digits_grouped(whole.split(",")):
            return NumberReading(None, "number.ambiguous")  # 1.875,5: which one is the decimal mark?
        mantissa = mantissa.replace(",", "")  # English 1,875.5
    for mark in (",", "."):
        count = mantissa.count(mark)
        if count > 1:  # 1,875,000 or 1.875.000: thousands
            if not _digits_grouped(mantissa.split(mark)):
                return NumberReading(None, "number.not_a_number")
            mantissa = mantissa.replace(mark, "")
        elif count == 1 and mark == "," and lang != "fr" and re.fullmatch(r"\d{1,3},\d{3}", mantissa):
            mantissa = mantissa.replace(",", "")  # English 1,875
        elif count == 1:
            mantissa = mantissa.replace(mark, ".")
    candidate = sign + mantissa + (e + exponent if e else "")
    if not _SCIENTIFIC.match(candidate):
        return NumberReading(None, "number.not_a_number")
    value = float(candidate)
    if not math.isfinite(value):  # 1e999
        return NumberReading(None, "number.not_a_number")
    return NumberReading(value)
