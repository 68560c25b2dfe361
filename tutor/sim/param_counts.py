"""Parameter counts derived from a checkpoint's dimensions (re-exported by `tutor.sim.catalogue`).

Nothing here is typed in: every count follows from the dimensions in the catalogue (config.json)
with the formulas below, and tests/hf/test_param_counts.py checks each one against the
transformers model itself, built from a configuration with the same dimensions.

Notation: V vocab, P max positions, T token types, h hidden, I FFN width, L layers (encoder
layers for encoder-decoders), Ld decoder layers, a heads, g key/value heads, d head width,
q = a·d and kv = g·d (query and key/value widths), k labels. A Linear d_in→d_out with bias has
d_in·d_out + d_out parameters; a LayerNorm has 2h (weight and bias), an RMSNorm h (weight only).

What `base_params` counts — the checkpoint as published, as `model.num_parameters()` gives it:
- encoders: `AutoModel` (the backbone without its masked-LM head; BERT and RoBERTa keep their
  pooler, which is in the checkpoint);
- decoders: `AutoModelForCausalLM` (backbone + LM head; a tied head adds nothing);
- encoder-decoders: `AutoModelForSeq2SeqLM` (`…ForConditionalGeneration`: both stacks + LM head).
Task models add `head_params` and leave out `dropped_params` (a pooler they do not use).

Encoders
- BERT, RoBERTa/CamemBERT/XLM-R, DistilBERT: embeddings V·h + P·h + T·h + 2h; per layer
  4(h²+h) + 2h + (h·I+I) + (I·h+h) + 2h; pooler h²+h (BERT and RoBERTa only).
- DeBERTa-v3 (`deberta-v2`): no absolute positions (position_biased_input false), no token types:
  V·h + 2h; the BERT layer above; relative position embeddings 2·B·h (B = position_buckets = 256)
  with their LayerNorm 2h. No pooler in the checkpoint: the classifier's ContextPooler is new.
- ModernBERT: no bias anywhere (attention_bias, mlp_bias, norm_bias false), LayerNorms without
  bias (h), rotary positions (no parameters): V·h + h + L·(h·3h + h·h + h·2I + I·h + 2h) − h
  (the first layer has no attention norm) + h (final norm). Wi is h→2I: GeGLU's gate and value.
Decoders
- GPT-2: V·h + P·h + L·(4h² + 2h·I + 9h + I) + 2h, i.e. L·(12h² + 13h) when I = 4h; tied head.
- CodeGen: V·h + L·(2h + 3h² + h² + h·I + I + I·h + h) + 2h + (h·V + V): rotary positions, one
  LayerNorm per block (attention and MLP in parallel), q/k/v and out projections without bias,
  an untied LM head with bias.
- OPT: V·h + (P+2)·h (learned positions offset by 2) + L·(BERT layer) + 2h; tied head.
- Llama, Mistral, Qwen2: V·h + L·(h·q + 2·h·kv + q·h + 3·h·I + 2h) + h (+ V·h if untied):
  grouped-query attention (kv = g·d), SwiGLU (gate, up, down: three matrices), RMSNorms, rotary
  positions. Qwen2 adds q/k/v biases, q + 2·kv per layer.
Encoder-decoders
- T5 (t5, mt5): shared V·h; encoder L·(4·h·q + h + f + h) + a·32 + h, where f = 2·h·I
  (ReLU) or 3·h·I (gated-GELU: wi_0, wi_1, wo), no biases, RMSNorms, and one relative-position
  table of 32 buckets × a heads in the first layer's self-attention; decoder
  Ld·(4·h·q + h + 4·h·q + h + f + h) + a·32 + h (cross-attention has no position table);
  + V·h for an untied LM head (flan-t5, mt5: tie_word_embeddings false in config.json and the
  checkpoint stores lm_head.weight; transformers 5 builds T5 tied from a configuration, but
  `from_pretrained` unties two stored matrices that differ).
- BART: shared V·h; each stack has learned positions (P+2)·h (offset 2) and layernorm_embedding
  2h; encoder layer 4(h²+h) + 2h + (h·I+I) + (I·h+h) + 2h; decoder layer adds cross-attention
  4(h²+h) + 2h; tied head (final_logits_bias is a buffer, not a parameter).
- mBART (BARThez): BART plus a final LayerNorm after each stack (2·2h).
- Marian (opus-mt): shared V·h; sinusoidal positions P·h in each stack, no layernorm_embedding,
  no final norm; BART's layers; tied head. The sinusoidal tables are fixed (requires_grad false)
  but they are nn.Parameters, so `model.num_parameters()` counts them, and so do we (a figure
  that leaves them out is 2·P·h lower).

Task heads (`head_params`): seq-cls BERT h·k + k (on the pooler); RoBERTa, DistilBERT and DeBERTa
h² + h + h·k + k (a dense layer — RobertaClassificationHead, pre_classifier, ContextPooler — then
the classifier); ModernBERT h² + h + h·k + k (ModernBertPredictionHead: dense without bias and a
LayerNorm without bias, then the classifier) for every task, qa included (k = 2). token-cls h·k + k,
qa 2h + 2. Decoders (causal-lm, sft, dpo) and encoder-decoders (seq2seq) add no head.

`quantisable_params`: the weights of the Linear layers inside the transformer blocks (GPT-2's
Conv1D included), the part bitsandbytes stores in 4 or 8 bits; embeddings, norms, biases, the
pooler, the LM head and task heads stay in 16 bits.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class Dimensions(Protocol):
    """What the counts read of a checkpoint: `tutor.sim.catalogue.ModelSpec` has all of it.

    A protocol rather than an import of the catalogue, which imports this module to re-export it.
    """

    @property
    def arch(self) -> str: ...

    @property
    def layers(self) -> int: ...

    @property
    def hidden(self) -> int: ...

    @property
    def heads(self) -> int: ...

    @property
    def ffn(self) -> int: ...

    @property
    def vocab(self) -> int: ...

    @property
    def max_positions(self) -> int: ...

    @property
    def type_vocab(self) -> int: ...

    @property
    def decoder_layers(self) -> int: ...

    @property
    def gated_ffn(self) -> bool: ...

    @property
    def qkv_bias(self) -> bool: ...

    @property
    def tied(self) -> bool: ...

    @property
    def is_encoder(self) -> bool: ...

    @property
    def is_seq2seq(self) -> bool: ...

    @property
    def key_value_heads(self) -> int: ...

    @property
    def attention_head_dim(self) -> int: ...


DEBERTA_POSITION_BUCKETS = 256  # config.json "position_buckets" of DeBERTa-v3
T5_RELATIVE_BUCKETS = 32  # config.json "relative_attention_num_buckets" of T5, mT5, Flan-T5

BERT_LIKE = ("bert", "roberta", "distilbert", "deberta-v2")
LLAMA_LIKE = ("llama", "qwen2", "mistral")
BART_LIKE = ("bart", "mbart", "marian")


class Linear(NamedTuple):
    """Linear layers of one kind inside the blocks: PEFT's module name, shape, and how many (repeats)."""

    name: str
    d_in: int
    d_out: int
    repeats: int


