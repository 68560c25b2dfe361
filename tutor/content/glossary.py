"""The course's glossary: the French term chosen for each notion, and the forms French text avoids.

The source is `content/glossary.yaml` (shipped in the wheel as `tutor/_content/glossary.yaml`).
It serves twice:

- `tutor validate` warns when a French lesson or bank uses a form listed under `avoid` instead of
  the chosen term (`Glossary.findings`, wired in `tutor.content.style`);
- `docs/glossary.md` is generated from it: `python -m tutor.content.glossary --write` rewrites the
  file, `python -m tutor.content.glossary` prints it, `--check` exits 1 when the file is out of date.

Not reported: code (`…`), URLs, text in « » or in *italics* (the word is mentioned, not used), a
gloss, i.e. an avoided form right at the start of parentheses (« taux d'apprentissage (learning
rate) »), and the expansion of an acronym (« DAPT (domain-adaptive pretraining) »).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tutor.content.problems import Problem
from tutor.content.typography import Finding, masked
from tutor.locations import builtin_glossary

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTRY_KEYS = {"id", "fr", "en", "avoid", "note", "definition"}
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w-])"


@dataclass(frozen=True)
class Term:
    """One notion: the French term used in the course, the English term, forms to avoid in French."""

    id: str
    fr: str
    en: str
    definition_fr: str
    definition_en: str
    avoid: tuple[str, ...] = ()
    note: str = ""


def phrase_pattern(phrase: str) -> str:
    """A regular expression for an `avoid` phrase: whole words, any spacing, plural or `*` ending."""
    prefix = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r"[\s\u00a0\u202f]+".join(re.escape(word) for word in words)
    ending = r"[\w-]*" if prefix else r"(?:e?s|x)?"
    return _LEFT + body + ending + _RIGHT


@dataclass
class Glossary:
    """Every term, and one compiled pattern finding any avoided form (longest forms first)."""

    terms: tuple[Term, ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _owners: dict[str, Term] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        forms = [(phrase, term) for term in self.terms for phrase in term.avoid]
        forms.sort(key=lambda item: -len(item[0]))
        groups = []
        for index, (phrase, term) in enumerate(forms):
            name = f"f{index}"
            self._owners[name] = term
            groups.append(f"(?P<{name}>{phrase_pattern(phrase)})")
        self._pattern = re.compile("|".join(groups), re.IGNORECASE) if groups else None

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def findings(self, text: str) -> list[Finding]:
        """Every avoided form used in the French `text` (Markdown allowed), with the term to use."""
        if self._pattern is None:
            return []
        view = masked(text)
        spared = _spared(view)
        glosses = _gloss_starts(view)
        found = []
        for match in self._pattern.finditer(view):
            start, end = match.span()
            if any(low <= start < high for low, high in spared) or start in glosses:
                continue
            term = self._owners[match.lastgroup or ""]
            found.append(Finding(start, end - start, f"glossary: write « {term.fr} » rather than "
                                                     f"« {text[start:end]} » (docs/glossary.md, term '{term.id}')"))
        return found


_QUOTED = re.compile(r"«[^«»]*»")
# An acronym's expansion in parentheses: « DAPT (domain-adaptive pretraining) », « SFT (supervised fine-tuning) ».
_EXPANSION = re.compile(r"(?<![\w-])[A-Z][\w-]*[A-Z][\w-]*[*_]*[ \u00a0\u202f]*(\([^()]*\))")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)[^*\n]+?(?<!\*)\*(?![*\w])|(?<![_\w])_(?!_)[^_\n]+?(?<!_)_(?![_\w])")


def _spared(view: str) -> list[tuple[int, int]]:
    """Spans where a word is mentioned rather than used: « quoted » and *italic* text, and the
    expansion of an acronym in parentheses."""
    return ([m.span() for m in _QUOTED.finditer(view)] + [m.span() for m in _ITALIC.finditer(view)]
            + [m.span(1) for m in _EXPANSION.finditer(view)])


def _gloss_starts(view: str) -> set[int]:
    """Offsets right after an opening parenthesis (and any `*`, `_`, `«`, quote or space)."""
    starts = set()
    for match in re.finditer(r"\(([\s*_«\"']*)", view):
        starts.add(match.end())
    return starts


class GlossaryError(ValueError):
    """The glossary file is missing or malformed (one message per problem)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def _entry(raw: Any, index: int, located: Any, problems: list[Problem]) -> Term | None:
    where = ("terms", index)
    if not isinstance(raw, dict):
        problems.append(located.problem(where, "glossary: each term is a mapping"))
        return None
    for key in sorted(set(raw) - _ENTRY_KEYS):
        problems.append(located.problem(where + (key,), f"glossary: unknown key {key!r}", key=True))
    texts = {key: raw.get(key) for key in ("id", "fr", "en")}
    for key, value in texts.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(located.problem(where, f"glossary: '{key}' must be a non-empty string"))
            return None
    if not ID.match(raw["id"]):
        problems.append(located.problem(where + ("id",), f"glossary: bad id {raw['id']!r}"))
    definition = raw.get("definition")
    if not isinstance(definition, dict) or not all(isinstance(definition.get(k), str) for k in ("fr", "en")):
        problems.append(located.problem(where, "glossary: 'definition' needs 'fr' and 'en' strings"))
        return None
    avoid = raw.get("avoid", [])
    if not isinstance(avoid, list) or not all(isinstance(a, str) and a.strip("* ") for a in avoid):
        problems.append(located.problem(where + ("avoid",), "glossary: 'avoid' is a list of phrases"))
        return None
    note = raw.get("note", "")
    if not isinstance(note, str):
        problems.append(located.problem(where + ("note",), "glossary: 'note' is a string"))
        note = ""
    return Term(raw["id"], raw["fr"].strip(), raw["en"].strip(), definition["fr"].strip(),
                definition["en"].strip(), tuple(a.strip() for a in avoid), note.strip())


