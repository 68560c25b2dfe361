"""Quiz sessions: seeded draws and shuffles, exam seeds, hints, totals per topic, pass mark."""

from __future__ import annotations

import dataclasses

import pytest

from tutor.quiz.model import Bank, GeneratorRequest, Hint, Item, Option, Pair, Question, QuizLibrary
from tutor.quiz.session import (
    QuizSession,
    QuizSettings,
    exam_seed,
    section_questions,
    settings_from_dict,
    settings_to_dict,
)


def question(qid: str, topic: str, difficulty: str = "easy", points: float = 1.0,
             hints: tuple[Hint, ...] = ()) -> Question:
    return Question(qid, "single", topic, difficulty, f"{qid}?", "because", "s", "m", points, hints,
                    options=(Option("a", "A", True), Option("b", "B"), Option("c", "C"), Option("d", "D")))


QUESTIONS = tuple(question(f"q{i}", ["metrics", "gpt", "bert"][i % 3], ["easy", "hard"][i % 2]) for i in range(12))
LIBRARY = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "Bank", QUESTIONS, pass_mark=60.0)})


def test_same_seed_same_quiz() -> None:
    settings = QuizSettings(bank="b", count=5, seed=42)
    one, two = QuizSession.build(LIBRARY, settings, "fr"), QuizSession.build(LIBRARY, settings, "fr")
    assert [q.id for q in one.questions] == [q.id for q in two.questions]
    assert ([[o.id for o in one.options(q)] for q in one.questions]
            == [[o.id for o in two.options(q)] for q in two.questions])
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
    session = QuizSession.build(LIBRARY,
                                QuizSettings(bank="b", topics=("gpt",), difficulty="hard", count=10, seed=1), "fr")
    assert session.questions and all(q.topic == "gpt" and q.difficulty == "hard" for q in session.questions)
    with pytest.raises(ValueError):
        QuizSession.build(LIBRARY, QuizSettings(bank="b", topics=("strategies",), seed=1), "fr")
    with pytest.raises(ValueError):
        QuizSession.build(LIBRARY, QuizSettings(bank="nope", seed=1), "fr")


def test_explicit_ids_include_generated_questions() -> None:
    session = QuizSession.build(LIBRARY,
                                QuizSettings(bank="b", question_ids=("q3", "gen:perplexity:5", "ghost"), seed=1), "fr")
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


# --- The pass mark is inclusive ---------------------------------------------------------------

def _finished(count: int, right: int, points: float = 1.0, pass_mark: float = 70.0) -> QuizSession:
    questions = tuple(question(f"p{i}", "metrics", points=points) for i in range(count))
    library = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "B", questions, pass_mark=pass_mark)})
    session = QuizSession.build(library, QuizSettings(bank="b", count=count, seed=3), "fr")
    for index, asked in enumerate(session.questions):
        session.submit(asked.id, "a" if index < right else "b")
    return session


def test_exactly_the_pass_mark_passes() -> None:
    """7/10 at a 70 % pass mark passes; 6/10 does not."""
    results = _finished(10, 7).results()
    assert results.percent == 70.0 and results.pass_mark == 70.0 and results.passed
    assert not _finished(10, 6).results().passed
    assert _finished(10, 10).results().passed and not _finished(10, 0).results().passed
    assert _finished(4, 3, pass_mark=75.0).results().passed


def test_the_pass_mark_tolerates_float_rounding() -> None:
    """14 of 20 questions worth 0.1 point: 1.4/2.0 adds up to 69.99999999999999 %, still 70 %."""
    results = _finished(20, 14, points=0.1).results()
    assert results.percent == pytest.approx(70.0) and results.percent < 70.0
    assert results.passed
    assert not _finished(100, 69).results().passed  # 69 % is below 70 %, not a rounding error


# --- Ordering items are never shown already in the right order --------------------------------

def _ordering(qid: str, size: int) -> Question:
    return Question(qid, "ordering", "metrics", "easy", "order?", "because", "s", "m",
                    items=tuple(Item(f"i{k}", f"item {k}") for k in range(size)))


def _never_solved(questions: list[Question], seeds: range) -> None:
    for seed in seeds:
        session = QuizSession(QuizSettings(seed=seed), seed, "fr", questions)
        for asked in questions:
            shown = session.items(asked)
            assert sorted(i.id for i in shown) == sorted(i.id for i in asked.items)
            assert shown != list(asked.items), (seed, asked.id)
            assert session.items(asked) == shown  # stable within the session


def test_synthetic_ordering_items_are_never_shown_solved() -> None:
    _never_solved([_ordering("two", 2), _ordering("three", 3), _ordering("four", 4)], range(2000))


