"""Property-based tests: the core never raises on garbage and its outputs stay consistent."""

from __future__ import annotations

import ast
import dataclasses
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.sim.catalogue import GPUS, MODELS, TASKS
from tutor.sim.config import (
    FIELD_KINDS,
    OPTIMIZERS,
    PRECISIONS,
    STRATEGIES,
    FineTuneConfig,
    parse_config,
    validate,
)
from tutor.sim.estimate import estimate
from tutor.sim.export import to_python, to_yaml
from tutor.sim.parsing import (
    parse_bool,
    parse_float,
    parse_float_list,
    parse_int,
    parse_targets,
)
from tutor.sim.recommend import recommend
from tutor.sim.sampling import sample_steps
from tutor.sim.schedules import SCHEDULES, lr_lambda, training_steps

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

garbage = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12), st.lists(st.integers(), max_size=3),
)

plausible = {
    "model": st.sampled_from(list(MODELS)),
    "strategy": st.sampled_from(STRATEGIES),
    "gpu": st.sampled_from(list(GPUS)),
    "precision": st.sampled_from(PRECISIONS),
    "optimizer": st.sampled_from(OPTIMIZERS),
    "task": st.sampled_from([None, *TASKS]),
    "dpo_beta": st.floats(0.01, 10),
    "schedule": st.sampled_from(SCHEDULES),
    "batch_size": st.integers(1, 256),
    "seq_len": st.integers(1, 2048),
    "examples": st.integers(1, 10**9),
    "epochs": st.floats(0.1, 1000),
    "lora_r": st.integers(1, 256),
    "adapter_size": st.integers(1, 768),
    "checkpointing": st.booleans(),
    "warmup_ratio": st.floats(0, 0.99),
    "warmup_steps": st.integers(0, 10**6),
    "devices": st.integers(1, 16),
    "grad_accum": st.integers(1, 64),
    "lora_targets": st.sampled_from([None, ("query", "value"), ("c_attn",), ("dense",), ("q_lin",), ("all-linear",),
                                     ("q_proj", "v_proj")]),
}


@st.composite
def configs(draw: st.DrawFn) -> FineTuneConfig:
    changes = {}
    for name in FIELD_KINDS:
        choice = draw(st.integers(0, 3))
        if choice == 0 and name in plausible:
            changes[name] = draw(plausible[name])
        elif choice == 1:
            changes[name] = draw(garbage)
    return dataclasses.replace(FineTuneConfig(), **changes)


def check_estimate(config: FineTuneConfig) -> None:
    est = estimate(config)
    assert 0 <= est.trainable_params <= est.total_params
    assert est.total_params == est.base_params - est.dropped_params + est.head_params + est.added_params
    mem = est.memory
    parts = (mem.weights, mem.gradients, mem.optimizer, mem.activations, mem.overhead)
    assert all(isinstance(p, int) and p >= 0 for p in parts)
    assert mem.total == sum(parts) == est.as_dict()["memory_bytes"]["total"]  # type: ignore[index]
    per_trained = 16 if est.config.optimizer == "adamw" else 10  # 8-bit AdamW: 2 B of states
    assert mem.weights + mem.gradients + mem.optimizer >= per_trained * est.trainable_params
    assert est.config.precision in ("fp32", "fp16", "bf16")  # "auto" is always resolved
    assert (mem.reference > 0) == (est.task == "dpo" and est.config.strategy == "full")
    assert est.quantised == (est.config.strategy == "qlora") and est.activation_formula
    assert est.fits == (mem.total <= est.gpu_memory_bytes)
    assert est.steps_per_epoch >= 1 and est.total_steps >= 1 and est.warmup_steps >= 0
    assert est.train_flops >= 0 and est.time_seconds >= 0 and math.isfinite(est.time_seconds)
    assert validate(est.config) == [p for p in validate(est.config) if p.severity == "warning"]


@SETTINGS
@given(configs())
def test_estimate_never_raises_and_is_consistent(config: FineTuneConfig) -> None:
    check_estimate(config)


@SETTINGS
@given(st.dictionaries(st.sampled_from([*sorted(FIELD_KINDS), "bogus"]), st.one_of(st.text(max_size=15), garbage)))
def test_parse_config_on_garbage_text(values: dict[str, object]) -> None:
    config, problems = parse_config(values)
    assert all(p.fr and p.en and p.field for p in problems)
    check_estimate(config)


@settings(max_examples=25, deadline=None)
@given(configs())
def test_exports_always_valid(config: FineTuneConfig) -> None:
    ast.parse(to_python(config))
    assert to_yaml(config).startswith("#")


@SETTINGS
@given(st.one_of(st.text(max_size=20), garbage))
def test_parsing_helpers_never_raise(text: object) -> None:
    for parse in (parse_float, parse_int, parse_bool, parse_float_list, parse_targets):
        parse(text)
    value = parse_float(text)
    assert value is None or math.isfinite(value)


@SETTINGS
@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-5, 20),
    st.floats(allow_nan=True, allow_infinity=True),
)
def test_sampling_never_raises_and_distributions_are_valid(
    logits: list[float], temperature: float, top_k: int, top_p: float
) -> None:
    result = sample_steps(logits, None, temperature, top_k, top_p)
    for step in result.steps:
        assert len(step.probs) == len(logits)
        assert all(p >= 0 for p in step.probs)
        if logits:
            assert math.isclose(sum(step.probs), 1.0, rel_tol=1e-9) and any(step.kept)
    for earlier, later in zip(result.steps, result.steps[1:], strict=False):
        assert all(e or not lt for e, lt in zip(earlier.kept, later.kept, strict=True))  # removed tokens stay removed


@SETTINGS
@given(st.sampled_from(["bert", "gpt", "x"]), st.text(max_size=60), st.sampled_from(["fr", "en"]))
def test_recommend_never_raises(family: str, sentence: str, lang: str) -> None:
    rec = recommend(family, sentence, lang)
    assert rec.text("label") and rec.text("reason") and rec.to_config().validate() == []


@SETTINGS
@given(st.sampled_from(SCHEDULES), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_schedule_multiplier_between_0_and_1(schedule: str, step: int, total: int, warmup: int) -> None:
    assert 0.0 <= lr_lambda(schedule, step, total, warmup) <= 1.0


@SETTINGS
@given(st.integers(1, 10**9), st.integers(1, 4096), st.integers(1, 64), st.integers(1, 64), st.floats(0.01, 1000))
def test_step_counts(examples: int, batch: int, devices: int, accum: int, epochs: float) -> None:
    counts = training_steps(examples, batch, devices, accum, epochs, 0.1)
    assert counts.steps_per_epoch >= 1 and counts.total_steps >= 1
    assert counts.warmup_steps <= counts.total_steps
