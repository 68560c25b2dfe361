"""Content is read with the YAML 1.2 core schema, not YAML 1.1's surprises (`no` as false, `1:20` as 80)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from tutor.content.yamlsource import CoreLoader, parse_yaml
from tutor.loader import builtin_paths, load_content

ROOT = Path(__file__).resolve().parents[2]


def value(text: str) -> object:
    located, problems = parse_yaml(f"v: {text}\n".encode(), "v.yaml")
    assert located is not None and problems == [], problems
    return located.data["v"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:20", "1:20"),  # YAML 1.1: 80 (base 60)
        ("no", "no"), ("No", "No"), ("off", "off"), ("yes", "yes"), ("on", "on"), ("y", "y"), ("n", "n"),
        ("0777", 777),  # YAML 1.1: 511 (octal)
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("2026-11-30", "2026-11-30"),  # a date stays text
        ("0b101", "0b101"),
        ("=", "="),
        ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
        ("tRUE", "tRUE"),
        ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None), ("nUll", "nUll"),
        ("12", 12), ("-12", -12), ("+12", 12), ("0o17", 15), ("0x1F", 31), ("0X1F", "0X1F"),
        ("1.5", 1.5), ("1.", 1.0), (".5", 0.5), ("-1e3", -1000.0), ("2E-2", 0.02),
        (".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf), ("1e400", math.inf),
        ('"12"', "12"), ("'true'", "true"), ("! 12", "12"),
        ("!!int 12", 12), ("!!float 3", 3.0), ("!!str 12", "12"), ("!!bool true", True), ("!!null ~", None),
    ],
)
def test_core_schema_scalars(text: str, expected: object) -> None:
    got = value(text)
    assert got == expected and type(got) is type(expected)


def test_nan_is_a_float_nan() -> None:
    got = value(".nan")
    assert isinstance(got, float) and math.isnan(got)
    assert math.isnan(value(".NaN"))


def test_keys_are_their_text() -> None:
    located, problems = parse_yaml(b"on: 1\nyes: 2\nno: 3\n1: 4\ntrue: 5\n~: 6\n", "k.yaml")
    assert located is not None and problems == []
    assert located.data == {"on": 1, "yes": 2, "no": 3, "1": 4, "true": 5, "~": 6}


@pytest.mark.parametrize("text", ["!!int abc", "!!bool yes", "!!float 1_0", "!!null x"])
def test_explicit_tags_must_fit_their_value(text: str) -> None:
    located, problems = parse_yaml(f"v: {text}\n".encode(), "t.yaml")
    assert located is None and len(problems) == 1
    assert str(problems[0]).startswith("t.yaml:1:4: ") and "is not a valid" in problems[0].message


def test_the_loader_class_works_with_yaml_load() -> None:
    data = yaml.load("a: 1:20\nb: no\non: 0777\nd: 1_000\ne: 2026-11-30\nf: ~\ng: .inf\n", Loader=CoreLoader)
    assert data == {"a": "1:20", "b": "no", "on": 777, "d": "1_000", "e": "2026-11-30", "f": None, "g": math.inf}
    assert CoreLoader.__mro__[1] is getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's speed kept


def test_shipped_content_reads_the_same_and_validates() -> None:
    content = load_content(builtin_paths())
    assert content.problems == []
    assert {key for key in content.course.modules} == {("fine-tuning", "fr"), ("fine-tuning", "en")}
    assert {key for key in content.quizzes.banks} == {("fine-tuning", "fr"), ("fine-tuning", "en")}
    # No plain scalar in the shipped files changes meaning between YAML 1.1 and 1.2.
    for path in [*sorted((ROOT / "lessons").glob("*.yaml")), *sorted((ROOT / "quizzes").glob("*.yaml"))]:
        located, problems = parse_yaml(path.read_bytes(), path.name)
        assert located is not None and problems == []
        old = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)  # YAML 1.1 rules
        assert _plain(old) == located.data, path


def _plain(data: object) -> object:
    """YAML 1.1 data as our reader gives it: dates as text, keys as strings."""
    if isinstance(data, dict):
        return {str(key): _plain(item) for key, item in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    if hasattr(data, "isoformat"):
        return data.isoformat()  # type: ignore[union-attr]
    return data