def test_shipped_ordering_items_are_never_shown_solved() -> None:
    from tutor.loader import builtin_paths, load_content

    library = load_content(builtin_paths()).quizzes
    ordering = [q for bank in library.banks.values() for q in bank.questions if q.type == "ordering"]
    assert len(ordering) >= 6 and {len(q.items) for q in ordering} >= {3, 4, 5}
    _never_solved(ordering, range(2000))


def test_a_single_item_is_shown_as_is() -> None:
    one = _ordering("one", 1)
    assert QuizSession(QuizSettings(seed=1), 1, "fr", [one]).items(one) == list(one.items)


# --- Found by mutation testing (docs/testing.md) -------------------------------------------

def test_per_topic_scores_in_course_order() -> None:
    """Per-topic points, counts and order (TOPICS order, unknown topics last) as the results show."""
    asked = (question("m1", "metrics"), question("m2", "metrics", points=2.0), question("g1", "gpt"),
             question("z1", "zzz-unknown"), question("t1", "transfer-learning"))
    session = QuizSession(QuizSettings(seed=1), 1, "fr", list(asked), elapsed=42.5)
    session.submit("m1", "a")
    session.submit("m2", "b")
    session.submit("g1", "a")
    session.submit("t1", "a")
    results = session.results()
    assert [t.topic for t in results.per_topic] == ["transfer-learning", "gpt", "metrics", "zzz-unknown"]
    scores = {t.topic: (t.earned, t.max_points, t.questions, t.correct) for t in results.per_topic}
    assert scores == {"transfer-learning": (1.0, 1.0, 1, 1), "gpt": (1.0, 1.0, 1, 1),
                      "metrics": (1.0, 3.0, 2, 1), "zzz-unknown": (0.0, 1.0, 1, 0)}
    assert results.seconds == 42.5 and results.missed == ("m2", "z1")
    assert (results.earned, results.max_points, results.correct, results.answered) == (3.0, 6.0, 3, 4)


def test_results_round_earned_points_to_six_decimals() -> None:
    three = Question("t", "multiple", "metrics", "easy", "?", "e", "s", "m",
                     options=(Option("a", "A", True), Option("b", "B", True), Option("c", "C", True)))
    session = QuizSession(QuizSettings(seed=1), 1, "fr", [three])
    session.submit("t", ["a"])
    assert session.results().earned == 0.333333


def test_no_points_at_stake_is_zero_percent() -> None:
    free = question("free", "metrics", points=0.0)
    session = QuizSession(QuizSettings(seed=1), 1, "fr", [free], pass_mark=0.0)
    session.submit("free", "a")
    assert session.results().percent == 0.0


def test_submit_records_what_was_given() -> None:
    hinted = question("h", "gpt", hints=(Hint("first", 0.25),))
    session = QuizSession(QuizSettings(seed=1), 1, "fr", [hinted, question("q", "gpt")])
    record = session.submit("h", "a")
    assert (record.question_id, record.answer, record.hints_used, record.seconds) == ("h", "a", 0, 0.0)
    assert record.grade.earned == 1.0  # no hint taken, no hint paid
    assert session.submit("q", "b", seconds=7.5).seconds == 7.5


def test_exam_and_practice_seeds() -> None:
    settings = QuizSettings(bank="b", count=5, mode="exam")
    alice = QuizSession.build(LIBRARY, settings, "fr", learner="alice")
    bob = QuizSession.build(LIBRARY, settings, "fr", learner="bob")
    assert alice.seed == exam_seed("alice", settings) and bob.seed == exam_seed("bob", settings)
    assert alice.seed != bob.seed and 0 <= alice.seed < 2**32
    practice = [QuizSession.build(LIBRARY, QuizSettings(bank="b", count=5), "fr", learner="alice") for _ in range(3)]
    assert len({s.seed for s in practice}) == 3  # practice draws a fresh seed each time
    seeded = QuizSession.build(LIBRARY, QuizSettings(bank="b", seed=99), "fr")
    assert (seeded.seed, seeded.lang, seeded.pass_mark) == (99, "fr", 60.0)


