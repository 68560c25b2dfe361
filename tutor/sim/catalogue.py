"""Model and GPU catalogue: dimensions, and the parameter counts derived from them.

The counting formulas live in `tutor.sim.param_counts` (its docstring states them per family and
which transformers class each count describes) and are re-exported here. Tests check them against
the published values (tests/unit/test_sim_catalogue.py) and against transformers itself
(tests/hf/test_param_counts.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from tutor.sim.param_counts import (
    Linear,
    base_params,
    bias_params,
    block_linears,
    decoder_layer_params,
    dropped_params,
    embedding_params,
    final_params,
    fixed_params,
    head_params,
    keeps_pooler,
    layer_params,
    pooler_params,
    quantisable_params,
)

__all__ = [
    "DECODER_ARCHS", "DECODER_TASKS", "ENCODER_ARCHS", "ENCODER_TASKS", "GPUS", "GPU_ALIASES", "MODELS",
    "SEQ2SEQ_ARCHS", "SEQ2SEQ_TASKS", "TASKS", "GPUSpec", "Linear", "ModelSpec", "base_params", "bias_params",
    "block_linears", "decoder_layer_params", "dropped_params", "embedding_params", "final_params",
    "fixed_params", "get_gpu", "get_model", "gpu_names", "head_params", "hf_model_type", "keeps_pooler",
    "layer_params", "model_names", "pooler_params", "quantisable_params",
]

ENCODER_ARCHS = ("bert", "roberta", "distilbert", "modernbert", "deberta-v2")
DECODER_ARCHS = ("gpt2", "codegen", "opt", "llama", "qwen2", "mistral")
SEQ2SEQ_ARCHS = ("t5", "bart", "mbart", "marian")

# Tasks an encoder can be fine-tuned for (HF AutoModelFor… classes); decoders do causal LM,
# instruction SFT (loss on completions only) and DPO; encoder-decoders do seq2seq (summarisation,
# translation).
ENCODER_TASKS = ("seq-cls", "token-cls", "qa")
DECODER_TASKS = ("causal-lm", "sft", "dpo")
SEQ2SEQ_TASKS = ("seq2seq",)
TASKS = ENCODER_TASKS + DECODER_TASKS + SEQ2SEQ_TASKS


@dataclass(frozen=True)
class ModelSpec:
    """One pretrained checkpoint: its architecture family and dimensions (its config.json).

    `layers` is the encoder's depth for encoder-decoders, `decoder_layers` the decoder's (0 for
    the others). `kv_heads` < `heads` is grouped-query attention; `head_dim` is None when it is
    hidden / heads (T5 sets d_kv apart). `gated_ffn` is a SwiGLU/GeGLU/gated-GELU FFN (three
    matrices, `ffn` wide); `qkv_bias` says whether the q/k/v projections have a bias (Qwen2);
    `tied` whether the LM head shares the input embeddings' matrix. `instruct` marks
    instruction-tuned checkpoints (chat template). `year` is the checkpoint's publication year.
    """

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
    kv_heads: int | None = None
    head_dim: int | None = None
    decoder_layers: int = 0
    gated_ffn: bool = False
    qkv_bias: bool = False
    tied: bool = True
    instruct: bool = False
    year: int = 2019
    aliases: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        """"encoder", "decoder" or "seq2seq" (encoder-decoder)."""
        if self.arch in ENCODER_ARCHS:
            return "encoder"
        return "seq2seq" if self.arch in SEQ2SEQ_ARCHS else "decoder"

    @property
    def is_encoder(self) -> bool:
        """True for BERT-style encoders (not encoder-decoders)."""
        return self.family == "encoder"

    @property
    def is_decoder(self) -> bool:
        """True for causal decoders (GPT-2, Llama, Qwen, Mistral…)."""
        return self.family == "decoder"

    @property
    def is_seq2seq(self) -> bool:
        """True for encoder-decoders (T5, BART, Marian…)."""
        return self.family == "seq2seq"

    @property
    def key_value_heads(self) -> int:
        """Key/value heads: fewer than `heads` with grouped-query attention."""
        return self.kv_heads or self.heads

    @property
    def attention_head_dim(self) -> int:
        """Width of one attention head."""
        return self.head_dim or self.hidden // self.heads

    @property
    def default_task(self) -> str:
        """The task a configurator starts from."""
        return {"encoder": "seq-cls", "decoder": "causal-lm", "seq2seq": "seq2seq"}[self.family]

    @property
    def tasks(self) -> tuple[str, ...]:
        """The tasks this model can be fine-tuned for here."""
        return {"encoder": ENCODER_TASKS, "decoder": DECODER_TASKS, "seq2seq": SEQ2SEQ_TASKS}[self.family]


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
    return ModelSpec(name, hub_id or name, arch, layers, hidden, heads, ffn, vocab, max_positions, **kw)  # type: ignore[arg-type]  # kw: ModelSpec's optional fields


# Dimensions copied from each checkpoint's config.json on the Hugging Face hub (the names of the
# fields differ by family: n_layer/num_hidden_layers/num_layers/encoder_layers, d_model/n_embd/
# hidden_size, d_ff/intermediate_size/encoder_ffn_dim, num_key_value_heads, d_kv,
# tie_word_embeddings, feed_forward_proj "gated-gelu", attention_bias/qkv bias).
MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        _spec("bert-base-uncased", "bert", (12, 768, 12, 3072, 30522, 512), type_vocab=2, year=2018,
              hub_id="google-bert/bert-base-uncased"),
        _spec("bert-base-cased", "bert", (12, 768, 12, 3072, 28996, 512), type_vocab=2, year=2018,
              hub_id="google-bert/bert-base-cased"),
        _spec("bert-large-uncased", "bert", (24, 1024, 16, 4096, 30522, 512), type_vocab=2, year=2018,
              hub_id="google-bert/bert-large-uncased"),
        _spec(
            "bert-base-multilingual-cased", "bert", (12, 768, 12, 3072, 119547, 512),
            type_vocab=2, languages="multi", year=2018, hub_id="google-bert/bert-base-multilingual-cased",
        ),
        _spec("distilbert-base-uncased", "distilbert", (6, 768, 12, 3072, 30522, 512), year=2019,
              hub_id="distilbert/distilbert-base-uncased"),
        _spec("roberta-base", "roberta", (12, 768, 12, 3072, 50265, 514), type_vocab=1,
              hub_id="FacebookAI/roberta-base"),
        _spec("camembert-base", "roberta", (12, 768, 12, 3072, 32005, 514), type_vocab=1, languages="fr",
              hub_id="almanach/camembert-base"),
        _spec("xlm-roberta-base", "roberta", (12, 768, 12, 3072, 250002, 514), type_vocab=1, languages="multi",
              hub_id="FacebookAI/xlm-roberta-base"),
        _spec("deberta-v3-base", "deberta-v2", (12, 768, 12, 3072, 128100, 512), year=2021,
              hub_id="microsoft/deberta-v3-base"),
        _spec("ModernBERT-base", "modernbert", (22, 768, 12, 1152, 50368, 8192), gated_ffn=True, year=2024,
              hub_id="answerdotai/ModernBERT-base"),
        _spec("gpt2", "gpt2", (12, 768, 12, 3072, 50257, 1024), hub_id="openai-community/gpt2"),
        _spec("gpt2-medium", "gpt2", (24, 1024, 16, 4096, 50257, 1024), hub_id="openai-community/gpt2-medium"),
        _spec("gpt2-large", "gpt2", (36, 1280, 20, 5120, 50257, 1024), hub_id="openai-community/gpt2-large"),
        _spec("gpt2-xl", "gpt2", (48, 1600, 25, 6400, 50257, 1024), hub_id="openai-community/gpt2-xl"),
        _spec(
            "codegen-350M-multi", "codegen", (20, 1024, 16, 4096, 51200, 2048),
            hub_id="Salesforce/codegen-350M-multi", languages="code", tied=False, year=2022,
        ),
        _spec("opt-125m", "opt", (12, 768, 12, 3072, 50272, 2048), hub_id="facebook/opt-125m", year=2022),
        _spec("SmolLM2-135M", "llama", (30, 576, 9, 1536, 49152, 8192), kv_heads=3, gated_ffn=True,
              hub_id="HuggingFaceTB/SmolLM2-135M", year=2024),
        _spec("SmolLM2-1.7B-Instruct", "llama", (24, 2048, 32, 8192, 49152, 8192), kv_heads=32, gated_ffn=True,
              hub_id="HuggingFaceTB/SmolLM2-1.7B-Instruct", instruct=True, year=2024),
        _spec("Qwen2.5-0.5B", "qwen2", (24, 896, 14, 4864, 151936, 32768), kv_heads=2, gated_ffn=True,
              qkv_bias=True, languages="multi", hub_id="Qwen/Qwen2.5-0.5B", year=2024),
        _spec("Qwen2.5-7B-Instruct", "qwen2", (28, 3584, 28, 18944, 152064, 32768), kv_heads=4, gated_ffn=True,
              qkv_bias=True, tied=False, languages="multi", hub_id="Qwen/Qwen2.5-7B-Instruct", instruct=True,
              year=2024),
        _spec("Llama-3.2-1B", "llama", (16, 2048, 32, 8192, 128256, 131072), kv_heads=8, gated_ffn=True,
              head_dim=64, languages="multi", hub_id="meta-llama/Llama-3.2-1B", year=2024),
        _spec("Llama-3.1-8B-Instruct", "llama", (32, 4096, 32, 14336, 128256, 131072), kv_heads=8,
              gated_ffn=True, tied=False, languages="multi", hub_id="meta-llama/Llama-3.1-8B-Instruct",
              instruct=True, year=2024),
        _spec("Mistral-7B-v0.1", "mistral", (32, 4096, 32, 14336, 32000, 32768), kv_heads=8, gated_ffn=True,
              tied=False, hub_id="mistralai/Mistral-7B-v0.1", year=2023),
        _spec("t5-small", "t5", (6, 512, 8, 2048, 32128, 512), decoder_layers=6, head_dim=64,
              hub_id="google-t5/t5-small", year=2019),
        _spec("flan-t5-base", "t5", (12, 768, 12, 2048, 32128, 512), decoder_layers=12, head_dim=64,
              gated_ffn=True, tied=False, hub_id="google/flan-t5-base", instruct=True, year=2022),
        _spec("mt5-small", "t5", (8, 512, 6, 1024, 250112, 1024), decoder_layers=8, head_dim=64,
              gated_ffn=True, tied=False, languages="multi", hub_id="google/mt5-small", year=2020),
        _spec("bart-base", "bart", (6, 768, 12, 3072, 50265, 1024), decoder_layers=6,
              hub_id="facebook/bart-base", year=2019),
        # BARThez is BART-base sized: 6 + 6 layers (the authors' fine-tuning scripts use fairseq's
        # `--arch bart_base`; the model card's "#layers 12" counts both stacks, as its "24" for
        # mBARThez counts mBART-large's 12 + 12, which reproduces mBARThez's 458M exactly).
        _spec("barthez", "mbart", (6, 768, 12, 3072, 50002, 1024), decoder_layers=6, languages="fr",
              hub_id="moussaKam/barthez", year=2020),
        _spec("opus-mt-en-fr", "marian", (6, 512, 8, 2048, 59514, 512), decoder_layers=6, languages="en-fr",
              hub_id="Helsinki-NLP/opus-mt-en-fr", year=2020),
    )
}

# Dense peak throughput without sparsity, from the vendors' data sheets: NVIDIA T4, V100, A100
# (2020, Table 1), H100 SXM (2023), H200 SXM (2024), B200 (DGX B200 / HGX B200, 2025, per GPU, dense =
# half the sparse figure), L4 (2023), L40S (2023), A10G (AWS publishes no data sheet for its A10
# variant: NVIDIA A10's, 2021, same GA102 and 24 GB),
# GeForce RTX 3090/4090/5090 (Ampere, Ada and Blackwell GA102/AD102/GB202 white papers: FP16 tensor
# with FP32 accumulate, dense). Memory as sold (GB), counted here as GiB like nvidia-smi's MiB.
GPUS: dict[str, GPUSpec] = {
    gpu.name: gpu
    for gpu in (
        GPUSpec("t4", "NVIDIA T4 16 GB", 16, 65.0, 8.1, False),
        GPUSpec("v100-16gb", "NVIDIA V100 16 GB", 16, 125.0, 15.7, False),
        GPUSpec("v100-32gb", "NVIDIA V100 32 GB", 32, 125.0, 15.7, False),
        GPUSpec("a10g", "NVIDIA A10G 24 GB", 24, 125.0, 31.2, True),
        GPUSpec("l4", "NVIDIA L4 24 GB", 24, 121.0, 30.3, True),
        GPUSpec("l40s", "NVIDIA L40S 48 GB", 48, 362.05, 91.6, True),
        GPUSpec("a100-40gb", "NVIDIA A100 40 GB", 40, 312.0, 19.5, True),
        GPUSpec("a100-80gb", "NVIDIA A100 80 GB", 80, 312.0, 19.5, True),
        GPUSpec("h100", "NVIDIA H100 SXM 80 GB", 80, 989.0, 66.9, True),
        GPUSpec("h200", "NVIDIA H200 SXM 141 GB", 141, 989.0, 66.9, True),
        GPUSpec("b200", "NVIDIA B200 180 GB", 180, 2250.0, 75.0, True),
        GPUSpec("rtx3090", "NVIDIA RTX 3090 24 GB", 24, 71.0, 35.6, True),
        GPUSpec("rtx4090", "NVIDIA RTX 4090 24 GB", 24, 165.0, 82.6, True),
        GPUSpec("rtx5090", "NVIDIA RTX 5090 32 GB", 32, 209.5, 104.8, True),
    )
}

# Names people actually type; matched after lower-casing and dropping spaces and underscores.
GPU_ALIASES: dict[str, str] = {
    "a100": "a100-40gb", "a100-40": "a100-40gb", "a100-80": "a100-80gb",
    "v100": "v100-32gb", "v100-16": "v100-16gb", "v100-32": "v100-32gb",
    "h100-80gb": "h100", "h100-sxm": "h100", "3090": "rtx3090", "rtx-3090": "rtx3090",
    "4090": "rtx4090", "rtx-4090": "rtx4090", "t4-16gb": "t4",
    "5090": "rtx5090", "rtx-5090": "rtx5090", "h200-sxm": "h200", "h200-141gb": "h200",
    "a10": "a10g", "a10g-24gb": "a10g", "l4-24gb": "l4", "l40s-48gb": "l40s", "b200-180gb": "b200",
}


# config.json's `model_type` where it is not the architecture's (same modules, other class name).
HF_MODEL_TYPES: dict[str, str] = {
    "camembert-base": "camembert", "xlm-roberta-base": "xlm-roberta", "mt5-small": "mt5",
}


def hf_model_type(spec: ModelSpec) -> str:
    """The checkpoint's transformers `model_type` (the key PEFT's default-target tables use)."""
    return HF_MODEL_TYPES.get(spec.name, spec.arch)


def get_model(name: object) -> ModelSpec | None:
    """The model called `name` (short name or hub id, case-insensitive), or None."""
    if not isinstance(name, str):
        return None
    key = name.strip().lower()
    for spec in MODELS.values():
        if key in (spec.name.lower(), spec.hub_id.lower(), *(alias.lower() for alias in spec.aliases)):
            return spec
    return None


def get_gpu(name: object) -> GPUSpec | None:
    """The GPU called `name` (a catalogue key or a common alias), or None."""
    if not isinstance(name, str):
        return None
    key = name.strip().lower().replace(" ", "").replace("_", "-")
    key = GPU_ALIASES.get(key, key)
    return GPUS.get(key)


def model_names() -> list[str]:
    """Every model name in the catalogue, in catalogue order."""
    return list(MODELS)


def gpu_names() -> list[str]:
    """Every GPU key in the catalogue, in catalogue order."""
    return list(GPUS)
