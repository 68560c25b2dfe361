"""Generated questions on fine-tuning LLMs in 2026 (issue 15): QLoRA's weight memory, LoRA on every
Linear layer, DPO's reference model, chrF, and French tokens per word.

Their keys come from the core, as in `tutor.quiz.generators` (which adds `GENERATORS` to its
registry, so they are drawn, rebuilt and validated like the others): the estimator
(`tutor.sim.estimate`), PEFT's count (`tutor.sim.peft.lora_params`), chrF as sacreBLEU computes it
(`tutor.metrics.chrf`), and the tokenizations the lesson measured. Their words are the catalogue's
("gen.*" keys of `tutor.i18n.strings.generators_llm`); numbers are written by the catalogue in the
learner's language.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.i18n.catalogue import t
from tutor.i18n.numbers import fmt
from tutor.quiz.model import Option

if TYPE_CHECKING:
    from tutor.sim.estimate import Estimate

Generator = Callable[[random.Random, str], dict[str, object]]
# name -> (topic, difficulty, section, function), merged into `tutor.quiz.generators`' registry.
GENERATORS: dict[str, tuple[str, str, str, Generator]] = {}

GIB = 2**30


def _register(name: str, topic: str, difficulty: str, section: str) -> Callable[[Generator], Generator]:
    def wrap(function: Generator) -> Generator:
        GENERATORS[name] = (topic, difficulty, section, function)
        return function

    return wrap


def _numeric(prompt: str, answer: float, explanation: str, *, tolerance: float | None = None,
             relative: float | None = None, unit: str | None = None) -> dict[str, object]:
    return {"type": "numeric", "prompt": prompt, "answer": answer, "explanation": explanation,
            "tolerance": tolerance, "relative_tolerance": relative, "unit": unit}


def _separator(lang: str) -> str:
    """Between the items of a listing whose items hold commas: " ; " in French, "; " in English."""
    return t("gen.detail_separator", lang)


# --- QLoRA: weights in NF4 and 16 bits --------------------------------------------------------

# Decoders of a billion parameters or so and more (and Qwen2.5-0.5B, whose embeddings outweigh
# its quantised layers): QLoRA's 4-bit base is the point for them.
QLORA_MODELS = ("Qwen2.5-0.5B", "Llama-3.2-1B", "SmolLM2-1.7B-Instruct", "Qwen2.5-7B-Instruct", "Mistral-7B-v0.1",
                "Llama-3.1-8B-Instruct")
LORA_RANKS = (8, 16, 32, 64)
ALL_LINEAR = ("all-linear",)


@functools.cache
def qlora_estimate(model: str, rank: int, all_linear: bool) -> Estimate:
    """The estimator's QLoRA SFT run of `model` (bf16 on an A100 80 GB): its weights are the key."""
    from tutor.sim.config import FineTuneConfig
    from tutor.sim.estimate import estimate

    config = FineTuneConfig(model=model, task="sft", strategy="qlora", lora_r=rank,
                            lora_targets=ALL_LINEAR if all_linear else None, precision="bf16", gpu="a100-80gb")
    result = estimate(config)
    assert result.config == config and result.quantised, (config, result.problems)
    return result


def _targets_text(model: str, all_linear: bool) -> str:
    from tutor.sim.catalogue import get_model
    from tutor.sim.peft import default_lora_targets

    if all_linear:
        return "all-linear"
    spec = get_model(model)
    assert spec is not None
    return ", ".join(default_lora_targets(spec))


