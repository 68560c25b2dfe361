"""`tutor report` and `tutor export` against hostile exports (review H3, M5, M6, M7, L13).

Learners send the exports; the instructor runs `tutor report` on them. Nothing in an export may
reach the instructor's terminal as a control sequence, forge a row, abort the report, run as a
spreadsheet formula, or inflate a score; `export --out` never leaves a truncated file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_helpers import run_results_cli
from tutor.quiz.results import (
    CSV_COLUMNS,
    EXPORT_LIMIT,
    Answer,
    ExportError,
    csv_cell,
    csv_text,
    export_csv,
    merge_exports,
    parse_csv,
    parse_json,
    read_export,
)
from tutor.store.learners import database_path
from tutor.store.records import AnswerRow, AttemptRow
from tutor.store.sqlite import SQLiteStore

ESC = "\x1b"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """English messages, and the exports' directory as the current one (short paths in messages)."""
    monkeypatch.setenv("TUTOR_LANG", "en")
    monkeypatch.chdir(tmp_path)


run = run_results_cli


def tutor(*argv: str, **options: object) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (its own TUTOR_HOME comes from the environment)."""
    result: subprocess.CompletedProcess[str] = subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", "tutor", *argv], capture_output=True, text=True, timeout=120, check=False, **options)
    return result


def document(learner: object = "alice", answers: list[dict[str, object]] | None = None, uuid: object = "u1",
             **top: object) -> dict[str, object]:
    """A JSON export of one attempt (by default one right answer worth 2 points)."""
    if answers is None:
        answers = [answer()]
    return {"format": "tutor-export", "version": 1, "learner": learner, **top,
            "attempts": [{"uuid": uuid, "answers": answers}]}


def answer(question_id: object = "q1", topic: object = "bert", correct: object = True, earned: object = 2.0,
           max_points: object = 2.0) -> dict[str, object]:
    """One answer of a JSON export."""
    return {"question_id": question_id, "topic": topic, "correct": correct, "earned": earned,
            "max_points": max_points}


def csv_export(*rows: dict[str, str]) -> str:
    """A CSV export with these rows (missing columns get harmless values)."""
    base = {c: "" for c in CSV_COLUMNS} | {"learner": "alice", "attempt": "u1", "question_id": "q1", "topic": "bert",
                                           "correct": "1", "earned": "2", "max_points": "2"}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(base | row for row in rows or ({},))
    return buffer.getvalue()


def write(path: Path, content: object) -> Path:
    """`content` (a JSON document, text or bytes) into `path`."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def skipped(err: str) -> set[str]:
    """The files named on stderr as skipped (FILE[:LINE[:COL]]: reason)."""
    return {line.split(": ")[0].split(":")[0] for line in err.splitlines() if ": " in line}


# -- H3: nothing a learner wrote reaches the instructor's terminal as a control ----------------------


HOSTILE = {
    "osc52.json": document(learner=f"mallory{ESC}]52;c;cm0gLXJmIH4K{ESC}\\"),
    "clear.json": document(answers=[answer(question_id=f"q{ESC}[2J{ESC}[H")]),
    "title.json": document(answers=[answer(topic=f"t{ESC}]0;pwned\x07")]),
    "bidi.json": document(answers=[answer(topic="bert\u202eevil")]),
    "c1.csv": csv_export({"learner": "eve\x9b2J"}),
    "nul.csv": csv_export({"question_id": "q\x00"}),
}


