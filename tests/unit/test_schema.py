"""The shipped JSON Schema is the one generated from the format declaration, and agrees with the validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from tutor.content.schema import lesson_json_schema
from tutor.locations import builtin_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "docs" / "lesson.schema.json"


def test_shipped_schema_is_up_to_date() -> None:
    assert json.loads(SHIPPED.read_text(encoding="utf-8")) == lesson_json_schema(), (
        "regenerate with: tutor schema lesson > docs/lesson.schema.json"
    )


def test_builtin_lessons_match_the_json_schema() -> None:
    schema = lesson_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted(builtin_dir("lessons").glob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_what_the_validator_rejects() -> None:
    schema = lesson_json_schema()
    bad = {"id": "m", "lang": "fr", "number": 1, "title": "T",
           "sections": [{"id": "s", "title": "S", "blocks": [{"id": "b", "kind": "video", "text": "x"}]}]}
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(bad))


def test_shipped_quiz_schema_is_up_to_date_and_accepts_the_banks() -> None:
    from tutor.quiz.bank import quiz_json_schema

    schema = quiz_json_schema()
    assert json.loads((ROOT / "docs" / "quiz.schema.json").read_text(encoding="utf-8")) == schema, (
        "regenerate with: tutor schema quiz > docs/quiz.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted(builtin_dir("quizzes").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
