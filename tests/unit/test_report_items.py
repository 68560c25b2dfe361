"""`tutor report --items`: Moodle's item analysis of the exports instructors collect, in both languages."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import pytest

from tests.cli_helpers import run_main, run_results_cli
from tests.unit.test_french_cli import catalogue_fragments, leaks
from tutor.store.learners import database_path
from tutor.store.sqlite import SQLiteStore

NNBSP = "\u202f"
# The worked example of tests/unit/test_item_analysis.py: (q1, q2, q3, q4 of 2 points) per learner.
WORKED = {"ana": [1, 1, 0, 2], "ben": [1, 1, 0, 2], "cleo": [1, 0, 1, 1], "dan": [1, 0, 1, 1], "eve": [1, 0, 0, 0]}
POINTS = {"q1": 1.0, "q2": 1.0, "q3": 1.0, "q4": 2.0}


def take(learner: str, marks: dict[str, float], *, bank: str = "fine-tuning", mode: str = "exam",
         kind: str = "quiz", state: str = "finished") -> None:
    """`learner` answers one attempt with these marks, through the real store."""
    store, _ = SQLiteStore.open(database_path(learner))
    number = store.start_attempt(bank=bank, module="fine-tuning", kind=kind, mode=mode, lang="en", seed=1,
                                 settings={}, question_ids=list(marks), time_limit=None, pass_mark=70.0)
    for question, earned in marks.items():
        worth = POINTS.get(question, 1.0)
        store.record_answer(number, question_id=question, topic="bert", answer={"given": question}, earned=earned,
                            max_points=worth, credit=earned / worth, correct=earned == worth, hints=0, seconds=2.0)
    if state != "open":
        store.finish_attempt(number, 30.0, state=state)
    store.close()


def export_all(capsys: pytest.CaptureFixture[str], folder: Path, learners: list[str]) -> Path:
    """Each learner's export, in CSV or JSON by turns (the report reads both), into `folder`."""
    folder.mkdir(exist_ok=True)
    for n, learner in enumerate(learners):
        form = "csv" if n % 2 == 0 else "json"
        code, _, err = run_results_cli(["export", "--learner", learner, "--format", form,
                                        "--out", str(folder / f"{learner}.{form}")], capsys)
        assert code == 0, err
    return folder


@pytest.fixture
def worked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    for learner, marks in WORKED.items():
        take(learner, {f"q{i + 1}": float(mark) for i, mark in enumerate(marks)})
    return export_all(capsys, tmp_path / "exports", list(WORKED))


def report(capsys: pytest.CaptureFixture[str], lang: str, *argv: str) -> tuple[int, str, str]:
    """`tutor --lang LANG report ARGV` through the whole command line (messages in the learner's language)."""
    return run_main(capsys, "--lang", lang, "report", *argv)


def test_the_table_in_english(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, "en", "--items", str(worked))
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Item analysis — bank fine-tuning, Exam"
    assert lines[1] == "Attempts: 5 (the first finished attempt of each learner); learners: 5"
    rows = {line.split()[0]: line.split() for line in lines if re.match(r"q\d ", line)}
    # Hardest first, as in the worked example: q2, q3, q4, q1.
    assert list(rows) == ["q2", "q3", "q4", "q1"]
    assert rows["q2"] == ["q2", "5", "40.0%", "54.8%", "40.8%", "100.0%"]
    assert rows["q3"] == ["q3", "5", "40.0%", "54.8%", "-40.8%", "-42.9%", "negative", "discrim."]
    assert rows["q4"] == ["q4", "5", "60.0%", "41.8%", "80.2%", "100.0%"]
    assert rows["q1"] == ["q1", "5", "100.0%", "0.0%", "-", "-", "too", "easy"]
    assert "2 questions to check: negative discrimination, or a facility of 95% or more" in out.replace("\n", " ")
    assert "Test: mean score 60.0%; standard deviation 24.5%" in out
    assert ("Cronbach's alpha (coefficient of internal consistency): 17.8%; error ratio: 90.7%; standard error: "
            "22.2%") in out.replace("\n", " ")
    assert max(map(len, lines)) <= 80


def test_the_table_in_french(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, "fr", "--items", str(worked))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Analyse d'items — banque fine-tuning, Examen"
    rows = {line.split()[0]: line for line in lines if re.match(r"q\d ", line)}
    assert f"40,0{NNBSP}%" in rows["q2"] and f"-40,8{NNBSP}%" in rows["q3"]
    assert rows["q3"].endswith("discrim. négative") and rows["q1"].endswith("trop facile")
    assert f"Test\u00a0: score moyen 60,0{NNBSP}%{NNBSP}; écart type 24,5{NNBSP}%" in out
    joined = out.replace("\n", " ")
    assert f"Alpha de Cronbach (coefficient de cohérence interne)\u00a0: 17,8{NNBSP}%" in joined
    assert f"erreur type\u00a0: 22,2{NNBSP}%" in joined
    assert max(map(len, lines)) <= 80
    assert leaks(out, catalogue_fragments("en")) == []


