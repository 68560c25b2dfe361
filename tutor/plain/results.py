"""Feedback after an answer and results after a quiz, in words and ASCII marks (never colour)."""

from __future__ import annotations

from tutor.quiz.display import format_points

import math

from tutor.core.i18n import t
from tutor.plain.console import WIDTH, paragraphs, wrap
from tutor.plain.words import w
from tutor.quiz.display import answer_text, expected_text
from tutor.quiz.grading import Grade
from tutor.quiz.model import Question
from tutor.quiz.session import AnswerRecord, QuizSession

MARKS = {"correct": "[OK]", "partial": "[~]", "wrong": "[X]"}


def points(value: float) -> str:
    """Points without a useless ".0" or a tail of decimals."""
    return format_points(value)


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
    score = t("quiz.points", lang, earned=points(grade.earned), max=points(grade.max_points))
    if grade.hint_cost:
        score += t("quiz.hint_cost", lang, cost=points(grade.hint_cost))
    lines = _para(f"{verdict(grade, lang)}. {score}.", width)
    lines += _para(t("quiz.your_answer", lang, text=answer_text(question, record.answer, lang)), width)
    if not grade.correct:
        lines += _para(t("quiz.expected", lang, text=expected_text(question, lang)), width)
    for note in grade.feedback:
        lines += _para(w("quiz.feedback_heading", lang, text=note), width)
    lines += _para(t("quiz.explanation", lang, text=question.explanation), width)
    return lines


def results_lines(session: QuizSession, lang: str, width: int = WIDTH) -> list[str]:
    """Total, pass or fail, time, scores by topic, then every question with its answer and explanation."""
    results = session.results()
    mark = MARKS["correct"] if results.passed else MARKS["wrong"]
    passed = t("quiz.passed" if results.passed else "quiz.failed", lang, mark=f"{results.pass_mark:g}")
    lines = [t("quiz.results", lang)]
    lines += _para(f"{mark} {passed}", width)
    lines += _para(t("quiz.total", lang, earned=points(results.earned), max=points(results.max_points),
                     percent=f"{results.percent:.0f}"), width)
    lines += _para(w("results.answered", lang, answered=results.answered, total=results.total), width)
    lines += _para(t("quiz.time", lang, time=clock(results.seconds)), width)
    lines += ["", t("quiz.by_topic", lang)]
    for score in results.per_topic:
        lines += wrap(w("results.topic", lang, topic=t(f"topic.{score.topic}", lang), percent=f"{score.percent:.0f}",
                        earned=points(score.earned), max=points(score.max_points), correct=score.correct,
                        questions=score.questions), hanging="  ", width=width)
    lines += ["", t("quiz.review", lang)]  # each question after a blank line
    for number, question in enumerate(session.questions, start=1):
        record = session.answers.get(question.id)
        topic = t(f"topic.{question.topic}", lang)
        lines.append("")
        lines += _para(w("results.item", lang, number=number, verdict=verdict(record.grade if record else None, lang),
                         topic=topic), width)
        lines += _para(question.prompt, width, "  ")
        given = answer_text(question, record.answer if record else None, lang)
        lines += _para(t("quiz.your_answer", lang, text=given), width, "  ")
        if not (record and record.grade.correct):
            lines += _para(t("quiz.expected", lang, text=expected_text(question, lang)), width, "  ")
        lines += _para(t("quiz.explanation", lang, text=question.explanation), width, "  ")
    return lines
