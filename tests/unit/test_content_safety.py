"""Instructor content cannot hang, exhaust or attack tutor: bounded reading, located problems, no traceback.

Probe ids refer to the reliability review of 2026-11-30 (1.5 to 1.41, 2.14, 5.x).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import MINIMAL_MODULE, run_main
from tutor.content.files import yaml_files
from tutor.content.schema import MAX_BLOCKS, MAX_SECTIONS
from tutor.content.yamlsource import (
    MAX_CONTROL_PROBLEMS,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_VALUES,
    load_yaml,
    parse_yaml,
)
from tutor.loader import builtin_paths, load_content
from tutor.quiz.bank import MAX_QUESTIONS
from tutor.safety import CONTROL_PATTERN

WriteYaml = Callable[[str, str], Path]

MODULE = MINIMAL_MODULE

QUESTION = """\
  - id: q1
    type: single
    topic: bert
    difficulty: easy
    points: 1
    section: bert
    prompt: "Which one?"
    options:
      - {id: a, text: "A", correct: true}
      - {id: b, text: "B"}
    explanation: "Because."
"""
BANK = "bank: extra\nlang: en\nmodule: fine-tuning\ntitle: \"Extra\"\nquestions:\n" + QUESTION


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")


run = run_main


def messages(path: Path) -> list[str]:
    """Every problem of the built-in content plus `path`, as printed by `tutor validate`."""
    return [str(p) for p in load_content([*builtin_paths(), path]).problems]


def billion_laughs(levels: int = 10) -> bytes:
    """The classic: 10 levels of 10 aliases each, about 500 bytes standing for 10^10 strings."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return ("\n".join(lines) + "\n").encode()


# -- H4 (1.8, 1.9): alias bombs --------------------------------------------------------------------


@pytest.mark.timeout(20)
def test_billion_laughs_is_one_located_problem_with_bounded_memory() -> None:
    bomb = billion_laughs()
    assert len(bomb) < 600
    tracemalloc.start()
    try:
        located, problems = parse_yaml(bomb, "bomb.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert located is None
    assert [str(p) for p in problems] == [
        (
            "bomb.yaml:6:10: alias '*a4' stands for 111,111 values: with it the file has more than the limit "
            f"of {MAX_VALUES:,} values"
        )
    ]
    assert peak < 200_000_000  # the unbounded expansion reached gigabytes


@pytest.mark.timeout(20)
def test_alias_bomb_used_as_sections_is_refused(write_yaml: WriteYaml) -> None:
    lines = billion_laughs(8).decode().splitlines()
    text = "id: bomb\nlang: en\nnumber: 9\ntitle: Bomb\nlaughs:\n" + "".join(f"  {line}\n" for line in lines)
    path = write_yaml("bomb.en.yaml", text + "sections: *a7\n")
    found = messages(path)
    assert len(found) == 1 and found[0].startswith("bomb.en.yaml:11:") and "limit of 200,000 values" in found[0]


def test_aliases_within_the_limit_still_work() -> None:
    located, problems = parse_yaml(b"base: &b {x: 1, y: [2, 3]}\ncopy: *b\n", "a.yaml")
    assert problems == [] and located is not None
    assert located.data["copy"] == {"x": 1, "y": [2, 3]}
    # Inside aliased content, a problem is shown at the alias (an alias costs nothing to read).
    assert located.mark(("copy", "y", 1)) == located.mark(("copy",)) == (2, 7)
    assert located.mark(("base", "y", 1)) == (1, 24)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"a: &x [1, *x]\n", "r.yaml:1:11: alias '*x' is inside the value it names"),
        (b"a: *nowhere\n", "r.yaml:1:4: alias '*nowhere' has no '&' anchor before it"),
    ],
)
def test_recursive_and_undefined_aliases(text: bytes, expected: str) -> None:
    assert [str(p) for p in parse_yaml(text, "r.yaml")[1]] == [expected]


# -- M1 (1.15): nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH, 500, 998])
def test_deep_nesting_is_a_problem_not_a_recursion_error(depth: int) -> None:
    located, problems = parse_yaml(("a: " + "[" * depth + "]" * depth + "\n").encode(), "deep.yaml")
    assert located is None
    assert [str(p) for p in problems] == [
        f"deep.yaml:1:{3 + MAX_DEPTH}: lists and mappings nested deeper than the limit of {MAX_DEPTH} levels"
    ]


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1  # plus the top mapping
    located, problems = parse_yaml(("a: " + "[" * depth + "]" * depth + "\n").encode(), "deep.yaml")
    assert located is not None and problems == []


