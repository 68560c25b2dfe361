"""Writing GIFT: each tutor type as Moodle reads it, escapes, tags for what GIFT lacks, and the notes."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tutor.exchange.gift_read import read_gift
from tutor.exchange.gift_write import write_gift
from tutor.exchange.model import Outgoing
from tutor.quiz.model import Hint, Item, Option, Pair, Question

CATEGORY = "$course$/top/Banque/Métriques"


def question(type_: str, prompt: str = "Quelle valeur ?", **fields: Any) -> Question:
    base: dict[str, Any] = {"id": "q", "type": type_, "topic": "metrics", "difficulty": "easy", "prompt": prompt,
                            "explanation": "Parce que.", "section": "", "module": "fine-tuning"}
    base.update(fields)
    return Question(**base)


def out(*questions: Question, category: str = CATEGORY) -> list[Outgoing]:
    return [Outgoing(index, q, f"q{index}", category, ("difficulty:easy", "topic:metrics"))
            for index, q in enumerate(questions, 1)]


def body(text: str) -> str:
    """The file without its header comment."""
    return text.split("\n\n", 1)[1]


def back(*questions: Question) -> list[dict[str, Any]]:
    text, _ = write_gift(out(*questions))
    foreign, notes = read_gift(text, "w.gift")
    assert notes == []
    return [f.fields for f in foreign]


SINGLE = question("single", options=(Option("a", "1e-5", True), Option("b", "1e-2", feedback="Trop fort.")))


def test_single_is_written_as_moodle_writes_it() -> None:
    text, notes = write_gift(out(SINGLE))
    assert text.startswith("// Written by tutor")
    assert body(text) == (
        f"$CATEGORY: {CATEGORY}\n\n"
        "// [id:q1] [tag:difficulty:easy] [tag:topic:metrics]\n"
        "::q1::[html]<p>Quelle valeur ?</p>{\n"
        "\t=<p>1e-5</p>\n"
        "\t~<p>1e-2</p>#<p>Trop fort.</p>\n"
        "\t####<p>Parce que.</p>\n"
        "}\n")
    assert notes == []
    assert back(SINGLE) == [{"type": "single", "prompt": "Quelle valeur ?", "explanation": "Parce que.",
                             "points": 1.0, "options": [{"id": "a", "text": "1e-5", "correct": True},
                                                        {"id": "b", "text": "1e-2", "feedback": "Trop fort."}]}]


def test_multiple_writes_every_fraction_and_reads_credits_back() -> None:
    default = question("multiple", options=(Option("a", "x", True), Option("b", "y", True), Option("c", "z")))
    text, _ = write_gift(out(default))
    assert "\t~%50%<p>x</p>\n\t~%50%<p>y</p>\n\t~%-50%<p>z</p>\n" in text
    assert [o.get("credit") for o in back(default)[0]["options"]] == [None, None, None]
    credited = question("multiple", options=(Option("a", "x", True, credit=0.75), Option("b", "y", True, credit=0.25),
                                             Option("c", "z", credit=-1.0)))
    assert [o.get("credit") for o in back(credited)[0]["options"]] == [0.75, 0.25, -1.0]


def test_a_credit_moodle_does_not_have_is_rounded_and_noted() -> None:
    odd = question("multiple", options=(Option("a", "x", True, credit=0.45), Option("b", "y", True, credit=0.55)))
    text, notes = write_gift(out(odd))
    assert "~%40%<p>x</p>" in text or "~%50%<p>x</p>" in text
    assert [n.key for n in notes] == ["exchange.note.fraction_rounded"] * 2
    assert notes[0].values["wanted"] == "45"


def test_truefalse_numeric_short_and_matching() -> None:
    true = question("truefalse", answer=True)
    numeric = question("numeric", answer=0.25, relative_tolerance=0.1, unit="Go", points=2.0)
    short = question("short", answers=("F1", "F-mesure", "a*b", "[CLS]", "%50% off"))
    matching = question("matching", pairs=(Pair("p1", "BLEU", "traduction"), Pair("p2", "ROUGE", "résumé")),
                        distractors=("NER",))
    text, notes = write_gift(out(true, numeric, short, matching))
    assert notes == []
    assert "{\n\tTRUE\n\t####" in text
    assert "[tag:points:2] [tag:unit:Go]\n" in text and "{\n\t#=0.25:0.025\n" in text
    assert "\t=F1\n\t=F-mesure\n\t=a\\\\*b\n\t=[plain][CLS]\n\t=[plain]%50% off\n" in text
    assert "\t=<p>BLEU</p> -> traduction\n\t=<p>ROUGE</p> -> résumé\n\t=-> NER\n" in text
    foreign, read_notes = read_gift(text, "w.gift")
    assert read_notes == []
    assert foreign[0].fields["answer"] is True
    numeric_fields = foreign[1].fields
    assert (numeric_fields["answer"], numeric_fields["tolerance"], numeric_fields["points"]) == (0.25, 0.025, 2.0)
    assert "unit:Go" in foreign[1].tags
    assert foreign[2].fields["answers"] == ["F1", "F-mesure", "a*b", "[CLS]", "%50% off"]
    assert foreign[3].fields["pairs"] == [{"id": "p1", "left": "BLEU", "right": "traduction"},
                                          {"id": "p2", "left": "ROUGE", "right": "résumé"}]
    assert foreign[3].fields["distractors"] == ["NER"]


def test_every_special_character_comes_back_exactly() -> None:
    nasty = "a {b} = c ~ d # e : f \\ g\\n h\n\nnouveau `code <x> & y` ; « guillemets » ?"
    spaced = "  indenté,  deux espaces\net retour  "  # HTML would lose the spaces: written [plain]
    options = (Option("a", nasty, True, feedback=spaced), Option("b", "[html] pas un format"),
               Option("c", "%50% pas un poids"))
    single = question("single", prompt=spaced, explanation=nasty, options=options)
    text, _ = write_gift(out(single))
    assert "::q1::[plain]" in text
    fields = back(single)[0]
    assert fields["prompt"] == spaced.strip(" ")  # Moodle trims every text, as tutor's loader does
    assert fields["explanation"] == nasty
    assert [o["text"] for o in fields["options"]] == [nasty, "[html] pas un format", "%50% pas un poids"]
    assert fields["options"][0]["feedback"] == spaced.strip(" ")
    # No line break of a text reaches the file: each line is GIFT's own (comment, name, answer, end).
    own = ("$CATEGORY:", "// [id:", "::q1::", "\t", "}")
    assert all(line.startswith(own) for line in body(text).splitlines() if line)


def test_a_left_side_with_an_arrow_and_short_answers_with_one() -> None:
    matching = question("matching", pairs=(Pair("p1", "a  ->  b", "c"), Pair("p2", "d", "e -> f")))
    text, notes = write_gift(out(matching))
    assert [n.key for n in notes] == ["exchange.gift.arrow_left"]
    pairs = read_gift(text, "w.gift")[0][0].fields["pairs"]
    assert [(p["left"], p["right"]) for p in pairs] == [("a -> b", "c"), ("d", "e -> f")]
    short = question("short", answers=("x -> y", "z"))
    text, notes = write_gift(out(short))
    assert [(n.key, n.dropped) for n in notes] == [("exchange.gift.arrow_answer", False)]
    assert read_gift(text, "w.gift")[0][0].fields["answers"] == ["z"]
    _, notes = write_gift(out(question("short", answers=("x -> y",))))
    assert [(n.key, n.dropped) for n in notes] == [("exchange.gift.arrow_answer", True)]


def test_ordering_is_left_out_and_hints_are_reported_lost() -> None:
    ordering = question("ordering", items=(Item("i1", "a"), Item("i2", "b")))
    hinted = dataclasses.replace(SINGLE, hints=(Hint("Petit.", 0.25),))
    text, notes = write_gift(out(ordering, hinted))
    assert [(n.position, n.name, n.key, n.dropped) for n in notes] == [
        (1, "q1", "exchange.gift.no_ordering", True), (2, "q2", "exchange.gift.hints_lost", False)]
    assert "::q1::" not in text and "::q2::" in text
    assert len(read_gift(text, "w.gift")[0]) == 1


def test_a_unit_moodle_cannot_tag_is_reported() -> None:
    numeric = question("numeric", answer=3.0, tolerance=0.0, unit="<b>")
    text, notes = write_gift(out(numeric))
    assert [n.key for n in notes] == ["exchange.gift.unit_lost"] and "unit:" not in text
    bracket = question("numeric", answer=3.0, tolerance=0.0, unit="[s]")
    text, notes = write_gift(out(bracket))
    assert notes == [] and "[tag:unit:[s\\]]" in text
    assert read_gift(text, "w.gift")[0][0].tags[-1] == "unit:[s]"


def test_categories_are_written_only_when_they_change_and_output_is_deterministic() -> None:
    items = [*out(SINGLE, SINGLE), *out(SINGLE, category="$course$/top/Banque/Autre")]
    items = [Outgoing(i, item.question, f"q{i}", item.category, item.tags) for i, item in enumerate(items, 1)]
    first, _ = write_gift(items)
    assert first.count("$CATEGORY:") == 2
    assert first == write_gift(items)[0]
    blocks = first.split("\n\n")
    assert blocks[1] == f"$CATEGORY: {CATEGORY}" and blocks[-2] == "$CATEGORY: $course$/top/Banque/Autre"
    assert [f.category for f in read_gift(first, "w.gift")[0]] == [CATEGORY, CATEGORY, "$course$/top/Banque/Autre"]


@pytest.mark.parametrize("name", ["plain-id", "with::colons", "with ] bracket"])
def test_names_and_ids_survive(name: str) -> None:
    item = Outgoing(1, SINGLE, name, CATEGORY)
    foreign, _ = read_gift(write_gift([item])[0], "w.gift")
    assert (foreign[0].name, foreign[0].idnumber) == (name, name)
