"""Choosing a quiz (count, mode, time limit, topics) and offering to resume an unfinished one."""

from __future__ import annotations

import time

from tutor.i18n.catalogue import t
from tutor.plain.context import Context
from tutor.plain.words import w
from tutor.quiz.display import resume_clock_note
from tutor.quiz.grading import parse_number
from tutor.quiz.model import MAX_TIME_LIMIT_MINUTES, MIN_TIME_LIMIT_MINUTES
from tutor.quiz.session import QuizSettings, counted_elapsed, exam_clock_rule, settings_from_dict
from tutor.quiz.topics import offered_topics, topic_name

DEFAULT_COUNT = 10
BACK_WORDS = frozenset({"q", "menu", "back", "retour", "quit", "quitter"})
HELP_WORDS = frozenset({"?", "help", "aide"})
RESUME_CHOICES = ("resume.resume", "resume.abandon", "resume.later")
RESUME_WORDS = frozenset({"", "1", "y", "o", "yes", "oui", "resume", "reprendre"})
ABANDON_WORDS = frozenset({"2", "n", "no", "non", "abandon", "abandonner"})
LATER_WORDS = frozenset({"3", "l", "p", "later", "plus tard"})


class Back(Exception):
    """The learner went back to the menu in the middle of the quiz settings."""


def _ask(ctx: Context, prompt: str) -> str:
    while True:
        text = ctx.ask(prompt)
        if text.casefold() in BACK_WORDS:
            raise Back
        if text.casefold() not in HELP_WORDS:
            return text
        ctx.say(w("setup.help", ctx.lang))


def _count(ctx: Context) -> int:
    while True:
        text = _ask(ctx, w("setup.count", ctx.lang, default=DEFAULT_COUNT))
        if not text:
            return DEFAULT_COUNT
        if text.isdecimal() and len(text) < 10 and int(text) > 0:  # int() refuses "²", 4,300 digits
            return int(text)
        ctx.say(w("setup.bad_count", ctx.lang, text=text))


def _mode(ctx: Context) -> str:
    while True:
        text = _ask(ctx, w("setup.mode", ctx.lang)).casefold()
        if text in ("", "1", "practice", "entraînement", "entrainement"):
            return "practice"
        if text in ("2", "exam", "examen"):
            return "exam"
        ctx.say(w("setup.bad_mode", ctx.lang))


def _time_limit(ctx: Context) -> float | None:
    while True:
        text = _ask(ctx, w("setup.time", ctx.lang))
        if not text:
            return None
        minutes = parse_number(text, ctx.lang)
        if minutes is not None and MIN_TIME_LIMIT_MINUTES <= minutes <= MAX_TIME_LIMIT_MINUTES:
            return minutes * 60
        if minutes is not None and minutes > MAX_TIME_LIMIT_MINUTES:  # 1e308 minutes crashed the exam clock
            ctx.say(t("cli.field_at_most", ctx.lang, value=text, maximum=MAX_TIME_LIMIT_MINUTES))
            continue
        ctx.say(w("setup.bad_time", ctx.lang, text=text))


def _topics(ctx: Context, present: list[str]) -> tuple[str, ...]:
    lines = [w("setup.topics", ctx.lang)]
    names = [topic_name(topic, ctx.lang, ctx.content.quizzes) for topic in present]
    lines += [f"{number}. {name}" for number, name in enumerate(names, start=1)]
    ctx.console.lines(lines)
    while True:
        text = _ask(ctx, w("setup.topics_ask", ctx.lang))
        tokens = text.replace(",", " ").split()
        bad = next((tok for tok in tokens
                    if not (tok.isdecimal() and len(tok) < 10 and 1 <= int(tok) <= len(present))), None)
        if bad is None:
            return tuple(dict.fromkeys(present[int(tok) - 1] for tok in tokens))
        ctx.say(w("setup.bad_topic", ctx.lang, text=bad, count=len(present)))


def quiz_setup(ctx: Context, module_id: str | None) -> QuizSettings | None:
    """Ask for the quiz settings, each with a default on Enter; None when there is no bank or on q."""
    bank_id = ctx.bank_for(module_id)
    bank = ctx.content.quizzes.bank(bank_id, ctx.lang) if bank_id else None
    if bank is None:
        ctx.say(w("no_bank", ctx.lang))
        return None
    ctx.console.blank()
    ctx.say(w("setup.title", ctx.lang, title=bank.title))
    try:
        count = _count(ctx)
        mode = _mode(ctx)
        time_limit = _time_limit(ctx) if mode == "exam" else None
        present = [topic for topic in offered_topics(bank) if any(q.topic == topic for q in bank.questions)]
        topics = _topics(ctx, present) if len(present) > 1 else ()
    except Back:
        return None
    return QuizSettings(bank=bank.id, topics=topics, count=count, mode=mode, time_limit=time_limit)


def offer_resume(ctx: Context) -> None:
    """Like the app at start-up: offer to resume the latest unfinished quiz, or to abandon it."""
    unfinished = ctx.store.open_attempts()
    if not unfinished:
        return
    attempt = unfinished[0]
    ctx.console.blank()
    ctx.say(t("quiz.resume", ctx.lang, answered=len(attempt.answers), total=len(attempt.question_ids)))
    if attempt.time_limit:
        settings = settings_from_dict(attempt.settings)
        rule = exam_clock_rule(ctx.content.quizzes, settings, ctx.lang)
        elapsed = counted_elapsed(rule, attempt.elapsed, attempt.started_at, time.time())
        ctx.say(resume_clock_note(rule, max(0.0, attempt.time_limit - elapsed), ctx.lang))
    ctx.console.lines([f"{n}. {w(key, ctx.lang)}" for n, key in enumerate(RESUME_CHOICES, start=1)])
    while True:
        word = ctx.ask(w("choice", ctx.lang, count=len(RESUME_CHOICES))).casefold()
        if word in RESUME_WORDS:
            ctx.resume(attempt)
            return
        if word in ABANDON_WORDS:
            ctx.abandon(attempt)
            ctx.say(w("resume.abandoned", ctx.lang))
            return
        if word in LATER_WORDS:
            return
        ctx.say(w("resume.bad", ctx.lang))
