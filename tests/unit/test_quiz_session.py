"""Quiz sessions: seeded draws and shuffles, exam seeds, hints, totals per topic, pass mark."""

from __future__ import annotations

import pytest

from tutor.quiz.model import Bank, Hint, Option, Question, QuizLibrary
from tutor.quiz.session import QuizSession, QuizSettings, exam_seed


def question(qid: str, topic: str, difficulty: str = "easy", points: float = 1.0, hints: tuple[Hint, ...] = ()) -> Question:
    return Question(qid, "single", topic, difficulty, f"{qid}?", "because", "s", "m", points, hints,
                    options=(Option("a", "A", True), Option("b", "B"), Option("c", "C"), Option("d", "D")))


QUESTIONS = tuple(question(f"q{i}", ["metrics", "gpt", "bert"][i % 3], ["easy", "hard"][i % 2]) for i in range(12))
LIBRARY = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "Bank", QUESTIONS, pass_mark=60.0)})


def test_same_seed_same_quiz() -> None:
    settings = QuizSettings(bank="b", count=5, seed=42)
    one, two = QuizSession.build(LIBRARY, settings, "fr"), QuizSession.build(LIBRARY, settings, "fr")
    assert [q.id for q in one.questions] == [q.id for q in two.questions]
    assert [[o.id for o in one.options(q)] for q in one.questions] == [[o.id for o in two.options(q)] for q in two.questions]
    other = QuizSession.build(LIBRARY, QuizSettings(bank="b", count=5, seed=43), "fr")
    assert [q.id for q in other.questions] != [q.id for q in one.questions]


def test_exam_seed_depends_on_learner_and_quiz() -> None:
    settings = QuizSettings(bank="b", count=5, mode="exam")
    assert exam_seed("alice", settings) == exam_seed("alice", settings)
    assert exam_seed("alice", settings) != exam_seed("bob", settings)
    assert exam_seed("alice", settings) != exam_seed("alice", QuizSettings(bank="b", count=6, mode="exam"))
    alice = QuizSession.build(LIBRARY, settings, "fr", learner="alice")
    again = QuizSession.build(LIBRARY, settings, "fr", learner="alice")
    assert [q.id for q in alice.questions] == [q.id for q in again.questions]


def test_filters_by_topic_and_difficulty() -> None:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", topics=("gpt",), difficulty="hard", count=10, seed=1), "fr")
    assert session.questions and all(q.topic == "gpt" and q.difficulty == "hard" for q in session.questions)
    with pytest.raises(ValueError):
        QuizSession.build(LIBRARY, QuizSettings(bank="b", topics=("strategies",), seed=1), "fr")
    with pytest.raises(ValueError):
        QuizSession.build(LIBRARY, QuizSettings(bank="nope", seed=1), "fr")


def test_explicit_ids_include_generated_questions() -> None:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", question_ids=("q3", "gen:perplexity:5", "ghost"), seed=1), "fr")
    assert sorted(q.id for q in session.questions) == ["gen:perplexity:5", "q3"]


def test_scores_per_topic_pass_mark_and_missed() -> None:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", count=6, seed=7), "fr")
    first, second, third, *_ = session.questions
    session.submit(first.id, "a", seconds=3)
    session.submit(second.id, "b")
    session.submit(second.id, "a")  # a question is answered once
    session.submit(third.id, "a")
    results = session.results()
    assert results.answered == 3 and results.total == 6 and results.correct == 2
    assert results.earned == 2 and results.max_points == 6 and results.percent == pytest.approx(100 / 3)
    assert not results.passed and results.pass_mark == 60.0
    assert set(results.missed) == {q.id for q in session.questions} - {first.id, third.id}
    assert sum(t.max_points for t in results.per_topic) == 6
    for remaining in session.questions[3:]:
        session.submit(remaining.id, "a")
    assert session.finished and session.results().percent == pytest.approx(500 / 6) and session.results().passed


def test_hints_are_taken_in_order_and_cost_points() -> None:
    hinted = question("h", "gpt", hints=(Hint("first", 0.25), Hint("second", 0.25)))
    library = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "B", (hinted,))})
    session = QuizSession.build(library, QuizSettings(bank="b", seed=1), "fr")
    assert session.take_hint("h").text == "first"  # type: ignore[union-attr]
    assert session.take_hint("h").text == "second"  # type: ignore[union-attr]
    assert session.take_hint("h") is None
    record = session.submit("h", "a")
    assert record.hints_used == 2 and record.grade.earned == 0.5
    assert session.take_hint("h") is None


def test_time_left() -> None:
    session = QuizSession.build(LIBRARY, QuizSettings(bank="b", count=2, seed=1, mode="exam", time_limit=60), "fr")
    session.elapsed = 45.5
    assert session.time_left() == pytest.approx(14.5)
    session.elapsed = 99
    assert session.time_left() == 0
