"""`tutor bank import` and `tutor bank export` as an instructor runs them: files, report, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.cli_helpers import run_main

GIFT = """\
// A bank written by hand for Moodle.
$CATEGORY: $course$/top/Cours/Hyperparamètres

::lr::Quel taux d'apprentissage pour BERT ?{=2e-5#Bien. ~1e-2#Trop fort.####Le cours recommande 1e-5 à 5e-5.}

::epochs::Combien d'époques suffisent souvent ?{#3:1}

$CATEGORY: $course$/top/Cours/Rédaction

::essay::Expliquez le transfer learning.{}

::tf::Le warmup stabilise le début de l'entraînement.{T}
"""

XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Cours/Métriques</text></category></question>
  <question type="truefalse">
    <name><text>f1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Le F1 est la moyenne <b>harmonique</b>.</p>]]></text></questiontext>
    <generalfeedback format="html"><text>2PR/(P+R)</text></generalfeedback>
    <defaultgrade>1</defaultgrade><penalty>1</penalty><hidden>0</hidden>
    <answer fraction="100" format="moodle_auto_format"><text>true</text><feedback><text></text></feedback></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text><feedback><text></text></feedback></answer>
  </question>
  <question type="essay">
    <name><text>long</text></name>
    <questiontext format="html"><text>Discutez.</text></questiontext>
  </question>
</quiz>
"""


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "text", "kept", "dropped"), [
    ("cours.gift", GIFT, 3, "question 3 «\u00a0essay\u00a0»\u00a0: laissée de côté"),
    ("cours.xml", XML, 1, "question 2 «\u00a0long\u00a0»\u00a0: laissée de côté"),
])
def test_import_writes_a_bank_validate_accepts_and_lists_what_it_left_out(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, kept: int, dropped: str) -> None:
    source = write(tmp_path, name, text)
    out = tmp_path / "banks"
    code, stdout, stderr = run_main(capsys, "bank", "import", str(source), "--out", str(out), "--lang", "fr")
    assert code == 0, stderr
    assert dropped in stderr
    assert f"{source}:" in stderr.split(dropped)[0].splitlines()[-1]  # FILE:LINE: before the question
    # --lang is the bank's language and the messages' (an instructor importing French questions reads French).
    assert f"Questions importées dans {out / 'cours.fr.yaml'}\u00a0: {kept} sur {kept + 1}" in stderr
    code, _, stderr = run_main(capsys, "validate", str(out))
    assert code == 0, stderr
    code, _, stderr = run_main(capsys, "validate", "--strict", str(out))
    assert code in (0, 1)  # French typography of someone else's text is a warning, never an error


def test_import_never_replaces_a_bank_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = write(tmp_path, "cours.gift", GIFT)
    (tmp_path / "cours.fr.yaml").write_text("mine", encoding="utf-8")
    code, _, stderr = run_main(capsys, "bank", "import", str(source), "--out", str(tmp_path), "--lang", "fr")
    assert code == 2 and "existe déjà" in stderr
    assert (tmp_path / "cours.fr.yaml").read_text(encoding="utf-8") == "mine"
    code, _, _ = run_main(capsys, "bank", "import", str(source), "--out", str(tmp_path), "--lang", "fr", "--force")
    assert code == 0


@pytest.mark.parametrize(("name", "text", "line"), [
    ("broken.gift", "::a::Question sans fin {=oui ~non\n\n::b::Autre ?{T}\n", 1),
    ("broken.xml", "<?xml version='1.0'?>\n<quiz>\n  <question type='truefalse'>\n</quiz>\n", 4),
    ("latin1.gift", "::a::Ok ?{T}\n\n::b::\xe9t\xe9 ?{T}\n", 3),
])
def test_a_malformed_file_is_one_line_with_its_place_and_writes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, line: int) -> None:
    source = tmp_path / name
    source.write_bytes(text.encode("latin-1"))
    out = tmp_path / "out"
    code, stdout, stderr = run_main(capsys, "bank", "import", str(source), "--out", str(out))
    assert code == 2
    assert stderr.startswith(f"tutor: error: {source}:{line}: ") or f"{source}:{line}: " in stderr, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_import_of_a_missing_or_special_file_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    code, _, stderr = run_main(capsys, "bank", "import", str(tmp_path / "absent.xml"))
    assert code == 2 and "absent.xml" in stderr
    code, _, stderr = run_main(capsys, "bank", "import", str(tmp_path))
    assert code == 2 and "not a regular file" in stderr


def test_export_of_the_shipped_bank_is_moodle_xml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, stdout, stderr = run_main(capsys, "bank", "export", "--lang", "en", "--generated", "1")
    assert code == 0, stderr
    quiz = etree.fromstring(stdout.encode("utf-8"))
    questions = [q for q in quiz if q.get("type") != "category"]
    assert quiz.tag == "quiz" and len(questions) > 100
    assert "written as moodle-xml to -: " in stderr
    target = tmp_path / "bank.gift"
    code, stdout, stderr = run_main(capsys, "bank", "export", "--format", "gift", "--out", str(target))
    assert (code, stdout) == (0, "")
    assert "$CATEGORY:" in target.read_text(encoding="utf-8")
    code, _, stderr = run_main(capsys, "bank", "export", "--format", "gift", "--out", str(target))
    assert code == 2 and "already exists" in stderr


@pytest.mark.parametrize("argv", [
    ("bank",), ("bank", "export", "--generated", "-1"), ("bank", "export", "--generated", "x"),
    ("bank", "export", "nowhere"), ("bank", "export", "--format", "docx"), ("bank", "import"),
    ("bank", "import", "q.gift", "--bank", "Not An Id"),
])
def test_wrong_arguments_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "q.gift", GIFT)
    code, _, stderr = run_main(capsys, *argv)
    assert code == 2, stderr
    assert "Traceback" not in stderr


def test_questions_without_general_feedback_are_one_report_line(capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path) -> None:
    gift = "".join(f"::q{n}::Question {n} ?{{T}}\n\n" for n in range(1, 6)) + "::ok::Fine?{T####Because.}\n"
    source = write(tmp_path, "bare.gift", gift)
    code, _, stderr = run_main(capsys, "bank", "import", str(source), "--out", str(tmp_path), "--lang", "en")
    assert code == 0, stderr
    lines = [line for line in stderr.splitlines() if "no general feedback" in line]
    assert lines == ["5 questions (1, 2, 3, 4, 5): kept with a loss \u2014 no general feedback in the file: the"
                     " explanation only says there is none"]
