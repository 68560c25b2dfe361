"""Load lesson modules from YAML into the content model, and check them.

`load_course` reads the built-in lessons and any extra content directories; every problem is a
`Problem` (file, line, column, message), never an exception. Checks that need several files —
id collisions, translations that differ, links between modules — run on the whole set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.content.files import yaml_files
from tutor.content.model import (
    BLOCK_CLASSES,
    Block,
    Card,
    CardsBlock,
    Course,
    FlowBlock,
    KeyPointsBlock,
    MarkdownBlock,
    Module,
    NavHint,
    Section,
    Step,
    TableBlock,
)
from tutor.content.problems import Problem
from tutor.content.schema import check_object
from tutor.content.simulators import SIMULATORS
from tutor.content.yamlsource import Located, load_yaml
from tutor.locations import display_path
from tutor.safety import clean_text

LINK_PATTERN = re.compile(r"\]\(#([^)\s]+)\)")


@dataclass
class LoadResult:
    """A course and every problem met while loading it."""

    course: Course
    problems: list[Problem] = field(default_factory=list)
    located: dict[tuple[str, str], Located] = field(default_factory=dict)


def _is_wide_symbol(char: str) -> bool:
    return char in "\ufe0f\u200d" or (
        unicodedata.category(char) == "So" and unicodedata.east_asian_width(char) == "W"
    )


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str) else str(value)


def _build_block(raw: dict[str, Any]) -> Block:
    kind = raw["kind"]
    common = {"id": raw["id"], "title": raw.get("title")}
    if kind == "table":
        return TableBlock(
            **common,
            header=tuple(_text(cell) for cell in raw["header"]),
            rows=tuple(tuple(_text(cell) for cell in row) for row in raw["rows"]),
            caption=raw.get("caption"),
        )
    if kind == "flow":
        steps = tuple(Step(s["title"], s["text"].strip()) for s in raw["steps"])
        return FlowBlock(**common, steps=steps)
    if kind == "cards":
        cards = tuple(
            Card(c["id"], c.get("icon"), c["title"], c["text"].strip()) for c in raw["cards"]
        )
        return CardsBlock(**common, cards=cards)
    if kind == "keypoints":
        return KeyPointsBlock(**common, points=tuple(p.strip() for p in raw["points"]))
    if kind == "markdown":
        return MarkdownBlock(**common, text=raw["text"].strip())
    fields = {k: v for k, v in raw.items() if k not in ("id", "kind", "title")}
    if "text" in fields:
        fields["text"] = fields["text"].strip()
    return BLOCK_CLASSES[kind](**common, **fields)


def _nav(raw: dict[str, Any] | None) -> NavHint | None:
    return None if raw is None else NavHint(raw["title"], raw.get("module"))


def build_module(located: Located) -> Module:
    """Turn structurally valid data (see `check_module_file`) into a `Module`."""
    raw = located.data
    sections = tuple(
        Section(s["id"], s["title"], tuple(_build_block(b) for b in s["blocks"]))
        for s in raw["sections"]
    )
    return Module(
        id=raw["id"],
        lang=raw["lang"],
        number=raw["number"],
        title=raw["title"],
        subtitle=raw.get("subtitle", ""),
        sections=sections,
        previous=_nav(raw.get("previous")),
        next=_nav(raw.get("next")),
        source=located.path,
    )


def _file_checks(located: Located) -> list[Problem]:
    """Checks inside one structurally valid file: unique ids, table shapes, icons, simulators."""
    problems: list[Problem] = []
    seen: dict[str, tuple[Any, ...]] = {}

    def claim(identifier: str, where: tuple[Any, ...]) -> None:
        if identifier in seen:
            first = located.mark(seen[identifier])
            problems.append(
                located.problem(where, f"duplicate id {identifier!r} (first used at line {first.line})")
            )
        else:
            seen[identifier] = where

    def no_emoji(text: str, where: tuple[Any, ...], what: str) -> None:
        if any(_is_wide_symbol(char) for char in text):
            problems.append(located.problem(where, f"no emoji in {what}: terminals disagree on their width"))

    for s_index, section in enumerate(located.data["sections"]):
        s_where = ("sections", s_index)
        claim(section["id"], s_where + ("id",))
        no_emoji(section["title"], s_where + ("title",), "section titles")
        for b_index, block in enumerate(section["blocks"]):
            b_where = s_where + ("blocks", b_index)
            claim(block["id"], b_where + ("id",))
            if isinstance(block.get("title"), str):
                no_emoji(block["title"], b_where + ("title",), "block titles")
            if block["kind"] == "table":
                width = len(block["header"])
                for r_index, row in enumerate(block["rows"]):
                    if len(row) != width:
                        problems.append(located.problem(
                            b_where + ("rows", r_index),
                            f"row has {len(row)} cells, the header has {width}",
                        ))
                for r_index, row in enumerate([block["header"], *block["rows"]]):
                    for cell in row:
                        where = b_where + (("header",) if r_index == 0 else ("rows", r_index - 1))
                        no_emoji(str(cell), where, "tables")
            elif block["kind"] == "cards":
                for c_index, card in enumerate(block["cards"]):
                    c_where = b_where + ("cards", c_index)
                    claim(card["id"], c_where + ("id",))
                    icon = card.get("icon")
                    if isinstance(icon, str) and (len(icon) != 1 or not _is_wide_symbol(icon)):
                        problems.append(located.problem(
                            c_where + ("icon",),
                            "an icon is one emoji, without variation selector or joiner",
                        ))
            elif block["kind"] == "simulator" and block["simulator"] not in SIMULATORS:
                known = ", ".join(SIMULATORS)
                problems.append(located.problem(
                    b_where + ("simulator",), f"unknown simulator {block['simulator']!r} ({known})"
                ))
    return problems


def check_module_file(located: Located) -> list[Problem]:
    """Every problem of one lesson file taken alone (structure first, then content rules)."""
    problems = check_object(located, (), located.data, "module")
    return problems or _file_checks(located)


def _link_line(located: Located, where: tuple[Any, ...], text: str, offset: int) -> tuple[int, int]:
    mark = located.mark(where)
    newlines = text.count("\n", 0, offset)
    if where in located.block_scalars:
        return mark.line + 1 + newlines, 1
    return mark.line + newlines, mark.column if newlines == 0 else 1


def _text_fields(raw: dict[str, Any]) -> Iterable[tuple[tuple[Any, ...], str]]:
    for s_index, section in enumerate(raw["sections"]):
        for b_index, block in enumerate(section["blocks"]):
            where = ("sections", s_index, "blocks", b_index)
            for key in ("text",):
                if key in block:
                    yield where + (key,), block[key]
            for p_index, point in enumerate(block.get("points", [])):
                yield where + ("points", p_index), point
            for c_index, card in enumerate(block.get("cards", [])):
                yield where + ("cards", c_index, "text"), card["text"]
            for t_index, step in enumerate(block.get("steps", [])):
                yield where + ("steps", t_index, "text"), step["text"]


def _cross_checks(modules: dict[tuple[str, str], Module], located: dict[tuple[str, str], Located]) -> list[Problem]:
    """Checks across files: translations that differ, links and navigation to unknown places."""
    problems: list[Problem] = []
    sections_of = {module_id: {s.id for s in m.sections} for (module_id, _), m in modules.items()}
    for key, module in modules.items():
        source = located[key]
        for where, text in _text_fields(source.data):
            for match in LINK_PATTERN.finditer(text):
                target = match.group(1)
                module_id, _, section_id = target.rpartition("/")
                module_id = module_id or module.id
                if section_id not in sections_of.get(module_id, set()):
                    line, column = _link_line(source, where, text, match.start())
                    problems.append(Problem(source.path, line, column, f"broken link '#{target}': no such section"))
        for nav_key in ("previous", "next"):
            nav = getattr(module, nav_key)
            if nav is not None and nav.module is not None and nav.module not in sections_of:
                problems.append(source.problem((nav_key, "module"), f"unknown module {nav.module!r}"))
        other_lang = "en" if module.lang == "fr" else "fr"
        other = modules.get((module.id, other_lang))
        if other is not None:
            problems += _translation_problems(module, other, source)
    return problems


def _shape(block: Block) -> tuple[Any, ...]:
    if isinstance(block, CardsBlock):
        return (block.kind, tuple(c.id for c in block.cards))
    if isinstance(block, FlowBlock):
        return (block.kind, len(block.steps))
    if isinstance(block, TableBlock):
        return (block.kind, len(block.header), len(block.rows))
    return (block.kind,)


def _translation_problems(module: Module, other: Module, source: Located) -> list[Problem]:
    """Sections and blocks of `module` that `other` (its translation) lacks or shapes differently."""
    problems: list[Problem] = []
    other_sections = {s.id: s for s in other.sections}
    for s_index, section in enumerate(module.sections):
        counterpart = other_sections.get(section.id)
        where = ("sections", s_index)
        if counterpart is None:
            problems.append(source.problem(
                where, f"section {section.id!r} has no {other.lang} translation in {other.source}"
            ))
            continue
        mine = [(b.id, _shape(b)) for b in section.blocks]
        theirs = [(b.id, _shape(b)) for b in counterpart.blocks]
        if mine != theirs:
            problems.append(source.problem(
                where + ("blocks",),
                f"section {section.id!r}: blocks differ from the {other.lang} translation "
                f"in {other.source} (same ids, kinds, cards, steps and table shape expected)",
            ))
    return problems


def build_course(files: Sequence[Located]) -> LoadResult:
    """Check lesson files already read and build the course from the valid ones."""
    result = LoadResult(Course())
    for located in files:
        file_problems = check_module_file(located)
        result.problems += file_problems
        if file_problems:
            continue
        module = build_module(located)
        key = (module.id, module.lang)
        if key in result.course.modules:
            first = result.course.modules[key].source
            result.problems.append(located.problem(
                ("id",), f"module {module.id!r} ({module.lang}) is already defined in {first}"
            ))
            continue
        result.course.modules[key] = module
        result.located[key] = located
    result.problems += _cross_checks(result.course.modules, result.located)
    result.problems.sort()
    return result


def read_files(paths: Sequence[Path]) -> tuple[list[Located], list[Problem]]:
    """Read every YAML file under `paths`; files that cannot be parsed, and directories that cannot
    be listed (their modules would be missing without a word), become problems."""
    files: list[Located] = []
    unreadable: list[tuple[Path, str]] = []
    found_files = yaml_files(paths, unreadable)
    problems = [
        Problem(clean_text(display_path(directory)), 1, 1, f"cannot read directory: {reason}")
        for directory, reason in unreadable
    ]
    for path in found_files:
        # A file name is the instructor's text too: no terminal control reaches the screen through it.
        located, found = load_yaml(path, clean_text(display_path(path)))
        problems += found
        if located is not None:
            files.append(located)
    return files, problems


def load_course(paths: Sequence[Path]) -> LoadResult:
    """Load every lesson file under `paths` into a course; problems are collected, not raised."""
    files, problems = read_files(paths)
    result = build_course(files)
    result.problems = sorted(problems + result.problems)
    return result