def test_exam_seeds_differ_between_quizzes() -> None:
    base = QuizSettings(bank="b", count=5, mode="exam")
    variants = [base, QuizSettings(bank="b", count=5, mode="exam", topics=("gpt",)),
                QuizSettings(bank="b", count=5, mode="exam", topics=("bert",)),
                QuizSettings(bank="b", count=5, mode="exam", topics=("bert", "gpt")),
                QuizSettings(bank="b", count=5, mode="exam", difficulty="easy"),
                QuizSettings(bank="b", count=5, mode="exam", difficulty="hard"),
                QuizSettings(bank="b", count=5, mode="exam", question_ids=("q1", "q2")),
                QuizSettings(bank="b", count=5, mode="exam", question_ids=("q1q2",))]
    assert len({exam_seed("alice", s) for s in variants}) == len(variants)
    # The topics' order does not matter.
    assert exam_seed("a", QuizSettings(topics=("gpt", "bert"))) == exam_seed("a", QuizSettings(topics=("bert", "gpt")))


def test_count_and_explicit_ids() -> None:
    assert len(QuizSession.build(LIBRARY, QuizSettings(bank="b", count=1, seed=2), "fr").questions) == 1
    assert len(QuizSession.build(LIBRARY, QuizSettings(bank="b", count=0, seed=2), "fr").questions) == 1
    ids = tuple(q.id for q in QUESTIONS)
    retry = QuizSession.build(LIBRARY, QuizSettings(bank="b", count=5, seed=2, question_ids=ids), "fr")
    assert sorted(q.id for q in retry.questions) == sorted(ids)  # an explicit set is never cut to `count`


def test_errors_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="no question bank 'nope'"):
        QuizSession.build(LIBRARY, QuizSettings(bank="nope", seed=1), "fr")
    with pytest.raises(ValueError, match="no question matches these settings"):
        QuizSession.build(LIBRARY, QuizSettings(bank="b", topics=("strategies",), seed=1), "fr")


TWO_LANGS = QuizLibrary({
    ("b", "fr"): Bank("b", "fr", "m", "Banque", (dataclasses.replace(question("q1", "gpt"), prompt="fr?"),),
                      pass_mark=80.0),
    ("b", "en"): Bank("b", "en", "m", "Bank", (dataclasses.replace(question("q1", "gpt"), prompt="en?"),),
                      pass_mark=50.0, generators=(GeneratorRequest("perplexity", 3),)),
})


def test_the_learners_language_is_used() -> None:
    english = QuizSession.build(TWO_LANGS, QuizSettings(bank="b", count=10, seed=4), "en")
    assert english.pass_mark == 50.0
    assert [q.prompt for q in english.questions if q.id == "q1"] == ["en?"]
    generated = [q for q in english.questions if q.id.startswith("gen:perplexity:")]
    assert len(generated) == 3 and len({q.id for q in generated}) == 3
    assert all(q.module == "m" and q.prompt.startswith("A language model") for q in generated)
    french = QuizSession.build(TWO_LANGS, QuizSettings(bank="b", seed=4), "fr")
    assert [q.prompt for q in french.questions] == ["fr?"] and french.pass_mark == 80.0
    explicit = QuizSession.build(TWO_LANGS,
                                 QuizSettings(bank="b", seed=4, question_ids=("q1", "gen:perplexity:5")), "en")
    prompts = {q.id: q.prompt for q in explicit.questions}
    assert prompts["q1"] == "en?" and prompts["gen:perplexity:5"].startswith("A language model")


def test_settings_round_trip_through_json() -> None:
    settings = QuizSettings(bank="b", topics=("gpt", "bert"), count=7, difficulty="hard", mode="exam", seed=5,
                            time_limit=600.0, question_ids=("q1", "q2"), kind="retry")
    data = settings_to_dict(settings)
    assert data["topics"] == ["gpt", "bert"] and data["question_ids"] == ["q1", "q2"]
    assert data["count"] == 7 and data["kind"] == "retry" and data["time_limit"] == 600.0
    assert settings_from_dict(data) == settings
    assert settings_from_dict({**data, "from_the_future": 1}) == settings
    assert settings_from_dict({"bank": "b", "topics": None}) == QuizSettings(bank="b")


def test_resumed_attempt_regrades_and_keeps_hints() -> None:
    hinted = question("q2", "gpt", hints=(Hint("first", 0.25), Hint("second", 0.25)))
    library = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "B", (question("q1", "metrics"), hinted))})
    settings = QuizSettings(bank="b", seed=3)
    session = QuizSession.resumed(library, settings, 3, "fr", ["q2", "ghost", "q1"],
                                  [("q2", "a", 1, 4.0), ("ghost", "a", 0, 1.0)], {"q2": 2, "ghost": 1},
                                  elapsed=30.0, pass_mark=65.0)
    assert [q.id for q in session.questions] == ["q2", "q1"]
    assert (session.seed, session.lang, session.pass_mark, session.elapsed) == (3, "fr", 65.0, 30.0)
    record = session.answers["q2"]
    assert (record.answer, record.hints_used, record.seconds, record.grade.earned) == ("a", 1, 4.0, 0.75)
    assert session.hints_taken == {"q2": 1} and list(session.answers) == ["q2"]
    assert session.take_hint("q1") is None  # q1 has no hint
    with pytest.raises(ValueError):
        QuizSession.resumed(library, settings, 3, "fr", ["ghost"], [], {}, 0.0, 70.0)