def test_english_output_holds_no_french(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = report(capsys, "en", "--items", str(worked))
    assert leaks(out, catalogue_fragments("fr")) == []


def test_json_gives_the_same_numbers_as_fractions(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, "fr", "--items", "--json", str(worked))
    assert code == 0, err
    document = json.loads(out)
    assert (document["format"], document["version"], document["attempts_counted"]) == ("tutor-item-analysis", 1,
                                                                                      "first")
    (test,) = document["tests"]
    assert (test["bank"], test["mode"], test["learners"]) == ("fine-tuning", "exam", 5)
    items = {item["question_id"]: item for item in test["items"]}
    assert [item["question_id"] for item in test["items"]] == ["q2", "q3", "q4", "q1"]
    assert items["q1"] == {"question_id": "q1", "attempts": 5, "facility": 1.0, "sd": 0.0, "discrimination": None,
                           "efficiency": None, "flags": ["too-easy"]}
    assert items["q3"]["discrimination"] == pytest.approx(-1 / math.sqrt(6))
    assert items["q3"]["efficiency"] == pytest.approx(-3 / 7)
    assert items["q3"]["flags"] == ["negative-discrimination"]
    assert items["q4"]["sd"] == pytest.approx(math.sqrt(0.175))
    assert test["test"]["alpha"] == pytest.approx(8 / 45)
    assert test["test"]["error_ratio"] == pytest.approx(math.sqrt(37 / 45))
    assert test["test"]["standard_error"] == pytest.approx(math.sqrt(37 / 45) * math.sqrt(0.06))
    assert (test["test"]["form"], test["test"]["items"], test["test"]["alpha_missing"]) == ("fixed", 4, None)
    assert "null" in out and "NaN" not in out


def test_csv_is_the_same_in_both_languages(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, english, _ = report(capsys, "en", "--items", "--format", "csv", str(worked))
    _, french, _ = report(capsys, "fr", "--items", "--format", "csv", str(worked))
    assert english == french
    rows = list(csv.DictReader(io.StringIO(english)))
    assert [(r["section"], r["question_id"]) for r in rows] == [
        ("item", "q2"), ("item", "q3"), ("item", "q4"), ("item", "q1"), ("test", "")]
    assert float(rows[1]["discrimination"]) == pytest.approx(-1 / math.sqrt(6))
    assert rows[3]["discrimination"] == "" and rows[3]["flags"] == "too-easy"
    assert float(rows[4]["alpha"]) == pytest.approx(8 / 45)


def test_each_test_is_analysed_on_its_own(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for learner, marks in WORKED.items():
        take(learner, {f"q{i + 1}": float(mark) for i, mark in enumerate(marks)})
        take(learner, {"q1": 0.0, "q2": 1.0}, bank="=other", mode="practice")
    take("ana", {"q1": 1.0, "q2": 1.0}, bank="=other", mode="practice")  # a second attempt
    take("ben", {"q1": 1.0}, bank="=other", mode="practice", kind="retry")  # not a test
    take("cleo", {"q1": 1.0}, bank="=other", mode="practice", state="open")  # not finished
    folder = export_all(capsys, tmp_path / "exports", list(WORKED))

    code, out, err = report(capsys, "en", "--items", str(folder))
    assert code == 0, err
    headings = [line for line in out.splitlines() if line.startswith("Item analysis")]
    assert headings == ["Item analysis — bank =other, Practice", "Item analysis — bank fine-tuning, Exam"]
    assert "Attempts: 5 (the first finished attempt of each learner); learners: 5" in out

    _, every, _ = report(capsys, "en", "--items", "--all-attempts", "--bank", "=other", str(folder))
    assert "Item analysis — bank fine-tuning" not in every
    assert ("Attempts: 6 (every finished attempt, each counted as a different learner's); learners: 5"
            in every.replace("\n", " "))

    _, table, _ = report(capsys, "en", "--items", "--format", "csv", "--bank", "=other", str(folder))
    assert "'=other" in table and "\n=other" not in table and ",=other" not in table  # formula-safe

    code, _, err = report(capsys, "en", "--items", "--bank", "absent", str(folder))
    assert code == 2
    assert "no finished quiz attempt of absent in these exports (banks found: =other, fine-tuning)" in err


def test_alpha_missing_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    take("ana", {"q1": 1.0, "q2": 0.0})
    take("ben", {"q1": 0.0, "q2": 1.0})
    folder = export_all(capsys, tmp_path / "exports", ["ana", "ben"])
    code, out, _ = report(capsys, "en", "--items", str(folder))
    assert code == 0
    assert "Cronbach's alpha: undefined (it needs at least 3 attempts)" in out
    _, french, _ = report(capsys, "fr", "--items", str(folder))
    assert "Alpha de Cronbach\u00a0: non défini (il faut au moins 3 tentatives)" in french


def test_random_forms_say_how_alpha_counts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    take("ana", {"q1": 1.0, "q2": 1.0})
    take("ben", {"q2": 0.0, "q3": 1.0})
    take("cleo", {"q3": 0.0, "q1": 0.0})
    take("dan", {"q1": 1.0, "q3": 0.0})
    folder = export_all(capsys, tmp_path / "exports", ["ana", "ben", "cleo", "dan"])
    _, out, _ = report(capsys, "en", "--items", str(folder))
    assert "alpha counts the k-th question of each attempt as item k" in out.replace("\n", " ")


def test_long_ids_and_two_flags_stay_within_80_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 20 attempts, a very long question id right 19 times out of 20, mostly by the weaker learners:
    # too easy and discriminating the wrong way, two flags.
    long_id = "a-question-with-a-remarkably-long-identifier-that-cannot-fit"
    for n in range(20):
        take(f"l{n:02d}", {long_id: 0.0 if n == 19 else 1.0, "q2": 1.0 if n >= 10 else 0.0,
                           "q3": 1.0 if n >= 15 else 0.0})
    folder = export_all(capsys, tmp_path / "exports", [f"l{n:02d}" for n in range(20)])
    for lang in ("en", "fr"):
        code, out, err = report(capsys, lang, "--items", str(folder))
        assert code == 0, err
        assert max(map(len, out.splitlines())) <= 80, out
        assert "…" in out  # the id is cut in the middle
    _, english, _ = report(capsys, "en", "--items", str(folder))
    flagged = [line for line in english.splitlines() if "too easy" in line or "negative discrim." in line]
    assert "".join(flagged).count("too easy") == 1 and "".join(flagged).count("negative discrim.") == 1


@pytest.mark.parametrize("argv", [["--json"], ["--bank", "x"], ["--all-attempts"]])
def test_item_options_need_items(argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = report(capsys, "en", *argv, str(tmp_path))
    assert (code, out) == (2, "")
    assert f"{argv[0]} only goes with --items" in err


def test_json_and_csv_are_one_choice(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, "fr", "--items", "--json", "--format", "csv", str(worked))
    assert (code, out) == (2, "")
    assert "--json ou --format csv\u00a0: choisissez l'un des deux" in err


def test_bad_exports_keep_the_reports_refusals(worked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (worked / "broken.json").write_text('{"format": "tutor-export", "version": 1, "attempts": [', encoding="utf-8")
    (worked / "forged.csv").write_text(
        "learner,bank,attempt,kind,mode,state,question_id,topic,correct,earned,max_points\n"
        "zoe,fine\x1b[2Jtuning,z1,quiz,exam,finished,q1,bert,1,1,1\n", encoding="utf-8")
    (worked / "greedy.csv").write_text(
        "learner,bank,attempt,kind,mode,state,question_id,topic,correct,earned,max_points\n"
        "zed,fine-tuning,z2,quiz,exam,finished,q1,bert,1,5,1\n", encoding="utf-8")
    code, out, err = report(capsys, "en", "--items", str(worked))
    assert code == 0
    assert "Attempts: 5 " in out  # the five good exports, nothing of the bad ones
    assert "broken.json:1:" in err and "broken JSON" in err
    assert "forged.csv:2: bank holds a control character or a line break (U+001B): refused" in err
    assert "greedy.csv:2: earned (5" in err
    assert "\x1b" not in out + err


def test_nothing_to_analyse_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    take("ana", {"q1": 1.0}, state="open")
    take("ana", {"q1": 1.0}, kind="review")
    folder = export_all(capsys, tmp_path / "exports", ["ana"])
    code, out, err = report(capsys, "en", "--items", str(folder))
    assert (code, out) == (2, "")
    assert "no finished quiz attempt to analyse in these exports" in err
    code, _, err = report(capsys, "en", "--items", str(tmp_path / "absent.csv"))
    assert code == 2 and "no export could be read" in err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_help_names_the_item_analysis(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = report(capsys, lang, "--help")
    assert code == 0
    assert "--items" in out and "--all-attempts" in out
    assert ("Cronbach" in out) and (("facilité" in out) == (lang == "fr"))
