"""Generated questions: their answer keys are computed by the simulators' and metrics' core.

Each generator draws its numbers from `random.Random(seed)`, so a question is fully described by
its id `gen:<name>:<seed>` and can be rebuilt anywhere (`regenerate`), e.g. for spaced review.
The questions on fine-tuning LLMs (QLoRA, DPO, chrF, French tokenizers) are `tutor.quiz.generators_llm`'s,
added to the same registry.
Their words are the catalogue's ("gen.*" keys, `tutor.i18n.strings.plain`): numbers are written in the
language (0,727 and 12 537 in French) and French gets its no-break spaces before ? : ; and %.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt
from tutor.quiz.generators_llm import GENERATORS as _LLM_GENERATORS
from tutor.quiz.model import Option, Question

if TYPE_CHECKING:
    from tutor.sim.config import FineTuneConfig
    from tutor.sim.estimate import MemoryBreakdown

Generator = Callable[[random.Random, str], dict[str, object]]
_REGISTRY: dict[str, tuple[str, str, str, Generator]] = {}


def _register(name: str, topic: str, difficulty: str, section: str) -> Callable[[Generator], Generator]:
    def wrap(function: Generator) -> Generator:
        _REGISTRY[name] = (topic, difficulty, section, function)
        return function

    return wrap


def _fmt(value: float, lang: str, digits: int = 3) -> str:
    """A result with a fixed number of decimals, written in `lang` (0,650 / 0.650)."""
    return fmt(value, lang, digits)


def _listing(items: list[str], lang: str) -> str:
    """Items of a list; French separates them with " ; " since its numbers hold a comma (0,2 ; 0,4)."""
    return t("gen.list_separator", lang).join(items)


def _gpu_name(label: str, lang: str) -> str:
    """A GPU's name as the language writes its memory: "NVIDIA T4 16 Go" in French."""
    if lang == "fr" and label.endswith(" GB"):
        return label[:-3] + "\u00a0Go"
    return label


def _numeric(prompt: str, answer: float, explanation: str, *, tolerance: float | None = None,
             relative: float | None = None, unit: str | None = None) -> dict[str, object]:
    return {"type": "numeric", "prompt": prompt, "answer": answer, "explanation": explanation,
            "tolerance": tolerance, "relative_tolerance": relative, "unit": unit}