def _linear(d_in: int, d_out: int, bias: bool = True) -> int:
    return d_in * d_out + (d_out if bias else 0)


def _widths(spec: Dimensions) -> tuple[int, int]:
    """(query width a·d, key/value width g·d)."""
    d = spec.attention_head_dim
    return spec.heads * d, spec.key_value_heads * d


def _bert_layer(h: int, i: int) -> int:
    return 4 * _linear(h, h) + 2 * h + _linear(h, i) + _linear(i, h) + 2 * h


def _t5_ffn(spec: Dimensions) -> int:
    return (3 if spec.gated_ffn else 2) * spec.hidden * spec.ffn


def embedding_params(spec: Dimensions) -> int:
    """Input embeddings: word (shared by both stacks of an encoder-decoder), positions, token types,
    and the embedding norms."""
    h, v = spec.hidden, spec.vocab
    if spec.arch == "deberta-v2":
        return v * h + 2 * h
    if spec.arch == "modernbert":
        return v * h + h
    if spec.is_encoder:
        return v * h + spec.max_positions * h + spec.type_vocab * h + 2 * h
    if spec.arch == "gpt2":
        return v * h + spec.max_positions * h
    if spec.arch == "opt":
        return v * h + (spec.max_positions + 2) * h
    if spec.arch in ("bart", "mbart"):
        return v * h + 2 * ((spec.max_positions + 2) * h + 2 * h)  # per stack: positions, layernorm_embedding
    if spec.arch == "marian":
        return v * h + 2 * spec.max_positions * h  # sinusoidal, counted as num_parameters() does
    return v * h  # codegen, llama, qwen2, mistral, t5: rotary or relative positions


