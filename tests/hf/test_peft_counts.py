"""Trainable parameters of LoRA, IA3, BitFit and feature extraction against peft and transformers.

Every catalogue model is built on the meta device; `get_peft_model` wraps it with the LoraConfig
arguments of `peft.peft_lora_arguments` (the head in modules_to_save; with "all-linear", the head
also in exclude_modules), and the parameters with requires_grad are counted. The expected value is
what `tutor estimate` prints as trainable: the adapter plus the task head.
"""

from __future__ import annotations

import pytest
from peft import IA3Config, LoraConfig, TaskType, get_peft_model
from peft.utils.constants import (
    TRANSFORMERS_MODELS_TO_IA3_FEEDFORWARD_MODULES_MAPPING,
    TRANSFORMERS_MODELS_TO_IA3_TARGET_MODULES_MAPPING,
    TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING,
)
from torch import nn

from tests.hf.conftest import MODEL_NAMES, build_task, trainable
from tutor.sim.catalogue import (
    MODELS,
    ModelSpec,
    base_params,
    bias_params,
    fixed_params,
    head_params,
    hf_model_type,
)
from tutor.sim.config import FineTuneConfig
from tutor.sim.estimate import estimate
from tutor.sim.peft import (
    ALL_LINEAR,
    FALLBACK_LORA_TARGETS,
    PEFT_IA3_TARGETS,
    PEFT_LORA_TARGETS,
    default_lora_targets,
    ia3_default_targets,
    ia3_params,
    lora_modules_to_save,
    lora_params,
    peft_has_default_targets,
    peft_lora_arguments,
)

TASK_TYPES = {
    "seq-cls": TaskType.SEQ_CLS, "token-cls": TaskType.TOKEN_CLS, "qa": TaskType.QUESTION_ANS,
    "causal-lm": TaskType.CAUSAL_LM, "sft": TaskType.CAUSAL_LM, "dpo": TaskType.CAUSAL_LM,
    "seq2seq": TaskType.SEQ_2_SEQ_LM,
}
LABELS = {"seq-cls": 3, "token-cls": 9, "qa": 2}

# sft and dpo train the same AutoModelForCausalLM with the same TaskType as causal-lm.
PAIRS = [(name, task) for name in MODEL_NAMES for task in MODELS[name].tasks if task not in ("sft", "dpo")]
# One model per architecture (the smallest of each), for the sweeps that only repeat a structure.
ONE_PER_ARCH = sorted({
    spec.arch: spec.name for spec in sorted(MODELS.values(), key=lambda s: -base_params(s))
}.values())
# LoRA with PEFT is the slow part of the tier: every model with its default task, and every task
# of one model per architecture (the other models of an architecture only change dimensions).
LORA_PAIRS = sorted({(name, MODELS[name].default_task) for name in MODEL_NAMES}
                    | {(name, task) for name, task in PAIRS if name in ONE_PER_ARCH})


def _labels(task: str) -> int:
    return LABELS.get(task, 2)


def _expected_head(spec: ModelSpec, task: str) -> int:
    return head_params(spec, task, _labels(task))


def _lora_model(spec: ModelSpec, task: str, r: int, targets: tuple[str, ...] | None) -> nn.Module:
    model = build_task(spec, task, _labels(task))
    arguments = peft_lora_arguments(spec, task, targets)
    return get_peft_model(model, LoraConfig(task_type=TASK_TYPES[task], r=r, lora_alpha=2 * r, **arguments))


@pytest.mark.parametrize("targets", [None, (ALL_LINEAR,)], ids=["default", "all-linear"])
@pytest.mark.parametrize(("name", "task"), LORA_PAIRS)
def test_lora_trainable_count(name: str, task: str, targets: tuple[str, ...] | None) -> None:
    spec = MODELS[name]
    model = _lora_model(spec, task, 16, targets)
    assert trainable(model) == lora_params(spec, 16, targets, task) + _expected_head(spec, task)