def test_escapes_in_exports_never_reach_the_terminal(tmp_path: Path) -> None:
    for name, content in HOSTILE.items():
        write(tmp_path / name, content if isinstance(content, str) else json.dumps(content))
    write(tmp_path / "good.json", document(learner="bob"))
    # The file name itself is the learner's choice too.
    write(tmp_path / f"name{ESC}]0;x\x07.json", "{")
    for fmt in ("table", "csv"):
        result = tutor("report", "--format", fmt, ".", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        for text in (result.stdout, result.stderr):
            assert ESC not in text and "\x07" not in text and "\x9b" not in text and "\u202e" not in text
            assert "\x00" not in text
        assert "Traceback" not in result.stderr
        assert skipped(result.stderr) == {*HOSTILE, "name\ufffd]0;x\ufffd.json"}
        assert "holds a control character or a line break (U+001B)" in result.stderr
        assert "bob" in result.stdout and "mallory" not in result.stdout


@pytest.mark.parametrize("field", ["learner", "question_id", "topic", "attempt"])
def test_a_line_break_in_a_name_cannot_forge_a_row(field: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    forged = "mallory\nalice                           100%    100%"
    write(tmp_path / "forged.csv", csv_export({field: forged}))
    write(tmp_path / "tab.csv", csv_export({field: "x\ty"}))
    write(tmp_path / "separator.json", json.dumps(document(uuid="u\u2028v")))
    write(tmp_path / "good.csv", csv_export({"learner": "bob"}))
    code, out, err = run(["report", str(tmp_path)], capsys)
    assert code == 0 and not any(line.startswith("alice") for line in out.splitlines())
    assert skipped(err) == {"forged.csv", "tab.csv", "separator.json"}
    assert f"forged.csv:3: {field} holds a control character or a line break (U+000A): refused" in err


def test_messages_quote_bad_values_on_one_short_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "long.json", document(answers=[answer(correct="x" * 5000 + "\n" + ESC)]))
    write(tmp_path / "nested.json", document(answers=[answer(earned=[[[[1]]]])]))
    code, _, err = run(["report", str(tmp_path)], capsys)
    assert code == 2 and ESC not in err and len(err.splitlines()) == 3  # two files and "none could be read"
    assert max(map(len, err.splitlines())) < 200
    assert "long.json: attempts[0].answers[0]: correct is 'xxx" in err and "nested.json" in err and "[…]" in err


# -- M5: one bad export never aborts the class report ------------------------------------------------


def test_deep_json_and_huge_numbers_are_skipped_with_their_reason(tmp_path: Path) -> None:
    write(tmp_path / "good.csv", csv_export())
    write(tmp_path / "deep.json", '{"format": "tutor-export", "version": 1, "attempts": ' + "[" * 200_000)
    write(tmp_path / "deep-closed.json", "[" * 200_000 + "]" * 200_000)
    digits = "9" * 5000
    write(tmp_path / "earned.json", json.dumps(document()).replace('"earned": 2.0', f'"earned": {digits}'))
    write(tmp_path / "version.json", json.dumps(document()).replace('"version": 1', f'"version": {digits}'))
    write(tmp_path / "overflow.json", json.dumps(document(answers=[answer(max_points=10**400)])))
    write(tmp_path / "earned.csv", csv_export({"earned": digits}))
    result = tutor("report", ".", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "learners: 1; exports: 1; answers: 1" in result.stdout
    assert skipped(result.stderr) == {"deep.json", "deep-closed.json", "earned.json", "version.json",
                                      "overflow.json", "earned.csv"}
    assert "deep.json: JSON nested too deeply" in result.stderr
    assert "earned.json: unreadable JSON: Exceeds the limit" in result.stderr
    assert "overflow.json: attempts[0].answers[0]: max_points is 100000000000…, not a number of points" in result.stderr


def test_only_bad_exports_still_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "deep.json", "[" * 200_000)
    result = tutor("report", "deep.json", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["deep.json: JSON nested too deeply",
                                          "tutor: error: no export could be read"]


def test_fifos_devices_and_huge_files_are_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.csv")  # reading it would wait for a writer forever
    (tmp_path / "sparse.csv").touch()
    os.truncate(tmp_path / "sparse.csv", EXPORT_LIMIT + 1)  # 50 MB of nothing, never read
    write(tmp_path / "good.csv", csv_export())
    result = tutor("report", "fifo.csv", "/dev/zero", "sparse.csv", "good.csv", cwd=tmp_path)
    assert result.returncode == 0 and "answers: 1" in result.stdout
    assert result.stderr.splitlines() == [
        "fifo.csv: not a regular file (a pipe, a device or a directory)",
        "/dev/zero: not a regular file (a pipe, a device or a directory)",
        "sparse.csv: the file is larger than the limit of 50 MB",
    ]


def test_the_size_limit_is_a_parameter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", csv_export())
    assert len(read_export(path)) == 1
    with pytest.raises(ExportError) as refused:
        read_export(path, limit=10)
    assert refused.value.key == "input.too_large"


# -- M6: no spreadsheet formula in a CSV we write ---------------------------------------------------


FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1+1", "-2+3", "-cmd"]


def test_report_csv_neutralises_learners_text_and_keeps_numbers(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for number, formula in enumerate(FORMULAS):
        write(tmp_path / f"{number}.csv", csv_export({"learner": formula, "question_id": formula, "topic": formula,
                                                      "attempt": f"u{number}"}))
    code, out, err = run(["report", "--format", "csv", str(tmp_path)], capsys)
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 * len(FORMULAS)
    for row in rows:
        for column in ("learner", "topic", "question_id"):
            assert row[column][:1] not in ("=", "+", "-", "@", "\t", "\r")
        for column in ("attempts", "answers", "correct", "earned", "max_points", "percent"):
            float(row[column])  # numbers stay numbers
    learners = {row["learner"] for row in rows if row["section"] == "learner"}
    assert learners == {"'" + formula for formula in FORMULAS}


def test_export_csv_neutralises_text_but_not_numbers() -> None:
    rows = [AnswerRow("=q", "@topic", -2.5, 0.0, 2.0, 0.0, False, 0, 1.0, 1.7e9),
            AnswerRow("q2", "bert", "=1+1", 2.0, 2.0, 1.0, True, 0, 1.0, 1.7e9)]
    attempt = AttemptRow(1, "-uuid", "+bank", "m", "quiz", "practice", "en", 1, {}, ["=q", "q2"], None, 70.0,
                         1.7e9, None, 0.0, "open", rows, {})
    text = export_csv("=HYPERLINK(1)", [attempt])
    first, second = csv.DictReader(io.StringIO(text))
    assert (first["learner"], first["attempt"], first["bank"], first["question_id"], first["topic"]) == (
        "'=HYPERLINK(1)", "'-uuid", "'+bank", "'=q", "'@topic")
    assert first["answer"] == "-2.5"  # a number answer stays a number (JSON), as do the points
    assert second["answer"] == '"=1+1"' and second["earned"] == "2"
    assert parse_csv(text) == [Answer("=HYPERLINK(1)", "-uuid", "=q", "@topic", False, 0.0, 2.0),
                               Answer("=HYPERLINK(1)", "-uuid", "q2", "bert", True, 2.0, 2.0)]


def test_a_csv_export_reads_back_with_the_same_names_and_numbers(capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path) -> None:
    store, _ = SQLiteStore.open(database_path("=alice"))
    number = store.start_attempt(bank="b", module="m", kind="quiz", mode="practice", lang="en", seed=1, settings={},
                                 question_ids=["+q1", "q2"], time_limit=None, pass_mark=70.0)
    store.record_answer(number, question_id="+q1", topic="-t", answer="=x", earned=1.5, max_points=2.0, credit=0.75,
                        correct=False, hints=0, seconds=1.0)
    store.record_answer(number, question_id="q2", topic="bert", answer=-1, earned=2.0, max_points=2.0, credit=1.0,
                        correct=True, hints=0, seconds=1.0)
    store.close()
    for fmt in ("csv", "json"):
        assert run(["export", "--learner", "=alice", "--format", fmt, "--out", f"alice.{fmt}"], capsys)[0] == 0
    reports = [run(["report", "--format", "csv", f"alice.{fmt}"], capsys) for fmt in ("csv", "json")]
    assert reports[0] == reports[1] and reports[0][0] == 0 and reports[0][2] == ""
    learner = next(csv.DictReader(io.StringIO(reports[0][1])))
    assert (learner["learner"], learner["earned"], learner["max_points"], learner["percent"]) == (
        "'=alice", "3.5", "4", "87.5")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_csv_cell_is_undone_by_csv_text(text: str) -> None:
    cell = csv_cell(text)
    assert csv_text(cell) == text
    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r") or re.fullmatch(r"[+-][0-9]*\.?[0-9]*(e[+-]?[0-9]+)?",
                                                                         cell, re.IGNORECASE)


# -- M7: no forged or inflated score ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("inflated.json", document(answers=[answer(earned=1_000_000, max_points=1)]),
     "attempts[0].answers[0]: earned (1,000,000) is more than max_points (1)"),
    ("inflated.csv", csv_export({"earned": "3", "max_points": "2"}), ":2: earned (3) is more than max_points (2)"),
    ("nan.json", json.dumps(document(answers=[answer(earned=float("nan"))])), "earned is nan, not a number of points"),
    ("inf.csv", csv_export({"max_points": "inf"}), "max_points is 'inf', not a number of points"),
    ("negative.json", document(answers=[answer(earned=0, max_points=-1)]), "max_points is -1, not a number"),
    ("absurd.json", document(answers=[answer(max_points=1e9)]),
     "max_points is 1,000,000,000, above the limit of 1,000 points per question"),
    ("true.json", document(version=True), "export version True is not supported"),
    ("minus.json", document(version=-1), "export version -1 is not supported"),
    ("text.json", document(version="1"), "export version '1' is not supported"),
    ("float.json", document(version=1.0), "export version 1.0 is not supported"),
    ("mixed.csv", csv_export({}, {"learner": "mallory", "attempt": "u9"}),
     ':3: learner "mallory" but line 2 names "alice": an export holds one learner\'s answers'),
])
def test_impossible_scores_and_versions_are_refused(name: str, content: object, reason: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / name, content if isinstance(content, str) else json.dumps(content))
    write(tmp_path / "good.json", document(learner="bob"))
    code, out, err = run(["report", str(tmp_path)], capsys)
    assert code == 0 and "learners: 1; exports: 1; answers: 1" in out and "mallory" not in out
    assert skipped(err) == {name} and reason in err and len(err.splitlines()) == 1


