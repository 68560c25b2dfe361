"""`tutor export` and `tutor report`: a learner's answers out, a class report back in, numbers intact."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_helpers import run_results_cli
from tutor.cli import results as results_cli
from tutor.quiz.results import (
    CSV_COLUMNS,
    Answer,
    class_report,
    export_csv,
    export_document,
    parse_csv,
    parse_json,
)
from tutor.store.learners import database_path
from tutor.store.records import AnswerRow, AttemptRow
from tutor.store.sqlite import SQLiteStore


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (French is the default): tests/unit/test_french_cli.py checks French."""
    monkeypatch.setenv("TUTOR_LANG", "en")


run = run_results_cli


def attempt(store: SQLiteStore, answers: list[tuple[str, str, float, bool]], state: str = "finished") -> None:
    """An attempt answering (question, topic, earned of 2 points, fully right) in order."""
    number = store.start_attempt(
        bank="fine-tuning", module="fine-tuning", kind="quiz", mode="practice", lang="en", seed=7,
        settings={"count": len(answers)}, question_ids=[q for q, *_ in answers], time_limit=None, pass_mark=70.0,
    )
    for question, topic, earned, right in answers:
        store.record_answer(number, question_id=question, topic=topic, answer={"given": question}, earned=earned,
                            max_points=2.0, credit=earned / 2, correct=right, hints=0, seconds=3.0)
    if state != "open":
        store.finish_attempt(number, 60.0, state=state)


@pytest.fixture
def class_of_two() -> None:
    alice, _ = SQLiteStore.open(database_path("alice"))
    attempt(alice, [("q1", "bert", 2.0, True), ("q2", "gpt", 0.0, False), ("q3", "bert", 1.0, False)])
    attempt(alice, [("q2", "gpt", 2.0, True)], state="open")
    attempt(alice, [], state="abandoned")  # no answer: not counted as an attempt in the report
    alice.close()
    bob, _ = SQLiteStore.open(database_path("bob"))
    attempt(bob, [("q1", "bert", 0.0, False), ("q2", "gpt", 2.0, True)])
    bob.close()


def test_csv_export_has_one_row_per_answer(class_of_two: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["export", "--learner", "alice"], capsys)
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
    first = rows[0]
    assert (first["learner"], first["module"], first["bank"], first["kind"], first["mode"]) == (
        "alice", "fine-tuning", "fine-tuning", "quiz", "practice")
    assert (first["question_id"], first["topic"], first["correct"], first["earned"], first["max_points"]) == (
        "q1", "bert", "1", "2", "2")
    assert json.loads(first["answer"]) == {"given": "q1"} and first["hints"] == "0" and first["seconds"] == "3"
    for column in ("started_at", "answered_at"):
        assert first[column].endswith("Z") and datetime.fromisoformat(first[column]).utcoffset() == timedelta(0)
    assert len({r["attempt"] for r in rows}) == 2 and {r["state"] for r in rows} == {"finished", "open"}


