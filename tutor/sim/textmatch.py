"""Word-based matching of free sentences in French or English, insensitive to case and accents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Frequent words that mark a sentence as French or English. Counted on the lower-cased text with
# its accents (so "à" stays French and never reads as the English "a"); accents count too.
FRENCH_WORDS = frozenset([
    "le", "la", "les", "l", "d", "des", "du", "de", "un", "une", "et", "ou", "pour", "avec", "sur", "dans", "est",
    "sont", "que", "qui", "mes", "nos", "vos", "notre", "votre", "leur", "leurs", "au", "aux", "ce", "cette", "ces",
    "en", "par", "pas", "je", "nous", "vous", "ils", "elles", "selon", "entre", "à", "vers", "chez",
])
ENGLISH_WORDS = frozenset([
    "the", "a", "an", "of", "and", "or", "for", "with", "on", "in", "is", "are", "that", "which", "my", "our", "your",
    "their", "to", "by", "this", "these", "from", "into", "about", "between", "whether", "as",
])

# Numbers written as words, for "en trois classes" / "into five categories".
FRENCH_NUMBERS = ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze")
ENGLISH_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
NUMBER_WORDS: dict[str, int] = {
    **{word: value for value, word in enumerate(FRENCH_NUMBERS, start=1)},
    **{word: value for value, word in enumerate(ENGLISH_NUMBERS, start=1)},
}


def normalise(text: str) -> str:
    """Lower-case, accents removed, every non-alphanumeric run turned into one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", bare))


def words(text: str) -> list[str]:
    """The normalised words of `text`."""
    return normalise(text).split()


def sentence_language(text: str) -> str:
    """"fr" or "en": which language the sentence looks written in (English on a tie)."""
    folded = text.casefold()
    tokens = re.findall(r"\w+", folded)
    french = sum(t in FRENCH_WORDS for t in tokens)
    english = sum(t in ENGLISH_WORDS for t in tokens)
    if any(c in "éèêàùçôîâûëïœ" for c in folded):
        french += 1
    return "fr" if french > english else "en"


def find_patterns(text: str, patterns: Iterable[str]) -> list[str]:
    """The words of `text` matched by `patterns` (regexes over the normalised text, word-bounded).

    A pattern matches whole words: r"courriels?" matches "courriel" and "Courriels" but not
    "courrielleur". Each pattern contributes the text it matched, once.
    """
    normalised = normalise(text)
    found: list[str] = []
    for pattern in patterns:
        match = re.search(rf"\b(?:{pattern})\b", normalised)
        if match and match.group(0) not in found:
            found.append(match.group(0))
    return found


def find_spans(text: str, patterns: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, words) of each pattern's first match in the normalised text (see `find_patterns`).

    `words` is the matched part of `text` as written ("Résumer", "e-mails") when it can be traced
    back, else the normalised words.
    """
    normalised = normalise(text)
    tokens = _tokens(text, normalised)
    found = []
    for pattern in patterns:
        match = re.search(rf"\b(?:{pattern})\b", normalised)
        if match:
            found.append((match.start(), match.end(), _as_written(text, tokens, match) or match.group(0)))
    return found


def _tokens(text: str, normalised: str) -> list[tuple[int, int, int]] | None:
    """(offset in the normalised text, start, end in `text`) of each word, or None if they do not line up."""
    tokens: list[tuple[int, int, int]] = []
    offset = 0
    for word in re.finditer(r"[^\W_]+", text):
        for part in normalise(word.group(0)).split():
            tokens.append((offset, word.start(), word.end()))
            offset += len(part) + 1
    return tokens if offset - 1 == len(normalised) or (not tokens and not normalised) else None


def _as_written(text: str, tokens: list[tuple[int, int, int]] | None, match: re.Match[str]) -> str:
    if not tokens:
        return ""
    inside = [(start, end) for offset, start, end in tokens if match.start() <= offset < match.end()]
    return text[inside[0][0]:inside[-1][1]] if inside else ""


def positions(text: str, patterns: dict[str, str]) -> list[tuple[int, str]]:
    """Every (offset in the normalised text, key) where a pattern of `patterns` matches, in order."""
    normalised = normalise(text)
    found = [
        (match.start(), key)
        for key, pattern in patterns.items()
        for match in re.finditer(rf"\b(?:{pattern})\b", normalised)
    ]
    return sorted(found)


def count_before(text: str, nouns: Iterable[str]) -> int | None:
    """The number written just before one of `nouns` ("en 5 catégories" → 5, "three labels" → 3).

    Digits or number words; None when the sentence gives no such count.
    """
    numbers = "|".join([r"\d{1,5}", *NUMBER_WORDS])
    match = re.search(rf"\b({numbers}) (?:{'|'.join(nouns)})\b", normalise(text))
    if match is None:
        return None
    value = match.group(1)
    return int(value) if value.isdigit() else NUMBER_WORDS[value]
