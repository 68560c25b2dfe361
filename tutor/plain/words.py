"""The words of plain mode: keys "plain.<name>" of the catalogue (`tutor.i18n.strings.plain`)."""

from __future__ import annotations

from tutor.i18n.catalogue import t


def w(key: str, lang: str, **values: object) -> str:
    """The plain-mode string `key` ("plain." + key in the catalogue) in `lang`, with `values` substituted.

    Plural forms are chosen by `count`; numbers are written in `lang` and French gets its no-break
    spaces, as for every catalogue string (`tutor.i18n.catalogue.translate`).
    """
    return t("plain." + key, lang, **values)


def colon(lang: str) -> str:
    """A colon as each language writes it before a value ("Tip: x", "Astuce\u00a0: x")."""
    return "\u00a0: " if lang == "fr" else ": "
