"""FineTuneConfig validation (field-level, French and English) and the parsing helpers."""

from __future__ import annotations

import dataclasses

import pytest

from tutor.sim.config import (
    LORA_2026,
    OPTIMIZERS,
    PRECISIONS,
    STRATEGIES,
    FineTuneConfig,
    default_lr,
    parse_config,
    resolved_precision,
    sanitised,
    validate,
)
from tutor.sim.parsing import (
    parse_bool,
    parse_float,
    parse_float_list,
    parse_int,
    parse_targets,
)


def fields_of(config: FineTuneConfig, severity: str = "error") -> set[str]:
    return {p.field for p in validate(config) if p.severity == severity}


def test_defaults_are_valid() -> None:
    assert FineTuneConfig().validate() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": -4}, "batch_size"),
        ({"batch_size": 2.5}, "batch_size"),
        ({"batch_size": "abc"}, "batch_size"),
        ({"lr": 0.0}, "lr"),
        ({"lr": -1e-5}, "lr"),
        ({"lr": float("nan")}, "lr"),
        ({"temperature": 0.0}, "temperature"),
        ({"temperature": -1.0}, "temperature"),
        ({"top_p": 0.0}, "top_p"),
        ({"top_p": 1.5}, "top_p"),
        ({"seq_len": 513}, "seq_len"),
        ({"examples": 1_000_000_001}, "examples"),
        ({"epochs": 1001.0}, "epochs"),
        ({"epochs": 0.0}, "epochs"),
        ({"model": "bert-huge"}, "model"),
        ({"gpu": "tpu-v4"}, "gpu"),
        ({"strategy": "magic"}, "strategy"),
        ({"precision": "int8"}, "precision"),
        ({"schedule": "triangle"}, "schedule"),
        ({"lora_targets": ("query", "c_attn")}, "lora_targets"),
        ({"adapter_size": 0}, "adapter_size"),
        ({"adapter_size": 1000}, "adapter_size"),
        ({"warmup_ratio": 1.0}, "warmup_ratio"),
        ({"mfu": 1.5}, "mfu"),
        ({"task": "qa", "model": "gpt2"}, "task"),
        ({"strategy": "freeze", "model": "gpt2"}, "strategy"),
        ({"checkpointing": "yes"}, "checkpointing"),
        ({"optimizer": "sgd"}, "optimizer"),
        ({"dpo_beta": 0.0}, "dpo_beta"),
        ({"dpo_beta": 10.5}, "dpo_beta"),
        ({"strategy": "qlora", "precision": "fp32"}, "precision"),
        ({"strategy": "freeze", "model": "t5-small"}, "strategy"),
        ({"strategy": "freeze", "model": "Llama-3.2-1B"}, "strategy"),
        ({"task": "seq2seq", "model": "bert-base-uncased"}, "task"),
        ({"task": "dpo", "model": "bart-base"}, "task"),
        ({"task": "qa", "model": "t5-small"}, "task"),
        ({"lora_targets": ("all-linear", "query")}, "lora_targets"),
    ],
)
def test_field_level_problems(changes: dict[str, object], field: str) -> None:
    config = dataclasses.replace(FineTuneConfig(), **changes)  # type: ignore[arg-type]
    problems = [p for p in validate(config) if p.field == field]
    assert problems, changes
    for problem in problems:
        assert problem.fr and problem.en and problem.key and problem.fr != problem.en
        assert problem.text("fr") == problem.fr and problem.text("en") == problem.en


def test_seq_len_limit_follows_the_model() -> None:
    assert "seq_len" not in fields_of(FineTuneConfig(model="gpt2", seq_len=1024))
    assert "seq_len" in fields_of(FineTuneConfig(model="gpt2", seq_len=1025))
    assert "seq_len" not in fields_of(FineTuneConfig(model="codegen-350M-multi", seq_len=2048))


def test_unknown_model_lists_known_ones() -> None:
    (problem,) = [p for p in validate(FineTuneConfig(model="bert-huge")) if p.field == "model"]
    assert "bert-base-uncased" in problem.en and "codegen-350M-multi" in problem.fr


def test_warnings_are_not_errors() -> None:
    problems = validate(FineTuneConfig(precision="bf16", gpu="t4"))
    assert [(p.field, p.severity, p.key) for p in problems] == [("precision", "warning", "bf16_unsupported")]
    assert fields_of(FineTuneConfig(strategy="lora", layer_decay=0.9), "warning") == {"layer_decay"}
    assert not validate(FineTuneConfig(precision="bf16", gpu="a100-80gb"))


