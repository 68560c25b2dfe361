"""Task recognition from a free sentence, and 2026 fine-tuning settings that fit the GPU shown.

Every task is recognised whichever family the learner chose ("bert" or "gpt"); when the task
belongs to another model family (summarise with BERT, classify with GPT) the recommendation
says so in its notes and recommends the right family's model. Sources of the values: see the
`recommend_tasks_*` modules. The recommendation is checked with the estimator: it never
recommends a configuration that does not fit its GPU (activation checkpointing, LoRA then QLoRA
for generative models, then a smaller batch with gradient accumulation are tried in that order,
each said in the notes).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from tutor.sim.catalogue import get_gpu, get_model
from tutor.sim.config import FineTuneConfig
from tutor.sim.recommend_data import (
    CLASS_NOUNS,
    ENTITY_TYPES,
    FAMILY_NAMES,
    LANGUAGE_LABELS,
    LANGUAGE_NAMES,
    LORA_ALPHA,
    LORA_LR,
    LORA_R,
    LORA_TARGETS,
    MODEL_REASONS,
    NOTES,
    POLARITY,
    QLORA_LR,
    SOURCE_CUES,
    STRATEGY_LABELS,
    TARGET_CUES,
    TaskSpec,
    Text,
)
from tutor.sim.recommend_tasks_decoder import DECODER_TASKS
from tutor.sim.recommend_tasks_encoder import ENCODER_TASKS
from tutor.sim.recommend_tasks_seq2seq import SEQ2SEQ_TASKS
from tutor.sim.textmatch import (
    count_before,
    find_patterns,
    find_spans,
    normalise,
    positions,
    sentence_language,
)

FAMILIES = ("bert", "gpt")
# The model family each learner's choice stands for, and its task when nothing is recognised.
LEARNER_FAMILY = {"bert": "encoder", "gpt": "decoder"}
DEFAULT_TASK = {"bert": "classification", "gpt": "content"}
# Every task, in tie-break order (after the learner's own family).
TASKS: tuple[TaskSpec, ...] = ENCODER_TASKS + SEQ2SEQ_TASKS + DECODER_TASKS
TASKS_BY_ID: dict[str, TaskSpec] = {task.id: task for task in TASKS}
DEFAULT_GPU = "t4"
WEIGHTS = (("strong", 3.0), ("patterns", 1.0), ("weak", 0.5))
LANGS = ("fr", "en")


@dataclass(frozen=True)
class TaskMatch:
    """The recognised task, the words that gave it away, and whether anything matched at all."""

    family: str
    task: str
    matched: tuple[str, ...]
    sentence_lang: str
    score: float = 0.0

    @property
    def recognised(self) -> bool:
        """False when no word matched: the task is the family's generic default."""
        return self.score > 0


