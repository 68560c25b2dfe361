"""Reading Moodle XML: hand-written files of every type and edge case, and malformed files with their line."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tutor.exchange.convert import to_bank
from tutor.exchange.model import ExchangeError, Foreign, Note
from tutor.exchange.moodle_xml import read_moodle_xml
from tutor.i18n.catalogue import t
from tutor.i18n.strings.exchange_xml import EXCHANGE_XML_STRINGS

DATA = Path(__file__).resolve().parents[1] / "data" / "exchange" / "xml"
MALFORMED = DATA / "malformed"


def read(name: str) -> tuple[list[Foreign], list[Note]]:
    return read_moodle_xml((DATA / name).read_bytes(), name)


def by_name(name: str) -> dict[str, Foreign]:
    return {question.name: question for question in read(name)[0]}


def notes_of(name: str) -> list[tuple[int, str, str, bool]]:
    return [(note.position, note.name, note.key, note.dropped) for note in read(name)[1]]


def test_every_supported_type_comes_in_tutor_s_fields() -> None:
    questions = by_name("every_type.xml")
    assert questions["Taux d'apprentissage"].fields == {
        "type": "single", "points": 2.0, "prompt": "Quelle plage de taux pour BERT\u00a0?\n\nVoir `lr`.",
        "options": [{"id": "a", "text": "1e-5 à 5e-5", "correct": True},
                    {"id": "b", "text": "1e-2 à 5e-2", "feedback": "Bien trop élevé."}],  # the blank answer is left out
        "hints": [{"text": "Une très petite valeur.", "cost": 0.5}, {"text": "Plus petit que 1e-3.", "cost": 0.5}],
        "explanation": "De 1e-5 à 5e-5.",
    }
    truefalse = questions["Gel des couches"].fields
    assert truefalse["type"] == "truefalse" and truefalse["answer"] is False
    assert truefalse["prompt"] == "Geler toutes les couches\nempêche tout apprentissage."  # moodle_auto_format
    assert questions["Sigle"].fields["answers"] == ["LoRA", "Low-Rank Adaptation", "2*3"]  # `\*` is a literal star
    numeric = questions["Pas d'échauffement"].fields
    assert {k: numeric[k] for k in ("type", "answer", "tolerance", "unit")} == {
        "type": "numeric", "answer": 300.0, "tolerance": 5.0, "unit": "pas"}
    assert numeric["hints"] == [{"text": "Dix pour cent du total.", "cost": 0.1}]  # penalty 0.1 × 1 point
    matching = questions["Métriques"].fields
    assert matching["pairs"] == [{"id": "p1", "left": "Classification", "right": "F1"},
                                 {"id": "p2", "left": "Traduction", "right": "BLEU"}]
    assert matching["distractors"] == ["Perplexité"]  # a subquestion without text
    assert [item["text"] for item in questions["Étapes"].fields["items"]] == [
        "Pré-entraîner", "Affiner", "Évaluer", "Déployer"]
    assert [item["id"] for item in questions["Étapes"].fields["items"]] == ["i1", "i2", "i3", "i4"]
    for question in questions.values():
        assert not {"id", "topic", "difficulty", "section"} & set(question.fields)


def test_multichoice_grades_become_correct_options_and_credits() -> None:
    questions = by_name("every_type.xml")
    default = questions["Méthodes PEFT"].fields
    assert default["type"] == "multiple"
    # 50, 50, -50: tutor's own default share, so no option needs a credit.
    assert default["options"] == [{"id": "a", "text": "LoRA", "correct": True, "feedback": "Oui."},
                                  {"id": "b", "text": "Adapters", "correct": True},
                                  {"id": "c", "text": "Dropout"}]
    partial = questions["Crédit partiel"].fields["options"]
    assert [(o.get("correct", False), o.get("credit")) for o in partial] == [(True, 0.75), (True, 0.25), (False, -1.0)]
    single = questions["Un seul, notes partielles"].fields["options"]
    assert [o.get("correct", False) for o in single] == [True, False, False]


def test_categories_id_numbers_tags_names_and_lines() -> None:
    questions = read("every_type.xml")[0]
    first = questions[0]
    assert (first.position, first.line, first.name) == (1, 10, "Taux d'apprentissage")
    assert first.category == "$course$/top/Fine-tuning/Hyperparamètres"
    assert first.idnumber == "lr-range"
    assert first.tags == ("difficulty:easy", "section:best-practices")
    assert {q.category for q in questions[4:]} == {"$course$/top/Fine-tuning/Évaluation"}
    assert all(q.idnumber is None for q in questions[1:])
    # Positions count every question of the file (dropped ones too), never the categories.
    assert [q.position for q in questions] == [1, 2, 3, 4, 5, 6, 8, 9, 10, 13]


def test_html_in_cdata_and_entity_escaped_html_read_the_same() -> None:
    questions = by_name("every_type.xml")
    assert questions["Méthodes PEFT"].fields["prompt"] == "Lesquelles sont des méthodes PEFT ?"
    assert by_name("older_moodle.xml")["Ancien nom de type"].fields["prompt"] == "Associez les modèles."


def test_what_cannot_be_kept_is_reported_by_position_and_name() -> None:
    assert notes_of("every_type.xml") == [
        (4, "Un seul, notes partielles", "exchange.note.grades_lost", False),
        (5, "Gel des couches", "exchange.xml.feedback_lost", False),
        (6, "Sigle", "exchange.note.wildcard", False),
        (6, "Sigle", "exchange.xml.answers_lost", False),
        (6, "Sigle", "exchange.xml.case_sensitive", False),
        (7, "Que des jokers", "exchange.note.wildcard_only", True),
        (8, "Pas d'échauffement", "exchange.xml.units_lost", False),
        (8, "Pas d'échauffement", "exchange.xml.answers_lost", False),
        (10, "Étapes", "exchange.xml.ordering_subset", False),
        (10, "Étapes", "exchange.xml.ordering_grading", False),
        (11, "Rédaction", "exchange.xml.unsupported", True),
        (12, "Texte à trous", "exchange.xml.unsupported", True),
        (13, "Avec une image", "exchange.note.image", False),
        (14, "Que l'image", "exchange.note.image_only", True),
    ]
    notes = {(note.position, note.key): note for note in read("every_type.xml")[1]}
    assert notes[(6, "exchange.note.wildcard")].values == {"answers": "Lo*RA"}
    assert notes[(6, "exchange.xml.answers_lost")].values == {"answers": "QLoRA, *"}
    assert notes[(8, "exchange.xml.units_lost")].values == {"units": "kpas"}
    assert notes[(8, "exchange.xml.answers_lost")].values == {"answers": "3000, *"}
    assert notes[(11, "exchange.xml.unsupported")].values == {"type": "essay"}
    assert notes[(11, "exchange.xml.unsupported")].line == 153
    assert notes[(13, "exchange.note.image")].values == {"images": "lora.png"}  # <img> and <file>: one image
    assert notes[(14, "exchange.note.image_only")].values == {"images": "courbe.png"}
    assert notes[(4, "exchange.note.grades_lost")].values == {"options": "b, c"}
    kept = by_name("every_type.xml")["Avec une image"].fields
    assert kept["prompt"] == "Ce schéma montre LoRA."


def test_older_files_and_formats() -> None:
    questions = by_name("older_moodle.xml")
    assert questions["Ancien nom de type"].fields["type"] == "matching"
    assert "distractors" not in questions["Ancien nom de type"].fields  # an empty subquestion is nothing
    assert questions["Ancien nom de type"].category is None
    assert questions["Réponses traduites"].fields["answer"] is True  # Vrai/Faux: true first, as Moodle reads it
    ordering = questions["Anciens champs"].fields
    assert [i["text"] for i in ordering["items"]] == ["Premier", "Second"]  # the file's order, not `fraction`
    short = questions["Ancien indice"].fields
    assert short["prompt"] == "Quel **modèle** ?"  # Markdown is kept as written
    # <hintcontent>, and penalty 0.33 read as Moodle's 1/3: each hint costs a third of 3 points; a blank hint is none.
    assert short["hints"] == [{"text": "Un encodeur.", "cost": 1.0}]
    assert notes_of("older_moodle.xml") == [(5, "Consigne", "exchange.xml.unsupported", True)]


def test_a_read_file_makes_a_bank_tutor_accepts() -> None:
    foreign, _ = read("every_type.xml")
    bank = to_bank(foreign, bank_id="moodle", lang="fr", module="fine-tuning", title="Moodle",
                   sections={"best-practices"})
    refused = [note for note in bank.notes if note.key == "exchange.note.refused"]
    assert refused == []
    assert bank.count == len(foreign)
    assert bank.data["questions"][0]["id"] == "lr-range"


@pytest.mark.parametrize(("name", "line", "key", "values"), [
    ("not_wellformed.xml", 5, "exchange.xml.malformed", None),
    ("empty.xml", 1, "exchange.xml.malformed", None),
    ("not_utf8.xml", 3, "exchange.error.encoding", {}),
    ("not_quiz.xml", 3, "exchange.xml.not_quiz", {"root": "questions"}),
    ("billion_laughs.xml", 3, "exchange.xml.doctype", {}),
    ("external_entity.xml", 2, "exchange.xml.doctype", {}),
    ("no_type.xml", 4, "exchange.xml.no_type", {}),
    ("no_questiontext.xml", 8, "exchange.xml.missing", {"type": "multichoice", "element": "questiontext"}),
    ("no_answer.xml", 3, "exchange.xml.missing", {"type": "numerical", "element": "answer"}),
    ("bad_fraction.xml", 7, "exchange.xml.not_number", {"element": "answer fraction", "value": "cent"}),
    ("bad_tolerance.xml", 8, "exchange.xml.not_number", {"element": "tolerance", "value": "un peu"}),
    ("bad_number.xml", 6, "exchange.xml.not_number", {"element": "answer", "value": "quarante-deux"}),
])
def test_a_malformed_file_is_reported_at_its_line(name: str, line: int, key: str,
                                                  values: dict[str, Any] | None) -> None:
    with pytest.raises(ExchangeError) as caught:
        read_moodle_xml((MALFORMED / name).read_bytes(), f"banks/{name}")
    error = caught.value
    assert (error.path, error.line, error.detail_key) == (f"banks/{name}", line, key)
    if values is not None:
        assert error.detail_values == values
    assert error.text("en").startswith(f"banks/{name}:{line}: ")
    assert "\n" not in error.text("fr")


def test_the_parser_s_own_reason_is_given_without_its_position() -> None:
    with pytest.raises(ExchangeError) as caught:
        read_moodle_xml((MALFORMED / "not_wellformed.xml").read_bytes(), "x.xml")
    reason = str(caught.value.detail_values["reason"])
    assert "mismatch" in reason and "column" not in reason


def test_an_entity_bomb_is_refused_without_being_expanded() -> None:
    bomb = (MALFORMED / "billion_laughs.xml").read_bytes()
    for data in (bomb, bomb.replace(b"<?xml version=\"1.0\"?>\n", b"")):
        started = time.perf_counter()
        with pytest.raises(ExchangeError):
            read_moodle_xml(data, "bomb.xml")
        assert time.perf_counter() - started < 1.0
    # Even where the prolog is not scanned (UTF-16), the parser refuses it: never expanded.
    with pytest.raises(ExchangeError):
        read_moodle_xml(bomb.decode("utf-8").replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16"), "b.xml")


def test_a_hostile_prolog_is_scanned_in_linear_time() -> None:
    for prolog in (b"<?a?>" * 20000, b"<!-- - -->" * 20000, b" " * 200000):
        started = time.perf_counter()
        with pytest.raises(ExchangeError):
            read_moodle_xml(prolog + b"x", "x.xml")
        assert time.perf_counter() - started < 1.0


def test_an_undeclared_entity_is_malformed_not_fetched() -> None:
    data = (b'<?xml version="1.0"?>\n<quiz>\n'
            b'  <question type="truefalse"><name><text>&nbsp;</text></name></question>\n</quiz>')
    with pytest.raises(ExchangeError) as caught:
        read_moodle_xml(data, "x.xml")
    assert (caught.value.line, caught.value.detail_key) == (3, "exchange.xml.malformed")


def test_an_empty_quiz_and_markup_without_cdata() -> None:
    assert read_moodle_xml(b"<quiz/>", "x.xml") == ([], [])
    data = (b'<quiz><question type="shortanswer"><name><text>N</text></name>'
            b'<questiontext format="html"><text><p>Un <b>mot</b> ?</p><p>Deux</p></text></questiontext>'
            b'<answer fraction="100"><text>mot</text></answer></question></quiz>')
    (question,), notes = read_moodle_xml(data, "x.xml")
    assert question.fields["prompt"] == "Un mot ?\n\nDeux" and notes == []


def test_every_note_and_error_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    import string

    for key, entry in EXCHANGE_XML_STRINGS.items():
        assert key.startswith("exchange.xml.")
        fields = [{name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name} for lang in ("fr", "en")]
        assert fields[0] == fields[1], key
        assert " :" not in entry["fr"] and " %" not in entry["fr"], key  # no-break spaces in French
    for note in read("every_type.xml")[1]:
        for lang in ("fr", "en"):
            assert t(note.key, lang, **note.values) != note.key
