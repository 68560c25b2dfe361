"""Memory rules of the estimator: parameter bytes (16-bit, 4-bit NF4, optimisers) and activations.

Parameters (bytes per parameter; "16-bit" is fp16 or bf16 mixed precision):
- fp32: a trained parameter costs 4 B weight + 4 B gradient + 8 B AdamW (m, v) = 16 B.
- 16-bit: 2 B weight + 2 B gradient + 12 B optimizer (4 B fp32 master copy + 8 B AdamW) = 16 B.
  The master copy is counted as optimizer state, as ZeRO does (K = 12).
- 8-bit AdamW (bitsandbytes, Dettmers et al. 2022): m and v at 1 B each = 2 B of states, plus the
  4 B master copy in mixed precision = 6 B (2 B in fp32). The block-wise quantisation constants
  (one fp32 absmax per 2048 values per state, 0.004 B) and the 32-bit states bitsandbytes keeps for
  tensors under 4096 values (biases, norms) are left out.
- Paged 8-bit AdamW: the same bytes on the GPU. Paging (CUDA unified memory) only moves the states
  to CPU RAM when the GPU runs out, to survive a memory spike; it does not make them smaller.
- A frozen parameter costs its weight only (4 B in fp32, 2 B in 16-bit).
- QLoRA (Dettmers et al. 2023): the weights of the Linear layers in the blocks
  (`quantisable_params`) in 4-bit NF4, everything else (embeddings, norms, biases, LM head, task
  head) in 16-bit; LoRA adapters are 16-bit trained parameters as above. NF4 stores 4 bits per
  weight plus one absmax per block of 64 weights; double quantisation stores those absmaxes in
  8 bits, with one fp32 constant per block of 256 absmaxes: 4 + 8/64 + 32/(64·256) bits per
  weight (`nf4_bits_per_param`; §3 of the paper rounds the overhead to 0.127 bit). The exported
  script loads the model with dtype = the 16-bit compute dtype and does not call peft's
  `prepare_model_for_kbit_training`, which upcasts every non-quantised weight to fp32 (+2 B each:
  about 2 GiB for an 8B model's embeddings and LM head). The QLoRA repository (qlora.py) casts the
  embeddings and LM head back to bf16 after it, and TRL 1.x's SFT/DPO trainers never call it.

Activations (what autograd keeps for the backward pass, checked with saved_tensors_hooks against
transformers itself in tests/hf/test_activations.py). w is the element width (2 B in 16-bit, 4 B
in fp32); a dropout mask costs 1 B per element (CUDA keeps a bool mask); s sequence length, b
batch, h hidden, a heads, k key/value heads, d head width, I FFN width, V vocabulary, L layers
(encoder layers of an encoder-decoder), Ld decoder layers, r LoRA rank, m adapter bottleneck.
- GPT-2/BERT-style models (BERT, RoBERTa, DistilBERT, DeBERTa, GPT-2, CodeGen, OPT): Korthikanti
  et al. 2022, s·b·h·(34 + 5·a·s/h) bytes per layer in 16-bit, doubled in fp32 (eager attention:
  the softmax output, its dropout mask and the dropped probabilities are s²-sized). GPT-2 and
  CodeGen use transformers' `gelu_new`, written in PyTorch operations, which keeps four 4h-wide
  tensors instead of one: 24·s·b·h more.
- Llama-style decoders (Llama, Qwen2, Mistral; ModernBERT alike): derived tensor by tensor for
  SDPA, which transformers 5 uses by default and whose flash/memory-efficient kernels keep no s²
  scores on a GPU: per layer the q, k, v inputs of SDPA (k and v with the k key/value heads), its
  output and fp32 log-sum-exp (4·a·s·b), two RMSNorms (transformers' RMSNorm keeps its fp32 input,
  4 B, and 4 B per token; the normalised tensor, w, only when the norm weights train), and the
  SwiGLU's gate output, SiLU output and up output (3·w·s·b·I); no dropout (0 in these configs).
- Encoder-decoders: encoder layers over the source, decoder layers with self- and cross-attention
  (source length = target length = s: the configuration has one sequence length). BART, mBART and
  Marian use SDPA (no s² scores) with hidden dropout masks; T5 is modelled with eager attention
  (its relative position bias is an additive float mask that keeps a softmax), its RMSNorm, and
  dropout everywhere.
- Frozen Linear layers: a Linear keeps its input only to compute its weight's gradient; with a
  frozen weight, dX = dY·W needs the weight alone. So under LoRA, QLoRA, BitFit and adapters a
  Linear's input is kept only when LoRA adapts it (LoRA's A needs x), and a LoRA branch adds its
  A output (r wide). With LoRA dropout, each adapted Linear's branch keeps its own dropped copy of
  x and the mask ((w + 1)·d_in per token) instead of x. The element-wise operations (norms,
  activations, attention) still keep their tensors, since the gradient must flow through them to the
  earlier adapters.
- Logits: a causal LM trained by the Trainer keeps s·b·V logits (w) and the fp32 log-softmax its
  loss upcasts to (4 B): (w + 4)·s·b·V. TRL's SFTTrainer and DPOTrainer (TRL ≥ 1.x) compute the
  log-probabilities with a fused LM head in tiles of 4096 tokens × 32768 vocabulary entries and
  never hold the full logits. Encoder-decoders compute their loss in w: 2·w·s·b·V. SFT's loss
  masking changes no memory.
- DPO: each batch holds chosen AND rejected sequences, so the policy keeps activations for 2·b
  sequences; the reference forward runs without gradient (one layer's working set at a time).
- Activation checkpointing keeps each layer's input (w·s·b·h) plus one layer's activations while
  it is recomputed. Feature extraction keeps no activations for a backward pass through the
  frozen encoder: one layer's working set at a time.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tutor.sim.catalogue import ModelSpec, block_linears

# --- Parameters --------------------------------------------------------------------------------

# NF4 with double quantisation (QLoRA paper §3; bitsandbytes' defaults for bnb_4bit_use_double_quant).
NF4_BITS = 4
NF4_BLOCK = 64  # weights per first-level block, each with one absmax
NF4_ABSMAX_BITS = 8  # double quantisation: the absmaxes in fp8
NF4_BLOCK2 = 256  # absmaxes per second-level block
NF4_ABSMAX2_BITS = 32  # one fp32 constant per second-level block

EIGHT_BIT_OPTIMIZERS = ("adamw-8bit", "paged-adamw-8bit")


def bytes_per_weight(precision: str) -> int:
    """Bytes of one weight (and of one gradient): 4 in fp32, 2 in fp16/bf16."""
    return 4 if precision == "fp32" else 2


def nf4_bits_per_param(double_quant: bool = True) -> float:
    """Bits per weight in NF4: 4 + 8/64 + 32/(64·256) with double quantisation, 4 + 32/64 without."""
    if not double_quant:
        return NF4_BITS + NF4_ABSMAX2_BITS / NF4_BLOCK
    return NF4_BITS + NF4_ABSMAX_BITS / NF4_BLOCK + NF4_ABSMAX2_BITS / (NF4_BLOCK * NF4_BLOCK2)


def nf4_bytes(count: int) -> int:
    """Bytes of `count` weights in NF4 with double quantisation (blocks rounded up)."""
    blocks = math.ceil(count / NF4_BLOCK)
    blocks2 = math.ceil(blocks / NF4_BLOCK2)
    return math.ceil(count * NF4_BITS / 8) + blocks * NF4_ABSMAX_BITS // 8 + blocks2 * NF4_ABSMAX2_BITS // 8


def optimizer_bytes_per_param(precision: str, optimizer: str = "adamw") -> int:
    """Optimizer bytes per trained parameter: AdamW states (8 B, or 2 B in 8 bits) + the fp32
    master copy (4 B) in mixed precision."""
    states = 2 if optimizer in EIGHT_BIT_OPTIMIZERS else 8
    return states + (0 if precision == "fp32" else 4)


def parameter_memory(
    trainable: int, frozen: int, precision: str, optimizer: str = "adamw", quantised: int = 0
) -> tuple[int, int, int]:
    """(weights, gradients, optimizer) bytes; `quantised` of the frozen weights are stored in NF4.

    16 B per trained parameter with AdamW, 10 B with 8-bit AdamW.
    """
    width = bytes_per_weight(precision)
    plain = trainable + frozen - quantised
    weights = plain * width + (nf4_bytes(quantised) if quantised else 0)
    return weights, trainable * width, trainable * optimizer_bytes_per_param(precision, optimizer)


# --- Polynomials in the model's symbols (the stated formula and its value come from one source) ---

Mono = tuple[str, ...]
Poly = dict[Mono, int]

# Printing order of the symbols (the formula reads L·s·b·(…)).
_ORDER = ("L", "Ld", "s", "b", "h", "a", "k", "d", "I", "V", "r", "m")


def _p(coef: int, *symbols: str) -> Poly:
    return {tuple(sorted(symbols, key=_ORDER.index)): coef} if coef else {}


def _add(*polys: Poly) -> Poly:
    total: Poly = {}
    for poly in polys:
        for mono, coef in poly.items():
            total[mono] = total.get(mono, 0) + coef
    return {mono: coef for mono, coef in total.items() if coef}


def _times(poly: Poly, *symbols: str, coef: int = 1) -> Poly:
    return {tuple(sorted((*mono, *symbols), key=_ORDER.index)): c * coef for mono, c in poly.items()}


def _value(poly: Poly, values: Mapping[str, int]) -> int:
    return sum(coef * math.prod(values[s] for s in mono) for mono, coef in poly.items())


# Order of the symbols inside a term (a·s, a·d, k·d) and of the terms (h first, then I, …).
_INNER = ("h", "I", "a", "k", "d", "s", "b", "V", "r", "m", "L", "Ld")


def _mono_text(mono: Iterable[str], names: Mapping[str, str], order: tuple[str, ...] = _ORDER) -> str:
    symbols = sorted(mono, key=order.index)
    parts = []
    for symbol in dict.fromkeys(symbols):
        power = symbols.count(symbol)
        parts.append(names.get(symbol, symbol) + ("²" if power == 2 else "³" if power == 3 else ""))
    return "·".join(parts)


def _poly_text(poly: Poly, names: Mapping[str, str]) -> str:
    """`poly` with the symbols every term shares factored out: L·s·b·(34·h + 5·a·s)."""
    if not poly:
        return "0"
    if any("b" in mono for mono in poly) and not all("b" in mono for mono in poly):
        with_b = {mono: coef for mono, coef in poly.items() if "b" in mono}
        without = {mono: coef for mono, coef in poly.items() if "b" not in mono}
        return f"{_poly_text(with_b, names)} + {_poly_text(without, names)}"
    common = Counter(next(iter(poly)))
    for mono in poly:
        common &= Counter(mono)
    inner = [(tuple((Counter(mono) - common).elements()), coef) for mono, coef in poly.items()]
    inner.sort(key=lambda item: ([_INNER.index(s) for s in sorted(item[0], key=_INNER.index)] or [99], -len(item[0])))
    terms = []
    for rest, coef in inner:
        body = _mono_text(rest, names, _INNER)
        magnitude = abs(coef)
        text = body if magnitude == 1 and body else f"{magnitude}·{body}" if body else str(magnitude)
        terms.append(("− " if coef < 0 else "+ ") + text)
    joined = " ".join(terms)
    joined = joined[2:] if joined.startswith("+ ") else "−" + joined[2:]
    head = _mono_text(common.elements(), names)
    if len(inner) == 1:
        (rest, coef), = inner
        body = "·".join(part for part in (str(abs(coef)) if abs(coef) != 1 else "", head,
                                           _mono_text(rest, names, _INNER)) if part)
        return ("−" if coef < 0 else "") + (body or "1")
    return f"{head}·({joined})" if head else joined


# --- Which tensors exist: roles of the Linear layers ---------------------------------------

# The input each Linear keeps (when its weight trains): the attention input (q, k, v), the attention
# output (o), the FFN input (first matrices) and the FFN hidden state (last matrix). In a decoder's
# cross-attention, k and v read the encoder output instead.
_QKV = {"query", "key", "value", "query_proj", "key_proj", "value_proj", "q_lin", "k_lin", "v_lin", "Wqkv",
        "c_attn", "qkv_proj", "q_proj", "k_proj", "v_proj", "q", "k", "v"}
_KV = {"key", "value", "key_proj", "value_proj", "k_lin", "v_lin", "k_proj", "v_proj", "k", "v"}
_OUT = {"out_lin", "o_proj", "out_proj", "o"}
_FFN_IN = {"lin1", "c_fc", "fc_in", "fc1", "gate_proj", "up_proj", "wi", "wi_0", "wi_1", "Wi"}
_FFN_OUT = {"lin2", "fc_out", "fc2", "down_proj", "wo"}
ROLES = ("qkv", "out", "ffn_in", "ffn_out", "cross_kv")

KORTHIKANTI_ARCHS = ("bert", "roberta", "distilbert", "deberta-v2", "gpt2", "codegen", "opt")
GELU_NEW_ARCHS = ("gpt2", "codegen")  # transformers' NewGELUActivation: four 4h-wide tensors kept
ALL_LINEAR = "all-linear"
TRL_TOKEN_TILE = 4096  # trl.kernels.chunked_logprob.TOKEN_CHUNK_SIZE
TRL_VOCAB_TILE = 32768  # trl.trainer.utils._CHUNKED_LOGPROB_CHUNK_SIZE


def _role(name: str, d_in: int, d_out: int, spec: ModelSpec) -> str:
    if name in _QKV:
        return "qkv"
    if name in _OUT:
        return "out"
    if name in _FFN_IN:
        return "ffn_in"
    if name in _FFN_OUT:
        return "ffn_out"
    # Names that cover several Linears (BERT `dense`, GPT-2 `c_proj`, ModernBERT `Wo`): by shape.
    if d_in == spec.ffn:
        return "ffn_out"
    return "ffn_in" if d_out in (spec.ffn, 2 * spec.ffn) else "out"


@dataclass(frozen=True)
class Training:
    """What trains, as far as activations are concerned."""

    roles: frozenset[str]  # Linear inputs kept (their weights train)
    norms: bool  # norm weights train (RMSNorm then keeps its normalised tensor)
    embeddings: bool  # the embeddings train (so the first layer's input needs a gradient)
    lora_modules: int  # adapted Linear layers in the whole model (each keeps an r-wide A output)
    lora_inputs: int  # Σ d_in over the adapted Linears (LoRA dropout keeps a copy and a mask of x)
    adapters: int  # Houlsby adapters in the whole model


def training_of(
    spec: ModelSpec, strategy: str, targets: Iterable[str] | None = None, default_targets: Iterable[str] = (),
    lora_dropout: float = 0.0,
) -> Training:
    """The roles whose Linear inputs are kept under `strategy` (full: all of them).

    With LoRA dropout, each LoRA A keeps its own dropped copy of x (and the mask) instead of x, so
    no Linear input is kept for LoRA's sake.
    """
    if strategy in ("full", "freeze"):
        return Training(frozenset(ROLES), True, True, 0, 0, 0)
    if strategy in ("lora", "qlora"):
        chosen = set(default_targets if targets is None else targets)
        every = ALL_LINEAR in chosen
        roles: set[str] = set()
        modules = inputs = 0
        for linear in block_linears(spec):
            if every or linear.name in chosen:
                modules += linear.repeats
                inputs += linear.repeats * linear.d_in
                roles.add(_role(linear.name, linear.d_in, linear.d_out, spec))
                if spec.is_seq2seq and linear.name in _KV:
                    roles.add("cross_kv")
        return Training(frozenset() if lora_dropout > 0 else frozenset(roles), False, False, modules, inputs, 0)
    adapters = 2 * (spec.layers + spec.decoder_layers) if strategy == "adapters" else 0
    return Training(frozenset(), False, False, 0, 0, adapters)  # BitFit, adapters: frozen weights


# --- Activations ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Activations:
    """Activation bytes, the bytes of one layer, and the formula they come from (plain text)."""

    total: int
    per_layer: int
    formula: str


def _on(flag: bool, poly: Poly) -> Poly:
    return poly if flag else {}


def _korthikanti_layer(spec: ModelSpec, w: int, train: Training) -> Poly:
    """Korthikanti's s·b·(34·h + 5·a·s) in 16-bit (doubled in fp32), minus frozen Linear inputs."""
    roles = train.roles
    c = 34 + (24 if spec.arch in GELU_NEW_ARCHS else 0)
    c -= 2 * ("qkv" not in roles) + 2 * ("out" not in roles) + 2 * ("ffn_in" not in roles)
    c -= 8 * ("ffn_out" not in roles)
    scale = w // 2
    return _add(_p(c * scale, "s", "b", "h"), _p(5 * scale, "a", "s", "s", "b"))