def test_zero_and_full_points_are_fine(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.json", document(answers=[answer("q1", earned=0, max_points=0),
                                                 answer("q2", earned=1000, max_points=1000)]))
    code, out, err = run(["report", str(tmp_path)], capsys)
    assert code == 0 and err == "" and "answers: 2" in out


def test_two_exports_of_one_learner_merge_and_disagreements_are_told(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    # The same attempt in CSV and JSON, plus a later export with one more attempt: merged, counted once.
    write(tmp_path / "a1.csv", csv_export({}, {"question_id": "q2", "correct": "0", "earned": "0"}))
    later = document(answers=[answer("q1"), answer("q2", correct=False, earned=0)])
    later["attempts"].append({"uuid": "u2", "answers": [answer("q3")]})  # type: ignore[attr-defined]
    write(tmp_path / "a2.json", later)
    code, out, err = run(["report", "--format", "csv", str(tmp_path)], capsys)
    assert code == 0 and err == ""
    learner = next(csv.DictReader(io.StringIO(out)))
    assert (learner["attempts"], learner["answers"], learner["earned"]) == ("2", "3", "4")

    # A third file gives q2 of the same attempt full marks: the first read is kept, the clash said.
    write(tmp_path / "a3.json", document(answers=[answer("q2")]))
    # A copy of alice's attempt under mallory's name: counted for mallory, and pointed out.
    write(tmp_path / "m.json", document(learner="mallory", answers=[answer("q1")]))
    code, out, err = run(["report", "--format", "csv", str(tmp_path)], capsys)
    assert code == 0
    assert err.splitlines() == [
        'a3.json: the answer to q2 (attempt u1 of "alice") differs from the one in a1.csv; the one in a1.csv is kept',
        'm.json: attempt u1 is given to "mallory" but a1.csv gives it to "alice": an export copied under another name?',
    ]
    rows = {row["learner"]: row for row in csv.DictReader(io.StringIO(out)) if row["section"] == "learner"}
    assert rows["alice"]["earned"] == "4" and rows["mallory"]["answers"] == "1"


def test_merge_keeps_each_answer_once() -> None:
    one = Answer("a", "u", "q", "t", True, 1.0, 1.0)
    answers, clashes = merge_exports([("x.csv", [one, one]), ("x.json", [one])])
    assert answers == [one] and clashes == []


def test_french_reasons(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "fr")
    write(tmp_path / "a.json", document(answers=[answer(earned=3, max_points=2.5)]))
    write(tmp_path / "b.csv", csv_export({"topic": "a\nb"}))
    code, _, err = run(["report", "a.json", "b.csv"], capsys)
    assert code == 2
    assert err.splitlines()[:2] == [
        "a.json: attempts[0].answers[0]\u00a0: earned (3) dépasse max_points (2,5)",
        "b.csv:3: topic contient un caractère de contrôle ou un saut de ligne (U+000A)\u00a0: refusé",
    ]


# -- L13: export --out is atomic and private --------------------------------------------------------


def big_learner(name: str = "alice") -> int:
    """A learner whose JSON export is much larger than their database; returns the database's size."""
    store, _ = SQLiteStore.open(database_path(name))
    store.start_attempt(bank="b", module="m", kind="quiz", mode="practice", lang="en", seed=1, settings={},
                        question_ids=[f"q{n}" for n in range(60_000)], time_limit=None, pass_mark=70.0)
    store.close()
    return database_path(name).stat().st_size


def test_a_full_disk_leaves_the_old_export_whole(tmp_path: Path) -> None:
    database_size = big_learner()
    export_size = len(tutor("export", "--learner", "alice", "--format", "json").stdout.encode())
    limit = database_size + 65_536  # the database still opens; the export cannot be written whole
    assert export_size > limit + 100_000
    old = write(tmp_path / "alice.json", json.dumps(document()))
    before = old.read_bytes()

    def small_files() -> None:  # the writing process may not make a file larger than `limit` (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = tutor("export", "--learner", "alice", "--format", "json", "--out", "alice.json", "--force",
                   cwd=tmp_path, preexec_fn=small_files)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["tutor: error: cannot write alice.json: File too large"]
    assert old.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["alice.json"]


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_an_export_file_is_private_whatever_the_umask(umask: int, tmp_path: Path) -> None:
    write(tmp_path / "old.csv", "old")
    os.chmod(tmp_path / "old.csv", 0o644)
    for argv in (["--out", "new.csv"], ["--out", "old.csv", "--force"]):
        result = tutor("export", "--learner", "nobody", *argv, cwd=tmp_path, umask=umask)
        assert result.returncode == 0, result.stderr
        target = tmp_path / argv[1]
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert target.read_text(encoding="utf-8").startswith("learner,module")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.csv", "old.csv"]  # no temporary file left