@dataclass(frozen=True)
class Recommendation:
    """Settings to start from for a recognised task, with the reason, what to watch and notes.

    `family` is the learner's choice ("bert"/"gpt"); `model_family` the recommended model's
    ("encoder", "decoder", "seq2seq"). `strategy` is "full", "lora" or "qlora" (then `lora_r`,
    `lora_alpha`, `lora_targets` apply). `memory_bytes` is the estimator's peak for
    `to_config()` on `gpu`, `fits` whether it fits `gpu_memory_bytes`; `adjustments` lists what
    was changed to make it fit ("checkpointing", "batch", "lora", "qlora"), said in the notes.
    """

    family: str
    task: str
    label: Text
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
    reason: Text
    watch: Text
    matched: tuple[str, ...] = ()
    sentence_lang: str = "en"
    notes: Text = field(default_factory=dict)
    lang: str = "fr"
    model_family: str = "encoder"
    recognised: bool = True
    strategy: str = "full"
    lora_r: int | None = None
    lora_alpha: float | None = None
    lora_targets: tuple[str, ...] | None = None
    grad_accum: int = 1
    checkpointing: bool = False
    optimizer: str = "adamw"
    precision: str = "fp16"
    gpu: str = DEFAULT_GPU
    gpu_label: str = ""
    memory_bytes: int = 0
    gpu_memory_bytes: int = 0
    fits: bool = True
    adjustments: tuple[str, ...] = ()

    def text(self, name: str, lang: str | None = None) -> str:
        """`label`, `reason`, `watch` or `notes` in `lang` (default: the requested one; "" if absent)."""
        values: dict[str, str] = getattr(self, name)
        return values.get(lang or self.lang) or values.get("en", "")

    def to_config(self, base: FineTuneConfig | None = None) -> FineTuneConfig:
        """A FineTuneConfig with these settings (model, task, strategy, LoRA, precision, GPU…); the rest from `base`."""
        config = base or FineTuneConfig()
        changes: dict[str, object] = {
            "model": self.model, "task": self.task_kind, "num_labels": self.num_labels or config.num_labels,
            "lr": self.lr, "batch_size": self.batch_size, "grad_accum": self.grad_accum,
            "epochs": float(self.epochs), "seq_len": self.seq_len, "warmup_ratio": self.warmup_ratio,
            "warmup_steps": 0, "strategy": self.strategy, "precision": self.precision, "gpu": self.gpu,
            "checkpointing": self.checkpointing, "optimizer": self.optimizer,
            "temperature": self.temperature if self.temperature is not None else config.temperature,
            "top_p": self.top_p if self.top_p is not None else config.top_p,
            "max_length": self.max_length if self.max_length is not None else config.max_length,
        }
        if self.strategy in ("lora", "qlora"):
            changes.update(lora_r=self.lora_r, lora_alpha=self.lora_alpha, lora_targets=self.lora_targets)
        return replace(config, **changes)  # type: ignore[arg-type]  # values of the fields' types

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        """A JSON-ready view with texts in `lang` (default: the requested one; labels in both)."""
        lang = lang or self.lang
        return {
            "family": self.family, "task": self.task, "label": self.text("label", lang),
            "labels": dict(self.label), "model": self.model, "model_family": self.model_family,
            "task_kind": self.task_kind, "recognised": self.recognised,
            "num_labels": self.num_labels, "learning_rate": self.lr, "batch_size": self.batch_size,
            "grad_accum": self.grad_accum, "epochs": self.epochs, "seq_len": self.seq_len,
            "max_length": self.max_length, "temperature": self.temperature, "top_p": self.top_p,
            "warmup_ratio": self.warmup_ratio, "strategy": self.strategy, "lora_r": self.lora_r,
            "lora_alpha": self.lora_alpha,
            "lora_targets": list(self.lora_targets) if self.lora_targets is not None else None,
            "optimizer": self.optimizer, "precision": self.precision, "checkpointing": self.checkpointing,
            "gpu": self.gpu, "gpu_label": self.gpu_label, "memory_bytes": self.memory_bytes,
            "gpu_memory_bytes": self.gpu_memory_bytes, "fits": self.fits,
            "adjustments": list(self.adjustments), "metrics": list(self.metrics), "techniques": list(self.techniques),
            "reason": self.text("reason", lang), "watch": self.text("watch", lang),
            "notes": self.text("notes", lang), "matched": list(self.matched),
            "sentence_lang": self.sentence_lang,
        }


def _score(task: TaskSpec, text: str) -> tuple[float, list[str]]:
    """The task's score and the words found; words inside an already counted match count once."""
    score = 0.0
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for name, weight in WEIGHTS:
        for start, end, words in find_spans(text, getattr(task, name)):
            if any(start < stop and begin < end for begin, stop in taken):
                continue
            taken.append((start, end))
            found.append(words)
            score += weight
    return score, found


def recognise_task(family: str, sentence: object) -> TaskMatch:
    """The task a sentence describes: the highest score wins (strong words 3, others 1, weak 0.5).

    Ties go to the learner's family, then to the earlier task. `family` is "bert" or "gpt"
    (anything else counts as "bert"); with no word matched, the family's generic task.
    Never raises.
    """
    text = sentence if isinstance(sentence, str) else ""
    fam = family if family in FAMILIES else "bert"
    ranked = []
    for index, task in enumerate(TASKS):
        score, found = _score(task, text)
        ranked.append((-score, task.owner != LEARNER_FAMILY[fam], index, task, found))
    best_score, _, _, best, words = min(ranked, key=lambda row: row[:3])
    if best_score == 0:
        best, words = TASKS_BY_ID[DEFAULT_TASK[fam]], []
    return TaskMatch(fam, best.id, tuple(words), sentence_language(text), -best_score)


