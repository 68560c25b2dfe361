"""FineTuneConfig validation (field-level, French and English) and the parsing helpers."""

from __future__ import annotations

import dataclasses

import pytest

from tutor.sim.config import FineTuneConfig, parse_config, sanitised, validate
from tutor.sim.parsing import parse_bool, parse_float, parse_float_list, parse_int, parse_targets


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
