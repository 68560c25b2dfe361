"""Writing Moodle XML: parsed back with lxml and checked element by element against what Moodle's
importer reads for each type (question/format/xml/format.php, qtype_ordering's import_from_xml)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types; lxml-stubs is not a dependency

from tutor.exchange.convert import outgoing
from tutor.exchange.model import Outgoing
from tutor.exchange.moodle_xml import read_moodle_xml, write_moodle_xml
from tutor.loader import builtin_paths, load_content
from tutor.quiz.model import Hint, Item, Option, Pair, Question

COMMON = "name questiontext generalfeedback defaultgrade penalty hidden idnumber"
COMBINED = "correctfeedback partiallycorrectfeedback incorrectfeedback shownumcorrect"
TAIL = "( hint)*( tags)?"
# Moodle's export order of each type's elements (writequestion, qtype_ordering's export_to_xml).
SCHEMA = {
    "multichoice": f"{COMMON} single shuffleanswers answernumbering showstandardinstruction {COMBINED}( answer)+",
    "truefalse": f"{COMMON} answer answer",
    "shortanswer": f"{COMMON} usecase( answer)+",
    "numerical": f"{COMMON} answer( units)? unitgradingtype unitpenalty showunits unitsleft instructions",
    "matching": f"{COMMON} shuffleanswers {COMBINED}( subquestion)+",
    "ordering": f"{COMMON} layouttype selecttype selectcount gradingtype showgrading {COMBINED}( answer)+",
}


def question(kind: str, **fields: Any) -> Question:
    base: dict[str, Any] = {"id": f"q-{kind}", "type": kind, "topic": "metrics", "difficulty": "easy",
                            "prompt": "Quelle métrique ?", "explanation": "Parce que.", "section": "",
                            "module": "fine-tuning"}
    base.update(fields)
    return Question(**base)


def sample() -> list[Outgoing]:
    """One question of each type, over two categories."""
    first, second = "$course$/top/Banque/Métriques", "$course$/top/Banque/BERT"
    questions = [
        question("single", options=(Option("a", "F1", True, "Oui."),
                                    Option("b", "BLEU", False, "Non, la traduction."))),
        question("multiple", points=2.0, options=(Option("a", "LoRA", True), Option("b", "Adapters", True),
                                                  Option("c", "Dropout"))),
        question("truefalse", answer=False),
        question("short", answers=("LoRA", "2*3")),
        question("numeric", answer=300, relative_tolerance=0.05, unit="pas",
                 hints=(Hint("Dix pour cent.", 0.25),)),
        question("matching", pairs=(Pair("p1", "Classification", "F1"), Pair("p2", "Traduction", "BLEU")),
                 distractors=("Perplexité",)),
        question("ordering", items=(Item("i1", "Pré-entraîner"), Item("i2", "Affiner"), Item("i3", "Évaluer"))),
    ]
    return [Outgoing(index, q, q.id, first if index <= 4 else second, ("difficulty:easy", "topic:metrics"))
            for index, q in enumerate(questions, 1)]


def parsed(text: str) -> Any:
    return etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))


def tags_of(element: Any) -> str:
    return " ".join(str(child.tag) for child in element if isinstance(child.tag, str))


def test_the_file_is_moodle_xml_with_a_category_whenever_it_changes() -> None:
    text, notes = write_moodle_xml(sample())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    quiz = parsed(text)
    assert quiz.tag == "quiz"
    kinds = [(q.get("type"), q.findtext("category/text")) for q in quiz]
    assert kinds == [("category", "$course$/top/Banque/Métriques"), ("multichoice", None), ("multichoice", None),
                     ("truefalse", None), ("shortanswer", None), ("category", "$course$/top/Banque/BERT"),
                     ("numerical", None), ("matching", None), ("ordering", None)]
    assert [tags_of(q) for q in quiz if q.get("type") == "category"] == ["category info idnumber"] * 2
    assert notes == []


def test_each_type_has_every_element_moodle_reads_in_moodle_s_order() -> None:
    quiz = parsed(write_moodle_xml(sample())[0])
    for element in quiz:
        kind = element.get("type")
        if kind != "category":
            assert re.fullmatch(SCHEMA[kind] + TAIL, tags_of(element)), (kind, tags_of(element))


def test_the_common_elements() -> None:
    quiz = parsed(write_moodle_xml(sample())[0])
    multiple = quiz[2]
    assert multiple.findtext("name/text") == "q-multiple"
    assert multiple.findtext("idnumber") == "q-multiple"
    assert multiple.find("questiontext").get("format") == "html"
    assert multiple.findtext("questiontext/text") == "<p>Quelle métrique ?</p>"
    assert multiple.findtext("generalfeedback/text") == "<p>Parce que.</p>"
    assert (multiple.findtext("defaultgrade"), multiple.findtext("penalty"), multiple.findtext("hidden")) == (
        "2.0000000", "0.3333333", "0")
    assert [t.findtext("text") for t in multiple.findall("tags/tag")] == ["difficulty:easy", "topic:metrics"]


def test_html_texts_are_cdata_sections() -> None:
    text, _ = write_moodle_xml(sample())
    assert "<text><![CDATA[<p>Quelle métrique ?</p>]]></text>" in text
    assert "<text><![CDATA[<p>Non, la traduction.</p>]]></text>" in text


def test_choice_answers_carry_fractions_and_feedback() -> None:
    quiz = parsed(write_moodle_xml(sample())[0])
    single, multiple = quiz[1], quiz[2]
    assert single.findtext("single") == "true" and multiple.findtext("single") == "false"
    answers = [(a.get("fraction"), a.get("format"), a.findtext("text"), a.findtext("feedback/text"))
               for a in single.findall("answer")]
    assert answers == [("100", "html", "<p>F1</p>", "<p>Oui.</p>"),
                       ("0", "html", "<p>BLEU</p>", "<p>Non, la traduction.</p>")]
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "50", "-50"]


def test_truefalse_shortanswer_numerical() -> None:
    quiz = parsed(write_moodle_xml(sample())[0])
    truefalse, short, numeric = quiz[3], quiz[4], quiz[6]
    assert [(a.findtext("text"), a.get("fraction")) for a in truefalse.findall("answer")] == [
        ("true", "0"), ("false", "100")]
    assert short.findtext("usecase") == "0"
    assert [a.findtext("text") for a in short.findall("answer")] == ["LoRA", "2\\*3"]  # `*` is Moodle's wildcard
    answer = numeric.find("answer")
    assert (answer.get("fraction"), answer.findtext("text"), answer.findtext("tolerance")) == ("100", "300", "15")
    units = [(u.findtext("multiplier"), u.findtext("unit_name")) for u in numeric.findall("units/unit")]
    assert units == [("1", "pas")]
    assert (numeric.findtext("unitgradingtype"), numeric.findtext("showunits")) == ("0", "0")
    assert numeric.find("hint").get("format") == "html"
    assert numeric.findtext("hint/text") == "<p>Dix pour cent.</p>"
    assert numeric.findtext("penalty") == "0.2500000"  # the hint's cost over the points


def test_matching_and_ordering() -> None:
    quiz = parsed(write_moodle_xml(sample())[0])
    matching, ordering = quiz[7], quiz[8]
    assert [(s.findtext("text"), s.findtext("answer/text")) for s in matching.findall("subquestion")] == [
        ("<p>Classification</p>", "F1"), ("<p>Traduction</p>", "BLEU"), ("", "Perplexité")]
    assert [(ordering.findtext(tag)) for tag in ("layouttype", "selecttype", "selectcount", "gradingtype")] == [
        "VERTICAL", "ALL", "3", "ALL_OR_NOTHING"]
    assert [(a.get("fraction"), a.findtext("text")) for a in ordering.findall("answer")] == [
        ("1", "<p>Pré-entraîner</p>"), ("2", "<p>Affiner</p>"), ("3", "<p>Évaluer</p>")]


def test_what_moodle_cannot_say_exactly_is_noted() -> None:
    odd = question("multiple", options=(Option("a", "A", True, credit=0.35), Option("b", "B", True, credit=0.65),
                                        Option("c", "C")),
                   hints=(Hint("Un.", 0.1), Hint("Deux.", 0.3)))
    text, notes = write_moodle_xml([Outgoing(1, odd, "odd", "$course$/top/B")])
    assert [(n.position, n.name, n.key, n.dropped) for n in notes] == [
        (1, "odd", "exchange.xml.penalty_rounded", False),
        (1, "odd", "exchange.note.fraction_rounded", False), (1, "odd", "exchange.note.fraction_rounded", False)]
    assert notes[1].values == {"option": "a", "wanted": 35.0, "written": 33.33333}
    assert [a.get("fraction") for a in parsed(text).iter("answer")] == ["33.33333", "66.66667", "-50"]


def test_tricky_texts_stay_well_formed_and_come_back() -> None:
    tricky = question("short", prompt="Que vaut `a]]>b` & <c> ?\n\nDeux lignes\nici.", answers=("a<b", "x & y"),
                      explanation="")
    text, _ = write_moodle_xml([Outgoing(1, tricky, "tricky <&>", "$course$/top/A & B")])
    (back,), notes = read_moodle_xml(text.encode("utf-8"), "x.xml")
    assert back.fields["prompt"] == tricky.prompt
    assert back.fields["answers"] == ["a<b", "x & y"]
    assert (back.name, back.category, back.fields["explanation"]) == ("tricky <&>", "$course$/top/A & B", "")
    assert notes == []


def test_writing_is_deterministic_and_reads_back() -> None:
    first, _ = write_moodle_xml(sample())
    assert write_moodle_xml(sample())[0] == first
    foreign, notes = read_moodle_xml(first.encode("utf-8"), "x.xml")
    assert notes == []
    assert [f.fields["type"] for f in foreign] == ["single", "multiple", "truefalse", "short", "numeric",
                                                   "matching", "ordering"]
    assert foreign[4].fields["tolerance"] == 15.0 and foreign[4].fields["hints"] == [
        {"text": "Dix pour cent.", "cost": 0.25}]
    assert foreign[3].fields["answers"] == ["LoRA", "2*3"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shipped_bank_follows_the_schema(lang: str) -> None:
    content = load_content(builtin_paths())
    bank = content.quizzes.banks[("fine-tuning", lang)]
    text, _ = write_moodle_xml(outgoing(bank, lang, 1))
    quiz = parsed(text)
    questions = [q for q in quiz if q.get("type") != "category"]
    assert len(questions) == len(bank.questions) + len(bank.generators)
    for element in questions:
        assert re.fullmatch(SCHEMA[element.get("type")] + TAIL, tags_of(element)), element.findtext("name/text")
        for fraction in (a.get("fraction") for a in element.findall("answer")):
            float(fraction)


def test_characters_xml_cannot_hold_never_break_the_file() -> None:
    odd = question("truefalse", answer=True, prompt="Une cloche\x07 ici.", explanation="\ud800")
    text, _ = write_moodle_xml([Outgoing(1, odd, "bell\x1b", "$course$/top/B")])
    element = parsed(text)[1]
    assert element.findtext("questiontext/text") == "<p>Une cloche\ufffd ici.</p>"
    assert element.findtext("name/text") == "bell\ufffd"
