"""Loading and validating lesson modules: good content, and each kind of bad content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import MINIMAL_MODULE
from tutor.content.lessons import load_course
from tutor.content.model import (
    CalloutBlock,
    CardsBlock,
    FlowBlock,
    KeyPointsBlock,
    MarkdownBlock,
    SimulatorBlock,
    TableBlock,
)
from tutor.locations import builtin_dir

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lessons"

MINIMAL = MINIMAL_MODULE

WriteYaml = Callable[[str, str], Path]


def problems_of(*paths: Path) -> list[str]:
    return [str(p) for p in load_course(list(paths)).problems]


def test_builtin_lessons_are_valid_in_both_languages() -> None:
    result = load_course([builtin_dir("lessons")])
    assert result.problems == []
    fr = result.course.module("fine-tuning", "fr")
    en = result.course.module("fine-tuning", "en")
    assert fr is not None and en is not None and fr.lang == "fr" and en.lang == "en"
    assert fr.number == 7
    assert [s.id for s in fr.sections] == [s.id for s in en.sections]
    assert len(fr.sections) >= 6
    kinds = {block.kind for section in fr.sections for block in section.blocks}
    assert {"markdown", "callout", "table", "flow", "cards", "keypoints", "simulator"} <= kinds
    strategies = next(b for s in fr.sections for b in s.blocks if isinstance(b, CardsBlock) and len(b.cards) == 6)
    assert [c.id for c in strategies.cards] == [
        "full-fine-tuning", "feature-extraction", "lora", "gradual-unfreezing", "differential-lr", "adapters",
    ]
    assert fr.previous is not None and fr.previous.title == "Architecture GPT"
    assert fr.next is not None and fr.next.title == "Applications"


def test_fixture_module_builds_every_block_kind() -> None:
    result = load_course([FIXTURES, builtin_dir("lessons")])
    assert result.problems == []
    demo = result.course.module("demo", "fr")
    assert demo is not None
    blocks = [b for s in demo.sections for b in s.blocks]
    assert [type(b) for b in blocks] == [
        MarkdownBlock, CalloutBlock, TableBlock, FlowBlock, CardsBlock, KeyPointsBlock, SimulatorBlock,
    ]
    table = blocks[2]
    assert isinstance(table, TableBlock) and table.rows == (("A", "10"), ("B", "des milliers"))
    assert demo.next is not None and demo.next.module == "fine-tuning"


def test_language_fallback_when_a_module_exists_in_one_language(write_yaml: WriteYaml) -> None:
    path = write_yaml("mini.fr.yaml", MINIMAL.format(lang="fr"))
    result = load_course([path])
    assert result.problems == []
    assert result.course.module("mini", "en") is result.course.module("mini", "fr")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title: "Mini"\n', 'title: "Mini"\ncolour: red\n', "mini.fr.yaml:5:1: unknown key 'colour'"),
        ('number: 3\n', '', "mini.fr.yaml:1:1: module: missing 'number'"),
        ('number: 3\n', 'number: three\n', "mini.fr.yaml:3:9: expected a whole number, found a string"),
        ('number: 3\n', 'number: true\n', "mini.fr.yaml:3:9: expected a whole number, found a boolean"),
        ('lang: fr\n', 'lang: de\n', "mini.fr.yaml:2:7: 'de' is not one of fr, en"),
        ('        kind: markdown\n', '        kind: video\n', "mini.fr.yaml:10:15: unknown block kind 'video'"),
        ('        text: "Hello"\n', '', "mini.fr.yaml:9:9: markdown block: missing 'text'"),
        ('        text: "Hello"\n', '        text: [1, 2]\n', "mini.fr.yaml:11:15: expected a string, found a list"),
        ('  - id: first\n', '  - id: First One\n', "mini.fr.yaml:6:9: invalid id 'First One'"),
        ('    title: "First"\n', '    title: ""\n', "mini.fr.yaml:7:12: must not be empty"),
        ('    blocks:\n', '    blocks: []\n    old:\n', "mini.fr.yaml:8:13: the list is empty"),
        ('id: mini\n', 'id: mini\nid: again\n', "mini.fr.yaml:2:1: duplicate key 'id'"),
    ],
)
def test_each_structural_problem_has_its_line(write_yaml: WriteYaml, old: str, new: str, expected: str) -> None:
    text = MINIMAL.format(lang="fr")
    assert old in text
    path = write_yaml("mini.fr.yaml", text.replace(old, new, 1))
    found = problems_of(path)
    assert any(problem.startswith(expected) for problem in found), found


def _with_block(block: str) -> str:
    return MINIMAL.format(lang="fr") + block


def test_duplicate_ids_name_the_first_use(write_yaml: WriteYaml) -> None:
    path = write_yaml("mini.fr.yaml",
                      _with_block('      - id: first-text\n        kind: markdown\n        text: "x"\n'))
    assert problems_of(path) == ["mini.fr.yaml:12:13: duplicate id 'first-text' (first used at line 9)"]


def test_unknown_simulator(write_yaml: WriteYaml) -> None:
    path = write_yaml("mini.fr.yaml",
                      _with_block("      - id: s\n        kind: simulator\n        simulator: warp-drive\n"))
    (problem,) = problems_of(path)
    assert problem.startswith("mini.fr.yaml:14:20: unknown simulator 'warp-drive'")


def test_table_rows_must_match_the_header(write_yaml: WriteYaml) -> None:
    block = ("      - id: t\n        kind: table\n        header: [a, b]\n"
             "        rows:\n          - [1, 2]\n          - [1]\n")
    path = write_yaml("mini.fr.yaml", _with_block(block))
    assert problems_of(path) == ["mini.fr.yaml:17:13: row has 1 cells, the header has 2"]


def test_no_emoji_in_tables_and_single_emoji_icons(write_yaml: WriteYaml) -> None:
    block = (
        "      - id: t\n        kind: table\n        header: [a]\n        rows:\n          - ['🎯 yes']\n"
        "      - id: c\n        kind: cards\n        cards:\n"
        "          - {id: c1, icon: '⚖️', title: T, text: X}\n"
        "          - {id: c2, icon: 'ab', title: T, text: X}\n"
    )
    path = write_yaml("mini.fr.yaml", _with_block(block))
    found = problems_of(path)
    assert found[0] == "mini.fr.yaml:16:13: no emoji in tables: terminals disagree on their width"
    assert found[1].startswith("mini.fr.yaml:20:28: an icon is one emoji")
    assert found[2].startswith("mini.fr.yaml:21:28: an icon is one emoji")


def test_broken_links_point_at_their_line(write_yaml: WriteYaml) -> None:
    block = ("      - id: l\n        kind: markdown\n        text: |\n          ok [a](#first)\n"
             "          bad [b](#nowhere)\n          other [c](#demo/details) [d](#nomodule/x)\n")
    path = write_yaml("mini.fr.yaml", _with_block(block))
    assert problems_of(path, FIXTURES, builtin_dir("lessons")) == [
        "mini.fr.yaml:16:1: broken link '#nowhere': no such section",
        "mini.fr.yaml:17:1: broken link '#nomodule/x': no such section",
    ]


def test_unknown_navigation_module(write_yaml: WriteYaml) -> None:
    text = MINIMAL.format(lang="fr").replace('title: "Mini"\n', 'title: "Mini"\nnext: {title: N, module: ghost}\n')
    path = write_yaml("mini.fr.yaml", text)
    assert problems_of(path) == ["mini.fr.yaml:5:26: unknown module 'ghost'"]


def test_missing_translation_of_a_section(write_yaml: WriteYaml) -> None:
    fr = write_yaml("mini.fr.yaml", _with_block(""))
    en_text = MINIMAL.format(lang="en") + ("  - id: second\n    title: Second\n    blocks:\n"
                                           "      - {id: s2, kind: markdown, text: x}\n")
    en = write_yaml("mini.en.yaml", en_text)
    found = problems_of(fr, en)
    assert found == ["mini.en.yaml:12:5: section 'second' has no fr translation in mini.fr.yaml"]


def test_translated_blocks_must_match(write_yaml: WriteYaml) -> None:
    fr = write_yaml("mini.fr.yaml", MINIMAL.format(lang="fr"))
    en = write_yaml("mini.en.yaml",
                    MINIMAL.format(lang="en").replace("kind: markdown\n        text:",
                                                      "kind: callout\n        style: tip\n        text:"))
    found = problems_of(fr, en)
    assert len(found) == 2
    assert all("blocks differ from the" in problem for problem in found)


def test_module_collision_names_both_files(write_yaml: WriteYaml) -> None:
    first = write_yaml("a/mini.fr.yaml", MINIMAL.format(lang="fr"))
    second = write_yaml("b/mini.fr.yaml", MINIMAL.format(lang="fr"))
    (problem,) = problems_of(first.parent, second.parent)
    assert problem.startswith("b/mini.fr.yaml:1:5: module 'mini' (fr) is already defined in a/mini.fr.yaml")


def test_a_file_with_problems_does_not_hide_the_others(write_yaml: WriteYaml) -> None:
    bad = write_yaml("bad.fr.yaml", "id: [unclosed\n")
    good = write_yaml("mini.fr.yaml", MINIMAL.format(lang="fr"))
    result = load_course([bad, good])
    assert len(result.problems) == 1 and result.course.module("mini", "fr") is not None
