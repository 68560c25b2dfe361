"""`tutor class` on the command line: init, --json, --format csv, and one-line errors (exit 2)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from tests.cli_helpers import run_main
from tests.unit.test_class_core import attempt, put, snapshot
from tutor.classroom.directory import current_login, init_class_dir


@pytest.fixture
def login() -> str:
    name = current_login()
    assert name is not None
    return name


def test_init_sets_the_directory_up_and_says_what_learners_do(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nlp"
    code, out, err = run_main(capsys, "class", "init", str(target), "--lang", "en")
    assert code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o3773
    lines = out.splitlines()
    assert lines[0].startswith(f"Class directory {target} ready: group ") and lines[0].endswith(", mode 3773.")
    assert lines[1] == (f"Learners: export TUTOR_CLASS={target} (or class_dir in their settings file). "
                        f"Dashboard: tutor class {target}")
    # The test's temporary directory is private: the instructor is told learners cannot reach it.
    assert "tutor: warning: learners cannot reach" in err and "(chmod o+x " in err
    code, out, _ = run_main(capsys, "class", "init", str(target), "--lang", "fr")
    assert code == 0 and out.startswith(f"Dossier de classe {target} prêt\u00a0: groupe «\u00a0")


def test_the_class_as_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str], login: str) -> None:
    directory = init_class_dir(tmp_path / "class").path
    put(directory, login, snapshot(login, topics={"bert": {"earned": 3, "max_points": 4, "answers": 4}},
                                   attempts=[attempt("u1", [("q1", "bert", 1, 1), ("q2", "bert", 0, 1)],
                                                     state="open", mode="exam", total=4, time_limit=600.0)]))
    put(directory, "not-a-user-here", snapshot("not-a-user-here"))
    code, out, err = run_main(capsys, "class", str(directory), "--json", "--lang", "en")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert [learner["login"] for learner in document["learners"]] == [login]
    assert document["learners"][0]["topics"]["bert"]["mastery"] == 0.75
    assert document["running"][0]["reached"] == 3 and document["running"][0]["mode"] == "exam"
    assert [q["question_id"] for q in document["questions"]] == ["q2", "q1"]
    assert document["problems"] == [{"file": "not-a-user-here.json", "reason": 'no account is named "not-a-user-here"'}]
    # pytest's temporary directories are private: the set-up notice says learners cannot reach the class.
    assert document["setup"] and {line.split(":")[0] for line in document["setup"]} == {
        f"learners cannot reach {directory}"}
    code, out, _ = run_main(capsys, "class", str(directory), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {row["section"] for row in rows} == {"mastery", "topic", "running", "question", "problem",
                                                            "setup"}
    code, again, _ = run_main(capsys, "class", str(directory), "--format", "json")
    assert code == 0 and json.loads(again)["questions"] == document["questions"]


@pytest.mark.parametrize(("argv", "message"), [
    (["class", "{dir}/nowhere", "--json"], "tutor: error: {dir}/nowhere does not exist"),
    (["class", "{dir}/file", "--json"], "tutor: error: {dir}/file is not a directory"),
    (["class", "a", "b", "c"], 'tutor: error: expected "tutor class init DIR" or "tutor class DIR"'),
    (["class", "{dir}", "--group", "staff"], 'tutor: error: --group only goes with "tutor class init DIR"'),
    (["class", "init", "{dir}/x", "--json"], 'tutor: error: --json and --format do not go with "tutor class init"'),
    (["class", "init", "{dir}/x", "--group", "no-such-group-here"],
     'tutor: error: no group is named "no-such-group-here"'),
    (["class", "init", "{dir}/file"], "tutor: error: {dir}/file is not a directory"),
    (["class", ""], "tutor: error: "),
    (["class", "{dir}"], "tutor: error: the dashboard needs a terminal; for a script: tutor class {dir} --json"),
])
def test_errors_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                        message: str) -> None:
    (tmp_path / "file").write_text("x")
    code, out, err = run_main(capsys, *[a.format(dir=tmp_path) for a in argv], "--lang", "en")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(message.format(dir=tmp_path))


def test_an_unlistable_directory_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root lists any directory; tests/unit/test_class_permissions.py checks it as a learner")
    directory = init_class_dir(tmp_path / "class").path
    os.chmod(directory, 0o3333)
    code, _, err = run_main(capsys, "class", str(directory), "--json", "--lang", "en")
    assert code == 2 and err.startswith(f"tutor: error: cannot list {directory}: ")


def test_the_help_names_both_forms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "class", "--help", "--lang", "fr")
    assert code == 0 and "tutor class init DOSSIER [--group GROUPE]" in out and "--format" in out
