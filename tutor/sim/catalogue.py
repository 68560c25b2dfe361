"""Model and GPU catalogue: dimensions, parameter counts derived from them, task heads.

Parameter counts are computed from the dimensions with the formulas below (never typed in);
tests check them against the published values (docs/REFERENCE.md section 1).

- BERT-style encoders (bert, roberta/camembert, distilbert):
  embeddings V·h + P·h + T·h + 2h (word, position, token-type, LayerNorm);
  per layer 4(h²+h) + 2h + (h·I+I) + (I·h+h) + 2h; pooler h²+h (bert and roberta only).
- GPT-2: V·h + P·h + L·(4h² + 2h·I + 9h + I) + 2h, which is L·(12h² + 13h) when I = 4h;
  the LM head is tied to the word embeddings, so it adds nothing.
- CodeGen (HF `CodeGenForCausalLM`): V·h + L·(2h + 3h² + h² + h·I + I + I·h + h) + 2h + (h·V + V).
  Rotary position embeddings have no parameters; each block has a single LayerNorm (attention and
  MLP run in parallel on its output); qkv_proj and out_proj have no bias; the LM head is a separate
  Linear with bias (`tie_word_embeddings` is false). codegen-350M-multi → 356,712,448.
- OPT: V·h + (P+2)·h (learned positions are offset by 2) + L·(same layer as BERT) + 2h; tied head.
"""

from __future__ import annotations

from dataclasses import dataclass

ENCODER_ARCHS = ("bert", "roberta", "distilbert")
DECODER_ARCHS = ("gpt2", "codegen", "opt")

# Tasks an encoder can be fine-tuned for (HF AutoModelFor… classes); decoders do causal LM.
ENCODER_TASKS = ("seq-cls", "token-cls", "qa")
DECODER_TASKS = ("causal-lm",)
TASKS = ENCODER_TASKS + DECODER_TASKS


@dataclass(frozen=True)
class ModelSpec:
    """One pretrained checkpoint: its architecture family and dimensions."""

    name: str
    hub_id: str
    arch: str
    layers: int
    hidden: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int = 0
    languages: str = "en"

    @property
    def is_encoder(self) -> bool:
        """True for BERT-style encoders, False for causal decoders."""
        return self.arch in ENCODER_ARCHS

    @property
    def default_task(self) -> str:
        """The task a configurator starts from: sequence classification or causal LM."""
        return "seq-cls" if self.is_encoder else "causal-lm"

    @property
    def tasks(self) -> tuple[str, ...]:
        """The tasks this model can be fine-tuned for here."""
        return ENCODER_TASKS if self.is_encoder else DECODER_TASKS


@dataclass(frozen=True)
class GPUSpec:
    """One GPU: memory and dense peak throughput (docs/REFERENCE.md section 2)."""

    name: str
    label: str
    memory_gib: int
    peak_16bit_tflops: float
    peak_fp32_tflops: float
    bf16: bool

    @property
    def memory_bytes(self) -> int:
        """Nominal memory in bytes (GiB as nvidia-smi reports it, e.g. 40960 MiB for A100 40 GB)."""
        return self.memory_gib * 2**30

    def peak_flops(self, precision: str) -> float:
        """Dense peak FLOP/s for `precision` (16-bit tensor cores, or plain fp32)."""
        tflops = self.peak_fp32_tflops if precision == "fp32" else self.peak_16bit_tflops
        return tflops * 1e12


