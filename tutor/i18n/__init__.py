"""The interface's languages (French and English): which one is chosen, and its words and numbers.

catalogue (`resolve_lang`, `t`, `STRINGS`: the language choice and the catalogue of the interface's
words) · strings/ (the catalogue's entries, one file per area of the interface) · numbers (numbers
written as each language writes them: `fmt`, `fmt_percent`, French spacing) · keynames (key names
as a learner reads them, in each language).

Importing this package imports nothing: import the submodules (`from tutor.i18n.catalogue import t`).
"""