def test_lora_targets_checked_against_the_family() -> None:
    assert not validate(FineTuneConfig(model="gpt2", strategy="lora", lora_targets=("c_attn", "c_proj")))
    (problem,) = validate(FineTuneConfig(model="gpt2", lora_targets=("query",)))
    assert "c_attn" in problem.en


def test_parse_config_reports_non_numbers_and_keeps_the_base_value() -> None:
    config, problems = parse_config({"batch_size": "seize", "lr": "2,5e-5", "examples": "10 000", "model": "gpt2"})
    assert config.batch_size == 16 and config.lr == 2.5e-5 and config.examples == 10_000 and config.model == "gpt2"
    assert [(p.field, p.key) for p in problems] == [("batch_size", "not_number")]
    _, problems = parse_config({"batch_size": "2.5", "checkpointing": "peut-être", "unknown": "x"})
    assert {(p.field, p.key) for p in problems} == {("batch_size", "not_integer"), ("checkpointing", "not_bool")}


def test_parse_config_accepts_typed_values_and_lists() -> None:
    config, problems = parse_config({"lora_targets": ["query", "key"], "checkpointing": True, "epochs": 2})
    assert problems == [] and config.lora_targets == ("query", "key") and config.epochs == 2.0
    config, _ = parse_config({"lora_targets": "", "task": ""})
    assert config.lora_targets is None and config.task is None


def test_sanitised_replaces_errors_with_defaults() -> None:
    bad = FineTuneConfig(batch_size=0, model="bert-huge", seq_len=99_999, lr=5e-5)
    clean = sanitised(bad)
    assert (clean.batch_size, clean.model, clean.seq_len, clean.lr) == (16, "bert-base-uncased", 128, 5e-5)
    assert validate(clean) == []


def test_parse_helpers() -> None:
    assert parse_float("2e-5") == 2e-5 and parse_float(" 0,1 ") == 0.1 and parse_float("1 000.5") == 1000.5
    assert parse_float("nan") is None and parse_float("inf") is None and parse_float("abc") is None
    assert parse_float(True) is None and parse_float(None) is None and parse_float(10**400) is None
    assert parse_int("16") == 16 and parse_int("10 000") == 10_000 and parse_int("1e4") == 10_000
    assert parse_int("2.5") is None and parse_int("+-5") is None and parse_int("²") is None
    assert parse_int("-3") == -3 and parse_int(False) is None
    assert parse_bool("oui") is True and parse_bool("off") is False and parse_bool("maybe") is None
    assert parse_targets("query, value,query") == ("query", "value") and parse_targets(" , ") is None
    assert parse_float_list("1, 2.5,-3") == [1.0, 2.5, -3.0]
    assert parse_float_list("1,,2") is None and parse_float_list("") is None and parse_float_list("a,b") is None


def test_2026_choices() -> None:
    assert "qlora" in STRATEGIES and PRECISIONS[0] == "auto"
    assert OPTIMIZERS == ("adamw", "adamw-8bit", "paged-adamw-8bit")
    assert (FineTuneConfig().precision, FineTuneConfig().optimizer, FineTuneConfig().dpo_beta) == ("auto", "adamw", 0.1)
    # PEFT's own defaults stay the field defaults; the 2026 ones are a separate table.
    assert (FineTuneConfig().lora_r, FineTuneConfig().lora_alpha, FineTuneConfig().lora_targets) == (8, 8.0, None)
    assert LORA_2026 == {"lora_r": 16, "lora_alpha": 32.0, "lora_targets": ("all-linear",)}


@pytest.mark.parametrize(("gpu", "precision"), [
    ("t4", "fp16"), ("v100-32gb", "fp16"), ("a100-40gb", "bf16"), ("l4", "bf16"), ("rtx4090", "bf16"),
    ("h100", "bf16"), ("tpu-v4", "fp16"),  # an unknown GPU falls back to the default T4
])
def test_auto_precision_follows_the_gpu(gpu: str, precision: str) -> None:
    assert resolved_precision(gpu) == precision
    assert sanitised(FineTuneConfig(gpu=gpu)).precision == precision
    assert sanitised(FineTuneConfig(gpu=gpu, precision="fp32")).precision == "fp32"  # an explicit choice stays


def test_tasks_follow_the_family() -> None:
    for model, tasks in (("bert-base-uncased", ("seq-cls", "token-cls", "qa")),
                         ("Qwen2.5-0.5B", ("causal-lm", "sft", "dpo")), ("opus-mt-en-fr", ("seq2seq",))):
        for task in tasks:
            assert validate(FineTuneConfig(model=model, task=task)) == []