def _spec(name: str, arch: str, dims: tuple[int, ...], hub_id: str | None = None, **kw: object) -> ModelSpec:
    layers, hidden, heads, ffn, vocab, max_positions = dims
    return ModelSpec(name, hub_id or name, arch, layers, hidden, heads, ffn, vocab, max_positions, **kw)  # type: ignore[arg-type]


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        _spec("bert-base-uncased", "bert", (12, 768, 12, 3072, 30522, 512), type_vocab=2),
        _spec("bert-base-cased", "bert", (12, 768, 12, 3072, 28996, 512), type_vocab=2),
        _spec("bert-large-uncased", "bert", (24, 1024, 16, 4096, 30522, 512), type_vocab=2),
        _spec(
            "bert-base-multilingual-cased", "bert", (12, 768, 12, 3072, 119547, 512),
            type_vocab=2, languages="multi",
        ),
        _spec("distilbert-base-uncased", "distilbert", (6, 768, 12, 3072, 30522, 512)),
        _spec("roberta-base", "roberta", (12, 768, 12, 3072, 50265, 514), type_vocab=1),
        _spec("camembert-base", "roberta", (12, 768, 12, 3072, 32005, 514), type_vocab=1, languages="fr"),
        _spec("gpt2", "gpt2", (12, 768, 12, 3072, 50257, 1024)),
        _spec("gpt2-medium", "gpt2", (24, 1024, 16, 4096, 50257, 1024)),
        _spec("gpt2-large", "gpt2", (36, 1280, 20, 5120, 50257, 1024)),
        _spec("gpt2-xl", "gpt2", (48, 1600, 25, 6400, 50257, 1024)),
        _spec(
            "codegen-350M-multi", "codegen", (20, 1024, 16, 4096, 51200, 2048),
            hub_id="Salesforce/codegen-350M-multi", languages="code",
        ),
        _spec("opt-125m", "opt", (12, 768, 12, 3072, 50272, 2048), hub_id="facebook/opt-125m"),
    )
}

GPUS: dict[str, GPUSpec] = {
    gpu.name: gpu
    for gpu in (
        GPUSpec("t4", "NVIDIA T4 16 GB", 16, 65.0, 8.1, False),
        GPUSpec("v100-16gb", "NVIDIA V100 16 GB", 16, 125.0, 15.7, False),
        GPUSpec("v100-32gb", "NVIDIA V100 32 GB", 32, 125.0, 15.7, False),
        GPUSpec("a100-40gb", "NVIDIA A100 40 GB", 40, 312.0, 19.5, True),
        GPUSpec("a100-80gb", "NVIDIA A100 80 GB", 80, 312.0, 19.5, True),
        GPUSpec("h100", "NVIDIA H100 SXM 80 GB", 80, 989.0, 66.9, True),
        GPUSpec("rtx3090", "NVIDIA RTX 3090 24 GB", 24, 71.0, 35.6, True),
        GPUSpec("rtx4090", "NVIDIA RTX 4090 24 GB", 24, 165.0, 82.6, True),
    )
}

# Names people actually type; matched after lower-casing and dropping spaces and underscores.
GPU_ALIASES: dict[str, str] = {
    "a100": "a100-40gb", "a100-40": "a100-40gb", "a100-80": "a100-80gb",
    "v100": "v100-32gb", "v100-16": "v100-16gb", "v100-32": "v100-32gb",
    "h100-80gb": "h100", "h100-sxm": "h100", "3090": "rtx3090", "rtx-3090": "rtx3090",
    "4090": "rtx4090", "rtx-4090": "rtx4090", "t4-16gb": "t4",
}


def get_model(name: object) -> ModelSpec | None:
    """The model called `name` (short name or hub id, case-insensitive), or None."""
    if not isinstance(name, str):
        return None
    key = name.strip().lower()
    for spec in MODELS.values():
        if key in (spec.name.lower(), spec.hub_id.lower()):
            return spec
    return None


def get_gpu(name: object) -> GPUSpec | None:
    """The GPU called `name` (a catalogue key or a common alias), or None."""
    if not isinstance(name, str):
        return None
    key = name.strip().lower().replace(" ", "").replace("_", "-")
    key = GPU_ALIASES.get(key, key)
    return GPUS.get(key)


