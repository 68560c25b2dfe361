"""Generated questions: their answer keys are computed by the simulators' and metrics' core.

Each generator draws its numbers from `random.Random(seed)`, so a question is fully described by
its id `gen:<name>:<seed>` and can be rebuilt anywhere (`regenerate`), e.g. for spaced review.
Their words are the catalogue's ("gen.*" keys, `tutor.core.strings.plain`): numbers are written in the
language (0,727 and 12 537 in French) and French gets its no-break spaces before ? : ; and %.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.core.i18n import t
from tutor.core.numbers import fmt
from tutor.quiz.model import Option, Question

if TYPE_CHECKING:
    from tutor.sim.config import FineTuneConfig

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
    return examples, rng.choice([8, 16, 32]), rng.choice([1, 1, 2, 4]), rng.choice([2, 3, 4, 5]), rng.choice([0.06, 0.1, 0.1, 0.2])


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

    name = rng.choice(["bert-base-uncased", "bert-large-uncased", "roberta-base", "distilbert-base-uncased", "gpt2", "gpt2-medium"])
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


# The gpu-fit question picks its four options from a fixed grid of configurations.
_FIT_GPUS = ("t4", "rtx3090", "a100-40gb")
_FIT_MODELS = ("bert-base-uncased", "bert-large-uncased", "gpt2-medium", "gpt2-large", "gpt2-xl", "roberta-base")
_FIT_STRATEGIES = ("full", "lora", "freeze")
_FIT_BATCHES = (8, 16, 32, 64)
_FIT_SEQ_LENS = (128, 256, 512)
_FIT_PRECISIONS = ("fp32", "fp16")
# Only clear cases are offered: memory more than 10 % away from the GPU's capacity either way, so a
# learner who estimates roughly is not caught out by a rounding edge.
_FIT_MARGIN = 0.10
_FIT_WRONG_OPTIONS = 3

FitCandidate = tuple["FineTuneConfig", float]  # a configuration and its estimated memory in GiB


@functools.cache
def gpu_fit_pools() -> dict[str, tuple[tuple[FitCandidate, ...], tuple[FitCandidate, ...]]]:
    """For each GPU the gpu-fit question can name: (configurations that fit, configurations that do not).

    Built once, in a fixed order, from the grid above. A configuration the simulator would correct
    (an error such as feature extraction on a causal LM, which has no task head) is left out, since
    its estimate would be that of another configuration; so is one within `_FIT_MARGIN` of the
    GPU's memory. A GPU without a fitting configuration and `_FIT_WRONG_OPTIONS` non-fitting
    ones is not in the result, so it is never offered.
    """
    from tutor.sim.catalogue import GPUS
    from tutor.sim.config import FineTuneConfig
    from tutor.sim.estimate import estimate

    grid = list(itertools.product(_FIT_MODELS, _FIT_STRATEGIES, _FIT_BATCHES, _FIT_SEQ_LENS, _FIT_PRECISIONS))
    pools = {}
    for gpu in _FIT_GPUS:
        capacity = GPUS[gpu].memory_bytes
        fit: list[FitCandidate] = []
        miss: list[FitCandidate] = []
        for model, strategy, batch, seq_len, precision in grid:
            config = FineTuneConfig(model=model, strategy=strategy, batch_size=batch, seq_len=seq_len,
                                    precision=precision, gpu=gpu)
            result = estimate(config)
            memory = result.memory.total
            if any(p.severity == "error" for p in result.problems) or abs(memory - capacity) <= _FIT_MARGIN * capacity:
                continue
            (fit if result.fits else miss).append((config, memory / 2**30))
        if fit and len(miss) >= _FIT_WRONG_OPTIONS:
            pools[gpu] = (tuple(fit), tuple(miss))
    return pools


@_register("gpu-fit", "strategies", "hard", "strategies")
def _gpu_fit(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.catalogue import GPUS

    pools = gpu_fit_pools()
    gpu = rng.choice(tuple(pools))
    fit, miss = pools[gpu]
    chosen = [(rng.choice(fit), True)] + [(candidate, False) for candidate in rng.sample(miss, _FIT_WRONG_OPTIONS)]
    rng.shuffle(chosen)
    options = []
    details = []
    for index, ((config, memory), fits) in enumerate(chosen):
        text = t("gen.gpu.option", lang, model=config.model, strategy=t(f"gen.strategy.{config.strategy}", lang),
                 batch=config.batch_size, seq=config.seq_len, precision=config.precision)
        options.append(Option(chr(ord("a") + index), text, fits))
        details.append(t("gen.gpu.detail", lang, option=text, memory=fmt(memory, lang, 1)))
    prompt = t("gen.gpu.prompt", lang, gpu=_gpu_name(GPUS[gpu].label, lang))
    explanation = t("gen.gpu.explanation", lang, details=t("gen.detail_separator", lang).join(details))
    return {"type": "single", "prompt": prompt, "explanation": explanation, "options": tuple(options)}


_VOCAB = {"fr": ["chat", "chien", "tapis", "toit", "canapé", "jardin"], "en": ["cat", "dog", "mat", "roof", "sofa", "garden"]}


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
        points=points, generator=name, **fields,  # type: ignore[arg-type]
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