@pytest.mark.parametrize("r", [8, 32])  # r 16 is test_lora_trainable_count's
@pytest.mark.parametrize("targets", [None, (ALL_LINEAR,)], ids=["default", "all-linear"])
@pytest.mark.parametrize("name", ONE_PER_ARCH)
def test_lora_other_ranks(name: str, targets: tuple[str, ...] | None, r: int) -> None:
    spec = MODELS[name]
    task = spec.default_task
    assert trainable(_lora_model(spec, task, r, targets)) == lora_params(spec, r, targets, task) + _expected_head(
        spec, task
    )


@pytest.mark.parametrize(
    ("name", "task", "targets"),
    [
        ("bert-base-uncased", "seq-cls", ("query", "key", "value", "dense")),  # dense: the kept pooler too
        ("bert-base-uncased", "token-cls", ("dense",)),  # the pooler is dropped
        ("roberta-base", "seq-cls", ("dense",)),  # the classifier's dense is in modules_to_save
        ("deberta-v3-base", "seq-cls", ("dense",)),  # so is the ContextPooler's
        ("ModernBERT-base", "qa", ("Wo",)),  # attention output h→h and MLP output I→h
        ("gpt2", "causal-lm", ("c_proj",)),
        ("Qwen2.5-0.5B", "causal-lm", ("k_proj", "o_proj", "down_proj")),
        ("flan-t5-base", "seq2seq", ("wi_0", "wo")),
        ("opus-mt-en-fr", "seq2seq", ("out_proj", "fc1")),
    ],
)
def test_lora_named_targets(name: str, task: str, targets: tuple[str, ...]) -> None:
    spec = MODELS[name]
    assert trainable(_lora_model(spec, task, 8, targets)) == lora_params(spec, 8, targets, task) + _expected_head(
        spec, task
    )


@pytest.mark.parametrize(("name", "task"), [("bert-base-uncased", "seq-cls"), ("Llama-3.2-1B", "causal-lm"),
                                            ("deberta-v3-base", "seq-cls"), ("t5-small", "seq2seq")])
def test_tutor_estimate_prints_the_peft_count(name: str, task: str) -> None:
    spec = MODELS[name]
    for targets in (None, (ALL_LINEAR,)):
        config = FineTuneConfig(model=name, task=task, strategy="lora", lora_r=16, lora_targets=targets,
                                num_labels=_labels(task))
        assert trainable(_lora_model(spec, task, 16, targets)) == estimate(config).trainable_params


def test_default_targets_are_peft_s_own() -> None:
    for model_type, targets in PEFT_LORA_TARGETS.items():
        assert tuple(TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING[model_type]) == targets
    for model_type in FALLBACK_LORA_TARGETS:  # PEFT has none: get_peft_model would refuse to build
        assert model_type not in TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING
    for spec in MODELS.values():
        model_type = hf_model_type(spec)
        assert peft_has_default_targets(spec) == (model_type in TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING)
        if peft_has_default_targets(spec):
            assert default_lora_targets(spec) == tuple(TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING[model_type])


@pytest.mark.parametrize("name", ["camembert-base", "ModernBERT-base", "barthez"])
def test_peft_refuses_models_without_default_targets(name: str) -> None:
    spec = MODELS[name]
    model = build_task(spec, spec.default_task)
    with pytest.raises(ValueError, match="target_modules"):
        get_peft_model(model, LoraConfig(task_type=TASK_TYPES[spec.default_task]))


@pytest.mark.parametrize(("name", "task"), [("bert-base-uncased", "token-cls"), ("deberta-v3-base", "qa")])
def test_plain_all_linear_fails_for_token_and_qa_heads(name: str, task: str) -> None:
    # Why peft_lora_arguments adds exclude_modules: PEFT only spares the head of SEQ_CLS models.
    with pytest.raises(TypeError, match="modules_to_save cannot be applied"):
        get_peft_model(build_task(MODELS[name], task),
                       LoraConfig(task_type=TASK_TYPES[task], target_modules=ALL_LINEAR))