def read_glossary(path: Path) -> Glossary:
    """The glossary in `path`; `GlossaryError` lists what is wrong with it."""
    from tutor.content.yamlsource import load_yaml

    located, problems = load_yaml(path)
    if located is None:
        raise GlossaryError(problems)
    data = located.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError([*problems, located.problem((), "glossary: expected a mapping with a 'terms' list")])
    terms: list[Term] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["terms"]):
        term = _entry(raw, index, located, problems)
        if term is None:
            continue
        if term.id in seen:
            problems.append(located.problem(("terms", index, "id"), f"glossary: duplicate id {term.id!r}"))
        seen.add(term.id)
        terms.append(term)
    chosen = {t.fr.lower(): t.id for t in terms}
    for index, term in enumerate(terms):
        for phrase in term.avoid:
            owner = chosen.get(phrase.rstrip("*").lower())
            if owner is not None:
                problems.append(located.problem(("terms", index, "avoid"),
                                                f"glossary: {phrase!r} is the chosen term of '{owner}'"))
    if problems:
        raise GlossaryError(problems)
    return Glossary(tuple(terms))


@cache
def builtin_glossary_terms() -> Glossary:
    """The shipped glossary (read once)."""
    return read_glossary(builtin_glossary())


# -- docs/glossary.md ---------------------------------------------------------------------------

def markdown(glossary: Glossary) -> str:
    """The glossary as Markdown, sorted by French term (what docs/glossary.md holds)."""
    def key(term: Term) -> str:
        import unicodedata

        return "".join(c for c in unicodedata.normalize("NFD", term.fr.lower()) if not unicodedata.combining(c))

    lines = [
        "# Glossary / Glossaire",
        "",
        ("<!-- Generated from content/glossary.yaml by `python -m tutor.content.glossary --write`: edit the YAML, "
         "not this file. -->"),
        "",
        "The term in the **Français** column is the one the French lessons, banks, lab, simulators and",
        "interface use. `tutor validate` warns when French content uses a form of the **À éviter** column",
        "instead (code, « quoted » or *italic* mentions, and a gloss at the start of parentheses, such as",
        "« taux d'apprentissage (learning rate) », are not reported). See docs/authoring.md.",
        "",
        f"{len(glossary.terms)} terms.",
        "",
        "| Français | English | À éviter en français |",
        "|---|---|---|",
    ]
    ordered = sorted(glossary.terms, key=key)
    for term in ordered:
        avoid = ", ".join(f"« {a} »" for a in term.avoid) or "—"
        lines.append(f"| [{term.fr}](#{term.id}) | {term.en} | {avoid} |")
    lines.append("")
    lines.append("## Definitions / Définitions")
    for term in ordered:
        lines += ["", f'<a id="{term.id}"></a>', "", f"### {term.fr} — {term.en}", "",
                  f"- **FR** : {term.definition_fr}", f"- **EN**: {term.definition_en}"]
        if term.note:
            lines.append(f"- *Note*: {term.note}")
    return "\n".join(lines) + "\n"


def docs_path() -> Path:
    """docs/glossary.md of a source checkout."""
    return Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.content.glossary",
                                     description="Print docs/glossary.md as generated from the glossary YAML.")
    parser.add_argument("--write", action="store_true", help="rewrite docs/glossary.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/glossary.md is out of date")
    parser.add_argument("--source", type=Path, default=None, help="glossary YAML (default: the shipped one)")
    args = parser.parse_args(argv)
    try:
        glossary = read_glossary(args.source) if args.source else builtin_glossary_terms()
    except GlossaryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    text = markdown(glossary)
    target = docs_path()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python -m tutor.content.glossary --write", file=sys.stderr)
            return 1
        return 0
    if args.write:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target} ({len(glossary.terms)} terms)", file=sys.stderr)
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
