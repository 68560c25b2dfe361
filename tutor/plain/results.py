"""Feedback after an answer and results after a quiz, in words and ASCII marks (never colour).

Every number is written in the language (1,75 / 43 and 87,2 % in French) and counted words agree
with their number ("1 point", "2 points"), through the catalogue's plural forms.
"""

from __future__ import annotations

import math
from typing import Any

from tutor.i18n.catalogue import t
from tutor.plain.console import WIDTH, paragraphs, wrap
from tutor.plain.render import prose
from tutor.plain.words import w
from tutor.quiz.display import TRUE_FALSE, answer_text
from tutor.quiz.grading import Grade, format_number, parse_number, right_answer
from tutor.quiz.model import Question
from tutor.quiz.session import AnswerRecord, QuizSession

MARKS = {"correct": "[OK]", "partial": "[~]", "wrong": "[X]"}


def points(value: float) -> float:
    """Points rounded to 2 decimals (never 4.73333): the catalogue writes them in the language."""
    rounded = round(value, 2)
    return int(rounded) if rounded.is_integer() else rounded


def percent(value: float) -> float:
    """A percentage to one decimal: 87,2 % (100 %, not 100,0 %)."""
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded


def given_text(question: Question, answer: Any, lang: str) -> str:
    """What the learner answered, in words, with a numeric answer written in `lang`."""
    if question.type == "numeric" and answer is not None and answer != "":
        value = parse_number(answer, lang) if isinstance(answer, str) else answer
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            shown = format_number(float(value), question, lang)
            return f"{shown}\u00a0{question.unit}" if question.unit else shown
    return answer_text(question, answer, lang)


def right_text(question: Question, lang: str) -> str:
    """The right answer, in words, with numbers written in `lang`."""
    return right_answer(question, TRUE_FALSE.get(lang, TRUE_FALSE["en"]), lang)


def clock(seconds: float, round_up: bool = False) -> str:
    """mm:ss (or h:mm:ss); `round_up` for time left, so a full minute shows as 01:00, not 00:59."""
    whole = math.ceil(max(0.0, seconds) - 1e-9) if round_up else int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def verdict(grade: Grade | None, lang: str) -> str:
    """"[OK] Correct", "[~] Partly correct" or "[X] Wrong" (no answer counts as wrong)."""
    key = "correct" if grade and grade.correct else "partial" if grade and grade.partial else "wrong"
    return f"{MARKS[key]} {t('quiz.' + key, lang)}"


def _para(text: str, width: int, indent: str = "") -> list[str]:
    return paragraphs(text, indent, width)


def feedback_lines(question: Question, record: AnswerRecord, lang: str, width: int = WIDTH) -> list[str]:
    """What practice mode says after an answer: verdict, points, the right answer when wrong, why."""
    grade = record.grade
    score = w("score", lang, earned=points(grade.earned), max=points(grade.max_points), count=points(grade.max_points))
    if grade.hint_cost:
        score += t("quiz.hint_cost", lang, cost=points(grade.hint_cost))
    lines = _para(f"{verdict(grade, lang)}. {score}.", width)
    lines += _para(t("quiz.your_answer", lang, text=given_text(question, record.answer, lang)), width)
    if not grade.correct:
        lines += _para(t("quiz.expected", lang, text=right_text(question, lang)), width)
    for note in grade.feedback:
        lines += _para(w("quiz.feedback_heading", lang, text=note), width)
    lines += _para(t("quiz.explanation", lang, text=question.explanation), width)
    return lines


def results_lines(session: QuizSession, lang: str, width: int = WIDTH) -> list[str]:
    """Total, pass or fail, time, scores by topic, then every question with its answer and explanation."""
    results = session.results()
    mark = MARKS["correct"] if results.passed else MARKS["wrong"]
    passed = t("quiz.passed" if results.passed else "quiz.failed", lang, mark=percent(results.pass_mark))
    lines = [t("quiz.results", lang)]
    lines += _para(f"{mark} {passed}", width)
    lines += _para(t("quiz.total", lang, earned=points(results.earned), max=points(results.max_points),
                     percent=percent(results.percent)), width)
    lines += _para(w("results.answered", lang, answered=results.answered, total=results.total), width)
    lines += _para(t("quiz.time", lang, time=clock(results.seconds)), width)
    lines += ["", t("quiz.by_topic", lang)]
    for score in results.per_topic:
        score_points = w("score", lang, earned=points(score.earned), max=points(score.max_points),
                         count=points(score.max_points))
        lines += wrap(w("results.topic", lang, topic=session.topic_name(score.topic), percent=percent(score.percent),
                        points=score_points, correct=score.correct, questions=score.questions),
                      hanging="  ", width=width)
    lines += ["", t("quiz.review", lang)]  # each question after a blank line
    for number, question in enumerate(session.questions, start=1):
        record = session.answers.get(question.id)
        topic = session.topic_name(question.topic)
        lines.append("")
        lines += _para(w("results.item", lang, number=number, verdict=verdict(record.grade if record else None, lang),
                         topic=topic), width)
        lines += _para(prose(question.prompt, lang), width, "  ")
        given = given_text(question, record.answer if record else None, lang)
        lines += _para(t("quiz.your_answer", lang, text=given), width, "  ")
        if not (record and record.grade.correct):
            lines += _para(t("quiz.expected", lang, text=right_text(question, lang)), width, "  ")
        lines += _para(t("quiz.explanation", lang, text=question.explanation), width, "  ")
    return lines