def _rms_norm(w: int, train: Training) -> Poly:
    """transformers' Llama RMSNorm: its input in fp32 (4 B), 4 B per token, the normalised tensor
    when the weight trains."""
    return _add(_p(4, "s", "b", "h"), _p(4, "s", "b"), _on(train.norms, _p(w, "s", "b", "h")))


def _t5_norm(w: int, train: Training) -> Poly:
    """T5's RMSNorm: its input, an fp32 copy in 16-bit, 4 B per token, the normalised tensor."""
    return _add(_p(w + (4 if w < 4 else 0), "s", "b", "h"), _p(4, "s", "b"), _on(train.norms, _p(w, "s", "b", "h")))


def _layer_norm(w: int) -> Poly:
    """A native LayerNorm: its input, and the fp32 mean and 1/std of each token."""
    return _add(_p(w, "s", "b", "h"), _p(8, "s", "b"))


def _sdpa(w: int, kv: str) -> Poly:
    """SDPA's flash/memory-efficient kernels: q, k, v, the output and the fp32 log-sum-exp."""
    return _add(_p(2 * w, "s", "b", "a", "d"), _p(2 * w, "s", "b", kv, "d"), _p(4, "a", "s", "b"))


def _eager(w: int, train: Training, dropout: bool, fp32_softmax: bool) -> Poly:
    """Eager attention (repeat_kv to all heads): q, k, v, the s² probabilities, the output if o trains."""
    s2 = (4 + (w if w < 4 else 0)) if fp32_softmax else w
    if dropout:
        s2 += 1 + w  # the mask and the dropped probabilities the second matmul keeps
    return _add(_p(3 * w, "s", "b", "a", "d"), _p(s2, "a", "s", "s", "b"),
                _on("out" in train.roles, _p(w, "s", "b", "a", "d")))