def test_hints_of_unanswered_questions_survive_a_resume() -> None:
    hinted = question("q2", "gpt", hints=(Hint("first", 0.25), Hint("second", 0.25)))
    library = QuizLibrary({("b", "fr"): Bank("b", "fr", "m", "B", (hinted,))})
    session = QuizSession.resumed(library, QuizSettings(bank="b"), 1, "fr", ["q2"], [], {"q2": 1}, 0.0, 70.0)
    assert session.hints_taken == {"q2": 1}
    assert session.take_hint("q2").text == "second"  # type: ignore[union-attr]
    assert session.submit("q2", "a").grade.earned == 0.5


def test_matching_choices_are_shuffled_per_session() -> None:
    matching = Question("mt", "matching", "metrics", "easy", "?", "e", "s", "m",
                        pairs=tuple(Pair(f"p{i}", f"L{i}", f"R{i}") for i in range(5)), distractors=("D",))
    orders = set()
    for seed in range(20):
        session = QuizSession(QuizSettings(seed=seed), seed, "fr", [matching])
        choices = session.right_choices(matching)
        assert sorted(choices) == sorted(matching.right_choices())
        assert session.right_choices(matching) == choices
        orders.add(tuple(choices))
    assert len(orders) > 10


def test_section_questions_cite_the_section() -> None:
    cited = dataclasses.replace(question("c1", "gpt"), section="intro", module="ft")
    other_module = dataclasses.replace(question("c2", "gpt"), section="intro", module="other")
    library = QuizLibrary({
        ("ft", "fr"): Bank("ft", "fr", "ft", "B", (cited, dataclasses.replace(cited, id="c3", section="later"))),
        ("ot", "fr"): Bank("ot", "fr", "other", "O", (other_module,)),
    })
    assert [q.id for q in section_questions(library, "ft", "intro", "fr")] == ["c1"]
    assert [q.id for q in section_questions(library, "other", "intro", "fr")] == ["c2"]
    assert section_questions(library, "ft", "nowhere", "fr") == []


def test_resumed_and_section_questions_use_the_learners_language() -> None:
    english = QuizSession.resumed(TWO_LANGS, QuizSettings(bank="b", time_limit=60.0), 4, "en",
                                  ["q1", "gen:perplexity:5"], [], {}, 0.0, 70.0)
    assert english.settings == QuizSettings(bank="b", time_limit=60.0) and english.time_left() == 60.0
    assert [q.prompt[:16] for q in english.questions] == ["en?", "A language model"]
    french = QuizSession.resumed(TWO_LANGS, QuizSettings(bank="b"), 4, "fr", ["gen:perplexity:5"], [], {}, 0.0, 70.0)
    assert french.questions[0].prompt.startswith("Un modèle")
    explicit = QuizSession.build(TWO_LANGS, QuizSettings(bank="b", seed=4, question_ids=("gen:perplexity:5",)), "fr")
    assert explicit.questions[0].prompt.startswith("Un modèle")
    cited = {lang: dataclasses.replace(question("c1", "gpt"), section="intro", module="m", prompt=f"{lang}?")
             for lang in ("fr", "en")}
    library = QuizLibrary({("b", lang): Bank("b", lang, "m", "B", (cited[lang],)) for lang in ("fr", "en")})
    assert [q.prompt for q in section_questions(library, "m", "intro", "en")] == ["en?"]
    assert [q.prompt for q in section_questions(library, "m", "intro", "fr")] == ["fr?"]
    with pytest.raises(ValueError, match="none of the attempt's questions exists any more"):
        QuizSession.resumed(TWO_LANGS, QuizSettings(bank="b"), 4, "fr", ["ghost"], [], {}, 0.0, 70.0)


def test_generated_questions_follow_the_language_of_the_bank() -> None:
    library = QuizLibrary({("g", "fr"): Bank("g", "fr", "m", "G", (), generators=(GeneratorRequest("perplexity", 2),))})
    session = QuizSession.build(library, QuizSettings(bank="g", seed=8), "fr")
    assert len(session.questions) == 2 and all(q.prompt.startswith("Un modèle") for q in session.questions)