@_register("qlora-memory", "quantisation", "medium", "qlora")
def _qlora_memory(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.catalogue import get_model, quantisable_params
    from tutor.sim.memory import nf4_bytes

    model = rng.choice(QLORA_MODELS)
    rank = rng.choice(LORA_RANKS)
    all_linear = rng.random() < 0.5
    result = qlora_estimate(model, rank, all_linear)
    spec = get_model(model)
    assert spec is not None
    quantised = quantisable_params(spec)
    adapter = result.adapter_params
    other = result.total_params - quantised - adapter
    nf4 = nf4_bytes(quantised) / GIB
    plain = (other + adapter) * 2 / GIB
    weights = result.memory.weights / GIB
    prompt = t("gen.qlora.prompt", lang, model=model, quantised=quantised, other=other, adapter=adapter,
               rank=rank, targets=_targets_text(model, all_linear))
    explanation = t("gen.qlora.explanation", lang, quantised=quantised, other=other, adapter=adapter,
                    nf4=fmt(nf4, lang, 3), plain=fmt(plain, lang, 3), weights=fmt(weights, lang, 3))
    return _numeric(prompt, weights, explanation, relative=0.003, unit=t("gen.unit.gib", lang))


# --- LoRA on every Linear layer -----------------------------------------------------------------

# Llama-style decoders (q, k, v, o, gate, up, down in each layer), with grouped-query attention or not.
ALL_LINEAR_MODELS = ("SmolLM2-135M", "SmolLM2-1.7B-Instruct", "Qwen2.5-0.5B", "Qwen2.5-7B-Instruct", "Llama-3.2-1B",
                     "Llama-3.1-8B-Instruct", "Mistral-7B-v0.1")


@_register("lora-all-linear", "strategies", "medium", "qlora")
def _lora_all_linear(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.sim.catalogue import block_linears, get_model
    from tutor.sim.peft import lora_params

    model = rng.choice(ALL_LINEAR_MODELS)
    rank = rng.choice(LORA_RANKS)
    spec = get_model(model)
    assert spec is not None
    count = lora_params(spec, rank, ALL_LINEAR, task="sft")
    linears = block_linears(spec)
    per_layer = sum(rank * (linear.d_in + linear.d_out) for linear in linears)
    head_dim = spec.attention_head_dim
    prompt = t("gen.all_linear.prompt", lang, rank=rank, model=model, layers=spec.layers, hidden=spec.hidden,
               ffn=spec.ffn, heads=spec.heads, kv_heads=spec.key_value_heads, head_dim=head_dim,
               queries=spec.heads * head_dim, kv=spec.key_value_heads * head_dim)
    terms = " + ".join(f"{linear.name} {rank}·({fmt(linear.d_in, lang)}+{fmt(linear.d_out, lang)})"
                       for linear in linears)
    explanation = t("gen.all_linear.explanation", lang, terms=terms, per_layer=per_layer, layers=spec.layers,
                    params=count)
    return _numeric(prompt, count, explanation, relative=0.005, unit=t("gen.unit.parameters", lang))


# --- DPO: the reference model ------------------------------------------------------------------

DPO_MODELS = ("gpt2-large", "gpt2-xl", "Qwen2.5-0.5B", "Llama-3.2-1B", "SmolLM2-1.7B-Instruct", "Qwen2.5-7B-Instruct",
              "Mistral-7B-v0.1", "Llama-3.1-8B-Instruct")


@functools.cache
def dpo_estimates(model: str, precision: str) -> tuple[Estimate, Estimate]:
    """The estimator's DPO runs of `model` in `precision`: (full fine-tuning, LoRA)."""
    from tutor.sim.config import FineTuneConfig
    from tutor.sim.estimate import estimate

    results = []
    for strategy in ("full", "lora"):
        config = FineTuneConfig(model=model, task="dpo", strategy=strategy, precision=precision, gpu="h100")
        result = estimate(config)
        assert result.config == config, (config, result.problems)
        results.append(result)
    return results[0], results[1]


def _gib(value: float, lang: str) -> str:
    return fmt(value, lang, 1 if value >= 10 else 2)


@_register("dpo-memory", "preference", "medium", "preference-tuning")
def _dpo_memory(rng: random.Random, lang: str) -> dict[str, object]:
    model = rng.choice(DPO_MODELS)
    precision = rng.choice(("bf16", "fp16"))
    full, lora = dpo_estimates(model, precision)
    copy = full.memory.reference / GIB
    assert copy > 0 and lora.memory.reference == 0
    size, double = _gib(copy, lang), _gib(2 * copy, lang)
    texts = [
        (t("gen.dpo.option.right", lang, size=size), True),
        (t("gen.dpo.option.lora_copy", lang, size=size), False),
        (t("gen.dpo.option.fp32", lang, size=double), False),
        (t("gen.dpo.option.reversed", lang, size=size), False),
    ]
    rng.shuffle(texts)
    options = tuple(Option(chr(ord("a") + i), text, right) for i, (text, right) in enumerate(texts))
    prompt = t("gen.dpo.prompt", lang, model=model, params=full.total_params, precision=precision)
    explanation = t("gen.dpo.explanation", lang, params=full.total_params, size=size)
    return {"type": "single", "prompt": prompt, "explanation": explanation, "options": options}


# --- chrF ------------------------------------------------------------------------------------------

# French outputs and references a translation system could give: inflections, tenses, agreements,
# where chrF gives partial credit and BLEU often none. Each has at least 6 characters without its
# spaces (all six orders count) and shares characters with its reference.
CHRF_PAIRS: tuple[tuple[str, str], ...] = (
    ("le chat noir", "les chats noirs"),
    ("la maison bleue", "les maisons bleues"),
    ("il mange une pomme", "il a mangé une pomme"),
    ("un grand arbre", "de grands arbres"),
    ("elle est partie hier", "elle partait hier"),
    ("nous avons fini", "nous finissons"),
    ("le petit garçon", "la petite fille"),
    ("une voiture rouge", "la voiture rouge"),
    ("ils chantent bien", "elles chantaient bien"),
    ("le train arrive", "le train est arrivé"),
    ("des fleurs jaunes", "les fleurs jaunes"),
    ("je suis content", "je suis contente"),
    ("le soleil brille", "le soleil brillait"),
    ("un livre ouvert", "les livres ouverts"),
    ("la porte fermée", "les portes fermées"),
    ("mon ami français", "mes amis français"),
    ("tu viendras demain", "tu viens demain"),
    ("la réunion commence", "la réunion a commencé"),
)


@_register("chrf-pair", "llm-evaluation", "hard", "llm-evaluation")
def _chrf_pair(rng: random.Random, lang: str) -> dict[str, object]:
    from tutor.metrics.chrf import sentence_chrf, strip_spaces

    hypothesis, reference = rng.choice(CHRF_PAIRS)
    result = sentence_chrf(hypothesis, reference)
    used = [o for o in result.orders if o.hypothesis > 0 and o.reference > 0]
    counts = _separator(lang).join(t("gen.chrf.order", lang, n=o.n, matches=o.matches, output=o.hypothesis,
                                    reference=o.reference) for o in used)
    precisions = " + ".join(f"{o.matches}/{o.hypothesis}" for o in used)
    recalls = " + ".join(f"{o.matches}/{o.reference}" for o in used)
    prompt = t("gen.chrf.prompt", lang, hypothesis=hypothesis, reference=reference)
    explanation = t("gen.chrf.explanation", lang, output=strip_spaces(hypothesis), reference=strip_spaces(reference),
                    output_chars=len(strip_spaces(hypothesis)), reference_chars=len(strip_spaces(reference)),
                    counts=counts, precisions=precisions, recalls=recalls, orders=len(used),
                    chrp=fmt(result.precision, lang, 3), chrr=fmt(result.recall, lang, 3),
                    score=fmt(result.score, lang, 2))
    return _numeric(prompt, result.score, explanation, tolerance=0.5)


# --- French tokens per word ---------------------------------------------------------------------

# The lesson's measured example (section modern-encoders, "How many tokens per word?"): "Le modèle
# a été entraîné sur des données françaises." split by GPT-2's tokenizer (24 tokens) and
# CamemBERT's (10 tokens); "·" marks the space attached to the token that follows.
FRENCH_WORDS = ("Le", "modèle", "a", "été", "entraîné", "sur", "des", "données", "françaises.")
FRENCH_SPLITS: dict[str, tuple[tuple[str, ...], ...]] = {
    "GPT-2": (("Le",), ("·mod", "è", "le"), ("·a",), ("·", "ét", "é"), ("·ent", "ra", "î", "n", "é"), ("·sur",),
              ("·des",), ("·don", "n", "é", "es"), ("·fr", "an", "ça", "ises", ".")),
    "CamemBERT": (("·Le",), ("·modèle",), ("·a",), ("·été",), ("·entraîné",), ("·sur",), ("·des",),
                  ("·données",), ("·françaises", ".")),
}


@_register("french-tokens-per-word", "encoders", "easy", "modern-encoders")
def _french_tokens(rng: random.Random, lang: str) -> dict[str, object]:
    tokenizer = rng.choice(sorted(FRENCH_SPLITS))
    chosen = sorted(rng.sample(range(len(FRENCH_WORDS)), rng.randint(4, 7)))
    splits = FRENCH_SPLITS[tokenizer]
    tokens = sum(len(splits[i]) for i in chosen)
    listing = _separator(lang).join(t("gen.tokens.word", lang, word=FRENCH_WORDS[i], split="|".join(splits[i]),
                                      ) for i in chosen)
    ratio = tokens / len(chosen)
    prompt = t(f"gen.tokens.prompt.{tokenizer.lower().replace('-', '')}", lang, listing=listing)
    explanation = t("gen.tokens.explanation", lang, tokens=tokens, words=len(chosen), ratio=fmt(ratio, lang, 2))
    return _numeric(prompt, ratio, explanation, tolerance=0.01)
