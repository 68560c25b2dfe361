"""A bank's own topics (Moodle categories made topics), optional sections, one-language instructor banks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tutor.loader import builtin_dir, builtin_paths, load_content
from tutor.quiz.bank import translation_problems
from tutor.quiz.model import TOPICS
from tutor.quiz.session import QuizSession, QuizSettings
from tutor.quiz.topics import offered_topics, topic_name

BANK = """\
bank: moodle
lang: en
module: fine-tuning
title: From Moodle
topics:
  - {id: learning-rates, title: "Learning rates"}
  - {id: unused, title: "Unused"}
questions:
  - id: lr
    type: truefalse
    topic: learning-rates
    difficulty: easy
    prompt: "Is 2e-5 a usual learning rate for BERT?"
    answer: true
    explanation: "Yes."
  - id: f1
    type: truefalse
    topic: metrics
    difficulty: medium
    section: evaluation
    prompt: "Is F1 the harmonic mean of precision and recall?"
    answer: true
    explanation: "Yes."
"""


def load(tmp_path: Path, text: str = BANK, name: str = "moodle.en.yaml") -> object:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_content([builtin_dir("lessons"), tmp_path])


def test_declared_topics_a_missing_section_and_one_language_are_accepted(tmp_path: Path) -> None:
    content = load(tmp_path)
    assert not content.problems, content.problems  # type: ignore[attr-defined]
    bank = content.quizzes.banks[("moodle", "en")]  # type: ignore[attr-defined]
    assert [(t.id, t.title) for t in bank.topics] == [("learning-rates", "Learning rates"), ("unused", "Unused")]
    assert [q.section for q in bank.questions] == ["", "evaluation"]
    # The bank is found in French too (its only language), and its topics are named by its titles.
    library = content.quizzes  # type: ignore[attr-defined]
    assert library.bank("moodle", "fr") is bank
    assert topic_name("learning-rates", "fr", library) == "Learning rates"
    assert topic_name("metrics", "fr", library) != "metrics"  # the course's French word
    assert topic_name("gone", "en", library) == "gone"
    assert offered_topics(bank) == ["metrics", "learning-rates", "unused"]
    assert offered_topics(None) == list(TOPICS)


def test_a_session_names_declared_topics_in_results(tmp_path: Path) -> None:
    library = load(tmp_path).quizzes  # type: ignore[attr-defined]
    session = QuizSession.build(library, QuizSettings(bank="moodle", topics=("learning-rates",), seed=1), "en")
    assert [q.id for q in session.questions] == ["lr"]
    assert session.topic_name("learning-rates") == "Learning rates"
    assert [s.topic for s in session.results().per_topic] == ["learning-rates"]


def test_unknown_duplicate_and_course_topics_are_located(tmp_path: Path) -> None:
    text = BANK.replace("topic: learning-rates", "topic: nowhere").replace("id: unused", "id: learning-rates")
    text = text.replace("  - {id: learning-rates, title: \"Learning rates\"}\n",
                        "  - {id: learning-rates, title: \"Learning rates\"}\n  - {id: bert, title: BERT}\n")
    found = [str(p) for p in load(tmp_path, text).problems]  # type: ignore[attr-defined]
    assert any(":7:" in p and "'bert' is a course topic" in p for p in found), found
    assert any(":8:" in p and "duplicate topic id 'learning-rates'" in p for p in found), found
    assert any("unknown topic 'nowhere'" in p for p in found), found


def test_the_shipped_banks_still_need_both_languages(tmp_path: Path) -> None:
    shipped = load_content(builtin_paths())
    library = dataclasses.replace(shipped.quizzes, banks={k: v for k, v in shipped.quizzes.banks.items()
                                                          if k[1] == "fr"})
    from tutor.content.yamlsource import Located

    located = {key: Located(bank.source, {}) for key, bank in library.banks.items()}
    problems = translation_problems(library, located)
    assert any("has no en version" in p.message for p in problems)
    assert not translation_problems(library, located, bilingual=lambda bank: False)


def test_an_instructor_bank_in_both_languages_must_still_match(tmp_path: Path) -> None:
    french = BANK.replace("lang: en", "lang: fr").replace("answer: true\n    explanation: \"Yes.\"\n  - id: f1",
                                                          "answer: false\n    explanation: \"Yes.\"\n  - id: f1")
    (tmp_path / "moodle.fr.yaml").write_text(french, encoding="utf-8")
    found = [str(p) for p in load(tmp_path).problems]  # type: ignore[attr-defined]
    assert any("differs from its" in p for p in found), found
