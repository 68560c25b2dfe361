"""Generated questions: answer keys checked against independent computations on many seeds."""

from __future__ import annotations

import math
import re

import pytest

from tutor.quiz.generators import GENERATOR_NAMES, generate, generated_id, regenerate
from tutor.quiz.grading import grade, right_answer
from tutor.quiz.model import TOPICS

SEEDS = range(40)


def numbers(text: str) -> list[float]:
    """The numbers of an English text (thousands written 12,537)."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return [float(n) for n in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?", text)]


@pytest.mark.parametrize("name", GENERATOR_NAMES)
def test_every_generator_is_deterministic_and_self_consistent(name: str) -> None:
    for seed in range(15):
        fr, en, again = generate(name, seed, "fr"), generate(name, seed, "en"), generate(name, seed, "fr")
        assert fr == again
        assert fr.id == en.id == generated_id(name, seed)
        assert fr.answer == en.answer and [o.correct for o in fr.options] == [o.correct for o in en.options]
        assert fr.topic in TOPICS and fr.explanation and fr.prompt != en.prompt
        assert regenerate(fr.id, "en") == en
        if fr.type == "numeric":
            assert grade(fr, fr.answer).correct
            assert grade(fr, right_answer(fr).replace("\u202f", "")).correct  # what we show is accepted
        else:
            assert grade(fr, {o.id for o in fr.options if o.correct} if fr.type == "multiple"
                         else next(o.id for o in fr.options if o.correct)).correct


def test_regenerate_rejects_foreign_ids() -> None:
    assert regenerate("lr-range", "fr") is None
    assert regenerate("gen:nope:1", "fr") is None
    assert regenerate("gen:perplexity:x", "fr") is None


def test_f1_matches_scikit_learn() -> None:
    from sklearn.metrics import f1_score

    for seed in SEEDS:
        question = generate("f1-from-confusion", seed, "en")
        tp, fp, fn, tn = (int(v) for v in numbers(question.prompt)[:4])
        y_true = [1] * tp + [0] * fp + [1] * fn + [0] * tn
        y_pred = [1] * tp + [1] * fp + [0] * fn + [0] * tn
        assert question.answer == pytest.approx(f1_score(y_true, y_pred), abs=1e-12)


def test_precision_recall_matches_scikit_learn() -> None:
    from sklearn.metrics import precision_score, recall_score

    for seed in SEEDS:
        question = generate("precision-recall", seed, "en")
        found, right, gold = (int(v) for v in numbers(question.prompt)[:3])
        tp, fp, fn = right, found - right, gold - right
        y_true = [1] * tp + [0] * fp + [1] * fn
        y_pred = [1] * tp + [1] * fp + [0] * fn
        expected = precision_score(y_true, y_pred) if "precision" in question.prompt else recall_score(y_true, y_pred)
        assert question.answer == pytest.approx(expected, abs=1e-12)


def trainer_steps(examples: int, batch: int, accum: int, epochs: int, ratio: float) -> tuple[int, int]:
    per_epoch = math.ceil(math.ceil(examples / batch) / accum)
    total = math.ceil(epochs * per_epoch)
    return total, math.ceil(total * ratio)


def test_warmup_and_total_steps_follow_the_trainer() -> None:
    for seed in SEEDS:
        warm = generate("warmup-steps", seed, "en")
        examples, batch, _, accum, epochs, ratio = numbers(warm.prompt)[:6]
        assert warm.answer == trainer_steps(int(examples), int(batch), int(accum), int(epochs), ratio)[1]
        total = generate("total-steps", seed, "en")
        examples, batch, _, accum, epochs = numbers(total.prompt)[:5]
        assert total.answer == trainer_steps(int(examples), int(batch), int(accum), int(epochs), 0)[0]


REFERENCE_LORA_R8 = {  # docs/REFERENCE.md section 3 (PEFT defaults, r = 8)
    "bert-base-uncased": 294_912, "gpt2": 294_912, "bert-large-uncased": 786_432,
    "gpt2-medium": 786_432, "distilbert-base-uncased": 147_456, "roberta-base": 294_912,
}


def test_lora_parameters_scale_from_the_reference_values() -> None:
    for seed in SEEDS:
        question = generate("lora-params", seed, "en")
        model = re.search(r"on (\S+) \(", question.prompt).group(1)  # type: ignore[union-attr]
        rank = int(re.search(r"r = (\d+)", question.prompt).group(1))  # type: ignore[union-attr]
        assert question.answer == REFERENCE_LORA_R8[model] * rank // 8


def test_temperature_probability() -> None:
    for seed in SEEDS:
        question = generate("temperature-prob", seed, "en")
        pairs = re.findall(r"(\w+): (-?\d+(?:\.\d+)?)", question.prompt)
        logits = {token: float(value) for token, value in pairs}
        temperature = float(re.search(r"temperature (\d+(?:\.\d+)?)", question.prompt).group(1))  # type: ignore[union-attr]
        target = re.search(r'probability of "(\w+)"', question.prompt).group(1)  # type: ignore[union-attr]
        weights = {t: math.exp(v / temperature) for t, v in logits.items()}
        assert question.answer == pytest.approx(weights[target] / sum(weights.values()), abs=1e-6)


def test_top_p_keeps_the_smallest_set_reaching_p() -> None:
    for seed in SEEDS:
        question = generate("top-p-kept", seed, "en")
        top_p = float(re.search(r"top_p = (\d\.\d+)", question.prompt).group(1))  # type: ignore[union-attr]
        probs = sorted(((float(o.text.split("(")[1].rstrip(")")), o) for o in question.options), key=lambda x: -x[0])
        kept, mass = set(), 0.0
        for probability, option in probs:
            kept.add(option.id)
            mass += probability
            if mass >= top_p:
                break
        assert {o.id for o in question.options if o.correct} == kept


def test_brevity_penalty_and_perplexity() -> None:
    for seed in SEEDS:
        bp = generate("bleu-brevity-penalty", seed, "en")
        c, r = numbers(bp.prompt)[:2]
        assert bp.answer == pytest.approx(math.exp(1 - r / c), abs=1e-12)
        ppl = generate("perplexity", seed, "en")
        probs = numbers(ppl.prompt.split("probabilities")[1].split(". What")[0])
        assert ppl.answer == pytest.approx(math.exp(-sum(math.log(p) for p in probs) / len(probs)), rel=1e-12)


# The gpu-fit option as each language writes it (tutor.i18n.strings.plain, "gen.gpu.option").
_FIT_OPTION = {
    "en": re.compile(r"(?P<model>[^,]+), (?P<strategy>[^,]+), batch (?P<batch>[\d,]+), seq (?P<seq>[\d,]+), "
                     r"(?P<precision>\w+)"),
    "fr": re.compile(r"(?P<model>[^,]+), (?P<strategy>[^,]+), batch de (?P<batch>[\d\u202f]+), séquences de "
                     r"(?P<seq>[\d\u202f]+) tokens, (?P<precision>\w+)"),
}
FIT_SEEDS = range(300)


def read_fit_option(text: str, lang: str, gpu: str) -> object:
    """The configuration an option's text describes, read back with the catalogue's words only."""
    from tutor.i18n.catalogue import STRINGS, t
    from tutor.sim.config import STRATEGIES, FineTuneConfig

    match = _FIT_OPTION[lang].fullmatch(text)
    assert match, text
    names = {t(f"gen.strategy.{s}", lang): s for s in STRATEGIES if f"gen.strategy.{s}" in STRINGS}
    digits = {key: int(re.sub(r"\D", "", match[key])) for key in ("batch", "seq")}
    return FineTuneConfig(model=match["model"], strategy=names[match["strategy"]], batch_size=digits["batch"],
                          seq_len=digits["seq"], precision=match["precision"], gpu=gpu)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_gpu_fit_keys_agree_with_the_estimator_on_300_seeds(lang: str) -> None:
    """Review §3.2: exactly one option fits per the estimator, each at least 15 % from the capacity line,
    each a configuration the estimator takes as written, and the explanation gives its figures."""
    from tutor.i18n.catalogue import t
    from tutor.i18n.numbers import fmt
    from tutor.quiz.generators import _gpu_name
    from tutor.sim.catalogue import GPUS, get_model
    from tutor.sim.estimate import estimate

    seen: dict[str, set[object]] = {"models": set(), "gpus": set(), "strategies": set(), "keyed": set()}
    for seed in FIT_SEEDS:
        question = generate("gpu-fit", seed, lang)
        assert question.type == "single" and len(question.options) == 4
        gpu = next(name for name, spec in GPUS.items() if _gpu_name(spec.label, lang) in question.prompt)
        capacity = GPUS[gpu].memory_bytes
        fitting = 0
        for option in question.options:
            config = read_fit_option(option.text, lang, gpu)
            result = estimate(config)  # type: ignore[arg-type]
            spec = get_model(config.model)  # type: ignore[attr-defined]
            assert result.problems == () and result.config == config  # sized as written, not as corrected
            assert spec is not None and (config.strategy != "freeze" or spec.is_encoder)  # type: ignore[attr-defined]
            assert result.fits is option.correct
            assert abs(result.memory.total - capacity) >= 0.15 * capacity
            fitting += result.fits
            total = fmt(result.memory.total / 2**30, lang, 1)
            shown = f"{option.text}: ≈{total} GiB" if lang == "en" else f"{option.text}\u00a0: ≈ {total} Gio"
            assert shown in question.explanation, (shown, question.explanation)
            parts = {name: fmt(getattr(result.memory, name) / 2**30, lang, 1)
                     for name in ("weights", "gradients", "optimizer", "activations", "overhead")}
            assert t("gen.gpu.detail", lang, option=option.text, memory=total, **parts,
                     verdict=t("gen.gpu.fits" if result.fits else "gen.gpu.too_big", lang)) in question.explanation
            seen["models"].add(config.model)  # type: ignore[attr-defined]
            seen["strategies"].add(config.strategy)  # type: ignore[attr-defined]
            seen["keyed"].add((config.strategy, option.correct))  # type: ignore[attr-defined]
        seen["gpus"].add(gpu)
        assert fitting == 1
    # The 2026 catalogue is asked about: LLMs with QLoRA, new GPUs; and every strategy is seen both
    # right and wrong, so its name alone never gives the key away.
    assert {"qlora", "lora", "full", "freeze"} <= seen["strategies"]
    assert seen["keyed"] == {(s, right) for s in seen["strategies"] for right in (True, False)}
    assert {"l4", "h100", "rtx5090"} <= seen["gpus"]
    assert {"Llama-3.1-8B-Instruct", "ModernBERT-base"} <= seen["models"]


def test_gpu_fit_french_names_feature_extraction_in_french() -> None:
    found = False
    for seed in FIT_SEEDS:
        question = generate("gpu-fit", seed, "fr")
        assert "feature extraction" not in question.prompt + question.explanation
        assert "feature extraction" not in " ".join(o.text for o in question.options)
        found = found or "extraction de caractéristiques" in " ".join(o.text for o in question.options)
    assert found


def test_precision_recall_french_prompt_is_grammatical() -> None:
    asked = set()
    for seed in SEEDS:
        fr = generate("precision-recall", seed, "fr")
        en = generate("precision-recall", seed, "en")
        expected = "Quelle est la précision sur PER" if "precision" in en.prompt else "Quel est le rappel sur PER"
        assert expected in fr.prompt and "Quelle est le" not in fr.prompt
        asked.add(expected)
    assert len(asked) == 2
