"""The exported training scripts run (issue 14, proof 4), with transformers, peft and trl themselves.

For every task family a tiny model and tokenizer are built locally (tests/hf/tiny.py: hidden 32,
2 layers), the script exported for a configuration of the same family is pointed at them with
`--model DIR` and at a tiny JSON-lines dataset, and it trains for two steps on CPU in a
subprocess: `--max-steps 2` is the scripts' smoke-run option. DeprecationWarning and FutureWarning
raised by transformers, peft or trl (or attributed to the script) are errors there. QLoRA needs
bitsandbytes and CUDA, so its script is read with `ast` and its BitsAndBytesConfig and LoraConfig
are built from the source. Every run has its own directories (parallel-safe with pytest-xdist).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType

import pytest
import torch
from datasets import Dataset
from packaging.version import Version
from peft import LoraConfig, TaskType, get_peft_model
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    BitsAndBytesConfig,
    DataCollatorForLanguageModeling,
    Seq2SeqTrainingArguments,
    TrainingArguments,
)
from trl import DPOConfig, SFTConfig

from tests.hf.conftest import build_task, trainable
from tests.hf.tiny import BUILDERS, CATALOGUE_MODEL, FAMILY_OF_TASK, write_dataset
from tutor.sim.catalogue import MODELS
from tutor.sim.config import FineTuneConfig
from tutor.sim.estimate import estimate
from tutor.sim.export import (
    CHECKED_WITH,
    TASK_ARGUMENT_NAMES,
    TRAINING_ARGUMENT_NAMES,
    to_python,
    training_arguments,
)

# Deprecations the libraries raise about their own code, whatever the script does: peft 0.21
# (PeftModel.__init__) and trl 1.16 (DPOTrainer) read `model.is_gradient_checkpointing`, which
# transformers 5.24 deprecated. They are shown, not raised; any other deprecation fails the run.
UPSTREAM_DEPRECATIONS = (r"`is_gradient_checkpointing` is deprecated",)

# Runs the script as __main__ with the warning filters (-W cannot match a module by prefix).
RUNNER = """
import runpy, sys, warnings
for category in (DeprecationWarning, FutureWarning):
    warnings.filterwarnings("error", category=category, module=r"(transformers|peft|trl|__main__)(\\.|$)")
for message in {allowed!r}:
    warnings.filterwarnings("default", message=message)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

# (task, strategy, other fields): every family with a full-weights strategy and with LoRA, also
# covering freeze, BitFit, all-linear targets, activation checkpointing, layer decay and unfreezing.
RUNS = [
    ("seq-cls", "freeze", {}),
    ("seq-cls", "lora", {"lora_targets": ("all-linear",)}),
    ("token-cls", "bitfit", {}),
    ("token-cls", "lora", {}),
    # peft 0.21 raises TypeError on a plain "all-linear" for these heads; the script excludes them.
    ("token-cls", "lora", {"lora_targets": ("all-linear",)}),
    ("qa", "full", {"layer_decay": 0.9, "gradual_unfreezing": True}),
    ("qa", "lora", {"lora_r": 16, "lora_alpha": 32.0}),
    ("qa", "lora", {"lora_targets": ("all-linear",)}),
    ("causal-lm", "full", {"checkpointing": True}),
    ("causal-lm", "lora", {"lora_targets": ("all-linear",), "checkpointing": True}),
    ("seq2seq", "full", {"warmup_steps": 1}),
    ("seq2seq", "lora", {}),
    ("sft", "full", {}),
    ("sft", "lora", {"lora_targets": ("all-linear",), "checkpointing": True}),
    ("dpo", "full", {}),
    ("dpo", "lora", {"dpo_beta": 0.2}),
]


