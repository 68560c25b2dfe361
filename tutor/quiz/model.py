"""The quiz model: questions of seven types, and the banks that hold them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TOPICS: tuple[str, ...] = (
    "transfer-learning", "strategies", "hyperparameters", "bert", "gpt", "best-practices", "metrics",
    # 2026 topics (issue 15): instruction tuning, preference tuning, QLoRA and quantisation, choosing
    # between prompting, RAG and fine-tuning, forgetting, evaluating LLMs, modern and French encoders,
    # responsible fine-tuning.
    "sft", "preference", "quantisation", "approach", "forgetting", "llm-evaluation", "encoders", "responsible",
)
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "numeric", "ordering", "matching", "short")
DEFAULT_PASS_MARK = 70.0
# The limits of what a learner may ask for, the same on the command line, in the setup screen and in
# plain mode. An exam longer than a day is a typo (1e9 minutes showed a 16-million-hour clock); one
# shorter than 6 seconds ends before the first question is read (1e-40 ended the exam at once, 0 points).
MAX_TIME_LIMIT_MINUTES = 24 * 60
MIN_TIME_LIMIT_MINUTES = 0.1
# The attempt stores its seed in an SQLite INTEGER: a signed 64-bit number.
MAX_SEED = 2**63 - 1
# More questions than any bank holds (the quiz takes them all); beyond, a typo.
MAX_COUNT = 10_000


@dataclass(frozen=True)
class Option:
    """A choice of a single- or multiple-choice question."""

    id: str
    text: str
    correct: bool = False
    feedback: str | None = None
    credit: float | None = None  # fraction of the points; None = the default share


@dataclass(frozen=True)
class Item:
    """An element to put in order."""

    id: str
    text: str


@dataclass(frozen=True)
class Pair:
    """A left-hand text and the right-hand text it matches."""

    id: str
    left: str
    right: str


@dataclass(frozen=True)
class Hint:
    """A hint, and what taking it costs in points."""

    text: str
    cost: float


@dataclass(frozen=True)
class Question:
    """One question. Only the fields of its `type` are set.

    - single / multiple: `options`
    - truefalse: `answer` (bool)
    - numeric: `answer` (float), `tolerance` or `relative_tolerance`, `unit`
    - ordering: `items` in the right order
    - matching: `pairs`, `distractors` (extra right-hand texts)
    - short: `answers` (accepted variants)
    """

    id: str
    type: str
    topic: str
    difficulty: str
    prompt: str
    explanation: str
    section: str
    module: str
    points: float = 1.0
    hints: tuple[Hint, ...] = ()
    options: tuple[Option, ...] = ()
    answer: Any = None
    tolerance: float | None = None
    relative_tolerance: float | None = None
    unit: str | None = None
    items: tuple[Item, ...] = ()
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    generator: str | None = None  # the generator's name for computed questions

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)

    def right_choices(self) -> list[tuple[str, str]]:
        """(id, text) of every right-hand choice of a matching question: pairs' rights, then distractors."""
        choices = [(pair.id, pair.right) for pair in self.pairs]
        choices += [(f"distractor-{index}", text) for index, text in enumerate(self.distractors, 1)]
        return choices


@dataclass(frozen=True)
class Topic:
    """A topic a bank declares for itself (an imported Moodle category), beside the course's TOPICS."""

    id: str
    title: str


@dataclass(frozen=True)
class GeneratorRequest:
    """A bank's request for `count` questions from the generator `name`."""

    name: str
    count: int


EXAM_CLOCKS = ("deadline", "while-open")
"""How a timed exam counts time: `deadline` (default) runs from the start, the app open or not, as a
deadline does; `while-open` counts only the time the exam is on screen (the instructor's choice, for
labs where closing the app is not a way to look things up)."""


@dataclass(frozen=True)
class Bank:
    """A question bank in one language."""

    id: str
    lang: str
    module: str
    title: str
    questions: tuple[Question, ...]
    pass_mark: float = DEFAULT_PASS_MARK
    generators: tuple[GeneratorRequest, ...] = ()
    source: str = ""
    exam_clock: str = "deadline"  # one of EXAM_CLOCKS: how a timed exam's clock runs
    topics: tuple[Topic, ...] = ()  # the bank's own topics, beside the course's


@dataclass
class QuizLibrary:
    """Every bank, in every language it was written in."""

    banks: dict[tuple[str, str], Bank] = field(default_factory=dict)

    def bank(self, bank_id: str, lang: str) -> Bank | None:
        """The bank in `lang`, else in the other language it exists in."""
        return self.banks.get((bank_id, lang)) or next(
            (b for (i, _), b in self.banks.items() if i == bank_id), None
        )

    def banks_in(self, lang: str) -> list[Bank]:
        """One bank per id, in `lang` where it exists."""
        ids = sorted({bank_id for bank_id, _ in self.banks})
        return [b for b in (self.bank(i, lang) for i in ids) if b is not None]

    def topic_title(self, topic: str, lang: str) -> str | None:
        """The title a bank gives a topic it declares (in `lang` where possible), if one does."""
        for bank in sorted(self.banks.values(), key=lambda b: b.lang != lang):
            for declared in bank.topics:
                if declared.id == topic:
                    return declared.title
        return None

    def question(self, question_id: str, lang: str) -> Question | None:
        """A written question by id, in `lang` where possible."""
        for bank in self.banks_in(lang):
            for question in bank.questions:
                if question.id == question_id:
                    return question
        return None
