"""Activation memory: the estimator against the tensors autograd really keeps (issue 14, item 3).

For a tiny model of each family (encoder: BERT; decoder with GQA and SwiGLU: Llama; GPT-2;
encoder-decoders: BART, T5 and T5 with a gated-GELU FFN as flan-t5), one training forward runs on the CPU inside
`torch.autograd.graph.saved_tensors_hooks`. The bytes of the distinct tensors saved for backward
(deduplicated by storage; parameters and buffers excluded: they are not activations), plus the
logits the model output holds until the backward pass, are compared with
`tutor.sim.memory.activations` for a ModelSpec with the same dimensions, precision, strategy and
task.

Two CPU/GPU differences are accounted for, so that the comparison is with what a GPU run keeps:
- a CPU dropout keeps its mask as a float tensor (4 B or 2 B per element); CUDA keeps a bool
  mask (1 B), which the estimator counts. Masks are recognised by their values (0 and 1/(1−p))
  and counted at 1 B per element.
- attention: Llama and BART run with attn_implementation="sdpa" and no attention dropout, so the
  CPU takes SDPA's flash kernel, which keeps q, k, v, the output and the log-sum-exp as the GPU
  flash and memory-efficient kernels do (no s² scores): that is what the estimator models for
  them. BERT, GPT-2 and T5 keep their attention dropout (0.1) and run eager attention, which is
  what the estimator models for them (Korthikanti; T5's relative position bias is an additive
  mask that keeps a softmax anyway). With dropout, SDPA on the CPU falls back to its math kernel,
  which upcasts bf16 to fp32 (no GPU kernel does), so eager is the path to compare with; on a
  GPU, SDPA with dropout keeps no scores for BERT and GPT-2, and their estimate is an upper bound
  there. Llama is also run with eager attention, against the estimator's `attention="eager"`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import torch
from peft import LoraConfig, get_peft_model
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    BertConfig,
    BertForSequenceClassification,
    GPT2Config,
    GPT2LMHeadModel,
    LlamaConfig,
    LlamaForCausalLM,
    T5Config,
    T5ForConditionalGeneration,
)

from tutor.sim.catalogue import ModelSpec
from tutor.sim.memory import Shape, activations, trl_tile_bytes
from tutor.sim.peft import default_lora_targets

os.environ["HF_HUB_OFFLINE"] = "1"

TOLERANCE = 0.15  # issue 14: within 15 %
SEQ, BATCH, RANK, DROPOUT = 48, 2, 8, 0.1
VOCAB = 512

# Tiny dimensions of each family (layers, hidden, heads, FFN, vocab, positions), and the spec the
# estimator is given for them.
SPECS: dict[str, ModelSpec] = {
    "bert": ModelSpec("tiny-bert", "tiny-bert", "bert", 2, 64, 4, 256, VOCAB, 128, type_vocab=2),
    "llama": ModelSpec("tiny-llama", "tiny-llama", "llama", 2, 64, 8, 176, VOCAB, 128, kv_heads=2,
                       gated_ffn=True, tied=False),
    "gpt2": ModelSpec("tiny-gpt2", "tiny-gpt2", "gpt2", 2, 64, 4, 256, VOCAB, 128),
    "bart": ModelSpec("tiny-bart", "tiny-bart", "bart", 2, 64, 4, 256, VOCAB, 128, decoder_layers=2),
    "t5": ModelSpec("tiny-t5", "tiny-t5", "t5", 2, 64, 4, 256, VOCAB, 128, decoder_layers=2, head_dim=16),
    "t5-gated": ModelSpec("tiny-flan-t5", "tiny-flan-t5", "t5", 2, 64, 4, 128, VOCAB, 128, decoder_layers=2,
                          head_dim=16, gated_ffn=True, tied=False),
}
TASKS = {"bert": "seq-cls", "llama": "causal-lm", "gpt2": "causal-lm", "bart": "seq2seq", "t5": "seq2seq",
         "t5-gated": "seq2seq"}
PEFT_TASK = {"seq-cls": "SEQ_CLS", "causal-lm": "CAUSAL_LM", "sft": "CAUSAL_LM", "seq2seq": "SEQ_2_SEQ_LM"}


def build(family: str, attention: str) -> torch.nn.Module:
    """The tiny transformers model of `family`, in training mode, float32."""
    spec = SPECS[family]
    h, layers, heads, ffn = spec.hidden, spec.layers, spec.heads, spec.ffn
    if family == "bert":
        config = BertConfig(vocab_size=VOCAB, hidden_size=h, num_hidden_layers=layers, num_attention_heads=heads,
                            intermediate_size=ffn, max_position_embeddings=128, hidden_dropout_prob=DROPOUT,
                            attention_probs_dropout_prob=DROPOUT, attn_implementation=attention)
        model: torch.nn.Module = BertForSequenceClassification(config)
    elif family == "llama":
        config = LlamaConfig(vocab_size=VOCAB, hidden_size=h, num_hidden_layers=layers, num_attention_heads=heads,
                             num_key_value_heads=spec.key_value_heads, intermediate_size=ffn,
                             max_position_embeddings=128, tie_word_embeddings=False, attn_implementation=attention)
        model = LlamaForCausalLM(config)
    elif family == "gpt2":
        config = GPT2Config(vocab_size=VOCAB, n_embd=h, n_layer=layers, n_head=heads, n_inner=ffn, n_positions=128,
                            bos_token_id=0, eos_token_id=0, attn_implementation=attention)
        model = GPT2LMHeadModel(config)
    elif family == "bart":
        config = BartConfig(vocab_size=VOCAB, d_model=h, encoder_layers=layers, decoder_layers=spec.decoder_layers,
                            encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn,
                            decoder_ffn_dim=ffn, max_position_embeddings=128, dropout=DROPOUT,
                            attention_dropout=0.0, activation_dropout=0.0, attn_implementation=attention)
        model = BartForConditionalGeneration(config)
    else:
        config = T5Config(vocab_size=VOCAB, d_model=h, d_kv=spec.attention_head_dim, d_ff=ffn, num_layers=layers,
                          num_decoder_layers=spec.decoder_layers, num_heads=heads, dropout_rate=DROPOUT,
                          feed_forward_proj="gated-gelu" if spec.gated_ffn else "relu", decoder_start_token_id=0,
                          pad_token_id=0, tie_word_embeddings=spec.tied, attn_implementation=attention)
        model = T5ForConditionalGeneration(config)
    return model.train()


def batch_of(family: str) -> dict[str, torch.Tensor]:
    """Inputs and labels for one training step (no padding: every sequence is SEQ tokens)."""
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(3, VOCAB, (BATCH, SEQ), generator=generator)
    if family == "bert":
        return {"input_ids": ids, "labels": torch.randint(0, 2, (BATCH,), generator=generator)}
    return {"input_ids": ids, "labels": ids.clone()}


@contextmanager
def saved_tensors(model: torch.nn.Module, found: dict[tuple[int, int], int], masks: dict[tuple[int, int], int]
                  ) -> Iterator[None]:
    """Record the storages of the tensors autograd saves: bytes in `found`, dropout masks' element
    counts in `masks`. Parameters and buffers are left out."""
    kept = {t.untyped_storage().data_ptr() for t in (*model.parameters(), *model.buffers())}
    mask_value = 1 / (1 - DROPOUT)

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        storage = tensor.untyped_storage()
        key = (storage.data_ptr(), storage.nbytes())
        if storage.data_ptr() in kept or key in found:
            return tensor
        found[key] = storage.nbytes()
        if tensor.is_floating_point() and not tensor.requires_grad and tensor.numel() > 1:
            values = tensor.detach().float()
            nonzero = values[values != 0]
            if nonzero.numel() and nonzero.numel() < values.numel() and bool((nonzero == nonzero[0]).all()) \
                    and abs(float(nonzero[0]) - mask_value) < 1e-2:
                masks[key] = tensor.numel()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        yield


def measure(model: torch.nn.Module, forward: Callable[[], object]) -> int:
    """Bytes a GPU would keep for backward after `forward()`: saved tensors (masks at 1 B per
    element) and the logits the output holds."""
    found: dict[tuple[int, int], int] = {}
    masks: dict[tuple[int, int], int] = {}
    torch.manual_seed(0)
    with saved_tensors(model, found, masks):
        output = forward()
    logits = getattr(output, "logits", None)
    if isinstance(logits, torch.Tensor):
        storage = logits.untyped_storage()
        found.setdefault((storage.data_ptr(), storage.nbytes()), storage.nbytes())
    loss = output.loss  # type: ignore[attr-defined]
    loss.backward()  # the graph is complete: a training step
    return sum(found.values()) - sum(found[key] - count for key, count in masks.items())


def prepared(family: str, attention: str, dtype: torch.dtype, targets: tuple[str, ...] | None) -> torch.nn.Module:
    """The tiny model, with LoRA when `targets` is not None (PEFT's defaults when it is ())."""
    torch.manual_seed(0)
    model = build(family, attention)
    if targets is not None:
        spec = SPECS[family]
        chosen: object = "all-linear" if targets == ("all-linear",) else list(targets or default_lora_targets(spec))
        model = get_peft_model(model, LoraConfig(r=RANK, lora_alpha=2 * RANK, target_modules=chosen,
                                                 task_type=PEFT_TASK[TASKS[family]]))
    return model.to(dtype)  # adapters in the same 16-bit dtype as the base, as the estimator assumes


def estimated(family: str, precision: str, strategy: str, targets: tuple[str, ...] | None,
              attention: str = "sdpa", task: str | None = None) -> int:
    spec = SPECS[family]
    return activations(spec, Shape(SEQ, BATCH, RANK), precision, strategy, task or TASKS[family],
                       targets=targets or None, default_targets=default_lora_targets(spec),
                       attention=attention).total


# (family, attn_implementation, the estimator's attention model)
FAMILIES = [("bert", "eager", "sdpa"), ("llama", "sdpa", "sdpa"), ("llama", "eager", "eager"),
            ("gpt2", "eager", "sdpa"), ("bart", "sdpa", "sdpa"), ("t5", "eager", "sdpa"), ("t5-gated", "eager", "sdpa")]
STRATEGIES = [("full", None), ("lora", ()), ("lora", ("all-linear",))]
RESULTS: dict[str, float] = {}


@pytest.mark.parametrize(("family", "attention", "model_attention"), FAMILIES, ids=[f"{f}-{a}" for f, a, _ in FAMILIES])
@pytest.mark.parametrize(("strategy", "targets"), STRATEGIES, ids=["full", "lora-default", "lora-all-linear"])
@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_activation_bytes_within_15_percent(
    family: str, attention: str, model_attention: str, strategy: str, targets: tuple[str, ...] | None,
    precision: str,
) -> None:
    dtype = torch.float32 if precision == "fp32" else torch.bfloat16
    model = prepared(family, attention, dtype, targets)
    inputs = batch_of(family)
    measured = measure(model, lambda: model(**inputs))
    expected = estimated(family, precision, strategy, targets, model_attention)
    ratio = expected / measured
    RESULTS[f"{family}-{attention} {strategy}{'' if targets is None else str(targets or '')} {precision}"] = ratio
    print(f"{family} {attention} {strategy} {targets} {precision}: measured {measured}, estimated {expected}, "
          f"ratio {ratio:.3f}")
    assert abs(ratio - 1) <= TOLERANCE, (measured, expected)


@pytest.mark.parametrize("strategy", ["full", "lora"])
def test_trl_fused_lm_head_keeps_no_logits(strategy: str) -> None:
    """TRL's SFT/DPO forward (fused LM head): the estimate without its transient tile matches."""
    from trl.trainer.utils import add_fused_lm_head

    torch.manual_seed(0)
    model = build("llama", "sdpa")
    add_fused_lm_head(model)
    if strategy == "lora":
        model = get_peft_model(model, LoraConfig(r=RANK, lora_alpha=2 * RANK, target_modules="all-linear",
                                                 task_type="CAUSAL_LM"))
    inputs = batch_of("llama")
    measured = measure(model, lambda: model(**inputs, fused_lm_head=True))
    spec = SPECS["llama"]
    full = activations(spec, Shape(SEQ, BATCH, RANK), "fp32", strategy, "sft", targets=("all-linear",)).total
    expected = full - trl_tile_bytes(SEQ * BATCH, VOCAB, 4)  # the tile is a working buffer, not saved
    causal = estimated("llama", "fp32", strategy, ("all-linear",) if strategy == "lora" else None)
    print(f"llama sft {strategy}: measured {measured}, estimated {expected}, causal-lm estimate {causal}")
    assert abs(expected / measured - 1) <= TOLERANCE
    assert measured < causal  # the logits are never materialised


def test_estimates_are_exact_where_the_model_is_derived() -> None:
    """Llama full fine-tuning in fp32 with SDPA: every saved tensor is in the formula, so the only
    gap is what it leaves out on purpose (token ids, rotary cos/sin, loss scalars): under 1 %."""
    model = prepared("llama", "sdpa", torch.float32, None)
    inputs = batch_of("llama")
    measured = measure(model, lambda: model(**inputs))
    expected = estimated("llama", "fp32", "full", None)
    assert 0 <= measured - expected <= 0.01 * measured


def test_frozen_linear_layers_keep_no_input() -> None:
    """LoRA on q and v only keeps less than LoRA on every Linear, which keeps less than full fine-tuning."""
    sizes = []
    for targets in (None, ("all-linear",), ("q_proj", "v_proj")):
        model = prepared("llama", "sdpa", torch.float32, targets)
        inputs = batch_of("llama")
        sizes.append(measure(model, lambda model=model, inputs=inputs: model(**inputs)))  # type: ignore[misc]
    full, all_linear, query_value = sizes
    assert full > all_linear > query_value
    spec = dataclasses.replace(SPECS["llama"])
    shape = Shape(SEQ, BATCH, RANK)
    assert activations(spec, shape, "fp32", "full").total > \
        activations(spec, shape, "fp32", "lora", targets=("all-linear",)).total > \
        activations(spec, shape, "fp32", "lora", targets=("q_proj", "v_proj")).total


def test_lora_dropout_keeps_a_dropped_copy_of_each_adapted_input() -> None:
    """PEFT's lora_dropout > 0: each adapted Linear's LoRA branch keeps dropout(x) and its mask."""
    torch.manual_seed(0)
    model = get_peft_model(build("llama", "sdpa"), LoraConfig(r=RANK, lora_alpha=2 * RANK, lora_dropout=DROPOUT,
                                                              target_modules="all-linear", task_type="CAUSAL_LM"))
    inputs = batch_of("llama")
    measured = measure(model, lambda: model(**inputs))
    expected = activations(SPECS["llama"], Shape(SEQ, BATCH, RANK), "fp32", "lora", "causal-lm",
                           targets=("all-linear",), lora_dropout=DROPOUT).total
    without = estimated("llama", "fp32", "lora", ("all-linear",))
    print(f"llama lora dropout: measured {measured}, estimated {expected} (without dropout {without})")
    assert expected > without and abs(expected / measured - 1) <= TOLERANCE
