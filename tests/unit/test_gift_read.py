"""Reading GIFT as Moodle's importer reads it: every construct of the documentation, and FILE:LINE errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tutor.exchange.convert import bank_yaml_text, to_bank
from tutor.exchange.gift_read import read_gift
from tutor.exchange.model import ExchangeError, Foreign
from tutor.loader import builtin_dir, load_content

DATA = Path(__file__).parents[1] / "data" / "exchange" / "gift"
EVERY_TYPE = (DATA / "every_type.gift").read_text(encoding="utf-8")
MALFORMED = sorted((DATA / "malformed").glob("*.gift"))


def by_name(text: str = EVERY_TYPE) -> dict[str, Foreign]:
    questions, _ = read_gift(text, "every_type.gift")
    return {question.name: question for question in questions}


def test_choices_single_multiple_and_missing_word() -> None:
    questions = by_name()
    grant = questions["Grant's tomb"]
    assert (grant.position, grant.line, grant.idnumber) == (1, 7, "grant-tomb")
    assert grant.tags == ("difficulty:easy", "topic:hyperparameters")
    assert grant.category == "$course$/top/Cours/Hyperparamètres"
    assert grant.fields == {
        "type": "single", "prompt": "Who's buried in Grant's tomb?", "explanation": "", "points": 1.0,
        "options": [{"id": "a", "text": "Grant"}, {"id": "b", "text": "Jefferson"},
                    {"id": "c", "text": "no one", "correct": True, "feedback": "Right, nobody."}]}
    lr = questions["lr"].fields
    assert lr["explanation"] == "Le cours recommande 1e-5 à 5e-5."
    assert lr["options"][1] == {"id": "b", "text": "1e-2", "feedback": "Trop fort."}
    missing = questions["missing word"].fields
    assert missing["prompt"] == "Grant is _____ in Grant's tomb."
    assert [o.get("correct", False) for o in missing["options"]] == [False, True, False]


def test_partial_credit_becomes_option_credits_only_when_not_tutor_s_default() -> None:
    questions = by_name()
    multiple = questions["multiple"].fields
    assert multiple["type"] == "multiple"
    assert [(o["text"], o.get("correct", False), o.get("credit")) for o in multiple["options"]] == [
        ("No one", False, -1.0), ("Grant", True, 0.5), ("Grant's wife", True, 0.5), ("Grant's father", False, -1.0)]
    uneven = questions["uneven"].fields
    assert [o.get("credit") for o in uneven["options"]] == [0.4, 0.6, -1.0]
    default, _ = read_gift("::d::Pick{~%50%a ~%50%b ~%-50%c ~%-50%d}", "d.gift")
    assert all("credit" not in o for o in default[0].fields["options"])
    assert [o.get("correct", False) for o in default[0].fields["options"]] == [True, True, False, False]


def test_true_false_short_answers_and_their_losses() -> None:
    questions, notes = read_gift(EVERY_TYPE, "every_type.gift")
    named = {q.name: q.fields for q in questions}
    assert named["tf short"]["answer"] is False
    assert named["tf long"]["answer"] is True and named["tf long"]["explanation"] == "Astronomy."
    assert named["short"]["answers"] == ["no one", "nobody"]
    assert named["short partial"]["answers"] == ["four", "4"]
    assert named["wild"]["answers"] == ["red"]
    assert "only wild" not in named
    keys = {(n.name, n.key, n.dropped) for n in notes}
    assert {("tf long", "exchange.gift.feedback_lost", False), ("short partial", "exchange.gift.partial", False),
            ("wild", "exchange.note.wildcard", False), ("only wild", "exchange.note.wildcard_only", True)} <= keys
    escaped, _ = read_gift(r"::s::Star?{=a\\*b}", "s.gift")  # GIFT's `\\` then Moodle's `\*`: a literal star
    assert escaped[0].fields["answers"] == ["a*b"]


def test_numeric_tolerance_range_and_several_answers() -> None:
    questions, notes = read_gift(EVERY_TYPE, "every_type.gift")
    named = {q.name: q.fields for q in questions}
    assert (named["numeric tolerance"]["answer"], named["numeric tolerance"]["tolerance"]) == (1822.0, 5.0)
    assert (named["numeric range"]["answer"], named["numeric range"]["tolerance"]) == (3.0, 2.0)
    assert (named["numeric many"]["answer"], named["numeric many"]["tolerance"]) == (3.1416, 0.0005)
    assert (named["plain number"]["answer"], named["plain number"]["tolerance"]) == (3.0, 0.0)
    many = {n.key: n.values for n in notes if n.name == "numeric many"}
    assert many == {"exchange.gift.feedback_lost": {}, "exchange.gift.numbers_lost": {"answers": "3.14:0.005"}}
    negative, _ = read_gift("::n::Range?{#-5..-1}\n\n::h::Half?{#=%50%2 =%100%-1.5e1:0.5}", "n.gift")
    assert [(q.fields["answer"], q.fields["tolerance"]) for q in negative] == [(-3.0, 2.0), (-15.0, 0.5)]
    pi, _ = read_gift("::pi::Pi?{#3.141..3.142}", "pi.gift")
    assert (pi[0].fields["answer"], pi[0].fields["tolerance"]) == (3.1415, 0.0005)
    none, notes = read_gift("::z::None right?{#=%50%2}", "z.gift")
    assert none == [] and [(n.key, n.dropped) for n in notes] == [("exchange.note.no_right_answer", True)]


def test_matching_pairs_and_distractors() -> None:
    match = by_name()["match"].fields
    assert match["pairs"] == [{"id": "p1", "left": "Canada", "right": "Ottawa"},
                              {"id": "p2", "left": "Italy", "right": "Rome"},
                              {"id": "p3", "left": "Japan", "right": "Tokyo"},
                              {"id": "p4", "left": "India", "right": "New Delhi"}]
    assert match["distractors"] == ["Paris"] and match["explanation"] == "Capitals."


def test_escapes_points_unit_and_untitled_names() -> None:
    questions = by_name()
    escaped = questions["Escapes : all of them"]
    assert escaped.fields["prompt"] == "Braces {x}, equals = tilde ~ hash # colon : backslash \\ and\na new line."
    assert escaped.fields["answers"] == ["a = b"]
    assert escaped.fields["explanation"] == "x {y} : z"
    assert escaped.fields["points"] == 2.0 and escaped.tags == ("unit:m]s",) and escaped.idnumber == "escapes"
    untitled = questions["Untitled question with _____ in the middle of it."]
    assert untitled.fields["answers"] == ["an", "answer"]


def test_text_formats_and_images() -> None:
    questions, notes = read_gift(EVERY_TYPE, "every_type.gift")
    named = {q.name: q.fields for q in questions}
    assert named["html"]["prompt"] == "Is this `bold`?\n\nSecond & last."
    assert named["html"]["explanation"] == "plain <kept>"  # its own [plain] beats the question's [html]
    assert named["markdown"]["prompt"] == "Some *markdown* `code`"
    assert named["plain"]["prompt"] == "A <b>plain</b> text"
    assert named["moodle"]["prompt"] == "First line\nsecond line"
    assert named["image"]["prompt"] == "Look here"
    assert "image only" not in named
    found = {n.name: (n.key, dict(n.values), n.dropped) for n in notes if "image" in n.name}
    assert found == {"image": ("exchange.note.image", {"images": "@@PLUGINFILE@@/a.png"}, False),
                     "image only": ("exchange.note.image_only", {"images": "chart.png"}, True)}


def test_positions_lines_categories_and_what_is_left_out() -> None:
    questions, notes = read_gift(EVERY_TYPE, "every_type.gift")
    last = questions[-1]
    assert (last.name, last.position, last.line) == ("after category", 27, 87)
    assert last.category == "$course$/top/Cours/Autre"
    dropped = [(n.position, n.name, n.key, n.line) for n in notes if n.dropped]
    assert dropped == [(11, "only wild", "exchange.note.wildcard_only", 37),
                       (24, "image only", "exchange.note.image_only", 79),
                       (25, "essay", "exchange.gift.essay", 81),
                       (26, "description", "exchange.gift.description", 83)]
    assert len(questions) + len(dropped) == 27  # every question is either read or reported


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_other_line_endings_and_a_bom_read_the_same(ending: str) -> None:
    plain = read_gift(EVERY_TYPE, "f.gift")
    assert read_gift(EVERY_TYPE.replace("\n", ending), "f.gift") == plain
    assert read_gift("\ufeff" + EVERY_TYPE, "f.gift") == plain


def test_comments_tags_and_ids_belong_to_the_question_of_their_block() -> None:
    text = ("// [id:alone] [tag:lost]\n\n// [id:mine] [tag:a] [tag:with \\] bracket]\n// more\n::q::Q?{T}\n\n"
            "::r::R?{T}\n")
    first, second = read_gift(text, "c.gift")[0]
    assert (first.idnumber, first.tags) == ("mine", ("a", "with ] bracket"))
    assert (second.idnumber, second.tags, second.position) == (None, (), 2)


def test_a_category_line_followed_by_a_question_in_the_same_block() -> None:
    questions, _ = read_gift("$CATEGORY: top/A\n::q::Q?{T}\n", "c.gift")
    assert [(q.name, q.category, q.line) for q in questions] == [("q", "top/A", 2)]


@pytest.mark.parametrize("path", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_a_malformed_file_gives_its_line(path: Path) -> None:
    header = path.read_text(encoding="utf-8").splitlines()[0]
    expected = re.match(r"// expected: line (\d+), (\S+) ", header)
    assert expected is not None, header
    with pytest.raises(ExchangeError) as error:
        read_gift(path.read_text(encoding="utf-8"), path.name)
    assert (error.value.line, error.value.detail_key) == (int(expected.group(1)), expected.group(2))
    assert error.value.text("en").startswith(f"{path.name}:{expected.group(1)}: ")
    assert error.value.text("fr").startswith(f"{path.name}:{expected.group(1)}: ")


def test_malformed_cli_example_points_at_the_open_brace() -> None:
    with pytest.raises(ExchangeError) as error:
        read_gift("::a::Question sans fin {=oui ~non\n\n::b::Autre ?{T}\n", "broken.gift")
    assert error.value.line == 1


def test_what_is_read_makes_a_bank_tutor_validate_accepts(tmp_path: Path) -> None:
    questions, _ = read_gift(EVERY_TYPE, "every_type.gift")
    imported = to_bank(questions, bank_id="gift", lang="en", module="fine-tuning", title="GIFT",
                       sections={"best-practices"})
    refused = [(n.name, dict(n.values)) for n in imported.notes if n.dropped]
    assert refused == []
    target = tmp_path / "gift.en.yaml"
    target.write_text(bank_yaml_text(imported.data, "every_type.gift"), encoding="utf-8")
    loaded = load_content([builtin_dir("lessons"), target])
    assert not loaded.problems, loaded.problems[:3]
    bank: Any = loaded.quizzes.banks[("gift", "en")]
    assert len(bank.questions) == len(questions)