def test_json_export_holds_every_attempt(class_of_two: None, capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    out_file = tmp_path / "alice.json"
    code, out, _ = run(["export", "--format", "json", "--out", str(out_file), "--learner", "alice"], capsys)
    assert code == 0 and out == ""
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert (document["format"], document["version"], document["learner"]) == ("tutor-export", 1, "alice")
    assert [a["state"] for a in document["attempts"]] == ["finished", "open", "abandoned"]  # oldest first
    first = document["attempts"][0]
    assert first["settings"] == {"count": 3} and first["question_ids"] == ["q1", "q2", "q3"]
    assert first["answers"][2] == {
        "question_id": "q3", "topic": "bert", "answer": {"given": "q3"}, "correct": False, "credit": 0.5,
        "earned": 1.0, "max_points": 2.0, "hints": 0, "seconds": 3.0, "answered_at": first["answers"][2]["answered_at"],
    }


def test_export_and_report_round_trip(class_of_two: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    (exports / "json").mkdir(parents=True)
    for learner in ("alice", "bob"):
        assert run(["export", "--learner", learner, "--out", str(exports / f"{learner}.csv")], capsys)[0] == 0
        assert run(["export", "--learner", learner, "--format", "json",
                    "--out", str(exports / "json" / f"{learner}.json")], capsys)[0] == 0

    reports = {}
    for name, paths in {"csv": [str(exports / "alice.csv"), str(exports / "bob.csv")],
                        "json": [str(exports / "json")], "both": [str(exports)]}.items():
        code, out, err = run(["report", "--format", "csv", *paths], capsys)
        assert code == 0 and err == ""
        reports[name] = out
    assert reports["csv"] == reports["json"] == reports["both"]  # overlapping exports count once

    rows = {(r["section"], r["learner"], r["topic"], r["question_id"]): r
            for r in csv.DictReader(io.StringIO(reports["csv"]))}
    percent = {key: row["percent"] for key, row in rows.items()}
    assert percent[("learner", "alice", "", "")] == "62.5" and percent[("learner", "bob", "", "")] == "50.0"
    assert percent[("topic", "alice", "bert", "")] == "75.0" and percent[("topic", "alice", "gpt", "")] == "50.0"
    assert percent[("topic", "bob", "bert", "")] == "0.0" and percent[("topic", "bob", "gpt", "")] == "100.0"
    assert rows[("learner", "alice", "", "")]["attempts"] == "2" and rows[("learner", "bob", "", "")]["attempts"] == "1"
    questions = [(k[3], rows[k]["answers"], rows[k]["correct"], rows[k]["percent"]) for k in rows if k[0] == "question"]
    assert questions == [("q3", "1", "0", "0.0"), ("q1", "2", "1", "50.0"), ("q2", "3", "2", "66.7")]

    code, table, _ = run(["report", str(exports)], capsys)
    assert code == 0 and "learners: 2; exports: 4; answers: 6" in table
    assert max(map(len, table.splitlines())) <= 100
    alice_line = next(line for line in table.splitlines() if line.startswith("alice"))
    assert alice_line.split() == ["alice", "62%", "75%", "50%"]
    hardest = table.split("hardest first")[1].splitlines()[2].split()
    assert hardest == ["q3", "bert", "1", "0", "0%"]


def test_a_learner_without_progress_gets_an_empty_export(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["export", "--learner", "nobody"], capsys)
    assert code == 0 and out.strip() == ",".join(CSV_COLUMNS) and "no progress recorded" in err
    assert not database_path("nobody").exists()  # exporting never creates a database
    code, out, _ = run(["export", "--learner", "nobody", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["attempts"] == []


def test_an_unwritable_output_is_a_usage_error(class_of_two: None, capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    code, _, err = run(["export", "--learner", "alice", "--out", str(tmp_path / "missing" / "x.csv")], capsys)
    assert code == 2 and err.startswith("tutor: error: cannot write") and len(err.splitlines()) == 1


def test_malformed_exports_are_named_and_skipped(class_of_two: None, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    run(["export", "--learner", "bob", "--out", str(good)], capsys)
    header = ",".join(CSV_COLUMNS)
    bad = {
        "broken.json": b'{"format": "tutor-export", ',
        "other.json": b'{"some": "thing"}',
        "newer.json": b'{"format": "tutor-export", "version": 9, "learner": "x", "attempts": []}',
        "points.json": json.dumps({"format": "tutor-export", "version": 1, "learner": "x", "attempts": [
            {"uuid": "u", "answers": [{"question_id": "q", "topic": "t", "correct": True, "earned": "lots",
                                       "max_points": 1}]}]}).encode(),
        "columns.csv": b"name,score\nalice,3\n",
        "binary.csv": b"\xff\xfe\x00\x01garbage",
        "empty.csv": b"",
        "value.csv": (header + "\nx,m,b,u,quiz,practice,en,finished,q,t,1,maybe,1,1,1,0,1,,\n").encode(),
        "short.csv": (header + "\nx,m,b\n").encode(),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    code, out, err = run(["report", str(tmp_path), str(tmp_path / "absent.csv")], capsys)
    assert code == 0 and "learners: 1; exports: 1; answers: 2" in out
    # FILE[:LINE[:COL]]: reason — the file's name without its position.
    named = {re.sub(r"(:\d+)+$", "", line.split(": ")[0]).rsplit("/", 1)[-1] for line in err.splitlines()}
    assert named == {*bad, "absent.csv"}
    assert "missing column(s)" in err and "not UTF-8" in err and "empty file" in err and "maybe" in err

    code, out, err = run(["report", str(tmp_path / "broken.json"), str(tmp_path / "empty.csv")], capsys)
    assert code == 2 and out == "" and "no export could be read" in err


def test_the_table_stays_narrow_with_many_topics_and_long_names() -> None:
    answers = [
        Answer(f"learner-with-a-remarkably-long-name-{n}", "a1", f"question-{t}-with-a-long-identifier-{n}",
               f"instructor-topic-number-{t}", n % 2 == 0, 1.0, 2.0)
        for n in range(3) for t in range(15)
    ]
    table = results_cli.render_table(class_report(answers), exports=3)
    assert max(map(len, table.splitlines())) <= 100
    assert "instructor-topic-number-14" in table  # the legend names every cut topic


# Names, ids and topics are one line without terminal controls (report refuses others: test_report_safety).
texts = st.text(st.characters(codec="utf-8", blacklist_categories=("Cc", "Zl", "Zp"),
                              blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
                min_size=1).filter(lambda s: s.strip() == s and s)
answers_strategy = st.lists(
    st.tuples(texts, texts, st.one_of(texts, st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
                                      st.lists(texts, max_size=3)),
              st.booleans(), st.integers(0, 40).map(lambda n: n / 4)),
    max_size=8, unique_by=lambda item: item[0],
)


@settings(max_examples=60, deadline=None)
@given(learner=texts, answers=answers_strategy)
def test_any_answers_survive_both_export_formats(learner: str, answers: list[tuple]) -> None:
    rows = [AnswerRow(q, topic, value, earned, 10.0, earned / 10, right, 0, 1.0, 1.7e9)
            for q, topic, value, right, earned in answers]
    row = AttemptRow(1, "uuid-1", "b", "m", "quiz", "practice", "en", 1, {}, [a.question_id for a in rows], None,
                     70.0, 1.7e9, None, 0.0, "open", rows, {})
    expected = [Answer(learner, "uuid-1", a.question_id, a.topic, a.correct, a.earned, 10.0) for a in rows]
    assert parse_csv(export_csv(learner, [row])) == expected
    assert parse_json(json.dumps(export_document(learner, [row], 1.7e9))) == expected


def test_registering_the_commands_stays_light() -> None:
    code = (
        "import sys, argparse\nfrom tutor.cli import results as results_cli\n"
        "p = argparse.ArgumentParser(); results_cli.register(p.add_subparsers(), p)\n"
        "print(','.join(m for m in ('textual', 'numpy', 'yaml', 'sqlite3', 'fsrs') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_handlers_accept_a_namespace_without_common_options(class_of_two: None, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TUTOR_LEARNER", "bob")  # no --learner: the learner comes from TUTOR_LEARNER
    assert results_cli.run_export(argparse.Namespace(format="csv", out=None)) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_empty_exports_give_an_empty_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "nobody.csv").write_text(",".join(CSV_COLUMNS) + "\n", encoding="utf-8")
    code, out, err = run(["report", str(tmp_path / "nobody.csv"), str(tmp_path)], capsys)
    assert code == 0 and err == "" and "learners: 0; exports: 1; answers: 0" in out
    code, out, _ = run(["report", "--format", "csv", str(tmp_path)], capsys)
    assert code == 0 and out.strip() == ",".join(results_cli.REPORT_CSV_COLUMNS)