class _Blanks(dict[str, object]):
    """format_map values: an unknown {name} is left as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(texts: Mapping[str, str], **values: object) -> Text:
    out: Text = {}
    for lang in LANGS:
        shown = {k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()}
        out[lang] = string.Formatter().vformat(texts.get(lang, ""), (), _Blanks(shown))
    return out


def _join(parts: list[Text]) -> Text:
    return {lang: " ".join(p[lang] for p in parts if p.get(lang)) for lang in LANGS}


def _translation_pair(text: str, sentence_lang: str) -> tuple[str, str] | None:
    """(source, target) language codes named by a translation sentence, or None."""
    codes = "|".join(LANGUAGE_NAMES)
    pair = re.search(rf"\b({codes})\s*(?:->|→|>|-|/|2|to|vers)\s*({codes})\b", text.casefold())
    if pair:
        return pair.group(1), pair.group(2)
    normalised = normalise(text)
    source = target = None
    plain: list[str] = []
    for offset, code in positions(text, LANGUAGE_NAMES):
        before = normalised[:offset]
        if target is None and re.search(TARGET_CUES, before):
            target = code
        elif source is None and re.search(SOURCE_CUES, before):
            source = code
        else:
            plain.append(code)
    for code in plain:  # "anglais-français": the first named is the source
        if source is None and code != target:
            source = code
        elif target is None and code != source:
            target = code
    if source is None and target is None:
        return None

    def other(code: str) -> str:  # the sentence's language, else the other of English and French
        return sentence_lang if sentence_lang != code else ("en" if code == "fr" else "fr")

    source = source or other(target or "")
    target = target or other(source)
    return source, target


def _facts(task: TaskSpec, text: str, sentence_lang: str) -> tuple[set[str], dict[str, object], list[Text]]:
    """Facts about the sentence for the variants, values they fix, and label sentences."""
    facts = {sentence_lang}
    values: dict[str, object] = {}
    label_notes: list[Text] = []
    count = count_before(text, CLASS_NOUNS) if task.id in ("sentiment", "classification") else None
    if count is not None and 1 <= count <= 100_000:
        facts.add("count")
        values["num_labels"] = count
        values["label_reason"] = _fill(NOTES["count"], count=count)
    elif task.id == "sentiment":
        said = {name for name, patterns in POLARITY.items() if find_patterns(text, patterns)}
        if "neutral" in said:
            facts.add("neutral")
        elif "stars" in said:
            facts.add("stars")
        elif {"positive", "negative"} <= said:
            facts.add("binary")
        else:
            facts.add("no-polarity")
    if task.id == "ner":
        types = [name for name, pattern in ENTITY_TYPES.items() if find_patterns(text, (pattern,))]
        if types:
            values["num_labels"] = 1 + 2 * len(types)
            label_notes.append(_fill(NOTES["ner-types"], types=", ".join(types), count=1 + 2 * len(types),
                                     n=len(types)))
        else:
            label_notes.append(dict(NOTES["ner-default"]))
    if task.id == "translation":
        pair = _translation_pair(text, sentence_lang)
        if pair is None:
            facts.add("no-pair")
        else:
            facts.add("en-fr" if pair == ("en", "fr") else "pair")
            values["source"], values["target"] = LANGUAGE_LABELS[pair[0]], LANGUAGE_LABELS[pair[1]]
    return facts, values, label_notes


def _has_bf16(gpu_name: str) -> bool:
    gpu = get_gpu(gpu_name)
    return gpu is not None and gpu.bf16


def _precision(model: str, gpu_name: str) -> str:
    """bf16 where the GPU has it, else fp16 — except T5-family models, which overflow in fp16: fp32."""
    spec, gpu = get_model(model), get_gpu(gpu_name)
    if gpu is not None and gpu.bf16:
        return "bf16"
    return "fp32" if spec is not None and spec.arch == "t5" else "fp16"


def _fitted(rec: Recommendation) -> Recommendation:
    """`rec` with the estimator's figures, adjusted until it fits its GPU (each step in the notes)."""
    from tutor.sim.estimate import estimate  # the estimator is only needed here

    notes: list[Text] = [rec.notes] if rec.notes else []
    label = rec.gpu_label
    changed: list[str] = []

    def measured(current: Recommendation) -> Recommendation:
        est = estimate(current.to_config())
        return replace(current, gpu_label=est.gpu_label, memory_bytes=est.memory.total,
                       gpu_memory_bytes=est.gpu_memory_bytes, fits=est.fits)

    rec = measured(rec)
    label = rec.gpu_label or label
    if not rec.fits and not rec.checkpointing:
        rec = measured(replace(rec, checkpointing=True))
        changed.append("checkpointing")
        notes.append(_fill(NOTES["fit-checkpointing"], gpu=label))
    for previous, strategy in (("full", "lora"), ("lora", "qlora")):
        # Generative models only: an encoder that does not fit is a matter of batch size.
        if not rec.fits and rec.strategy == previous and rec.model_family != "encoder":
            quantised = strategy == "qlora"
            rec = measured(replace(
                rec, strategy=strategy, lr=QLORA_LR if quantised else LORA_LR, lora_r=LORA_R,
                lora_alpha=LORA_ALPHA, lora_targets=LORA_TARGETS,
                optimizer="paged-adamw-8bit" if quantised else rec.optimizer,
                # QLoRA computes in 16-bit from its 4-bit weights (T5's fp32 does not apply).
                precision=("bf16" if rec.precision == "bf16" or _has_bf16(rec.gpu) else "fp16")
                if quantised else rec.precision,
            ))
            changed.append(strategy)
            notes.append(_fill(NOTES["fit-strategy"], strategy=STRATEGY_LABELS[strategy],
                               previous=STRATEGY_LABELS[previous], gpu=label))
    start = (rec.batch_size, rec.grad_accum)
    while not rec.fits and rec.batch_size > 1:
        rec = measured(replace(rec, batch_size=max(1, rec.batch_size // 2), grad_accum=rec.grad_accum * 2))
    if (rec.batch_size, rec.grad_accum) != start:
        changed.append("batch")
        notes.append(_fill(NOTES["fit-batch"], batch=rec.batch_size, accum=rec.grad_accum, gpu=label))
    if not rec.fits:
        notes.append(_fill(NOTES["fit-none"], gpu=label))
    return replace(rec, notes=_join(notes), adjustments=tuple(changed))


def recommend(family: str, sentence: object, lang: str = "fr", gpu: str = DEFAULT_GPU) -> Recommendation:
    """Recognise the task in `sentence` and return settings to start from that fit `gpu`.

    `lang` ("fr" or "en") is the language `text()` and `as_dict()` use by default; every text
    is carried in both languages. An unknown `gpu` means the T4. Never raises.
    """
    match = recognise_task(family, sentence)
    task = TASKS_BY_ID[match.task]
    text = sentence if isinstance(sentence, str) else ""
    facts, fixed, label_notes = _facts(task, text, match.sentence_lang)
    values = dict(task.values)
    variant_notes: list[Text] = []
    for variant in task.variants:
        if variant.patterns and not find_patterns(text, variant.patterns):
            continue
        if not set(variant.facts) <= facts:
            continue
        values.update(variant.values)
        if variant.notes:
            variant_notes.append(variant.notes)
    values.update({k: v for k, v in fixed.items() if k in ("num_labels", "label_reason")})
    model = str(values["model"])
    spec = get_model(model)
    model_family = spec.family if spec is not None else task.owner
    task_name = task.label
    notes: list[Text] = []
    if not match.recognised:
        notes.append(NOTES["unrecognised"])
    elif task.owner != LEARNER_FAMILY[match.family]:
        key = ("bert-generates" if match.family == "bert" else
               "gpt-understands" if task.owner == "encoder" else "gpt-seq2seq")
        notes.append(_fill(NOTES[key], task=task_name, family=FAMILY_NAMES[task.owner], model=model))
        if task.mismatch:
            notes.append(task.mismatch)
    notes += label_notes + [_fill(n, **fixed) for n in variant_notes]
    if task.notes:
        notes.append(task.notes)
    model_reason = values.pop("model_reason", MODEL_REASONS.get(model, {}))
    label_reason = values.pop("label_reason", {})
    reason = _join([model_reason, label_reason, values.pop("reason")])  # type: ignore[list-item]  # reason texts per language
    chosen = get_gpu(gpu)
    gpu_name = chosen.name if chosen is not None else DEFAULT_GPU
    rec = Recommendation(
        family=match.family, task=task.id, label=dict(task.label), matched=match.matched,
        sentence_lang=match.sentence_lang, notes=_join(notes), lang="en" if lang == "en" else "fr",
        model_family=model_family, recognised=match.recognised, reason=reason,
        precision=_precision(model, gpu_name), gpu=gpu_name, **values,  # type: ignore[arg-type]  # values: the table's typed fields
    )
    return _fitted(rec)