def config_for(task: str, strategy: str, **fields: object) -> FineTuneConfig:
    """A CPU-sized configuration of `task` (fp32: the runs have no GPU)."""
    return FineTuneConfig(model=CATALOGUE_MODEL[FAMILY_OF_TASK[task]], task=task, strategy=strategy,
                          precision="fp32", batch_size=2, seq_len=32, num_labels=3, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three tiny checkpoints (encoder, decoder, seq2seq), built once per worker."""
    root = tmp_path_factory.mktemp("tiny-models")
    return {family: build(root / family) for family, build in BUILDERS.items()}


def load_script(path: Path, text: str) -> ModuleType:
    """Import an exported script as a module (its main() does not run)."""
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"exported_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def script_call(text: str, name: str) -> ast.Call:
    (call,) = [node for node in ast.walk(ast.parse(text))
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]
    return call


def _run_id(task: str, strategy: str, fields: dict[str, object]) -> str:
    return f"{task}-{strategy}" + ("-all-linear" if fields.get("lora_targets") == ("all-linear",) else "")


@pytest.mark.parametrize(("task", "strategy", "fields"), RUNS, ids=[_run_id(*run) for run in RUNS])
def test_exported_script_trains_two_steps(task: str, strategy: str, fields: dict[str, object],
                                          tiny_models: dict[str, Path], tmp_path: Path) -> None:
    script = tmp_path / "train.py"
    script.write_text(to_python(config_for(task, strategy, **fields)), encoding="utf-8")
    train, evaluation = write_dataset(task, tmp_path)
    output = tmp_path / "out"
    environment = os.environ | {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"),
                                "TQDM_DISABLE": "1", "CUDA_VISIBLE_DEVICES": "", "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-c", RUNNER.format(allowed=UPSTREAM_DEPRECATIONS), str(script),
               "--train", str(train), "--eval", str(evaluation), "--model", str(tiny_models[FAMILY_OF_TASK[task]]),
               "--output-dir", str(output), "--max-steps", "2"]
    done = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=600,
                          check=False)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-4000:]
    state = json.loads((output / "checkpoint-2" / "trainer_state.json").read_text(encoding="utf-8"))
    assert state["global_step"] == 2
    weights = "adapter_model.safetensors" if strategy == "lora" else "model.safetensors"
    assert (output / weights).is_file()
    # Deprecations logged rather than warned (logger.warning_once) must not appear either.
    deprecated = [line for line in log.splitlines() if "deprecat" in line.lower()
                  and not any(re.search(allowed, line) for allowed in UPSTREAM_DEPRECATIONS)]
    assert deprecated == []


def test_causal_lm_labels_keep_eos(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    script = load_script(tmp_path / "clm.py", to_python(config_for("causal-lm", "full")))
    model, tokenizer = script.load_model(str(tiny_models["decoder"]))
    assert tokenizer.pad_token_id == tokenizer.eos_token_id  # the hard case: pad = eos, as for GPT-2 and Llama
    texts = ["the cat sat on the mat", "hello world"]
    features = list(script.preprocess(Dataset.from_dict({"text": texts}), tokenizer))
    batch = script.CausalLMCollator(tokenizer)(features)
    eos = tokenizer.eos_token_id
    for row, feature in enumerate(features):
        length = len(feature["input_ids"])
        assert feature["input_ids"][-1] == eos
        assert batch["labels"][row, length - 1].item() == eos  # EOS is learned
        assert batch["labels"][row, :length].tolist() == feature["input_ids"]
        assert (batch["labels"][row, length:] == -100).all()  # padding is not
    assert (batch["labels"] == -100).sum().item() == abs(len(features[0]["input_ids"]) - len(features[1]["input_ids"]))
    # What the exported script avoids: transformers' collator masks EOS with the padding (issue #23530).
    masked = DataCollatorForLanguageModeling(tokenizer, mlm=False)(features)["labels"]
    assert (masked[0] == eos).sum().item() == 0
    assert model.config.pad_token_id == tokenizer.pad_token_id


def script_call_attribute(text: str, attribute: str, keyword: str) -> ast.Call:
    """The one `….attribute(…)` call of the script that passes `keyword`."""
    (call,) = [node for node in ast.walk(ast.parse(text))
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attribute
               and keyword in {k.arg for k in node.keywords}]
    return call


def _built(call: ast.expr, namespace: dict[str, object]) -> object:
    return eval(compile(ast.Expression(call), "<exported>", "eval"), namespace)  # our own exported source


# Models whose heads PEFT's task types only partly train (DeBERTa's ContextPooler, ModernBERT's
# prediction head; ModernBERT's QA head is not called qa_outputs): the script names the whole head.
HEAD_CASES = [(name, task, targets) for name, tasks in (("deberta-v3-base", ("seq-cls", "qa")),
                                                        ("ModernBERT-base", ("seq-cls", "token-cls", "qa")))
              for task in tasks for targets in (None, ("all-linear",))]


@pytest.mark.parametrize(("name", "task", "targets"), HEAD_CASES,
                         ids=[f"{n}-{t}-{'all-linear' if g else 'default'}" for n, t, g in HEAD_CASES])
def test_script_lora_trains_what_the_estimate_counts(name: str, task: str, targets: tuple[str, ...] | None) -> None:
    config = FineTuneConfig(model=name, task=task, strategy="lora", lora_r=16, lora_alpha=32.0, lora_targets=targets,
                            num_labels=5)
    text = to_python(config)
    lora = _built(script_call(text, "LoraConfig"), {"LoraConfig": LoraConfig, "TaskType": TaskType})
    # The script's model: the task class with the catalogue's dimensions (meta device), NUM_LABELS labels.
    model = get_peft_model(build_task(MODELS[name], task, config.num_labels), lora)
    assert trainable(model) == estimate(config).trainable_params


def test_qlora_script_objects(tiny_models: dict[str, Path]) -> None:
    config = FineTuneConfig(model="Qwen2.5-7B-Instruct", task="sft", strategy="qlora", gpu="a100-80gb",
                            precision="bf16", optimizer="paged-adamw-8bit", lora_r=16, lora_alpha=32.0,
                            lora_targets=("all-linear",), checkpointing=True)
    text = to_python(config)
    ast.parse(text)
    bnb = _built(script_call(text, "BitsAndBytesConfig"), {"BitsAndBytesConfig": BitsAndBytesConfig, "torch": torch})
    assert isinstance(bnb, BitsAndBytesConfig)
    assert bnb.load_in_4bit and not bnb.load_in_8bit and bnb.bnb_4bit_quant_type == "nf4"
    assert bnb.bnb_4bit_use_double_quant and bnb.bnb_4bit_compute_dtype == torch.bfloat16
    lora = _built(script_call(text, "LoraConfig"), {"LoraConfig": LoraConfig, "TaskType": TaskType})
    assert isinstance(lora, LoraConfig)
    assert (lora.r, lora.lora_alpha, lora.target_modules, lora.task_type) == (16, 32, "all-linear", "CAUSAL_LM")
    # No prepare_model_for_kbit_training (it upcasts the unquantised weights to fp32): the model loads
    # in the compute dtype, as the estimate counts it. The same call without quantization_config (CPU).
    load = script_call_attribute(text, "from_pretrained", "quantization_config")
    assert "prepare_model_for_kbit_training(" not in text
    dtype = _built(load.keywords[[k.arg for k in load.keywords].index("dtype")].value, {"torch": torch})
    assert dtype == torch.bfloat16
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("error", FutureWarning)
        loaded = AutoModelForCausalLM.from_pretrained(tiny_models["decoder"], dtype=dtype)
    assert {p.dtype for p in loaded.parameters()} == {torch.bfloat16}
    # The LoraConfig applies to a (non-quantised) model of the family: every Linear of the blocks.
    model = AutoModelForCausalLM.from_pretrained(tiny_models["decoder"])
    wrapped = get_peft_model(model, lora)
    adapted = {name.rsplit(".", 1)[-1] for name, module in wrapped.named_modules() if hasattr(module, "lora_A")}
    assert adapted == {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}
    sft = SFTConfig(output_dir="unused", use_cpu=True, **training_arguments(config))
    assert sft.optim == "paged_adamw_8bit" and sft.bf16 and sft.completion_only_loss


ARGUMENT_CLASSES = {"seq2seq": Seq2SeqTrainingArguments, "sft": SFTConfig, "dpo": DPOConfig}


@pytest.mark.parametrize("task", sorted(FAMILY_OF_TASK))
@pytest.mark.parametrize("strategy", ["full", "lora", "qlora"])
def test_arguments_build_without_deprecation(task: str, strategy: str, tmp_path: Path) -> None:
    config = dataclasses.replace(config_for(task, strategy), precision="auto", gpu="a100-80gb", checkpointing=True,
                                 optimizer="paged-adamw-8bit" if strategy == "qlora" else "adamw")
    keywords = training_arguments(config)
    assert set(keywords) | {"output_dir", "max_steps"} <= TRAINING_ARGUMENT_NAMES | TASK_ARGUMENT_NAMES.get(task, set())
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("error", FutureWarning)
        # use_cpu: this machine has no GPU for the bf16 flag the A100 configuration gets.
        built = ARGUMENT_CLASSES.get(task, TrainingArguments)(output_dir=str(tmp_path), max_steps=2, use_cpu=True,
                                                             **keywords)
    assert built.bf16 and built.activation_checkpointing and built.warmup_steps == config.warmup_ratio


@pytest.mark.parametrize("names", [TRAINING_ARGUMENT_NAMES, *TASK_ARGUMENT_NAMES.values()])
def test_argument_names_exist_and_are_not_deprecated(names: frozenset[str]) -> None:
    classes = [TrainingArguments, *ARGUMENT_CLASSES.values()]
    for name in names:
        owners = [cls for cls in classes if name in {f.name for f in dataclasses.fields(cls)}]
        assert owners, name
        for cls in owners:
            entry = re.search(rf"^\s+{name} \(.*?\):\s*\n\s+(\S.*)$", cls.__doc__ or "", re.MULTILINE)
            assert entry is None or "deprecated" not in entry.group(1).lower(), (cls.__name__, name)


def test_installed_libraries_are_not_older_than_the_checked_ones() -> None:
    for name, version in CHECKED_WITH.items():
        assert Version(importlib.metadata.version(name)) >= Version(version), name


def test_tiny_models_are_tiny(tiny_models: dict[str, Path]) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_models["decoder"])
    assert tokenizer.chat_template and tokenizer.pad_token is None and tokenizer.eos_token == "</s>"
    for directory in tiny_models.values():
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        assert config.get("hidden_size", config.get("d_model")) == 32
        assert config.get("num_hidden_layers", config.get("num_layers")) == 2