def test_export_through_a_symlink_replaces_its_target(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("old", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to("real.csv")
    assert run(["export", "--learner", "nobody", "--out", "link.csv", "--force"], capsys)[0] == 0
    assert (tmp_path / "link.csv").is_symlink() and (tmp_path / "real.csv").read_text().startswith("learner")


@pytest.mark.parametrize(("out", "reason"), [
    ("/dev/full", "No space left on device"), (".", "Is a directory"),
    ("missing/x.csv", "No such file or directory"), ("", "No such file or directory"),
])
def test_unwritable_outputs_still_say_why(out: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(["export", "--learner", "nobody", "--out", out, "--force"], capsys)
    assert code == 2 and stdout == "" and err.splitlines()[-1] == f"tutor: error: cannot write {out}: {reason}"


def test_export_to_stdout_is_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(["export", "--learner", "nobody"], capsys)
    assert code == 0 and out == ",".join(CSV_COLUMNS) + "\r\n" and list(tmp_path.iterdir()) == []


def test_parsers_stay_pure_functions_of_text() -> None:
    assert parse_json(json.dumps(document())) == [Answer("alice", "u1", "q1", "bert", True, 2.0, 2.0)]
    assert parse_csv(csv_export()) == [Answer("alice", "u1", "q1", "bert", True, 2.0, 2.0)]
