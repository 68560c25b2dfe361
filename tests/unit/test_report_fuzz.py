"""The export reader on arbitrary input: each file is read or refused with a reason, nothing else.

Exports come from learners, so `read_export` must turn any bytes into answers that keep the rules
(one-line names without controls, 0 ≤ earned ≤ max_points ≤ MAX_POINTS) or into an `ExportError`
with a one-line reason in both languages. No other exception may escape.
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.quiz.results import CSV_COLUMNS, MAX_POINTS, Answer, ExportError, read_export
from tutor.safety import CONTROL_PATTERN

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


FOLDER = tempfile.TemporaryDirectory(prefix="tutor-fuzz-")  # one for the module: examples run one at a time


def outcome(data: bytes) -> list[Answer] | ExportError:
    """What `read_export` makes of `data` written to a file: answers, or the refusal."""
    path = Path(FOLDER.name) / "export"
    path.write_bytes(data)
    try:
        return read_export(path)
    except ExportError as error:
        return error


def check(data: bytes) -> list[Answer] | ExportError:
    """`outcome(data)`, with the rules every answer and every refusal must keep."""
    result = outcome(data)
    if isinstance(result, ExportError):
        for lang in ("en", "fr"):
            reason = result.located("export", lang)
            assert reason and "\n" not in reason and not CONTROL_PATTERN.search(reason)
        return result
    learners = {a.learner for a in result}
    assert len(learners) <= 1  # one export, one learner
    for answer in result:
        for text in (answer.learner, answer.attempt, answer.question_id, answer.topic):
            assert text.strip() and not CONTROL_PATTERN.search(text) and "\n" not in text and "\t" not in text
        assert isinstance(answer.correct, bool)
        assert math.isfinite(answer.earned) and 0 <= answer.earned <= answer.max_points <= MAX_POINTS
    return result


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.binary(max_size=500))
def test_any_bytes_after_an_export_beginning(data: bytes) -> None:
    check((",".join(CSV_COLUMNS) + "\n").encode() + data)
    check(b'{"format": "tutor-export", "version": 1, "learner": "a", "attempts": [' + data)
    # Columns in another order, some missing: a short row leaves them empty (None), never a crash.
    check(b"max_points,earned,correct,topic,question_id,attempt,learner,module,answer\n2,1,1,t,q,u,a\n" + data)


# Any JSON value, including deep ones, huge and non-finite numbers and controls in strings.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**400, 10**400) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
def mostly(valid: st.SearchStrategy[object], other: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """`valid` three times in four (else few examples would get past the first check), else `other`."""
    return st.integers(0, 3).flatmap(lambda n: other if n == 3 else valid)


texts = mostly(st.sampled_from(["q", "t", "alice", "=x"]),
               st.sampled_from(["a\nb", "\x1b[2J", " ", "b\u202e"]) | st.text(max_size=8) | json_values)
numbers = mostly(st.integers(0, 3) | st.sampled_from(["1", "2.5"]),
                 st.integers(-10**400, 10**400) | st.floats() | st.sampled_from(["1e400", "-1"]) | json_values)
answer_objects = mostly(st.fixed_dictionaries(
    {"question_id": texts, "topic": texts, "correct": mostly(st.booleans(), st.sampled_from(["1", "no"]) | json_values),
     "earned": numbers, "max_points": numbers},
    optional={"answer": json_values},
), st.dictionaries(st.text(max_size=8), json_values, max_size=3))


@FUZZ
@given(version=mostly(st.just(1), json_values), learner=texts, uuid=texts, answers=st.lists(answer_objects, max_size=4))
def test_any_json_export(version: object, learner: object, uuid: object, answers: list[dict[str, object]]) -> None:
    document = {"format": "tutor-export", "version": version, "learner": learner,
                "attempts": [{"uuid": uuid, "answers": answers}]}
    result = check(json.dumps(document).encode())
    if not isinstance(result, ExportError):
        assert len(result) == len(answers)


cells = st.text(max_size=12) | st.sampled_from(["1", "0", "true", "2", "-1", "inf", "nan", "1e400", "'=x", "=1+1"])
names = mostly(st.sampled_from(["alice", "u1", "q", "'=x", "-t"]), cells)
points = mostly(st.sampled_from(["0", "1", "2", "1.5"]), cells)
csv_cells = {c: cells for c in CSV_COLUMNS} | {c: names for c in ("learner", "attempt", "question_id", "topic")} | {
    c: points for c in ("correct", "earned", "max_points")}


@FUZZ
@given(st.lists(st.fixed_dictionaries(csv_cells), max_size=5), st.sampled_from(["\n", "\r\n"]))
def test_any_csv_export(rows: list[dict[str, str]], newline: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    result = check(buffer.getvalue().encode("utf-8", "surrogatepass"))
    if not isinstance(result, ExportError):
        assert len(result) == len(rows)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 100_000), st.sampled_from([b"[", b'{"a":', b'{"format": "tutor-export", "attempts": [']))
def test_any_nesting_depth(depth: int, opening: bytes) -> None:
    check(opening * depth)
    check(b'{"format": "tutor-export", "version": 1, "learner": "a", "attempts": [{"uuid": "u", "answers": ['
          + b'{"earned": ' + b"[" * depth + b"]" * depth + b"}]}]}")
