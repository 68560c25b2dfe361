"""Topics as a learner reads them: the course's, and those a bank declares (imported Moodle categories)."""

from __future__ import annotations

from tutor.i18n.catalogue import t
from tutor.quiz.model import TOPICS, Bank, QuizLibrary


def topic_name(topic: str, lang: str, library: QuizLibrary | None = None) -> str:
    """A topic's name in `lang`: the course's word for its own topics, a bank's title for one it
    declares, else the id as written (a topic from a results file whose bank is not loaded)."""
    if topic in TOPICS:
        return t(f"topic.{topic}", lang)
    declared = library.topic_title(topic, lang) if library is not None else None
    return declared or topic


def offered_topics(bank: Bank | None) -> list[str]:
    """The topics a quiz on `bank` may be limited to, in the course's order then the bank's own.

    A course bank offers every course topic; a bank with its own topics offers those and the course
    topics its questions use."""
    if bank is None or not bank.topics:
        return list(TOPICS)
    used = {question.topic for question in bank.questions}
    return [topic for topic in TOPICS if topic in used] + [topic.id for topic in bank.topics]
