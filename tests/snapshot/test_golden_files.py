"""The committed snapshot images hold nothing that changes from one run or machine to the next."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GOLDENS = sorted((Path(__file__).parent / "__snapshots__").rglob("*.svg"))
VARYING = re.compile(r"pytest-\d+|/tmp/|tutor-home\d*|tutor-monkey-|/home/|/root/|\d{4}-\d\d-\d\d \d\d:\d\d")


def test_there_are_goldens() -> None:
    assert len(GOLDENS) >= 30


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda path: path.stem)
def test_no_path_or_date_of_a_run_in_a_golden(golden: Path) -> None:
    found = VARYING.search(golden.read_text(encoding="utf-8"))
    assert found is None, f"{golden.name} shows {found.group()!r}: it could not match on another run"