def _llama_layer(spec: ModelSpec, w: int, train: Training, attention: str) -> Poly:
    roles = train.roles
    norm = _layer_norm(w) if spec.arch == "modernbert" else _rms_norm(w, train)
    attn = _sdpa(w, "a" if spec.arch == "modernbert" else "k") if attention == "sdpa" else \
        _eager(w, train, dropout=False, fp32_softmax=True)
    return _add(
        norm, norm,
        _on("qkv" in roles, _p(w, "s", "b", "h")), attn,
        _on("ffn_in" in roles, _p(w, "s", "b", "h")),
        _p(3 * w, "s", "b", "I"),  # gate (activation input), activation output, up
        _on("ffn_out" in roles, _p(w, "s", "b", "I")),
    )


def _seq2seq_ffn(spec: ModelSpec, w: int, train: Training) -> Poly:
    roles = train.roles
    ffn = _on("ffn_in" in roles, _p(w, "s", "b", "h"))
    if spec.arch == "t5":
        kept = 6 if spec.gated_ffn else 1  # gelu_new keeps 4 tensors, the gate's product 2 more; ReLU 1
        ffn = _add(ffn, _p(kept * w + 1, "s", "b", "I"), _on("ffn_out" in roles, _p(w, "s", "b", "I")))
    else:  # BART: GELU keeps its input; no activation dropout
        ffn = _add(ffn, _p(w, "s", "b", "I"), _on("ffn_out" in roles, _p(w, "s", "b", "I")))
    return _add(ffn, _p(1, "s", "b", "h"))  # the output dropout mask