def embedding_params(spec: ModelSpec) -> int:
    """Parameters of the input embeddings, including the embedding LayerNorm for encoders."""
    h = spec.hidden
    if spec.is_encoder:
        return spec.vocab * h + spec.max_positions * h + spec.type_vocab * h + 2 * h
    if spec.arch == "gpt2":
        return spec.vocab * h + spec.max_positions * h
    if spec.arch == "opt":
        return spec.vocab * h + (spec.max_positions + 2) * h
    return spec.vocab * h  # codegen: rotary positions carry no parameters


def layer_params(spec: ModelSpec) -> int:
    """Parameters of one transformer layer."""
    h, i = spec.hidden, spec.ffn
    if spec.arch == "codegen":
        return 2 * h + 3 * h * h + h * h + (h * i + i) + (i * h + h)
    if spec.arch == "gpt2":
        return 2 * h + (h * 3 * h + 3 * h) + (h * h + h) + 2 * h + (h * i + i) + (i * h + h)
    return 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h


def pooler_params(spec: ModelSpec) -> int:
    """Parameters of the pooler (dense h→h on [CLS]); 0 for models without one."""
    return spec.hidden * spec.hidden + spec.hidden if spec.arch in ("bert", "roberta") else 0


def final_params(spec: ModelSpec) -> int:
    """Parameters after the last layer: final LayerNorm, and CodeGen's untied LM head."""
    if spec.is_encoder:
        return 0
    extra = spec.hidden * spec.vocab + spec.vocab if spec.arch == "codegen" else 0
    return 2 * spec.hidden + extra


def base_params(spec: ModelSpec) -> int:
    """The pretrained checkpoint without task head (with pooler for bert/roberta, as published)."""
    return embedding_params(spec) + spec.layers * layer_params(spec) + pooler_params(spec) + final_params(spec)


def keeps_pooler(spec: ModelSpec, task: str) -> bool:
    """Whether the HF task model keeps the pooler: only BertForSequenceClassification does."""
    return spec.arch == "bert" and task == "seq-cls"


def dropped_params(spec: ModelSpec, task: str) -> int:
    """Base parameters the task model does not load (the pooler, when it is dropped)."""
    return 0 if keeps_pooler(spec, task) else pooler_params(spec)


def head_params(spec: ModelSpec, task: str, num_labels: int) -> int:
    """Parameters of the task head HF adds on top of the base model.

    seq-cls: BERT h·k + k (the pooler is part of the base); RoBERTa/CamemBERT/DistilBERT
    h²+h + h·k + k (a dense layer, then the classifier). token-cls: h·k + k. qa: h·2 + 2.
    causal-lm: 0 (GPT-2/OPT tie the LM head; CodeGen's head is already in the base count).
    """
    h, k = spec.hidden, num_labels
    if task == "causal-lm" or not spec.is_encoder:
        return 0
    if task == "qa":
        return h * 2 + 2
    if task == "token-cls" or spec.arch == "bert":
        return h * k + k
    return h * h + h + h * k + k


def bias_params(spec: ModelSpec, task: str) -> int:
    """Bias parameters of the base model as the task model uses it (what BitFit unfreezes).

    Counts every bias, LayerNorm biases included, as BitFit does (BERT-base: 102,912).
    """
    h, i = spec.hidden, spec.ffn
    if spec.arch == "codegen":
        per_layer = h + i + h  # ln_1, fc_in, fc_out: qkv/out projections have no bias
        return spec.layers * per_layer + h + spec.vocab  # ln_f, lm_head
    per_layer = 4 * h + h + i + h + h  # attention q,k,v,o + LayerNorm + FFN in/out + LayerNorm
    outside = h  # the embedding LayerNorm (encoders) or the final LayerNorm (decoders)
    if keeps_pooler(spec, task):
        outside += h
    return spec.layers * per_layer + outside


def model_names() -> list[str]:
    """Every model name in the catalogue, in catalogue order."""
    return list(MODELS)


def gpu_names() -> list[str]:
    """Every GPU key in the catalogue, in catalogue order."""
    return list(GPUS)
