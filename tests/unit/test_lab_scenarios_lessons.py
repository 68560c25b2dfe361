"""Every lab scenario names the lesson that teaches what it shows, in both languages (issue 15)."""

from __future__ import annotations

import json

import pytest

from tests.cli_helpers import run_main
from tutor.content.model import Course
from tutor.lab.report import lesson_line, scenario_list_lines
from tutor.lab.scenarios import SCENARIOS
from tutor.loader import builtin_paths, load_content


def spaced(text: str) -> str:
    """`text` with its no-break spaces as plain ones (French titles and labels carry them)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def course() -> Course:
    content = load_content(builtin_paths())
    assert content.problems == []
    return content.course


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_each_scenario_names_an_existing_section(course: Course, name: str, lang: str) -> None:
    scenario = SCENARIOS[name]
    module_id, section_id = scenario.lesson
    module = course.module(module_id, lang)
    assert module is not None and module.lang == lang
    index = module.section_index(section_id)
    assert index is not None, f"{name}: no section {section_id}"
    line = lesson_line(scenario, course, lang)
    assert line is not None and spaced(module.sections[index].title) in spaced(line) and f"section {index + 1}" in line


def test_the_forgetting_scenario_points_at_the_forgetting_section(course: Course) -> None:
    line = lesson_line(SCENARIOS["forgetting"], course, "fr")
    assert line is not None
    assert spaced(line) == "Leçon : « L'oubli catastrophique : le mesurer, le limiter » (module 7, section 10)"
    assert "Leçon : « " in spaced("\n".join(scenario_list_lines("fr", course)))
    # Without a course (it could not be read) the listing is still whole, without lesson lines.
    assert not any("Leçon" in line for line in scenario_list_lines("fr", None))


def test_the_cli_lists_the_lessons_in_text_and_json(capsys: pytest.CaptureFixture[str],
                                                     isolated_home: object) -> None:
    code, out, _ = run_main(capsys, "lab", "--list", "--lang", "en")
    assert code == 0 and 'Lesson: "Catastrophic forgetting: measure it, limit it"' in out
    code, out, _ = run_main(capsys, "lab", "--list", "--json")
    assert code == 0
    assert {item["name"]: item["lesson"]["section"] for item in json.loads(out)}["warmup"] == "best-practices"
