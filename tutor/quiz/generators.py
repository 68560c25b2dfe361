"""Generated questions: their answer keys are computed by the simulators' and metrics' core.

Each generator draws its numbers from `random.Random(seed)`, so a question is fully described by
its id `gen:<name>:<seed>` and can be rebuilt anywhere (`regenerate`), e.g. for spaced review.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

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


def _tr(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def _fmt(value: float, digits: int = 3) -> str:
    return f"{value:.{digits}f}"


def _numeric(prompt: str, answer: float, explanation: str, *, tolerance: float | None = None,
             relative: float | None = None, unit: str | None = None) -> dict[str, object]:
    return {"type": "numeric", "prompt": prompt, "answer": answer, "explanation": explanation,
            "tolerance": tolerance, "relative_tolerance": relative, "unit": unit}


@_register("f1-from-confusion", "metrics", "medium", "evaluation")
def _f1(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.classification import prf

    tp, fp, fn, tn = rng.randint(20, 90), rng.randint(2, 40), rng.randint(2, 40), rng.randint(20, 120)
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    prompt = _tr(
        lang,
        f"Un classifieur de spam donne TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn} pour la classe "
        "« spam ». Quel est son F1 sur cette classe (3 décimales) ?",
        f"A spam classifier gives TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn} for the class \"spam\". "
        "What is its F1 on that class (3 decimals)?",
    )
    explanation = _tr(
        lang,
        f"P = TP/(TP+FP) = {tp}/{tp + fp} = {_fmt(precision)} ; R = TP/(TP+FN) = {tp}/{tp + fn} = "
        f"{_fmt(recall)} ; F1 = 2·P·R/(P+R) = 2·TP/(2·TP+FP+FN) = {2 * tp}/{2 * tp + fp + fn} = {_fmt(f1)}. "
        "TN n'intervient pas.",
        f"P = TP/(TP+FP) = {tp}/{tp + fp} = {_fmt(precision)}; R = TP/(TP+FN) = {tp}/{tp + fn} = "
        f"{_fmt(recall)}; F1 = 2·P·R/(P+R) = 2·TP/(2·TP+FP+FN) = {2 * tp}/{2 * tp + fp + fn} = {_fmt(f1)}. "
        "TN plays no part.",
    )
    return _numeric(prompt, f1, explanation, tolerance=0.0015)


@_register("precision-recall", "metrics", "easy", "evaluation")
def _precision_recall(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.classification import prf

    tp, fp, fn = rng.randint(10, 80), rng.randint(1, 30), rng.randint(1, 30)
    precision, recall, _ = prf(tp, tp + fp, tp + fn)
    ask_precision = rng.random() < 0.5
    what = _tr(lang, "la précision" if ask_precision else "le rappel", "precision" if ask_precision else "recall")
    question_fr = "Quelle est la précision" if ask_precision else "Quel est le rappel"  # gender agreement
    value = precision if ask_precision else recall
    formula = f"TP/(TP+FP) = {tp}/{tp + fp}" if ask_precision else f"TP/(TP+FN) = {tp}/{tp + fn}"
    prompt = _tr(
        lang,
        f"Un modèle NER trouve {tp + fp} entités PER, dont {tp} correctes ; le jeu de test en contient "
        f"{tp + fn}. {question_fr} sur PER (3 décimales) ?",
        f"An NER model finds {tp + fp} PER entities, {tp} of them right; the test set holds {tp + fn}. "
        f"What is its {what} on PER (3 decimals)?",
    )
    explanation = _tr(
        lang,
        f"TP = {tp}, FP = {fp}, FN = {fn}. {what.capitalize()} = {formula} = {_fmt(value)}.",
        f"TP = {tp}, FP = {fp}, FN = {fn}. {what.capitalize()} = {formula} = {_fmt(value)}.",
    )
    return _numeric(prompt, value, explanation, tolerance=0.0015)


def _steps_setting(rng: random.Random) -> tuple[int, int, int, int, float]:
    examples = rng.choice([2_000, 5_000, 8_000, 10_000, 12_500, 20_000, 50_000]) + rng.randint(0, 9) * 37
    return examples, rng.choice([8, 16, 32]), rng.choice([1, 1, 2, 4]), rng.choice([2, 3, 4, 5]), rng.choice([0.06, 0.1, 0.1, 0.2])


def _steps_text(lang: str, examples: int, batch: int, accum: int, epochs: int) -> str:
    return _tr(
        lang,
        f"{examples} exemples, batch de {batch} par GPU sur 1 GPU, accumulation de gradient {accum}, {epochs} époques",
        f"{examples} examples, batch {batch} per GPU on 1 GPU, gradient accumulation {accum}, {epochs} epochs",
    )


@_register("warmup-steps", "hyperparameters", "medium", "best-practices")
def _warmup(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.schedules import training_steps

    examples, batch, accum, epochs, ratio = _steps_setting(rng)
    steps = training_steps(examples, batch, 1, accum, epochs, warmup_ratio=ratio)
    setting = _steps_text(lang, examples, batch, accum, epochs)
    prompt = _tr(
        lang,
        f"Avec le Trainer de Hugging Face : {setting}, warmup_ratio = {ratio}. Combien de pas de warmup ?",
        f"With Hugging Face's Trainer: {setting}, warmup_ratio = {ratio}. How many warmup steps?",
    )
    per_epoch = steps.steps_per_epoch
    explanation = _tr(
        lang,
        f"Pas par époque = ⌈⌈{examples}/{batch}⌉/{accum}⌉ = {per_epoch} ; total = ⌈{epochs} × {per_epoch}⌉ = "
        f"{steps.total_steps} ; warmup = ⌈{steps.total_steps} × {ratio}⌉ = {steps.warmup_steps}.",
        f"Steps per epoch = ⌈⌈{examples}/{batch}⌉/{accum}⌉ = {per_epoch}; total = ⌈{epochs} × {per_epoch}⌉ = "
        f"{steps.total_steps}; warmup = ⌈{steps.total_steps} × {ratio}⌉ = {steps.warmup_steps}.",
    )
    return _numeric(prompt, steps.warmup_steps, explanation, tolerance=0, unit=_tr(lang, "pas", "steps"))


@_register("total-steps", "hyperparameters", "medium", "best-practices")
def _total(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.schedules import training_steps

    examples, batch, accum, epochs, _ = _steps_setting(rng)
    steps = training_steps(examples, batch, 1, accum, epochs)
    setting = _steps_text(lang, examples, batch, accum, epochs)
    prompt = _tr(
        lang,
        f"Avec le Trainer de Hugging Face : {setting}. Combien de pas d'optimisation en tout ?",
        f"With Hugging Face's Trainer: {setting}. How many optimizer steps in all?",
    )
    explanation = _tr(
        lang,
        f"Lots par époque = ⌈{examples}/{batch}⌉ = {math.ceil(examples / batch)} ; pas par époque = "
        f"⌈{math.ceil(examples / batch)}/{accum}⌉ = {steps.steps_per_epoch} ; total = {epochs} × "
        f"{steps.steps_per_epoch} = {steps.total_steps}.",
        f"Batches per epoch = ⌈{examples}/{batch}⌉ = {math.ceil(examples / batch)}; steps per epoch = "
        f"⌈{math.ceil(examples / batch)}/{accum}⌉ = {steps.steps_per_epoch}; total = {epochs} × "
        f"{steps.steps_per_epoch} = {steps.total_steps}.",
    )
    return _numeric(prompt, steps.total_steps, explanation, tolerance=0, unit=_tr(lang, "pas", "steps"))


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
    per_layer = " + ".join(f"{rank}·({d_in}+{d_out})" for t in targets for d_in, d_out in shapes[t])
    prompt = _tr(
        lang,
        f"LoRA de rang r = {rank} sur {name} ({spec.layers} couches), modules cibles par défaut de PEFT "
        f"({', '.join(targets)}). Combien de paramètres entraînables LoRA ajoute-t-il ?",
        f"LoRA of rank r = {rank} on {name} ({spec.layers} layers), PEFT's default target modules "
        f"({', '.join(targets)}). How many trainable parameters does LoRA add?",
    )
    explanation = _tr(
        lang,
        f"Chaque matrice adaptée d_in×d_out ajoute A (r×d_in) et B (d_out×r), soit r·(d_in+d_out). "
        f"Par couche : {per_layer} ; × {spec.layers} couches = {count:,}.".replace(",", " "),
        f"Each adapted d_in×d_out matrix adds A (r×d_in) and B (d_out×r), i.e. r·(d_in+d_out). "
        f"Per layer: {per_layer}; × {spec.layers} layers = {count:,}.",
    )
    return _numeric(prompt, count, explanation, tolerance=0, unit=_tr(lang, "paramètres", "parameters"))


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
    label = GPUS[gpu].label
    strategy_names = {"full": _tr(lang, "full fine-tuning", "full fine-tuning"), "lora": "LoRA",
                      "freeze": _tr(lang, "feature extraction", "feature extraction")}
    options = []
    details = []
    for index, ((config, memory), fits) in enumerate(chosen):
        text = f"{config.model}, {strategy_names[config.strategy]}, batch {config.batch_size}, seq {config.seq_len}, {config.precision}"
        options.append(Option(chr(ord("a") + index), text, fits))
        details.append(f"{text}: ≈{memory:.1f} GiB")
    prompt = _tr(
        lang,
        f"Laquelle de ces configurations d'entraînement (AdamW) tient dans la mémoire d'une {label} ?",
        f"Which of these training configurations (AdamW) fits in the memory of an {label}?",
    )
    explanation = _tr(
        lang,
        "Mémoire = poids + gradients + états d'AdamW + activations + surcoût. " + " ; ".join(details) + ".",
        "Memory = weights + gradients + AdamW states + activations + overhead. " + "; ".join(details) + ".",
    )
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
    listing = ", ".join(f"{t} : {l}" if lang == "fr" else f"{t}: {l}" for t, l in zip(tokens, logits))
    prompt = _tr(
        lang,
        f"Logits du prochain token : {listing}. Avec une température de {temperature}, quelle est la "
        f"probabilité de « {tokens[target]} » (3 décimales) ?",
        f"Next-token logits: {listing}. With temperature {temperature}, what is the probability of "
        f"\"{tokens[target]}\" (3 decimals)?",
    )
    scaled = ", ".join(f"{l / temperature:.3f}" for l in logits)
    explanation = _tr(
        lang,
        f"On divise les logits par T = {temperature} : [{scaled}], puis softmax : "
        f"p = exp({logits[target] / temperature:.3f}) / Σ exp(…) = {_fmt(probs[target])}. "
        "T < 1 accentue le token le plus probable, T > 1 aplatit la distribution.",
        f"Divide the logits by T = {temperature}: [{scaled}], then softmax: "
        f"p = exp({logits[target] / temperature:.3f}) / Σ exp(…) = {_fmt(probs[target])}. "
        "T < 1 sharpens towards the likeliest token, T > 1 flattens the distribution.",
    )
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
    options = tuple(Option(tokens[i], f"{tokens[i]} ({probs[i]:.2f})", keep[i]) for i in order)
    prompt = _tr(
        lang,
        f"Probabilités du prochain token ci-dessous. Avec top_p = {top_p}, quels tokens le "
        "sampling nucleus (TopPLogitsWarper de Hugging Face) garde-t-il ?",
        f"Next-token probabilities below. With top_p = {top_p}, which tokens does nucleus sampling "
        "(Hugging Face's TopPLogitsWarper) keep?",
    )
    kept = [tokens[i] for i in range(len(tokens)) if keep[i]]
    explanation = _tr(
        lang,
        f"On trie par probabilité décroissante et on garde le plus petit ensemble dont la masse atteint "
        f"{top_p}, token qui franchit le seuil compris : {', '.join(kept)}.",
        f"Sort by decreasing probability and keep the smallest set whose mass reaches {top_p}, "
        f"including the token that crosses it: {', '.join(kept)}.",
    )
    return {"type": "multiple", "prompt": prompt, "explanation": explanation, "options": options}


@_register("bleu-brevity-penalty", "metrics", "medium", "evaluation")
def _bleu_bp(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.bleu import compute_bleu

    ref_len = rng.randint(80, 400)
    sys_len = rng.randint(int(ref_len * 0.6), ref_len - 1)
    bp = compute_bleu([1, 1, 1, 1], [1, 1, 1, 1], sys_len, ref_len).bp
    prompt = _tr(
        lang,
        f"Un corpus de traductions fait {sys_len} tokens ; les références en font {ref_len}. Quelle "
        "est la pénalité de brièveté (BP) de BLEU (3 décimales) ?",
        f"A corpus of translations has {sys_len} tokens; the references have {ref_len}. What is BLEU's "
        "brevity penalty (BP) (3 decimals)?",
    )
    explanation = _tr(
        lang,
        f"c = {sys_len} < r = {ref_len}, donc BP = exp(1 − r/c) = exp(1 − {ref_len}/{sys_len}) = {_fmt(bp)}. "
        "Une sortie trop courte est pénalisée même si ses n-grammes sont justes.",
        f"c = {sys_len} < r = {ref_len}, so BP = exp(1 − r/c) = exp(1 − {ref_len}/{sys_len}) = {_fmt(bp)}. "
        "Output that is too short is penalised even when its n-grams are right.",
    )
    return _numeric(prompt, bp, explanation, tolerance=0.0015)


@_register("perplexity", "metrics", "medium", "evaluation")
def _perplexity(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.perplexity import perplexity

    probs = [rng.choice([0.5, 0.25, 0.2, 0.125, 0.1, 0.4, 0.8]) for _ in range(rng.randint(3, 5))]
    value = perplexity([[math.log(p) for p in probs]]).corpus_perplexity
    listing = ", ".join(f"{p:g}" for p in probs)
    prompt = _tr(
        lang,
        f"Un modèle de langue attribue aux tokens d'un texte les probabilités {listing}. Quelle est "
        "la perplexité de ce texte (2 décimales) ?",
        f"A language model gives the tokens of a text the probabilities {listing}. What is the "
        "perplexity of this text (2 decimals)?",
    )
    nll = -sum(math.log(p) for p in probs) / len(probs)
    explanation = _tr(
        lang,
        f"Perplexité = exp(−(1/N)·Σ ln p) = exp({nll:.4f}) = {value:.2f}, soit la moyenne géométrique "
        "des 1/p : plus elle est basse, moins le modèle est « surpris ».",
        f"Perplexity = exp(−(1/N)·Σ ln p) = exp({nll:.4f}) = {value:.2f}, the geometric mean of the 1/p: "
        "the lower, the less \"surprised\" the model.",
    )
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