def _seq2seq_attention(spec: ModelSpec, w: int, train: Training) -> Poly:
    """Self- or cross-attention: in cross-attention k and v read the encoder output (see `_outside`)."""
    roles = train.roles
    query_input = _on("qkv" in roles, _p(w, "s", "b", "h"))  # q's input (and k's, v's in self-attention)
    if spec.arch == "t5":  # transformers 5's T5 takes the softmax in the compute dtype
        attn = _eager(w, train, dropout=True, fp32_softmax=False)
    else:
        attn = _sdpa(w, "a")
    return _add(query_input, attn, _p(1, "s", "b", "h"))  # + the output dropout mask


def _seq2seq_norm(spec: ModelSpec, w: int, train: Training) -> Poly:
    return _t5_norm(w, train) if spec.arch == "t5" else _layer_norm(w)


def _seq2seq_layers(spec: ModelSpec, w: int, train: Training) -> tuple[Poly, Poly]:
    """(encoder layer, decoder layer) of an encoder-decoder."""
    norm = _seq2seq_norm(spec, w, train)
    encoder = _add(norm, _seq2seq_attention(spec, w, train), norm, _seq2seq_ffn(spec, w, train))
    decoder = _add(encoder, norm, _seq2seq_attention(spec, w, train))  # + cross-attention and its norm
    return encoder, decoder