def test_an_alias_cannot_nest_past_the_limit() -> None:
    half = MAX_DEPTH // 2 + 1
    text = "a: &x " + "[" * half + "]" * half + "\nb: " + "[" * half + "*x" + "]" * half + "\n"
    problems = parse_yaml(text.encode(), "deep.yaml")[1]
    assert len(problems) == 1 and "alias '*x' nests lists and mappings deeper" in problems[0].message


# -- M3 (1.13), L2/L3 (1.35, 1.36): size, count, non-regular files --------------------------------


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"text: " + b"x" * MAX_FILE_BYTES + b"\n")
    located, problems = load_yaml(path, "huge.yaml")
    assert located is None
    assert [str(p) for p in problems] == ["huge.yaml:1:1: cannot read file: the file is larger than the limit of 5 MB"]
    assert parse_yaml(path.read_bytes(), "huge.yaml")[1] == problems


@pytest.mark.timeout(60)
def test_forty_thousand_sections_stop_at_the_value_limit(tmp_path: Path) -> None:
    lines = ["id: big", "lang: en", "number: 9", "title: Big", "sections:"]
    for index in range(40_000):
        lines += [f"  - id: s{index}", f"    title: S{index}", "    blocks:",
                  f"      - {{id: b{index}, kind: markdown, text: hello}}"]
    path = tmp_path / "big.en.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES
    located, problems = load_yaml(path, "big.en.yaml")
    assert located is None and len(problems) == 1
    assert problems[0].message == f"more than the limit of {MAX_VALUES:,} values in one file"
    assert problems[0].line > 5


def test_too_many_sections_and_blocks(write_yaml: WriteYaml) -> None:
    sections = "".join(
        f"  - id: s{i}\n    title: S\n    blocks:\n      - {{id: b{i}, kind: markdown, text: x}}\n"
        for i in range(MAX_SECTIONS + 1)
    )
    path = write_yaml("many.en.yaml", "id: many\nlang: en\nnumber: 9\ntitle: Many\nsections:\n" + sections)
    assert messages(path) == [f"many.en.yaml:6:3: too many sections: {MAX_SECTIONS + 1} (at most {MAX_SECTIONS})"]
    blocks = "".join(f"      - {{id: b{i}, kind: markdown, text: x}}\n" for i in range(MAX_BLOCKS + 1))
    path = write_yaml("many.en.yaml", "id: many\nlang: en\nnumber: 9\ntitle: Many\nsections:\n"
                                      "  - id: s\n    title: S\n    blocks:\n" + blocks)
    assert messages(path) == [f"many.en.yaml:9:7: too many blocks: {MAX_BLOCKS + 1} (at most {MAX_BLOCKS})"]


def test_too_many_questions(write_yaml: WriteYaml) -> None:
    path = write_yaml("many.en.yaml", BANK + "  - {}\n" * MAX_QUESTIONS)
    assert f"many.en.yaml:6:3: too many questions: {MAX_QUESTIONS + 1:,} (at most {MAX_QUESTIONS:,})" in messages(path)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["device", "fifo", "device-link"])
def test_validate_refuses_devices_and_fifos_given_directly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)  # nobody ever writes to it: reading would wait forever
    elif kind == "device-link":
        path = tmp_path / "zero.yaml"
        path.symlink_to("/dev/zero")
    else:
        path = Path("/dev/zero")
    code, out, err = run(capsys, "validate", "--alone", str(path))
    assert code == 1
    assert out.endswith(":1:1: cannot read file: not a regular file (a pipe, a device or a directory)\n")
    assert "Traceback" not in err


# -- M2 (1.5, 1.6): a list or mapping where a name is expected --------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("kind: markdown", "kind: [markdown]",
         ("mini.en.yaml:10:15: block kind must be one of markdown, callout, table, flow, cards, keypoints, "
          "simulator, found a list")),
        ("kind: markdown", "kind: {a: b}", "mini.en.yaml:10:15: block kind must be one of"),
        ("lang: en", "lang: [en]", "mini.en.yaml:2:7: expected one of fr, en, found a list"),
    ],
)
def test_unhashable_names_in_lessons_are_located(write_yaml: WriteYaml, old: str, new: str, expected: str) -> None:
    path = write_yaml("mini.en.yaml", MODULE.format(lang="en").replace(old, new))
    found = messages(path)
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("type: [single]", "extra.en.yaml:7:11: question type must be one of single, multiple"),
        ("type: {a: 1}", "extra.en.yaml:7:11: question type must be one of"),
    ],
)
def test_unhashable_question_type_is_located(write_yaml: WriteYaml, new: str, expected: str) -> None:
    path = write_yaml("extra.en.yaml", BANK.replace("type: single", new))
    found = messages(path)
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize("value", ["[easy]", "{a: b}"])
def test_unhashable_enum_values_are_located(write_yaml: WriteYaml, value: str) -> None:
    path = write_yaml("extra.en.yaml", BANK.replace("difficulty: easy", f"difficulty: {value}"))
    found = messages(path)
    assert any(line.startswith("extra.en.yaml:9:17: expected one of") for line in found), found


