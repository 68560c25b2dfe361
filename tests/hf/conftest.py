"""The `tests/hf` tier: checks against torch, transformers, peft and trl themselves.

The libraries are test-only dependencies (the `[hf]` extra). Without them the tier is skipped (its
modules are not collected, and the run's summary says why), unless TUTOR_REQUIRE_HF=1 (CI sets
it): then a missing library is an error, so a CI run can never pass by skipping the tier. Nothing is
downloaded: models are built from configurations with the catalogue's dimensions (`hf_config`), the
big ones on the `meta` device (no memory).
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

import pytest

from tutor.sim.catalogue import MODELS, ModelSpec, hf_model_type

os.environ["HF_HUB_OFFLINE"] = "1"  # never reach a model hub, even by mistake
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

_LIBRARIES = ("torch", "transformers", "peft", "trl")


def _missing_library() -> str:
    """'' when every library imports, else the first failure (an error under TUTOR_REQUIRE_HF=1)."""
    for name in _LIBRARIES:
        try:
            importlib.import_module(name)
        except ImportError as error:
            if os.environ.get("TUTOR_REQUIRE_HF") == "1":
                raise ImportError(f"TUTOR_REQUIRE_HF=1 and {name} cannot be imported: {error}") from error
            return f"{name}: {error}"
    return ""


# Not pytest.importorskip here: raising Skipped while pytest loads this conftest (as it does when
# tests/hf is named on the command line) aborts the whole run instead of skipping.
MISSING = _missing_library()
collect_ignore_glob = ["*.py"] if MISSING else []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip this tier's tests that were collected all the same (a file named on the command line)."""
    if MISSING:
        here = os.path.dirname(__file__)
        for item in items:
            if str(item.path).startswith(here):
                item.add_marker(pytest.mark.skip(reason=f"tests/hf needs {MISSING}"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say that the tier was skipped, and why."""
    if MISSING:
        terminalreporter.write_line(f"tests/hf skipped: {MISSING} (pip install '.[hf]')", yellow=True)


if not MISSING:
    import torch
    from torch import nn
    from transformers import (
        AutoConfig,
        AutoModel,
        AutoModelForCausalLM,
        AutoModelForQuestionAnswering,
        AutoModelForSeq2SeqLM,
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
    )
    from transformers.pytorch_utils import Conv1D

if TYPE_CHECKING:
    from transformers import PretrainedConfig, PreTrainedModel

# The auto class of each task (the base model is built by `build_base`).
TASK_CLASSES = {} if MISSING else {
    "seq-cls": AutoModelForSequenceClassification,
    "token-cls": AutoModelForTokenClassification,
    "qa": AutoModelForQuestionAnswering,
    "causal-lm": AutoModelForCausalLM,
    "sft": AutoModelForCausalLM,
    "dpo": AutoModelForCausalLM,
    "seq2seq": AutoModelForSeq2SeqLM,
}

# Fields of the published config.json that are not dimensions in the catalogue: the same for every
# checkpoint of the family (DeBERTa-v3: relative positions in 256 buckets, no absolute positions;
# CodeGen: rotary_dim 32; Marian: pad_token_id = vocab - 1, as in opus-mt-en-fr).
_FIXED: dict[str, dict[str, object]] = {
    "roberta": {"pad_token_id": 1},
    "camembert": {"pad_token_id": 1},
    "xlm-roberta": {"pad_token_id": 1},
    "deberta-v2": {
        "relative_attention": True, "position_buckets": 256, "max_relative_positions": -1,
        "norm_rel_ebd": "layer_norm", "share_att_key": True, "pos_att_type": ["p2c", "c2p"],
        "position_biased_input": False,
    },
    "codegen": {"rotary_dim": 32},
}


def hf_config(spec: ModelSpec, num_labels: int = 2) -> PretrainedConfig:
    """A transformers configuration with the catalogue's dimensions for `spec`."""
    model_type = hf_model_type(spec)
    h, layers, heads, ffn, vocab, positions = (
        spec.hidden, spec.layers, spec.heads, spec.ffn, spec.vocab, spec.max_positions
    )
    fields: dict[str, object]
    if spec.arch in ("bert", "roberta", "modernbert", "deberta-v2"):
        fields = {
            "vocab_size": vocab, "hidden_size": h, "num_hidden_layers": layers, "num_attention_heads": heads,
            "intermediate_size": ffn, "max_position_embeddings": positions, "type_vocab_size": spec.type_vocab,
        }
        if spec.arch == "modernbert":
            del fields["type_vocab_size"]
    elif spec.arch == "distilbert":
        fields = {"vocab_size": vocab, "dim": h, "n_layers": layers, "n_heads": heads, "hidden_dim": ffn,
                  "max_position_embeddings": positions}
    elif spec.arch in ("gpt2", "codegen"):
        fields = {"vocab_size": vocab, "n_embd": h, "n_layer": layers, "n_head": heads, "n_inner": ffn,
                  "n_positions": positions, "tie_word_embeddings": spec.tied}
    elif spec.arch == "opt":
        fields = {"vocab_size": vocab, "hidden_size": h, "num_hidden_layers": layers, "num_attention_heads": heads,
                  "ffn_dim": ffn, "max_position_embeddings": positions, "word_embed_proj_dim": h}
    elif spec.arch in ("llama", "qwen2", "mistral"):
        fields = {
            "vocab_size": vocab, "hidden_size": h, "num_hidden_layers": layers, "num_attention_heads": heads,
            "num_key_value_heads": spec.key_value_heads, "head_dim": spec.attention_head_dim,
            "intermediate_size": ffn, "max_position_embeddings": positions, "tie_word_embeddings": spec.tied,
        }
    elif spec.arch == "t5":
        fields = {
            "vocab_size": vocab, "d_model": h, "d_kv": spec.attention_head_dim, "d_ff": ffn, "num_layers": layers,
            "num_decoder_layers": spec.decoder_layers, "num_heads": heads,
            "feed_forward_proj": "gated-gelu" if spec.gated_ffn else "relu", "tie_word_embeddings": spec.tied,
        }
    else:  # bart, mbart, marian
        fields = {
            "vocab_size": vocab, "d_model": h, "encoder_layers": layers, "decoder_layers": spec.decoder_layers,
            "encoder_attention_heads": heads, "decoder_attention_heads": heads, "encoder_ffn_dim": ffn,
            "decoder_ffn_dim": ffn, "max_position_embeddings": positions,
        }
        if spec.arch == "marian":
            fields.update(decoder_vocab_size=vocab, pad_token_id=vocab - 1, decoder_start_token_id=vocab - 1)
    fields.update(_FIXED.get(model_type, {}))
    fields["num_labels"] = num_labels
    return AutoConfig.for_model(model_type, **fields)


def _as_published(spec: ModelSpec, model: PreTrainedModel) -> PreTrainedModel:
    """Untie T5 1.1's LM head as `from_pretrained` does.

    transformers 5 forces `tie_word_embeddings` to True in T5Config (the flag used to mean "do not
    scale the decoder output" there), so a model built from a configuration shares lm_head with the
    embeddings. flan-t5 and mt5 checkpoints store a distinct lm_head.weight, and `from_pretrained`
    then leaves the two untied (`PreTrainedModel.tie_weights`: "both are present in the checkpoints
    with different values, so we will NOT tie them"). A fresh meta matrix reproduces that state.
    """
    if spec.arch == "t5" and not spec.tied:
        head = model.get_output_embeddings()
        head.weight = nn.Parameter(torch.empty_like(head.weight, device="meta"))
    return model


def build_base(spec: ModelSpec) -> PreTrainedModel:
    """The checkpoint as published, on the meta device (see `tutor.sim.param_counts`)."""
    if spec.is_encoder:
        return build_auto(spec, AutoModel)
    return build_auto(spec, AutoModelForSeq2SeqLM if spec.is_seq2seq else AutoModelForCausalLM)


def build_task(spec: ModelSpec, task: str, num_labels: int = 2) -> PreTrainedModel:
    """The transformers model of `task` for `spec`, on the meta device (QA always has 2 outputs)."""
    return build_auto(spec, TASK_CLASSES[task], 2 if task == "qa" else num_labels)


def build_auto(spec: ModelSpec, auto_class: type, num_labels: int = 2) -> PreTrainedModel:
    """`auto_class.from_config` with the catalogue's dimensions, on the meta device."""
    config = hf_config(spec, num_labels)
    with torch.device("meta"):
        return _as_published(spec, auto_class.from_config(config))


def count(model: nn.Module) -> int:
    """Parameters as `model.num_parameters()` counts them (shared weights once)."""
    return sum(p.numel() for p in model.parameters())


def trainable(model: nn.Module) -> int:
    """Parameters with requires_grad."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def in_block(name: str) -> bool:
    """Whether a module path lies inside a numbered transformer block (`….layer.3.…`)."""
    return any(part.isdigit() for part in name.split("."))


def block_linear_weights(model: nn.Module) -> int:
    """Weights of the Linear (and GPT-2 Conv1D) layers inside the blocks: what bitsandbytes quantises."""
    return sum(
        module.weight.numel()
        for name, module in model.named_modules()
        if isinstance(module, (nn.Linear, Conv1D)) and in_block(name)
    )


MODEL_NAMES = sorted(MODELS)


@pytest.fixture(params=MODEL_NAMES)
def spec(request: pytest.FixtureRequest) -> ModelSpec:
    """Every catalogue model in turn."""
    return MODELS[request.param]