def _adapter_terms(train: Training, w: int) -> Poly:
    """Houlsby adapters: the down projection's input (h), the activation's input and output (m)."""
    if not train.adapters:
        return {}
    return _add(_p(train.adapters * w, "s", "b", "h"), _p(2 * train.adapters * w, "s", "b", "m"))


def _lora_terms(train: Training, w: int, lora_dropout: float) -> tuple[Poly, int]:
    """LoRA's A outputs (r wide) in the whole model; with LoRA dropout, a dropped copy of each
    adapted input and its mask (a number: the widths differ by module)."""
    poly = _p(train.lora_modules * w, "s", "b", "r") if train.lora_modules else {}
    return poly, (train.lora_inputs * (w + 1) if lora_dropout > 0 else 0)


@dataclass(frozen=True)
class Shape:
    """The sizes a formula is evaluated with."""

    seq_len: int
    batch: int
    lora_r: int = 8
    adapter_size: int = 64


def _values(spec: ModelSpec, shape: Shape, batch: int) -> dict[str, int]:
    return {
        "L": spec.layers, "Ld": spec.decoder_layers, "s": shape.seq_len, "b": batch, "h": spec.hidden,
        "a": spec.heads, "k": spec.key_value_heads, "d": spec.attention_head_dim, "I": spec.ffn,
        "V": spec.vocab, "r": shape.lora_r, "m": shape.adapter_size,
    }