@pytest.mark.parametrize("value", ["[bert]", "{a: b}"])
def test_unhashable_topics_are_located(write_yaml: WriteYaml, value: str) -> None:
    path = write_yaml("extra.en.yaml", BANK.replace("topic: bert", f"topic: {value}"))
    found = messages(path)
    assert any(line.startswith("extra.en.yaml:8:12: expected") for line in found), found


# -- L1 (1.33): unreadable directories ------------------------------------------------------------


def test_an_unlistable_subdirectory_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "ok.en.yaml").write_text(MODULE.format(lang="en"), encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.en.yaml").write_text(MODULE.format(lang="en"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # what `chmod 000` does to anyone but root
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    unreadable: list[tuple[Path, str]] = []
    assert yaml_files([tmp_path], unreadable) == [(tmp_path / "ok.en.yaml").resolve()]
    assert unreadable == [(tmp_path / "locked", "Permission denied")]
    monkeypatch.chdir(tmp_path)
    found = [str(p) for p in load_content([tmp_path]).problems]
    assert "locked:1:1: cannot read directory: Permission denied" in found


def _as_nobody() -> list[str] | None:
    """A command prefix running as user nobody, when this machine allows it (root is needed)."""
    for prefix in (["runuser", "-u", "nobody", "--"], ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]):
        if shutil.which(prefix[0]) is None:
            continue
        try:
            probe = subprocess.run([*prefix, sys.executable, "-c", "import tutor"], capture_output=True, timeout=30,
                                   cwd="/", check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return prefix
    return None


@pytest.mark.timeout(120)
def test_validate_as_nobody_names_the_locked_directory() -> None:
    prefix = _as_nobody() if os.geteuid() == 0 else None
    if prefix is None:
        pytest.skip("needs root and a Python that user nobody can run (runuser or setpriv)")
    # Not under pytest's base temporary directory: it is private to root, so nobody could not reach it.
    with tempfile.TemporaryDirectory(prefix="tutor-nobody-") as name:
        base = Path(name)
        base.chmod(0o777)
        _locked_directory_as(prefix, base)


def _locked_directory_as(prefix: list[str], base: Path) -> None:
    content = base / "content"
    (content / "locked").mkdir(parents=True)
    (content / "mini.en.yaml").write_text(MODULE.format(lang="en"), encoding="utf-8")
    (content / "locked" / "x.en.yaml").write_text(MODULE.format(lang="en"), encoding="utf-8")
    for path in (content, content / "mini.en.yaml"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (content / "locked").chmod(0o000)
    env = {**os.environ, "TUTOR_HOME": str(base / "home"), "TUTOR_LANG": "en"}
    for argv in (["validate", "--alone", str(content)], ["--content", str(content), "lessons"]):
        result = subprocess.run([*prefix, sys.executable, "-m", "tutor", *argv], capture_output=True, text=True,
                                env=env, cwd=str(base), timeout=60, check=False)
        assert result.returncode == 1, result.stderr
        assert "content/locked:1:1: cannot read directory: Permission denied" in result.stdout + result.stderr


# -- L9 (2.14): the empty path ------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [("validate", ""), ("validate", "--content", ""), ("--content", "", "lessons"), ("lessons", "--content", ""),
     ("--content=", "lessons")],
)
def test_an_empty_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], write_yaml: WriteYaml,
                                        argv: tuple[str, ...]) -> None:
    write_yaml("bomb.yaml", billion_laughs().decode())  # what the current directory held in the probe
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "empty path: give a file or a directory ('.' for the current directory)" in err
    assert "bomb.yaml" not in err


def test_the_empty_path_message_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "fr", "validate", "")
    assert code == 2 and "chemin vide\xa0: donnez un fichier ou un dossier («\xa0.\xa0» pour" in err


# -- L4 (1.40), L5 (1.41), 1.24: numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("points: 1", "points: .inf", "extra.en.yaml:10:13: must be a finite number"),
        ("points: 1", "points: -.inf", "extra.en.yaml:10:13: must be a finite number"),
        ("points: 1", "points: .nan", "extra.en.yaml:10:13: must be a finite number"),
        ("points: 1", "points: 1.0e+308", "extra.en.yaml:10:13: points must be between 0.01 and 1,000"),
        ("points: 1", "points: 1.0e-300", "extra.en.yaml:10:13: points must be between 0.01 and 1,000"),
        ("points: 1", "points: 1e400", "extra.en.yaml:10:13: must be a finite number"),
        ('explanation: "Because."', 'explanation: "Because."\n    hints: [{text: "Look", cost: .inf}]',
         "extra.en.yaml:17:34: must be a finite number"),
        ("- {id: b, text: \"B\"}", "- {id: b, text: .nan}", "extra.en.yaml:15:23: must be a finite number"),
    ],
)
def test_numbers_must_be_finite_and_sane(write_yaml: WriteYaml, old: str, new: str, expected: str) -> None:
    assert old in BANK
    path = write_yaml("extra.en.yaml", BANK.replace(old, new, 1))
    found = messages(path)
    assert any(line.startswith(expected) for line in found), found