@pytest.mark.parametrize(
    ("name", "task", "peft_trains"),
    [
        ("bert-base-uncased", "seq-cls", "head"),
        ("roberta-base", "seq-cls", "head"),  # RobertaClassificationHead is one module: "classifier"
        ("distilbert-base-uncased", "seq-cls", "head"),  # "classifier" also matches pre_classifier
        ("deberta-v3-base", "seq-cls", "classifier"),  # the ContextPooler stays frozen
        ("ModernBERT-base", "token-cls", "classifier"),  # the prediction head stays frozen
        ("ModernBERT-base", "qa", "nothing"),  # its QA head is called classifier, not qa_outputs
    ],
)
def test_peft_task_types_alone_train_part_of_some_heads(name: str, task: str, peft_trains: str) -> None:
    # Why lora_modules_to_save names the whole head: PEFT's task types alone train only this.
    spec = MODELS[name]
    targets = default_lora_targets(spec)
    model = build_task(spec, task, _labels(task))
    model = get_peft_model(model, LoraConfig(task_type=TASK_TYPES[task], r=8, target_modules=list(targets)))
    head = {"head": _expected_head(spec, task), "classifier": spec.hidden * _labels(task) + _labels(task),
            "nothing": 0}[peft_trains]
    assert trainable(model) == lora_params(spec, 8, targets, task) + head


def test_ia3_tables_are_peft_s_own() -> None:
    for model_type, (targets, feedforward) in PEFT_IA3_TARGETS.items():
        assert tuple(TRANSFORMERS_MODELS_TO_IA3_TARGET_MODULES_MAPPING[model_type]) == targets
        assert tuple(TRANSFORMERS_MODELS_TO_IA3_FEEDFORWARD_MODULES_MAPPING[model_type]) == feedforward


@pytest.mark.parametrize(("name", "task"), [pair for pair in PAIRS if ia3_default_targets(MODELS[pair[0]])])
def test_ia3_trainable_count(name: str, task: str) -> None:
    spec = MODELS[name]
    model = build_task(spec, task, _labels(task))
    head = list(lora_modules_to_save(spec, task)) or None
    model = get_peft_model(model, IA3Config(task_type=TASK_TYPES[task], modules_to_save=head))
    assert trainable(model) == ia3_params(spec) + _expected_head(spec, task)


def _head_and_backbone(model: nn.Module, spec: ModelSpec) -> tuple[set[str], nn.Module]:
    """Names of the head's parameters, and the module holding the base model's."""
    if not spec.is_encoder:
        return set(), model
    backbone = {id(p) for p in model.base_model.parameters()}
    return {n for n, p in model.named_parameters() if id(p) not in backbone}, model.base_model


@pytest.mark.parametrize(("name", "task"), PAIRS)
def test_bitfit_trains_biases_and_head(name: str, task: str) -> None:
    spec = MODELS[name]
    model = build_task(spec, task, _labels(task))
    head, _ = _head_and_backbone(model, spec)
    for parameter_name, parameter in model.named_parameters():
        parameter.requires_grad = parameter_name in head or parameter_name.endswith("bias")
    head_biases = sum(p.numel() for n, p in model.named_parameters() if n in head and n.endswith("bias"))
    assert trainable(model) == bias_params(spec, task) + _expected_head(spec, task)
    assert head_biases <= _expected_head(spec, task)


@pytest.mark.parametrize(("name", "task"), [pair for pair in PAIRS if MODELS[pair[0]].is_encoder])
def test_feature_extraction_trains_the_head_only(name: str, task: str) -> None:
    spec = MODELS[name]
    model = build_task(spec, task, _labels(task))
    _, backbone = _head_and_backbone(model, spec)
    backbone.requires_grad_(False)
    assert trainable(model) == _expected_head(spec, task)


@pytest.mark.parametrize("name", ONE_PER_ARCH)
def test_full_fine_tuning_trains_what_the_estimate_counts(name: str) -> None:
    # Marian's sinusoidal position tables are parameters with requires_grad false: full fine-tuning
    # trains total - fixed_params there; every other model trains everything.
    spec = MODELS[name]
    task = spec.default_task
    model = build_task(spec, task, _labels(task))
    expected = estimate(FineTuneConfig(model=name, task=task, strategy="full", num_labels=_labels(task)))
    assert trainable(model) == expected.trainable_params
    assert sum(p.numel() for p in model.parameters()) - trainable(model) == fixed_params(spec)
