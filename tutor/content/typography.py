"""French typography of content text: what `tutor validate` reports in French lessons and banks.

`french_findings(text)` lists, for one text of a French file (a Markdown block, a prompt, a table
cell...), every place where the French rules are not followed:

- a space before `;` `:` `!` `?` (`Note:` → `Note :`); the screens make it unbreakable, so a plain
  space is enough in YAML (a no-break or narrow no-break space is accepted too);
- spaces inside « »: `«mot»` → `« mot »`;
- a space before `%`: `10%` → `10 %`;
- a decimal comma in prose: `0.5` → `0,5`;
- thousands separated by a space: `10,000` or `10000` → `10 000`.

Code is never checked: fenced blocks, inline code (`…`), URLs and Markdown link targets are left
out, and so are numbers that belong to a name or a version (`Llama-3.1-8B`, `Qwen2.5`, `v1.1`,
`SQuAD 2.0`, `1.2.3`, `2.5e-5`, `top_p=0.9`). Each finding is an offset and a length in the text
given, and a message in English (as every problem `tutor validate` prints).

Pure functions on strings: no YAML, no files (see `tutor.content.style` for where the texts come from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = " \u00a0\u202f\u2009\t\n"  # what counts as a space before high punctuation or inside « »
_MASK = "x"


@dataclass(frozen=True)
class Finding:
    """One place in a text that breaks a rule: `offset` and `length` in the text, and why."""

    offset: int
    length: int
    message: str


# Left out of every check: code (fenced, then inline), URLs and autolinks, Markdown link targets.
_SKIPPED = re.compile(
    r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)"  # fenced code, even unterminated
    r"|`[^`\n]*`"  # inline code
    r"|<[a-z][a-z0-9+.-]*:[^>\s]*>"  # <https://…> autolinks
    r"|\b(?:https?|ftp)://[^\s<>»)\]]+|\bwww\.[^\s<>»)\]]+"  # bare URLs
    r"|\]\([^)\s]*\)",  # the target of [label](target)
    re.DOTALL | re.IGNORECASE,
)


def masked(text: str) -> str:
    """`text` with code, URLs and link targets replaced by as many letters (offsets are kept)."""
    return _SKIPPED.sub(lambda m: "](" + _MASK * (len(m.group()) - 3) + ")" if m.group().startswith("](")
                        else _MASK * len(m.group()), text)


# -- high punctuation and guillemets ------------------------------------------------------------

# ; ! ? and : glued to the word before them. What follows must end the word (space, end, closing
# mark) so that `a;b`, `1:20`, `std::map`, `![image]`, `!=` and `?q=` are not prose punctuation.
_GLUED = re.compile(r"(?<=[^\s\u00a0\u202f(\[;:!?«/\\])([;:!?])(?=[\s\u00a0\u202f)\]»*_\"'.,!?]|$)")
_OPENING = re.compile(r"«(?=[^\s\u00a0\u202f»])")
_CLOSING = re.compile(r"(?<=[^\s\u00a0\u202f«])»")
_PERCENT = re.compile(r"(?<=\d)%")


def _punctuation(text: str, view: str) -> list[Finding]:
    found = []
    for match in _GLUED.finditer(view):
        mark = match.group(1)
        start = match.start(1)
        words = text[max(0, start - 24):start].split()
        before = words[-1].lstrip("*_([«\"'") if words else ""
        found.append(Finding(start, 1, f"French typography: a space before '{mark}' "
                                       f"(\"{before}{mark}\" → \"{before} {mark}\")"))
    for match in _OPENING.finditer(view):
        found.append(Finding(match.start(), 1, "French typography: a space after '«' (« mot »)"))
    for match in _CLOSING.finditer(view):
        found.append(Finding(match.start(), 1, "French typography: a space before '»' (« mot »)"))
    for match in _PERCENT.finditer(view):
        found.append(Finding(match.start(), 1, "French typography: a space before '%' (10 %)"))
    return found


# -- numbers ------------------------------------------------------------------------------------

_DOTTED = re.compile(r"\d+(?:\.\d+)+")
_COMMAS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d])")
_LONG = re.compile(r"\d{5,}")
# Names whose version follows after a space ("Python 3.11", "Llama 3.1", "transformers 4.46").
# Words with a capital after their first letter (SQuAD, CamemBERT, GPT, OLMo) count as names too.
VERSIONED_NAMES = frozenset({
    "python", "llama", "qwen", "gemma", "mistral", "mixtral", "phi", "claude", "falcon", "bloom", "lucie",
    "transformers", "torch", "pytorch", "numpy", "peft", "trl", "cuda", "version", "versions", "v",
    "unicode", "yaml", "textual", "pyyaml", "sacrebleu", "release",
})
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)[ \u00a0\u202f]+$")


def _is_name(word: str) -> bool:
    return word.lower() in VERSIONED_NAMES or any(char.isupper() for char in word[1:])


def _attached(view: str, start: int, end: int) -> bool:
    """Whether the number at view[start:end] is part of a name, a path, code or an identifier."""
    before = view[start - 1] if start else " "
    after = view[end] if end < len(view) else " "
    if before.isalnum() or before in "_./=:§#@\\$^~&|":
        return True
    if before == "-" and start >= 2 and (view[start - 2].isalnum() or view[start - 2] in "._"):
        return True  # Llama-3.1, gpt-3.5, T5-3B
    if after.isalpha() or after in "_/=@":
        return True  # 1.5B, 2.5e-5, 3.5x
    if after in ".," and end + 1 < len(view) and view[end + 1].isdigit():
        return True
    words = _WORD_BEFORE.search(view[max(0, start - 40):start])
    return words is not None and _is_name(words.group(1))


def _numbers(view: str) -> list[Finding]:
    found = []
    for match in _DOTTED.finditer(view):
        start, end = match.span()
        text = match.group()
        if text.count(".") > 1 or _attached(view, start, end):
            continue  # 1.2.3, versions, model names, code
        if re.fullmatch(r"\d{4}\.\d{4,5}", text):
            continue  # an arXiv number
        found.append(Finding(start, end - start, f"French typography: a decimal comma in prose "
                                                 f"({text} → {text.replace('.', ',')}; code goes in `backticks`)"))
    for match in _COMMAS.finditer(view):
        start, end = match.span()
        text = match.group()
        groups = text.split(",")
        # 0,125 and 1,875 are French decimals, and so is 3,000 among other numbers; "10,000 exemples"
        # (a noun after it) is an English thousands separator.
        counted = re.match(r"[ \u00a0\u202f]+[^\W\d_]", view[end:end + 2]) is not None
        if (groups[0] == "0" or (len(groups) == 2 and not (groups[1] == "000" and counted))
                or _attached(view, start, end)):
            continue
        found.append(Finding(start, end - start, f"French typography: thousands are separated by a space "
                                                 f"({text} → {text.replace(',', ' ')})"))
    for match in _LONG.finditer(view):
        start, end = match.span()
        if _attached(view, start, end):
            continue
        text = match.group()
        grouped = _group(text)
        found.append(Finding(start, end - start,
                             f"French typography: thousands are separated by a space ({text} → {grouped})"))
    return found


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return digits[:head] + "".join(" " + digits[i:i + 3] for i in range(head, len(digits), 3))


def french_findings(text: str) -> list[Finding]:
    """Every place of `text` (French prose, Markdown allowed) that breaks French typography, in order."""
    view = masked(text)
    return sorted(_punctuation(text, view) + _numbers(view), key=lambda f: (f.offset, f.message))