def test_nan_tolerance_says_finite(write_yaml: WriteYaml) -> None:
    question = ("  - {id: q2, type: numeric, topic: bert, difficulty: easy, section: bert, prompt: \"How many?\",\n"
                "     answer: 3, tolerance: .nan, explanation: \"Three.\"}\n")
    path = write_yaml("extra.en.yaml", BANK + question)
    found = messages(path)
    assert any(line.startswith("extra.en.yaml:18:28: must be a finite number") for line in found), found
    assert not any("found a number" in line for line in found)


def test_a_huge_integer_is_located_at_its_line() -> None:
    located, problems = parse_yaml(b"id: x\nlang: en\nnumber: " + b"9" * 5000 + b"\n", "n.yaml")
    assert located is None and [str(p) for p in problems] == ["n.yaml:3:9: number too long (5,000 digits)"]


# -- H2 (1.26, 5.1): terminal controls in text --------------------------------------------------------


def test_each_control_character_is_a_located_problem_and_the_text_is_cleaned() -> None:
    raw = (
        'title: "Esc \\e]52;c;ZWNobyBwd25lZA==\\a"\n'  # OSC 52, escaped: located at the scalar
        "plain: ok \u202e reversed\n"  # RLO written as is: located at the character
        "block: |\n  one\n  two \u2066x\n"
        '"k\\x9b": 1\n'  # a C1 CSI in a key
    ).encode()
    located, problems = parse_yaml(raw, "c.yaml")
    assert located is not None
    assert [str(p) for p in problems] == [
        "c.yaml:1:8: control character U+001B (ESC) is not allowed in text",
        "c.yaml:1:8: control character U+0007 (BEL) is not allowed in text",
        "c.yaml:2:11: control character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed in text",
        "c.yaml:5:7: control character U+2066 (LEFT-TO-RIGHT ISOLATE) is not allowed in text",
        "c.yaml:6:1: control character U+009B (CSI) is not allowed in text",
    ]
    assert located.data == {
        "title": "Esc \ufffd]52;c;ZWNobyBwd25lZA==\ufffd", "plain": "ok \ufffd reversed",
        "block": "one\ntwo \ufffdx\n", "k\ufffd": 1,
    }


def test_validate_reports_controls_with_their_position(capsys: pytest.CaptureFixture[str],
                                                       write_yaml: WriteYaml) -> None:
    write_yaml("mini.en.yaml", MODULE.format(lang="en").replace('"Hello"', '"Hi \\x1b[2J there"'))
    code, out, err = run(capsys, "validate", "mini.en.yaml")
    assert code == 1
    assert out == "mini.en.yaml:11:15: control character U+001B (ESC) is not allowed in text\n"
    assert not CONTROL_PATTERN.search(out + err)


def test_a_file_name_with_controls_is_shown_cleaned(tmp_path: Path) -> None:
    (tmp_path / "bad\x1b]0;title\x07.en.yaml").write_text("id: [\n", encoding="utf-8")
    found = [str(p) for p in load_content([tmp_path]).problems]
    assert len(found) == 1 and "\ufffd]0;title\ufffd.en.yaml" in found[0]
    assert not CONTROL_PATTERN.search(found[0])


def test_no_number_in_data_is_left_non_finite_by_mistake() -> None:
    located, _ = parse_yaml(b"a: 1e308\nb: 1e309\n", "n.yaml")
    assert located is not None and math.isfinite(located.data["a"]) and math.isinf(located.data["b"])


def test_control_problems_are_bounded() -> None:
    raw = ('a: "' + "\\e[1m" * 5000 + '"\nb: ' + "\u202e" * 2000 + "x\n").encode()
    located, problems = parse_yaml(raw, "c.yaml")
    assert located is not None and located.data["b"] == "\ufffd" * 2000 + "x"
    # The escaped ESCs are one problem at their scalar; each RLO written as is has its own column.
    assert str(problems[0]) == "c.yaml:1:4: control character U+001B (ESC) is not allowed in text"
    assert len(problems) == MAX_CONTROL_PROBLEMS + 1
    assert str(problems[-1]) == (
        f"c.yaml:2:{4 + MAX_CONTROL_PROBLEMS - 1}: more control characters from here on "
        f"(only the first {MAX_CONTROL_PROBLEMS:,} are listed)"
    )