def test_qlora_rules() -> None:
    (problem,) = [p for p in validate(FineTuneConfig(model="Qwen2.5-0.5B", strategy="qlora", precision="fp32"))
                  if p.field == "precision"]
    assert (problem.key, problem.severity) == ("qlora_fp32", "error") and "fp32" in problem.fr
    clean = sanitised(FineTuneConfig(model="Qwen2.5-0.5B", strategy="qlora", precision="fp32", gpu="a100-40gb"))
    assert (clean.strategy, clean.precision) == ("qlora", "bf16")
    # A T4 runs QLoRA fine, but in fp16: a warning, not an error.
    (warning,) = validate(FineTuneConfig(model="Qwen2.5-0.5B", strategy="qlora"))
    assert (warning.key, warning.severity, warning.field) == ("qlora_fp16", "warning", "strategy")
    assert "fp16" in warning.fr and "T4" in warning.en
    assert validate(FineTuneConfig(model="Qwen2.5-0.5B", strategy="qlora", gpu="a100-40gb")) == []


def test_freeze_is_refused_for_generative_models_with_their_own_message() -> None:
    keys = {model: [p.key for p in validate(FineTuneConfig(model=model, strategy="freeze"))]
            for model in ("gpt2", "t5-small", "bert-base-uncased")}
    assert keys == {"gpt2": ["freeze_needs_head"], "t5-small": ["freeze_needs_head_seq2seq"], "bert-base-uncased": []}


def test_bitfit_needs_biases() -> None:
    # Llama, Mistral, T5 and ModernBERT have no biases: BitFit would train nothing (decoders,
    # encoder-decoders: an error) or only the task head (encoders: a warning, it is feature extraction).
    def problems(model: str) -> list[tuple[str, str, str]]:
        return [(p.field, p.key, p.severity) for p in validate(FineTuneConfig(model=model, strategy="bitfit"))]

    for model in ("Llama-3.2-1B", "SmolLM2-135M", "Mistral-7B-v0.1", "t5-small", "flan-t5-base", "mt5-small"):
        assert problems(model) == [("strategy", "bitfit_no_bias", "error")], model
    assert problems("ModernBERT-base") == [("strategy", "bitfit_head_only", "warning")]
    for model in ("bert-base-uncased", "gpt2", "Qwen2.5-0.5B", "bart-base", "opus-mt-en-fr"):  # Qwen2: q/k/v biases
        assert problems(model) == [], model
    (error,) = validate(FineTuneConfig(model="Llama-3.2-1B", strategy="bitfit"))
    assert "Llama-3.2-1B" in error.fr and "biais" in error.fr and "LoRA" in error.fr
    assert "no bias" in error.en and "LoRA" in error.en
    assert sanitised(FineTuneConfig(model="Llama-3.2-1B", strategy="bitfit")).strategy == "full"
    (warning,) = validate(FineTuneConfig(model="ModernBERT-base", task="qa", strategy="bitfit"))
    assert "tête" in warning.fr and "head" in warning.en
    # Other strategies on the same models are untouched.
    assert validate(FineTuneConfig(model="Llama-3.2-1B", strategy="lora")) == []


def test_lora_2026_settings_are_valid_for_every_family() -> None:
    for model in ("bert-base-uncased", "ModernBERT-base", "gpt2", "Llama-3.1-8B-Instruct", "t5-small", "bart-base"):
        config = dataclasses.replace(FineTuneConfig(model=model, strategy="lora"), **LORA_2026)  # type: ignore[arg-type]
        assert validate(config) == [], model


@pytest.mark.parametrize(("strategy", "family", "task", "lr"), [
    ("full", "encoder", None, 2e-5), ("full", "decoder", None, 2e-5), ("full", "seq2seq", None, 5e-5),
    ("lora", "encoder", None, 2e-4), ("lora", "decoder", None, 2e-4), ("qlora", "decoder", None, 2e-4),
    ("lora", "seq2seq", None, 2e-4), ("adapters", "encoder", None, 1e-4), ("bitfit", "encoder", None, 4e-4),
    ("freeze", "encoder", None, 1e-3), ("full", "decoder", "dpo", 1e-6), ("qlora", "decoder", "dpo", 5e-6),
])
def test_default_learning_rates(strategy: str, family: str, task: str | None, lr: float) -> None:
    assert default_lr(strategy, family, task) == lr
    assert default_lr(strategy, family) == (lr if task is None else default_lr(strategy, family))


def test_default_lr_never_raises() -> None:
    for strategy in (*STRATEGIES, "magic"):
        for family in ("encoder", "decoder", "seq2seq", "other"):
            assert 0 < default_lr(strategy, family) < 1
