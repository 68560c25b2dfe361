"""Export as a Python script (valid, real TrainingArguments names, LoraConfig) and as YAML."""

from __future__ import annotations

import ast
import itertools

import pytest
import yaml

from tutor.sim.config import FineTuneConfig, parse_config
from tutor.sim.export import TRAINING_ARGUMENT_NAMES, to_dict, to_python, to_yaml

MODELS = ("bert-base-uncased", "roberta-base", "distilbert-base-uncased", "gpt2", "codegen-350M-multi")
STRATEGIES = ("full", "freeze", "lora", "adapters", "bitfit")


def calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


@pytest.mark.parametrize(("model", "strategy"), itertools.product(MODELS, STRATEGIES))
def test_script_is_valid_python(model: str, strategy: str) -> None:
    config = FineTuneConfig(model=model, strategy=strategy, checkpointing=True, warmup_steps=50)
    tree = ast.parse(to_python(config))
    (args_call,) = calls(tree, "TrainingArguments")
    keywords = {k.arg for k in args_call.keywords}
    assert keywords <= TRAINING_ARGUMENT_NAMES
    assert {"output_dir", "learning_rate", "per_device_train_batch_size", "gradient_accumulation_steps",
            "num_train_epochs", "lr_scheduler_type", "weight_decay", "fp16", "gradient_checkpointing",
            "eval_strategy", "save_strategy", "load_best_model_at_end", "metric_for_best_model",
            "warmup_steps"} <= keywords
    assert "warmup_ratio" not in keywords
    assert bool(calls(tree, "LoraConfig")) == (strategy == "lora")


def test_training_argument_names_exist_in_transformers() -> None:
    # Names from transformers' TrainingArguments (>= 4.41, where eval_strategy replaced evaluation_strategy).
    known = {
        "output_dir", "learning_rate", "per_device_train_batch_size", "per_device_eval_batch_size",
        "gradient_accumulation_steps", "num_train_epochs", "warmup_ratio", "warmup_steps", "lr_scheduler_type",
        "weight_decay", "fp16", "bf16", "gradient_checkpointing", "gradient_checkpointing_kwargs",
        "eval_strategy", "save_strategy", "load_best_model_at_end", "metric_for_best_model", "report_to",
    }
    assert known >= TRAINING_ARGUMENT_NAMES


def test_lora_config_values() -> None:
    tree = ast.parse(to_python(FineTuneConfig(strategy="lora", lora_r=16, lora_alpha=32)))
    (lora,) = calls(tree, "LoraConfig")
    values = {k.arg: ast.literal_eval(k.value) for k in lora.keywords if k.arg != "task_type"}
    expected = {"r": 16, "lora_alpha": 32, "lora_dropout": 0.0, "target_modules": ["query", "value"], "bias": "none"}
    assert values == expected
    gpt = ast.parse(to_python(FineTuneConfig(model="gpt2", strategy="lora")))
    (lora,) = calls(gpt, "LoraConfig")
    assert ast.unparse(next(k.value for k in lora.keywords if k.arg == "task_type")) == "TaskType.CAUSAL_LM"


def test_precision_flags_and_warmup_ratio() -> None:
    text = to_python(FineTuneConfig(precision="bf16", gpu="a100-40gb", warmup_ratio=0.06))
    assert "bf16=True" in text and "fp16" not in text and "warmup_ratio=0.06" in text
    assert "fp16" not in to_python(FineTuneConfig(precision="fp32")).split("TrainingArguments(")[1]


def test_schedule_options_in_the_script() -> None:
    text = to_python(FineTuneConfig(layer_decay=0.9, gradual_unfreezing=True))
    tree = ast.parse(text)
    assert calls(tree, "layerwise_param_groups") and calls(tree, "GradualUnfreezing")
    assert "optimizers=(optimizer, None)" in text
    plain = to_python(FineTuneConfig())
    assert "layerwise_param_groups" not in plain and "GradualUnfreezing" not in plain


def test_model_loading() -> None:
    text = to_python(FineTuneConfig(model="codegen-350M-multi"))
    assert 'MODEL_NAME = "Salesforce/codegen-350M-multi"' in text and "AutoModelForCausalLM" in text
    assert "AutoModelForTokenClassification.from_pretrained(MODEL_NAME, num_labels=9)" in to_python(
        FineTuneConfig(model="bert-base-multilingual-cased", task="token-cls", num_labels=9)
    )
    assert "adapters.init(model)" in to_python(FineTuneConfig(strategy="adapters"))


def test_invalid_fields_are_exported_as_defaults() -> None:
    text = to_python(FineTuneConfig(batch_size=-3, model="nope"))
    ast.parse(text)
    assert "per_device_train_batch_size=16" in text and '"bert-base-uncased"' in text


def test_yaml_round_trip() -> None:
    config = FineTuneConfig(model="gpt2", strategy="lora", lora_targets=("c_attn", "c_proj"), lr=1e-4,
                            checkpointing=True, epochs=2.5)
    data = yaml.safe_load(to_yaml(config))
    assert data == to_dict(config)
    back, problems = parse_config(data)
    assert problems == [] and back == config
