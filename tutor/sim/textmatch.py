"""Word-based matching of free sentences in French or English, insensitive to case and accents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Frequent words that mark a sentence as French or English; accents count for French too.
FRENCH_WORDS = frozenset(
    "le la les des du de un une et pour avec sur dans est sont que qui mes nos vos leur leurs "
    "au aux ce cette ces en par pas je nous vous ils elles selon entre".split()
)
ENGLISH_WORDS = frozenset(
    "the a an of and for with on in is are that which my our your their to by this these from "
    "into about between whether".split()
)


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
    tokens = words(text)
    french = sum(t in FRENCH_WORDS for t in tokens)
    english = sum(t in ENGLISH_WORDS for t in tokens)
    if any(c in "éèêàùçôîâûëïœ" for c in text.casefold()):
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
