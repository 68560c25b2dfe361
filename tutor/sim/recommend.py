"""Task recognition from a free sentence, and the course's recommended fine-tuning settings.

The starting values are those of the course page's BERT and GPT configurators (module 7);
question answering and sentence similarity, absent from the page, follow the usual Hugging Face
recipes (run_qa: lr 3e-5, 2 epochs, 384 tokens; GLUE STS-B / MRPC for similarity).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tutor.sim.config import FineTuneConfig
from tutor.sim.recommend_data import BERT_TASKS, GPT_TASKS, TaskSpec
from tutor.sim.textmatch import find_patterns, sentence_language

FAMILIES = ("bert", "gpt")


@dataclass(frozen=True)
class TaskMatch:
    """The recognised task, how strongly, and the words that gave it away."""

    family: str
    task: str
    matched: tuple[str, ...]
    sentence_lang: str


@dataclass(frozen=True)
class Recommendation:
    """Settings to start from for a recognised task, with the reason and what to watch."""

    family: str
    task: str
    label: dict[str, str]
    model: str
    task_kind: str
    num_labels: int | None
    lr: float
    batch_size: int
    epochs: int
    seq_len: int
    max_length: int | None
    temperature: float | None
    top_p: float | None
    warmup_ratio: float
    metrics: tuple[str, ...]
    techniques: tuple[str, ...]
    reason: dict[str, str]
    watch: dict[str, str]
    matched: tuple[str, ...] = ()
    sentence_lang: str = "en"
    notes: dict[str, str] = field(default_factory=dict)
    lang: str = "fr"

    def text(self, name: str, lang: str | None = None) -> str:
        """`label`, `reason`, `watch` or `notes` in `lang` (default: the requested one; "" if absent)."""
        values: dict[str, str] = getattr(self, name)
        return values.get(lang or self.lang) or values.get("en", "")

    def to_config(self, base: FineTuneConfig | None = None) -> FineTuneConfig:
        """A FineTuneConfig prefilled with these settings (the rest from `base`)."""
        config = base or FineTuneConfig()
        return replace(
            config, model=self.model, task=self.task_kind, num_labels=self.num_labels or config.num_labels,
            lr=self.lr, batch_size=self.batch_size, epochs=float(self.epochs), seq_len=self.seq_len,
            warmup_ratio=self.warmup_ratio, warmup_steps=0,
            temperature=self.temperature if self.temperature is not None else config.temperature,
            top_p=self.top_p if self.top_p is not None else config.top_p,
            max_length=self.max_length if self.max_length is not None else config.max_length,
        )

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        """A JSON-ready view with texts in `lang` (default: the requested one; labels in both)."""
        lang = lang or self.lang
        return {
            "family": self.family, "task": self.task, "label": self.text("label", lang),
            "labels": dict(self.label), "model": self.model, "task_kind": self.task_kind,
            "num_labels": self.num_labels, "learning_rate": self.lr, "batch_size": self.batch_size,
            "epochs": self.epochs, "seq_len": self.seq_len, "max_length": self.max_length,
            "temperature": self.temperature, "top_p": self.top_p, "warmup_ratio": self.warmup_ratio,
            "metrics": list(self.metrics), "techniques": list(self.techniques),
            "reason": self.text("reason", lang), "watch": self.text("watch", lang),
            "notes": self.text("notes", lang), "matched": list(self.matched),
            "sentence_lang": self.sentence_lang,
        }


def _tasks(family: str) -> tuple[TaskSpec, ...]:
    return GPT_TASKS if family == "gpt" else BERT_TASKS


def recognise_task(family: str, sentence: object) -> TaskMatch:
    """The task a sentence describes; the most matched words win, ties go to the earlier task.

    `family` is "bert" or "gpt" (anything else counts as "bert"); the last task of each family
    is the default when nothing matches. Never raises.
    """
    text = sentence if isinstance(sentence, str) else ""
    fam = family if family in FAMILIES else "bert"
    tasks = _tasks(fam)
    best = tasks[-1]
    best_words: tuple[str, ...] = ()
    for task in tasks[:-1]:
        found = tuple(find_patterns(text, task.patterns))
        if len(found) > len(best_words):
            best, best_words = task, found
    return TaskMatch(fam, best.id, best_words, sentence_language(text))


def recommend(family: str, sentence: object, lang: str = "fr") -> Recommendation:
    """Recognise the task in `sentence` and return the settings to start from.

    `lang` ("fr" or "en") is the language `text()` and `as_dict()` use by default; every text
    is carried in both languages.
    """
    match = recognise_task(family, sentence)
    spec = next(t for t in _tasks(match.family) if t.id == match.task)
    text = sentence if isinstance(sentence, str) else ""
    values = dict(spec.values)
    notes: dict[str, str] = {}
    for variant in spec.variants:
        if find_patterns(text, variant.patterns) or (variant.french and match.sentence_lang == "fr"):
            values.update(variant.values)
            notes = dict(variant.notes)
            break
    return Recommendation(
        family=match.family, task=spec.id, label=dict(spec.label), matched=match.matched,
        sentence_lang=match.sentence_lang, notes=notes, lang="en" if lang == "en" else "fr", **values,  # type: ignore[arg-type]
    )