@_register("f1-from-confusion", "metrics", "medium", "evaluation")
def _f1(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.classification import prf

    tp, fp, fn, tn = rng.randint(20, 90), rng.randint(2, 40), rng.randint(2, 40), rng.randint(20, 120)
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    prompt = t("gen.f1.prompt", lang, tp=tp, fp=fp, fn=fn, tn=tn)
    explanation = t("gen.f1.explanation", lang, tp=tp, predicted=tp + fp, actual=tp + fn,
                    precision=_fmt(precision, lang), recall=_fmt(recall, lang), top=2 * tp,
                    bottom=2 * tp + fp + fn, f1=_fmt(f1, lang))
    return _numeric(prompt, f1, explanation, tolerance=0.0015)


@_register("precision-recall", "metrics", "easy", "evaluation")
def _precision_recall(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.classification import prf

    tp, fp, fn = rng.randint(10, 80), rng.randint(1, 30), rng.randint(1, 30)
    precision, recall, _ = prf(tp, tp + fp, tp + fn)
    metric = "precision" if rng.random() < 0.5 else "recall"
    value = precision if metric == "precision" else recall
    formula = f"TP/(TP+FP) = {fmt(tp, lang)}/{fmt(tp + fp, lang)}" if metric == "precision" else (
        f"TP/(TP+FN) = {fmt(tp, lang)}/{fmt(tp + fn, lang)}")
    # One sentence per metric: "Quelle est la précision", "Quel est le rappel" (gender agreement).
    prompt = t(f"gen.pr.prompt.{metric}", lang, found=tp + fp, right=tp, gold=tp + fn)
    explanation = t("gen.pr.explanation", lang, tp=tp, fp=fp, fn=fn, metric=t(f"gen.metric.{metric}", lang),
                    formula=formula, value=_fmt(value, lang))
    return _numeric(prompt, value, explanation, tolerance=0.0015)


def _steps_setting(rng: random.Random) -> tuple[int, int, int, int, float]:
    examples = rng.choice([2_000, 5_000, 8_000, 10_000, 12_500, 20_000, 50_000]) + rng.randint(0, 9) * 37
    return (examples, rng.choice([8, 16, 32]), rng.choice([1, 1, 2, 4]), rng.choice([2, 3, 4, 5]),
            rng.choice([0.06, 0.1, 0.1, 0.2]))


def _steps_text(lang: str, examples: int, batch: int, accum: int, epochs: int) -> str:
    return t("gen.steps.setting", lang, examples=examples, batch=batch, accum=accum, epochs=epochs)


@_register("warmup-steps", "hyperparameters", "medium", "best-practices")
def _warmup(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.schedules import training_steps

    examples, batch, accum, epochs, ratio = _steps_setting(rng)
    steps = training_steps(examples, batch, 1, accum, epochs, warmup_ratio=ratio)
    setting = _steps_text(lang, examples, batch, accum, epochs)
    prompt = t("gen.warmup.prompt", lang, setting=setting, ratio=ratio)
    explanation = t("gen.warmup.explanation", lang, examples=examples, batch=batch, accum=accum, epochs=epochs,
                    per_epoch=steps.steps_per_epoch, total=steps.total_steps, ratio=ratio, warmup=steps.warmup_steps)
    return _numeric(prompt, steps.warmup_steps, explanation, tolerance=0, unit=t("gen.unit.steps", lang))


@_register("total-steps", "hyperparameters", "medium", "best-practices")
def _total(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.schedules import training_steps

    examples, batch, accum, epochs, _ = _steps_setting(rng)
    steps = training_steps(examples, batch, 1, accum, epochs)
    setting = _steps_text(lang, examples, batch, accum, epochs)
    prompt = t("gen.total.prompt", lang, setting=setting)
    explanation = t("gen.total.explanation", lang, examples=examples, batch=batch, batches=math.ceil(examples / batch),
                    accum=accum, per_epoch=steps.steps_per_epoch, epochs=epochs, total=steps.total_steps)
    return _numeric(prompt, steps.total_steps, explanation, tolerance=0, unit=t("gen.unit.steps", lang))


@_register("lora-params", "strategies", "medium", "strategies")
def _lora(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.catalogue import get_model
    from tutor.sim.peft import default_lora_targets, lora_params, lora_shapes

    name = rng.choice(["bert-base-uncased", "bert-large-uncased", "roberta-base", "distilbert-base-uncased", "gpt2",
                       "gpt2-medium"])
    rank = rng.choice([4, 8, 16, 32])
    spec = get_model(name)
    assert spec is not None
    targets = default_lora_targets(spec)
    count = lora_params(spec, rank, targets)
    shapes = lora_shapes(spec)
    # A formula over matrix sizes, as in code: its digits are not grouped.
    per_layer = " + ".join(f"{rank}·({d_in}+{d_out})" for target in targets for d_in, d_out in shapes[target])
    prompt = t("gen.lora.prompt", lang, rank=rank, model=name, layers=spec.layers, targets=", ".join(targets))
    explanation = t("gen.lora.explanation", lang, per_layer=per_layer, layers=spec.layers, params=count)
    return _numeric(prompt, count, explanation, tolerance=0, unit=t("gen.unit.parameters", lang))


# The gpu-fit question picks its four options from a fixed grid of configurations: GPUs of 2026
# labs and clouds, encoders, GPT-2 and open-weight LLMs, each with the strategies, batches and
# lengths a practitioner would weigh for it (feature extraction needs a task head: encoders only;
# QLoRA is for LLMs of a billion parameters and more, where the 4-bit base is the point; nobody
# trains a 7B model in fp32). Tasks are each family's default (sequence classification with 2
# labels for encoders, causal LM for decoders).
_FIT_GPUS = ("t4", "l4", "rtx4090", "rtx5090", "a100-40gb", "l40s", "a100-80gb", "h100")
_FIT_ENCODERS = ("bert-base-uncased", "bert-large-uncased", "roberta-base", "deberta-v3-base", "ModernBERT-base")
_FIT_LLMS = ("SmolLM2-1.7B-Instruct", "Llama-3.2-1B", "Qwen2.5-7B-Instruct", "Llama-3.1-8B-Instruct",
             "Mistral-7B-v0.1")
# Rows of (models, strategies, batches, sequence lengths, fp32 asked too). Feature extraction only
# keeps one layer's activations, so it is asked about with the large batches of an embedding job.
_FIT_GRID: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[int, ...], bool], ...] = (
    (_FIT_ENCODERS, ("full", "lora"), (8, 16, 32, 64), (128, 256, 512), True),
    (_FIT_ENCODERS, ("freeze",), (32, 64, 128, 256), (256, 512), True),
    (("gpt2-medium", "gpt2-large", "gpt2-xl"), ("full", "lora"), (4, 8, 16, 32), (256, 512, 1024), True),
    (_FIT_LLMS, ("full", "lora", "qlora"), (1, 2, 4, 8, 16), (512, 1024, 2048), False),
)
# Sizes are computed once per kind of GPU (16-bit means bf16 where the GPU has it, fp16 on a T4):
# memory does not depend on the GPU once the precision is written out, and the problems the
# simulator raises depend on it only through bf16 support. The pools test checks both, entry by entry.
_FIT_REFERENCE_GPU = {True: "a100-40gb", False: "t4"}
# Only clear cases are offered: memory at least 15 % away from the GPU's capacity either way, so
# a learner who estimates roughly, or an overhead assumed a little differently, does not change
# the key (review 2026-11-30, section 3.2) ...
_FIT_MARGIN = 0.15
# ... and not absurdly far either: a fitting option uses at least 30 % of the memory and a wrong one
# at most 3 times it, so the smallest model is not always the answer and no option needs 300 GiB.
_FIT_BAND = (0.30, 3.0)
_FIT_WRONG_OPTIONS = 3

FitCandidate = tuple["FineTuneConfig", float]  # a configuration and its estimated memory in GiB


@functools.cache
def _fit_sizes(bf16: bool) -> tuple[tuple[FineTuneConfig, MemoryBreakdown], ...]:
    """Every grid configuration the simulator takes as written on a GPU with (or without) bf16, with its memory.

    A configuration the simulator would correct or warn about (feature extraction on a causal LM,
    QLoRA in fp32 or on a GPU without bf16, a sequence longer than the model's positions) is left
    out, since its estimate would be that of another configuration or come with a caveat.
    """
    from tutor.sim.config import STRATEGIES, FineTuneConfig
    from tutor.sim.estimate import estimate

    gpu = _FIT_REFERENCE_GPU[bf16]
    half = "bf16" if bf16 else "fp16"
    sizes = []
    for models, strategies, batches, seq_lens, with_fp32 in _FIT_GRID:
        precisions = ("fp32", half) if with_fp32 else (half,)
        for model, strategy, batch, seq_len, precision in itertools.product(
                models, strategies, batches, seq_lens, precisions):
            if strategy not in STRATEGIES:  # QLoRA only where the core models it
                continue
            config = FineTuneConfig(model=model, strategy=strategy, batch_size=batch, seq_len=seq_len,
                                    precision=precision, gpu=gpu)
            result = estimate(config)
            if not result.problems and result.config == config:
                sizes.append((config, result.memory))
    return tuple(sizes)


@functools.cache
def _gpu_fit_pool(gpu: str) -> tuple[tuple[FitCandidate, ...], tuple[FitCandidate, ...]]:
    """(configurations that fit on `gpu`, configurations that do not), clear cases only.

    Left out: a configuration within `_FIT_MARGIN` of the GPU's memory or outside `_FIT_BAND` of it,
    and every configuration of a strategy that has no case on both sides on this GPU (an option
    whose strategy alone gives the key away would teach nothing).
    """
    import dataclasses

    from tutor.sim.catalogue import GPUS

    spec = GPUS[gpu]
    capacity = spec.memory_bytes
    fit: list[FitCandidate] = []
    miss: list[FitCandidate] = []
    for config, parts in _fit_sizes(spec.bf16):
        memory = parts.total
        if abs(memory - capacity) < _FIT_MARGIN * capacity:
            continue
        if not _FIT_BAND[0] * capacity <= memory <= _FIT_BAND[1] * capacity:
            continue
        (fit if memory <= capacity else miss).append((dataclasses.replace(config, gpu=gpu), memory / 2**30))
    both = {c.strategy for c, _ in fit} & {c.strategy for c, _ in miss}
    return tuple(c for c in fit if c[0].strategy in both), tuple(c for c in miss if c[0].strategy in both)


def gpu_fit_pools() -> dict[str, tuple[tuple[FitCandidate, ...], tuple[FitCandidate, ...]]]:
    """For each GPU the gpu-fit question can name: (configurations that fit, configurations that do not).

    Each GPU's pool is built once, when a question first names it. A test checks that every GPU
    of `_FIT_GPUS` has a fitting configuration and more than `_FIT_WRONG_OPTIONS` non-fitting
    ones of distinct model and strategy.
    """
    return {gpu: _gpu_fit_pool(gpu) for gpu in _FIT_GPUS}


def _by_strategy(pool: tuple[FitCandidate, ...]) -> dict[str, list[FitCandidate]]:
    groups: dict[str, list[FitCandidate]] = {}
    for candidate in pool:
        groups.setdefault(candidate[0].strategy, []).append(candidate)
    return groups


def _fit_options(rng: random.Random, fit: tuple[FitCandidate, ...],
                 miss: tuple[FitCandidate, ...]) -> list[tuple[FitCandidate, bool]]:
    """One fitting and `_FIT_WRONG_OPTIONS` non-fitting candidates, no two of the same model and strategy.

    Each option's strategy is drawn first, uniformly, then a configuration of it: right and wrong
    options then show every strategy about as often, so the strategy's name is no clue. Distinct
    model-strategy pairs make the learner weigh sizes and strategies, not only batch sizes.
    """
    fits, misses = _by_strategy(fit), _by_strategy(miss)
    strategy = rng.choice(sorted(fits))
    right = rng.choice(fits[strategy])
    chosen = [(right, True)]
    used = {(right[0].model, right[0].strategy)}
    while len(chosen) <= _FIT_WRONG_OPTIONS:
        strategy = rng.choice(sorted(misses))
        candidates = [c for c in misses[strategy] if (c[0].model, strategy) not in used]
        if not candidates:  # this strategy is used up: draw from every unused pair
            candidates = [c for c in miss if (c[0].model, c[0].strategy) not in used]
        candidate = rng.choice(candidates)
        chosen.append((candidate, False))
        used.add((candidate[0].model, candidate[0].strategy))
    rng.shuffle(chosen)
    return chosen


@functools.cache
def _fit_parts(bf16: bool) -> dict[tuple[object, ...], MemoryBreakdown]:
    """The memory parts of each grid configuration, by everything but its GPU (for the explanation)."""
    return {_without_gpu(config): parts for config, parts in _fit_sizes(bf16)}


def _without_gpu(config: FineTuneConfig) -> tuple[object, ...]:
    return (config.model, config.strategy, config.batch_size, config.seq_len, config.precision)


def _fit_strategy(strategy: str, lang: str) -> str:
    return t(f"gen.strategy.{strategy}", lang)


@_register("gpu-fit", "strategies", "hard", "strategies")
def _gpu_fit(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.catalogue import GPUS

    gpu = rng.choice(_FIT_GPUS)
    fit, miss = _gpu_fit_pool(gpu)
    capacity = GPUS[gpu].memory_gib
    options = []
    details = []
    for index, ((config, memory), fits) in enumerate(_fit_options(rng, fit, miss)):
        text = t("gen.gpu.option", lang, model=config.model, strategy=_fit_strategy(config.strategy, lang),
                 batch=config.batch_size, seq=config.seq_len, precision=config.precision)
        options.append(Option(chr(ord("a") + index), text, fits))
        parts = _fit_parts(GPUS[gpu].bf16)[_without_gpu(config)]
        details.append(t("gen.gpu.detail", lang, option=text, memory=fmt(memory, lang, 1),
                         weights=fmt(parts.weights / 2**30, lang, 1), gradients=fmt(parts.gradients / 2**30, lang, 1),
                         optimizer=fmt(parts.optimizer / 2**30, lang, 1),
                         activations=fmt(parts.activations / 2**30, lang, 1),
                         overhead=fmt(parts.overhead / 2**30, lang, 1),
                         verdict=t("gen.gpu.fits" if fits else "gen.gpu.too_big", lang)))
    prompt = t("gen.gpu.prompt", lang, gpu=_gpu_name(GPUS[gpu].label, lang))
    explanation = t("gen.gpu.explanation", lang, capacity=capacity,
                    details=t("gen.detail_separator", lang).join(details))
    return {"type": "single", "prompt": prompt, "explanation": explanation, "options": tuple(options)}


_VOCAB = {"fr": ["chat", "chien", "tapis", "toit", "canapé", "jardin"],
          "en": ["cat", "dog", "mat", "roof", "sofa", "garden"]}


@_register("temperature-prob", "gpt", "medium", "gpt")
def _temperature(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.sampling import softmax

    count = rng.choice([3, 4])
    tokens = _VOCAB[lang][:count]
    logits = [round(rng.uniform(-1.0, 3.0), 1) for _ in tokens]
    temperature = rng.choice([0.5, 0.7, 1.5, 2.0])
    probs = softmax(logits, temperature)
    target = rng.randrange(count)
    listing = _listing([t("gen.temperature.logit", lang, token=token, logit=logit)
                        for token, logit in zip(tokens, logits, strict=True)], lang)
    prompt = t("gen.temperature.prompt", lang, listing=listing, temperature=temperature, token=tokens[target])
    scaled = _listing([_fmt(logit / temperature, lang) for logit in logits], lang)
    explanation = t("gen.temperature.explanation", lang, temperature=temperature, scaled=scaled,
                    target=_fmt(logits[target] / temperature, lang), probability=_fmt(probs[target], lang))
    return _numeric(prompt, probs[target], explanation, tolerance=0.0015)


@_register("top-p-kept", "gpt", "medium", "gpt")
def _top_p(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.sampling import top_p_keep

    tokens = _VOCAB[lang][:5]
    while True:
        weights = sorted((rng.randint(1, 40) for _ in tokens), reverse=True)
        total = sum(weights)
        probs = [round(w / total, 2) for w in weights]
        probs[0] = round(1 - sum(probs[1:]), 2)
        top_p = rng.choice([0.5, 0.7, 0.8, 0.9])
        masses = [sum(probs[: i + 1]) for i in range(len(probs))]
        # A cumulative mass right at top_p would make the key hinge on float rounding: draw again.
        distinct = len(set(probs)) == len(probs) and min(probs) > 0 and probs[0] > probs[1]
        if distinct and all(abs(m - top_p) > 0.005 for m in masses):
            break
    keep = top_p_keep([math.log(p) if p > 0 else -math.inf for p in probs], top_p)
    order = list(range(len(tokens)))
    rng.shuffle(order)
    options = tuple(Option(tokens[i], t("gen.top_p.option", lang, token=tokens[i], probability=_fmt(probs[i], lang, 2)),
                           keep[i]) for i in order)
    prompt = t("gen.top_p.prompt", lang, top_p=top_p)
    kept = [tokens[i] for i in range(len(tokens)) if keep[i]]
    explanation = t("gen.top_p.explanation", lang, top_p=top_p, kept=", ".join(kept))
    return {"type": "multiple", "prompt": prompt, "explanation": explanation, "options": options}


@_register("bleu-brevity-penalty", "metrics", "medium", "evaluation")
def _bleu_bp(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.bleu import compute_bleu

    ref_len = rng.randint(80, 400)
    sys_len = rng.randint(int(ref_len * 0.6), ref_len - 1)
    bp = compute_bleu([1, 1, 1, 1], [1, 1, 1, 1], sys_len, ref_len).bp
    prompt = t("gen.bleu.prompt", lang, system=sys_len, reference=ref_len)
    explanation = t("gen.bleu.explanation", lang, system=sys_len, reference=ref_len, bp=_fmt(bp, lang))
    return _numeric(prompt, bp, explanation, tolerance=0.0015)


@_register("perplexity", "metrics", "medium", "evaluation")
def _perplexity(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.perplexity import perplexity

    probs = [rng.choice([0.5, 0.25, 0.2, 0.125, 0.1, 0.4, 0.8]) for _ in range(rng.randint(3, 5))]
    value = perplexity([[math.log(p) for p in probs]]).corpus_perplexity
    prompt = t("gen.perplexity.prompt", lang, listing=_listing([fmt(p, lang) for p in probs], lang))
    nll = -sum(math.log(p) for p in probs) / len(probs)
    explanation = t("gen.perplexity.explanation", lang, nll=_fmt(nll, lang, 4), perplexity=_fmt(value, lang, 2))
    return _numeric(prompt, value, explanation, relative=0.005)


# The questions on fine-tuning LLMs (QLoRA, DPO, chrF, French tokenizers) live in their own module.
_REGISTRY.update(_LLM_GENERATORS)
GENERATOR_NAMES: tuple[str, ...] = tuple(_REGISTRY)


def generated_id(name: str, seed: int) -> str:
    """The stable id of the question `name` draws from `seed`."""
    return f"gen:{name}:{seed}"


def generate(name: str, seed: int, lang: str, module: str = "fine-tuning") -> Question:
    """The question generator `name` makes from `seed`, in `lang`."""
    topic, difficulty, section, function = _REGISTRY[name]
    fields = function(random.Random(f"{name}:{seed}"), lang)
    points = 1.0 if difficulty == "easy" else 2.0
    return Question(
        id=generated_id(name, seed), topic=topic, difficulty=difficulty, section=section, module=module,
        points=points, generator=name, **fields,  # type: ignore[arg-type]  # fields: the question type's own fields
    )


def regenerate(question_id: str, lang: str) -> Question | None:
    """Rebuild a generated question from its id; None when the id is not a generated one."""
    parts = question_id.split(":")
    if len(parts) != 3 or parts[0] != "gen" or parts[1] not in _REGISTRY:
        return None
    try:
        seed = int(parts[2])
    except ValueError:
        return None
    return generate(parts[1], seed, lang)
