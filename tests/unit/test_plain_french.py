"""Plain mode in French: numbers written the French way, no-break spaces, plurals that agree, and a
typed number that is not one refused without costing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_plain_support import open_store, run, settings_with
from tutor.i18n.numbers import NBSP, NNBSP
from tutor.plain.answers import Invalid, parse_answer
from tutor.plain.results import feedback_lines, results_lines
from tutor.plain.words import w
from tutor.quiz.generators import generate
from tutor.quiz.grading import format_number
from tutor.quiz.model import Bank, Hint, Option, Question, QuizLibrary
from tutor.quiz.session import QuizSession, QuizSettings


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def _question(qid: str, kind: str, points: float, **fields: object) -> Question:
    return Question(qid, kind, "metrics", "easy", f"{qid} ?", "Parce que.", "s", "m", points, **fields)  # type: ignore[arg-type]


QUESTIONS = (
    _question("q1", "single", 1.0, hints=(Hint("h", 0.25),), options=(Option("a", "A", True), Option("b", "B"))),
    _question("q2", "numeric", 2.0, hints=(Hint("h", 1.0),), answer=1875.5, tolerance=0.05, unit="s"),
    _question("q3", "single", 40.0, options=(Option("a", "A", True), Option("b", "B"))),
)
LIBRARY = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "Banque", QUESTIONS, pass_mark=70.0)})


def _session() -> QuizSession:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", question_ids=("q1", "q2", "q3"), seed=1), "fr")
    session.take_hint("q1")
    session.take_hint("q2")
    session.submit("q1", "a")
    session.submit("q2", parse_answer(QUESTIONS[1], session, "1\u202f875,5", "fr"))
    session.submit("q3", "b")
    return session


def test_scores_and_percentages_are_written_the_french_way() -> None:
    text = "\n".join(results_lines(_session(), "fr"))
    assert f"Score{NBSP}: 1,75 / 43 (4,1{NNBSP}%)" in text  # was "1.75 / 43 (4 %)"
    assert "1.75" not in text and " %" not in text and " :" not in text
    assert f"NON RÉUSSI (seuil 70{NNBSP}%)" in text


def test_points_agree_with_their_number() -> None:
    text = "\n".join(results_lines(_session(), "fr"))
    assert "1,75 / 43 points" in text.replace(NNBSP, " ")  # the topic line: 43 points
    session = _session()
    first = feedback_lines(QUESTIONS[0], session.answers["q1"], "fr")[0]
    assert first == f"[OK] Correct. 0,75 / 1 point (indices{NBSP}: −0,25)."  # one point, not "point(s)"
    third = feedback_lines(QUESTIONS[2], session.answers["q3"], "fr")[0]
    assert third == "[X] Incorrect. 0 / 40 points."
    assert w("quiz.intro_practice", "fr", count=1).startswith(f"Quiz d'entraînement{NBSP}: 1 question.")
    assert w("quiz.intro_practice", "en", count=1).startswith("Practice quiz: 1 question.")
    assert w("reader.check", "fr", count=1).replace("\x01", " ").endswith("(1 question), ")
    assert w("reader.check", "en", count=3).replace("\x01", " ").endswith("(3 questions), ")
    assert w("quiz.points_word", "fr", count=1.5) == "1,5 point"
    assert w("quiz.points_word", "en", count=1.5) == "1.5 points"


def test_numeric_answers_are_shown_in_french() -> None:
    session = _session()
    lines = "\n".join(feedback_lines(QUESTIONS[1], session.answers["q2"], "fr"))
    assert f"Votre réponse{NBSP}: 1{NNBSP}875,50{NBSP}s" in lines
    wrong = QuizSession.build(LIBRARY, QuizSettings(bank="b", question_ids=("q2",), seed=1), "fr")
    wrong.submit("q2", 12.5)
    lines = "\n".join(feedback_lines(QUESTIONS[1], wrong.answers["q2"], "fr"))
    assert f"Bonne réponse{NBSP}: 1{NNBSP}875,50{NBSP}s" in lines and "12,50" in lines


@pytest.mark.parametrize(("typed", "message"), [
    ("abc", "n'est pas un nombre"),
    ("1.875,5", "ambigu"),
])
def test_a_typed_non_number_is_refused_with_the_reason(typed: str, message: str) -> None:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", question_ids=("q2",), seed=1), "fr")
    with pytest.raises(Invalid) as refused:
        parse_answer(QUESTIONS[1], session, typed, "fr")
    assert message in str(refused.value) and f"«{NBSP}{typed}{NBSP}»" in str(refused.value)


@pytest.mark.parametrize(("typed", "value"), [("\u22123", -3.0), ("1\u2009875", 1875.0), ("1\u00a0875,5", 1875.5),
                                              ("0,75", 0.75), ("0.75", 0.75)])
def test_what_french_keyboards_type_is_read(typed: str, value: float) -> None:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", question_ids=("q2",), seed=1), "fr")
    assert parse_answer(QUESTIONS[1], session, typed, "fr") == value


def test_a_french_quiz_typed_through_plain_mode(store) -> None:
    question = generate("perplexity", 5, "fr")
    shown = format_number(float(question.answer), question, "fr")  # "4,31" as the feedback writes it
    assert "," in shown
    code, out = run(store, ["abc", "1.875,5", shown], lang="fr", quiz=settings_with(["gen:perplexity:5"]))
    assert code == 0
    assert f"Quiz d'entraînement{NBSP}: 1 question." in out
    assert "n'est pas un nombre" in out and "ambigu" in out
    answers = store.attempts()[0].answers
    assert len(answers) == 1 and answers[0].correct  # the two typos cost nothing
    assert "[OK] Correct. 2 / 2 points." in out
    assert f"Score{NBSP}: 2 / 2 (100{NNBSP}%)" in out
    assert "point(s)" not in out and "question(s)" not in out


def test_lesson_text_in_french_keeps_numbers_and_punctuation_together() -> None:
    """"(109 483\n778 paramètres)" and "…du contexte\n ?" were split at the end of a line."""
    from tutor.content.model import MarkdownBlock
    from tutor.plain.render import block_lines

    text = "mot " * 14 + "le modèle (109 483 778 paramètres) a besoin du contexte ? Oui : 37,6 %."
    for width in range(30, 81):
        lines = block_lines(MarkdownBlock("m", None, text), "fr", width)
        assert not any(line.lstrip().startswith(("?", ":", "%", "778", "483")) for line in lines), width
    joined = " ".join(block_lines(MarkdownBlock("m", None, text), "fr"))
    assert f"109{NNBSP}483{NNBSP}778" in joined and f"contexte{NNBSP}?" in joined and f"37,6{NNBSP}%" in joined
    assert block_lines(MarkdownBlock("m", None, "    x = 1 000 ?"), "fr") == ["    x = 1 000 ?"]  # code as written
    assert block_lines(MarkdownBlock("m", None, "109 483 778 ?"), "en") == ["109 483 778 ?"]
