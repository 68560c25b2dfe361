"""The catalogue's parameter counts against transformers itself, for every catalogue model.

Each model is built from a configuration with the catalogue's dimensions on the meta device (no
memory, nothing downloaded) and its parameters are counted as `model.num_parameters()` does.
"""

from __future__ import annotations

import functools
from collections import Counter

import pytest
from torch import nn
from transformers.pytorch_utils import Conv1D

from tests.hf.conftest import (
    MODEL_NAMES,
    block_linear_weights,
    build_base,
    build_task,
    count,
    in_block,
)
from tutor.sim.catalogue import (
    MODELS,
    base_params,
    block_linears,
    dropped_params,
    fixed_params,
    head_params,
    quantisable_params,
)

# Label counts used for each task (QA always predicts a start and an end: 2).
LABELS = {"seq-cls": 3, "token-cls": 9, "qa": 2, "causal-lm": 2, "sft": 2, "dpo": 2, "seq2seq": 2}

PAIRS = [(name, task) for name in MODEL_NAMES for task in MODELS[name].tasks]


@functools.cache
def _base(name: str) -> nn.Module:
    return build_base(MODELS[name])


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_base_count_is_the_published_model(name: str) -> None:
    assert count(_base(name)) == base_params(MODELS[name])


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_fixed_params_are_those_without_requires_grad(name: str) -> None:
    frozen = sum(p.numel() for p in _base(name).parameters() if not p.requires_grad)
    assert frozen == fixed_params(MODELS[name])


@pytest.mark.parametrize(("name", "task"), PAIRS)
def test_task_model_counts(name: str, task: str) -> None:
    spec = MODELS[name]
    k = LABELS[task]
    model = build_task(spec, task, k)
    total = count(model)
    if spec.is_encoder:
        # The backbone inside the task model is the base less what the task model drops (a pooler);
        # everything else is the head the task class adds.
        backbone = count(model.base_model)
        assert backbone == base_params(spec) - dropped_params(spec, task)
        assert total - backbone == head_params(spec, task, k)
    else:
        # Decoders and encoder-decoders train with their own LM head: the task model is the base.
        assert head_params(spec, task, k) == 0 and dropped_params(spec, task) == 0
        assert type(model) is type(_base(name))
    assert total == base_params(spec) - dropped_params(spec, task) + head_params(spec, task, k)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_quantisable_params_are_the_linear_weights_inside_the_blocks(name: str) -> None:
    assert block_linear_weights(_base(name)) == quantisable_params(MODELS[name])


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_block_linears_name_every_linear_layer_with_its_shape(name: str) -> None:
    # The (PEFT module name, d_in, d_out) of every Linear inside the blocks, as a multiset.
    found: Counter[tuple[str, int, int]] = Counter()
    for path, module in _base(name).named_modules():
        if isinstance(module, nn.Linear) and in_block(path):
            found[(path.rsplit(".", 1)[-1], module.in_features, module.out_features)] += 1
        elif isinstance(module, Conv1D) and in_block(path):  # GPT-2 stores (d_in, d_out)
            found[(path.rsplit(".", 1)[-1], *module.weight.shape)] += 1
    expected: Counter[tuple[str, int, int]] = Counter()
    for layer in block_linears(MODELS[name]):
        expected[(layer.name, layer.d_in, layer.d_out)] += layer.repeats
    assert found == expected


def test_every_catalogue_model_is_covered() -> None:
    assert set(MODEL_NAMES) == set(MODELS) and len(PAIRS) >= len(MODELS)