def layer_params(spec: Dimensions) -> int:
    """One transformer layer (an encoder layer for encoder-decoders)."""
    h, i = spec.hidden, spec.ffn
    q, kv = _widths(spec)
    if spec.arch in BERT_LIKE or spec.arch in ("opt", *BART_LIKE):
        return _bert_layer(h, i)
    if spec.arch == "modernbert":
        return h * 3 * h + h * h + h * 2 * i + i * h + 2 * h
    if spec.arch == "gpt2":
        return 2 * h + _linear(h, 3 * h) + _linear(h, h) + 2 * h + _linear(h, i) + _linear(i, h)
    if spec.arch == "codegen":
        return 2 * h + 3 * h * h + h * h + _linear(h, i) + _linear(i, h)
    if spec.arch in LLAMA_LIKE:
        attention = h * q + 2 * h * kv + q * h + ((q + 2 * kv) if spec.qkv_bias else 0)
        return attention + 3 * h * i + 2 * h
    if spec.arch == "t5":
        return 4 * h * q + h + _t5_ffn(spec) + h
    raise ValueError(spec.arch)


def decoder_layer_params(spec: Dimensions) -> int:
    """One decoder layer of an encoder-decoder: self-attention, cross-attention, FFN (0 otherwise)."""
    if not spec.is_seq2seq:
        return 0
    h = spec.hidden
    q, _ = _widths(spec)
    if spec.arch == "t5":
        return layer_params(spec) + 4 * h * q + h
    return layer_params(spec) + 4 * _linear(h, h) + 2 * h


def pooler_params(spec: Dimensions) -> int:
    """Parameters of the pooler (dense h→h on [CLS]); 0 for models without one."""
    return spec.hidden * spec.hidden + spec.hidden if spec.arch in ("bert", "roberta") else 0


def final_params(spec: Dimensions) -> int:
    """What the repeated layers and embeddings leave out: final norms, DeBERTa's relative embeddings,
    T5's relative-position tables, and an untied LM head."""
    h, v = spec.hidden, spec.vocab
    arch = spec.arch
    if arch == "deberta-v2":
        return 2 * DEBERTA_POSITION_BUCKETS * h + 2 * h  # relative embeddings and their LayerNorm
    if spec.is_encoder:  # ModernBERT: its final norm (h) offsets the first layer's missing attention norm
        return 0
    if arch == "codegen":
        return 2 * h + _linear(h, v)
    if arch in LLAMA_LIKE:
        return h + (0 if spec.tied else v * h)
    if arch == "t5":
        tables = 2 * T5_RELATIVE_BUCKETS * spec.heads  # first layer of each stack
        return tables + 2 * h + (0 if spec.tied else v * h)
    if arch == "mbart":
        return 2 * 2 * h
    if arch in ("bart", "marian"):
        return 0
    return 2 * h  # gpt2, opt: final LayerNorm


def base_params(spec: Dimensions) -> int:
    """The checkpoint as published (see the module docstring for which class that is)."""
    return (
        embedding_params(spec)
        + spec.layers * layer_params(spec)
        + spec.decoder_layers * decoder_layer_params(spec)
        + pooler_params(spec)
        + final_params(spec)
    )


def fixed_params(spec: Dimensions) -> int:
    """Parameters no strategy trains (requires_grad false): Marian's sinusoidal position tables."""
    return 2 * spec.max_positions * spec.hidden if spec.arch == "marian" else 0


def keeps_pooler(spec: Dimensions, task: str) -> bool:
    """Whether the HF task model keeps the pooler: only BertForSequenceClassification does."""
    return spec.arch == "bert" and task == "seq-cls"


def dropped_params(spec: Dimensions, task: str) -> int:
    """Base parameters the task model does not load (the pooler, when it is dropped)."""
    return 0 if keeps_pooler(spec, task) else pooler_params(spec)


def head_params(spec: Dimensions, task: str, num_labels: int) -> int:
    """Parameters of the task head HF adds on top of the base model (module docstring)."""
    h, k = spec.hidden, num_labels
    if not spec.is_encoder:
        return 0  # decoders and encoder-decoders train their LM head, already in the base
    if spec.arch == "modernbert":
        return h * h + h + h * (2 if task == "qa" else k) + (2 if task == "qa" else k)
    if task == "qa":
        return h * 2 + 2
    if task == "token-cls" or spec.arch == "bert":
        return h * k + k
    return h * h + h + h * k + k