def _layer_poly(spec: ModelSpec, w: int, train: Training, attention: str) -> tuple[Poly, Poly]:
    """(layer of the first stack, decoder layer of an encoder-decoder or {})."""
    if spec.arch in KORTHIKANTI_ARCHS:
        return _korthikanti_layer(spec, w, train), {}
    if spec.is_seq2seq:
        return _seq2seq_layers(spec, w, train)
    return _llama_layer(spec, w, train, attention), {}


def _outside(spec: ModelSpec, w: int, train: Training, task: str) -> Poly:
    """Tensors outside the layers: final norms, the first norm a frozen embedding spares, the LM
    head's input and the logits (the TRL tile is added apart: it is not a polynomial)."""
    full = train.embeddings
    if spec.is_encoder:
        if spec.arch != "modernbert":
            return {}  # Korthikanti's layers only: the embedding LayerNorm and the small head are left out
        # ModernBERT: embedding LayerNorm and final LayerNorm, but layer 0 has no attention norm.
        return _layer_norm(w) if full else {}
    if spec.is_seq2seq:
        norm = _seq2seq_norm(spec, w, train)
        terms = [_on("cross_kv" in train.roles, _p(w, "s", "b", "h")),  # the encoder output k and v read
                 _on(full, _p(w, "s", "b", "h")),  # the LM head's input
                 _p(2 * w, "s", "b", "V")]  # logits and their log-softmax, in w
        if spec.arch == "t5":
            terms += [norm, norm, _p(2, "s", "b", "h")]  # final norms and their dropout masks
            # Trained embeddings: their dropout masks; frozen ones: each stack's first norm keeps nothing.
            terms.append(_p(2, "s", "b", "h") if full else _times(_t5_norm(w, train), coef=-2))
            if full:
                terms.append(_p(16, "s", "s"))  # the relative position buckets (int64), one s² per stack
        else:
            if spec.arch == "mbart":
                terms += [norm, norm]  # final LayerNorms of both stacks
            if full:
                embedding_norms = 0 if spec.arch == "marian" else 2  # layernorm_embedding
                terms += [_times(_layer_norm(w), coef=embedding_norms), _p(2, "s", "b", "h")]  # + dropout masks
        return _add(*terms)
    # Decoders.
    if spec.arch in KORTHIKANTI_ARCHS:
        final = _layer_norm(w)
    else:
        final = _rms_norm(w, train)
        if not full:
            final = _add(final, _times(_rms_norm(w, train), coef=-1))  # layer 0's first norm keeps nothing
    if task in ("sft", "dpo"):  # TRL's fused LM head keeps a copy of its input and 2 fp32 per token
        head = _add(_p(w, "s", "b", "h"), _p(8, "s", "b"))
    else:
        head = _add(_on(full, _p(w, "s", "b", "h")), _p(w + 4, "s", "b", "V"))
    return _add(final, head)