def bias_params(spec: Dimensions, task: str) -> int:
    """Bias parameters of the base model as the task model uses it (what BitFit unfreezes).

    Counts every bias, LayerNorm biases included, as BitFit does (BERT-base: 102,912). Llama,
    Mistral, T5 and ModernBERT have none; Qwen2 only its q/k/v biases.
    """
    h, i = spec.hidden, spec.ffn
    arch = spec.arch
    q, kv = _widths(spec)
    if arch in ("modernbert", "t5", "llama", "mistral"):
        return 0
    if arch == "qwen2":
        return spec.layers * (q + 2 * kv) if spec.qkv_bias else 0
    if arch == "codegen":
        per_layer = h + i + h  # ln_1, fc_in, fc_out: qkv/out projections have no bias
        return spec.layers * per_layer + h + spec.vocab  # ln_f, lm_head
    per_layer = 4 * h + h + i + h + h  # attention q,k,v,o + LayerNorm + FFN in/out + LayerNorm
    if arch in BART_LIKE:
        decoder = per_layer + 4 * h + h  # cross-attention and its LayerNorm
        norms = {"bart": 2 * h, "mbart": 4 * h, "marian": 0}[arch]  # layernorm_embedding, final norms
        return spec.layers * per_layer + spec.decoder_layers * decoder + norms
    outside = h  # the embedding LayerNorm (encoders) or the final LayerNorm (decoders)
    if arch == "deberta-v2":
        outside += h  # the relative embeddings' LayerNorm
    if keeps_pooler(spec, task):
        outside += h
    return spec.layers * per_layer + outside


def block_linears(spec: Dimensions) -> list[Linear]:
    """Every Linear layer inside the blocks, by PEFT module name, with its shape and count.

    PEFT matches a name against the end of each module path, so one name can cover several
    shapes (BERT `dense`, GPT-2 `c_proj`, ModernBERT `Wo`). Encoder-decoders list the encoder's
    self-attention, then the decoder's self- and cross-attention under the same names.
    """
    h, i, n = spec.hidden, spec.ffn, spec.layers
    q, kv = _widths(spec)
    arch = spec.arch
    if arch in ("bert", "roberta"):
        return [Linear("query", h, h, n), Linear("key", h, h, n), Linear("value", h, h, n),
                Linear("dense", h, h, n), Linear("dense", h, i, n), Linear("dense", i, h, n)]
    if arch == "deberta-v2":
        return [Linear("query_proj", h, h, n), Linear("key_proj", h, h, n), Linear("value_proj", h, h, n),
                Linear("dense", h, h, n), Linear("dense", h, i, n), Linear("dense", i, h, n)]
    if arch == "distilbert":
        return [Linear("q_lin", h, h, n), Linear("k_lin", h, h, n), Linear("v_lin", h, h, n),
                Linear("out_lin", h, h, n), Linear("lin1", h, i, n), Linear("lin2", i, h, n)]
    if arch == "modernbert":
        return [Linear("Wqkv", h, 3 * h, n), Linear("Wo", h, h, n), Linear("Wi", h, 2 * i, n), Linear("Wo", i, h, n)]
    if arch == "gpt2":
        return [Linear("c_attn", h, 3 * h, n), Linear("c_proj", h, h, n), Linear("c_fc", h, i, n),
                Linear("c_proj", i, h, n)]
    if arch == "codegen":
        return [Linear("qkv_proj", h, 3 * h, n), Linear("out_proj", h, h, n), Linear("fc_in", h, i, n),
                Linear("fc_out", i, h, n)]
    if arch == "opt":
        return [Linear("q_proj", h, h, n), Linear("k_proj", h, h, n), Linear("v_proj", h, h, n),
                Linear("out_proj", h, h, n), Linear("fc1", h, i, n), Linear("fc2", i, h, n)]
    if arch in LLAMA_LIKE:
        return [Linear("q_proj", h, q, n), Linear("k_proj", h, kv, n), Linear("v_proj", h, kv, n),
                Linear("o_proj", q, h, n), Linear("gate_proj", h, i, n), Linear("up_proj", h, i, n),
                Linear("down_proj", i, h, n)]
    attention_blocks = n + 2 * spec.decoder_layers  # encoder self, decoder self and cross
    ffn_blocks = n + spec.decoder_layers
    if arch == "t5":
        ffn_in = ["wi_0", "wi_1"] if spec.gated_ffn else ["wi"]
        return [*(Linear(name, h, q, attention_blocks) for name in ("q", "k", "v")),
                Linear("o", q, h, attention_blocks),
                *(Linear(name, h, i, ffn_blocks) for name in ffn_in), Linear("wo", i, h, ffn_blocks)]
    return [*(Linear(name, h, h, attention_blocks) for name in ("q_proj", "k_proj", "v_proj", "out_proj")),
            Linear("fc1", h, i, ffn_blocks), Linear("fc2", i, h, ffn_blocks)]


def quantisable_params(spec: Dimensions) -> int:
    """Weights of the Linear layers inside the blocks: what bitsandbytes stores in 4 or 8 bits."""
    return sum(layer.d_in * layer.d_out * layer.repeats for layer in block_linears(spec))