def trl_tile_bytes(tokens: int, vocab: int, w: int) -> int:
    """The fused LM head's working tile: min(tokens, 4096) × min(V, 32768) logits in w."""
    return min(tokens, TRL_TOKEN_TILE) * min(vocab, TRL_VOCAB_TILE) * w


@dataclass(frozen=True)
class _Formula:
    """The symbolic side of an activation estimate: the polynomials and their text.

    It depends on the model, the element width, what trains and the task, never on the sizes
    (s, b, r, m), so `_formula` builds it once per combination; the polynomials are read only.
    """

    layer: Poly  # one layer of the first stack, as trained
    one_layer: Poly  # one layer's forward-only working set (feature extraction, DPO's reference)
    groups: tuple[Poly, ...]  # the summed groups: stacks, LoRA/adapters, outside the layers
    dropout_bytes: int  # LoRA dropout's copies and masks, bytes per token (not a polynomial)
    text: str  # the formula as the report prints it


@functools.lru_cache(maxsize=4096)
def _formula(
    spec: ModelSpec, w: int, strategy: str, task: str, checkpointing: bool, targets: tuple[str, ...] | None,
    default_targets: tuple[str, ...], lora_dropout: bool, attention: str,
) -> _Formula:
    """The polynomials of `activations` and their text (the text cost most of an estimate: cached)."""
    train = training_of(spec, strategy, targets, default_targets, float(lora_dropout))
    full_train = training_of(spec, "full")
    dpo = task == "dpo"
    names = {"b": "2b"} if dpo else {}
    layer, decoder_layer = _layer_poly(spec, w, train, attention)
    one_layer = _layer_poly(spec, w, full_train, attention)[0]  # a forward-only working set
    if strategy == "freeze":
        return _Formula(layer, one_layer, (one_layer,), 0, _poly_text(one_layer, names))
    lora, dropout_bytes = _lora_terms(train, w, float(lora_dropout))  # only "> 0" matters
    extras = _add(lora, _adapter_terms(train, w))
    if checkpointing:
        inputs = _add(_p(w, "L", "s", "b", "h"), _on(bool(decoder_layer), _p(w, "Ld", "s", "b", "h")))
        stacks = [inputs, decoder_layer or layer]  # each layer's input, the layer being recomputed
        depth = spec.layers + spec.decoder_layers
        extras = {mono: coef // depth or 1 for mono, coef in extras.items()}  # one layer's LoRA/adapters
        dropout_bytes //= depth
    else:
        stacks = [_times(layer, "L"), _times(decoder_layer, "Ld")]
    groups = tuple(group for group in (*stacks, extras, _outside(spec, w, train, task)) if group)
    parts = [_poly_text(group, names) for group in groups]
    if dropout_bytes:
        parts.append(f"{dropout_bytes}·s·{names.get('b', 'b')}")
    if task in ("sft", "dpo") and spec.is_decoder:
        if dpo:  # the reference forward, after the policy's: its working set or the tile, the larger
            parts.append(f"max(min(s·2b, {TRL_TOKEN_TILE})·min(V, {TRL_VOCAB_TILE})·{w}, "
                         f"{_poly_text(one_layer, names)})")
        else:
            parts.append(f"min(s·b, {TRL_TOKEN_TILE})·min(V, {TRL_VOCAB_TILE})·{w}")
    return _Formula(layer, one_layer, groups, dropout_bytes, " + ".join(parts))


def activations(
    spec: ModelSpec,
    shape: Shape,
    precision: str,
    strategy: str = "full",
    task: str | None = None,
    *,
    checkpointing: bool = False,
    targets: Iterable[str] | None = None,
    default_targets: Iterable[str] = (),
    lora_dropout: float = 0.0,
    attention: str = "sdpa",
) -> Activations:
    """Activation bytes per GPU for one micro-batch, with the formula (rules in the module docstring).

    `attention` "eager" models transformers' eager attention for Llama-style models (the test tier
    compares both paths); the estimator uses "sdpa". The formula is built once per model, width,
    strategy, task, checkpointing and targets (`_formula`); only its value depends on the sizes.
    """
    w = bytes_per_weight(precision)
    task = task or spec.default_task
    formula = _formula(spec, w, strategy, task, bool(checkpointing), None if targets is None else tuple(targets),
                       tuple(default_targets), lora_dropout > 0, attention)
    batch = shape.batch * (2 if task == "dpo" else 1)  # chosen and rejected sequences
    values = _values(spec, shape, batch)
    per_layer = _value(formula.layer, values)
    if strategy == "freeze":
        return Activations(_value(formula.one_layer, values), per_layer, formula.text)
    total = sum(_value(group, values) for group in formula.groups) + formula.dropout_bytes * shape.seq_len * batch
    if task in ("sft", "dpo") and spec.is_decoder:
        tail = trl_tile_bytes(shape.seq_len * batch, spec.vocab, w)
        if task == "dpo":
            tail = max(tail, _value(formula.one_layer, values))
        total += tail
    return Activations(total, per_layer, formula.text)


def korthikanti_bytes_per_layer(seq_len: int, batch: int, hidden: int, heads: int, precision: str = "fp16") -> int:
    """Korthikanti et al.: s·b·h·(34 + 5·a·s/h) bytes per layer in 16-bit, twice that in fp32.

    Written as 34·s·b·h + 5·a·s²·b so it stays an exact integer.
    """
    sixteen_bit = 34 * seq_len * batch * hidden + 5 * heads * seq_len * seq_len * batch
    return sixteen_bit * (2 if precision == "fp32" else 1)
