"""Export a configuration as a runnable Python script (transformers + peft) or as YAML.

Both exports start from `sanitised(config)`, so an invalid field is written with its default
(the UI shows the problems beside the fields). The script only uses TrainingArguments names that
exist in transformers ≥ 4.41 (`eval_strategy` replaced `evaluation_strategy` there).
"""

from __future__ import annotations

import json
import re

from tutor.sim.catalogue import get_model
from tutor.sim.config import FineTuneConfig, sanitised
from tutor.sim.peft import default_lora_targets

AUTO_CLASSES = {
    "seq-cls": "AutoModelForSequenceClassification",
    "token-cls": "AutoModelForTokenClassification",
    "qa": "AutoModelForQuestionAnswering",
    "causal-lm": "AutoModelForCausalLM",
}
PEFT_TASK_TYPES = {"seq-cls": "SEQ_CLS", "token-cls": "TOKEN_CLS", "qa": "QUESTION_ANS", "causal-lm": "CAUSAL_LM"}

# Every keyword the script passes to TrainingArguments (tests check the script uses no other).
TRAINING_ARGUMENT_NAMES = frozenset({
    "output_dir", "learning_rate", "per_device_train_batch_size", "per_device_eval_batch_size",
    "gradient_accumulation_steps", "num_train_epochs", "warmup_ratio", "warmup_steps",
    "lr_scheduler_type", "weight_decay", "fp16", "bf16", "gradient_checkpointing",
    "gradient_checkpointing_kwargs", "eval_strategy", "save_strategy", "load_best_model_at_end",
    "metric_for_best_model", "report_to",
})

_HINT = "Load and tokenize your datasets, then call main(train_dataset, eval_dataset)."

_DEPTH_HELPER = '''

def layer_depth(name: str, num_layers: int) -> int:
    """0 for the embeddings, 1..L for the transformer layers, L + 1 for the head and the rest."""
    match = re.search(r"\\.(?:layer|h|layers)\\.(\\d+)\\.", name)
    if match:
        return int(match.group(1)) + 1
    if "embed" in name or ".wte." in name or ".wpe." in name:
        return 0
    return num_layers + 1
'''

_LAYER_DECAY = '''

def layerwise_param_groups(model, lr: float, decay: float, num_layers: int, weight_decay: float) -> list:
    """One group per parameter: lr x decay^(L - depth); no weight decay on biases and norms."""
    groups = []
    for name, param in model.named_parameters():
        depth = min(layer_depth(name, num_layers), num_layers)
        groups.append({
            "params": [param],
            "lr": lr * decay ** (num_layers - depth),
            "weight_decay": 0.0 if param.ndim == 1 else weight_decay,
        })
    return groups
'''

_UNFREEZING = '''

class GradualUnfreezing(TrainerCallback):
    """ULMFiT: epoch 1 trains the head only, each later epoch unfreezes one more layer (top first)."""

    def __init__(self, model, num_layers: int) -> None:
        self.model = model
        self.num_layers = num_layers

    def _thaw(self, epoch: int) -> None:
        for name, param in self.model.named_parameters():
            param.requires_grad = layer_depth(name, self.num_layers) > self.num_layers - epoch

    def on_train_begin(self, args, state, control, **kwargs):
        # The optimizer already holds every parameter: frozen ones just get no gradient.
        self._thaw(0)

    def on_epoch_begin(self, args, state, control, **kwargs):
        self._thaw(int(round(state.epoch or 0)))
'''


def _py(value: object) -> str:
    """A Python literal for `value`: double-quoted strings, whole floats of LoRA alpha as ints."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_py(k)}: {_py(v)}" for k, v in value.items()) + "}"
    return repr(value)  # repr keeps floats such as 2e-05 exact


def _strategy_block(config: FineTuneConfig, task: str) -> list[str]:
    spec = get_model(config.model)
    assert spec is not None
    if config.strategy == "lora":
        targets = list(config.lora_targets or default_lora_targets(spec))
        alpha = float(config.lora_alpha)
        return [
            "",
            "# LoRA: freeze the model, learn low-rank updates B·A of the target matrices.",
            "lora_config = LoraConfig(",
            f"    task_type=TaskType.{PEFT_TASK_TYPES[task]},",
            f"    r={_py(config.lora_r)},",
            f"    lora_alpha={_py(int(alpha) if alpha.is_integer() else alpha)},",
            f"    lora_dropout={_py(config.lora_dropout)},",
            f"    target_modules={_py(targets)},",
            '    bias="none",',
            ")",
            "model = get_peft_model(model, lora_config)",
            "model.print_trainable_parameters()",
        ]
    if config.strategy == "freeze":
        return [
            "",
            "# Feature extraction: freeze the pretrained encoder, train only the task head.",
            "for param in model.base_model.parameters():",
            "    param.requires_grad = False",
        ]
    if config.strategy == "bitfit":
        return [
            "",
            "# BitFit: train only the biases of the pretrained model (and the task head).",
            "for name, param in model.base_model.named_parameters():",
            '    param.requires_grad = name.endswith("bias")',
        ]
    if config.strategy == "adapters":
        factor = spec.hidden / config.adapter_size
        shown = int(factor) if factor.is_integer() else factor
        return [
            "",
            f"# Houlsby adapters (pip install adapters): bottleneck {config.adapter_size} = hidden / {shown}.",
            "adapters.init(model)",
            f'model.add_adapter("task", config=DoubleSeqBnConfig(reduction_factor={_py(shown)}))',
            'model.train_adapter("task")',
            "# train_adapter freezes everything else: keep the task head trainable.",
            "for name, param in model.named_parameters():",
            "    if not name.startswith(model.base_model_prefix):",
            "        param.requires_grad = True",
        ]
    return []


def _imports(config: FineTuneConfig, task: str, extras: bool, unfreeze: bool) -> list[str]:
    names = [AUTO_CLASSES[task], "AutoTokenizer", "Trainer", "TrainingArguments"]
    if task == "causal-lm":
        names.append("DataCollatorForLanguageModeling")
    if task == "token-cls":
        names.append("DataCollatorForTokenClassification")
    if unfreeze:
        names.append("TrainerCallback")
    lines = []
    if extras:
        lines += ["import re", "", "import torch"]
    lines += ["from transformers import ("] + [f"    {n}," for n in sorted(names)] + [")"]
    if config.strategy == "lora":
        lines.append("from peft import LoraConfig, TaskType, get_peft_model")
    if config.strategy == "adapters":
        lines += ["import adapters", "from adapters import DoubleSeqBnConfig"]
    return lines


def training_arguments(config: FineTuneConfig) -> dict[str, object]:
    """The TrainingArguments keywords for `config` (valid names only, in a readable order)."""
    args: dict[str, object] = {
        "output_dir": f"./results/{re.sub(r'[^A-Za-z0-9_.-]+', '-', config.model)}-{config.strategy}",
        "learning_rate": config.lr,
        "per_device_train_batch_size": config.batch_size,
        "per_device_eval_batch_size": config.batch_size,
        "gradient_accumulation_steps": config.grad_accum,
        "num_train_epochs": float(config.epochs),
    }
    if config.warmup_steps > 0:
        args["warmup_steps"] = config.warmup_steps
    else:
        args["warmup_ratio"] = config.warmup_ratio
    args |= {"lr_scheduler_type": config.schedule, "weight_decay": config.weight_decay}
    if config.precision in ("fp16", "bf16"):
        args[config.precision] = True
    if config.checkpointing:
        args["gradient_checkpointing"] = True
        args["gradient_checkpointing_kwargs"] = {"use_reentrant": False}  # needed with frozen inputs (PEFT)
    args |= {
        "eval_strategy": "epoch", "save_strategy": "epoch", "load_best_model_at_end": True,
        "metric_for_best_model": "eval_loss", "report_to": "none",
    }
    return args


def to_python(config: FineTuneConfig) -> str:
    """A Python script that loads the model, applies the strategy and builds the Trainer."""
    cfg = sanitised(config)
    spec = get_model(cfg.model)
    assert spec is not None
    task = cfg.resolved_task()
    full = cfg.strategy == "full"
    decay = full and cfg.layer_decay != 1.0
    unfreeze = full and cfg.gradual_unfreezing
    extras = decay or unfreeze
    lines = [f'"""Fine-tune {spec.name} ({cfg.strategy}) — generated by tutor."""', ""]
    lines += _imports(cfg, task, extras, unfreeze)
    if extras:
        lines.append(_DEPTH_HELPER.rstrip("\n"))
    if decay:
        lines.append(_LAYER_DECAY.rstrip("\n"))
    if unfreeze:
        lines.append(_UNFREEZING.rstrip("\n"))
    load_kwargs = "" if task in ("causal-lm", "qa") else f", num_labels={cfg.num_labels}"
    lines += [
        "", "",
        f"MODEL_NAME = {_py(spec.hub_id)}",
        "tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)",
        f"model = {AUTO_CLASSES[task]}.from_pretrained(MODEL_NAME{load_kwargs})",
    ]
    if not spec.is_encoder:
        lines += [
            "if tokenizer.pad_token is None:",
            "    tokenizer.pad_token = tokenizer.eos_token  # GPT-2 and CodeGen have no padding token",
            "model.config.pad_token_id = tokenizer.pad_token_id",
        ]
    lines += _strategy_block(cfg, task)
    lines += ["", "training_args = TrainingArguments("]
    lines += [f"    {key}={_py(value)}," for key, value in training_arguments(cfg).items()]
    lines += [")"]
    if task == "causal-lm":
        lines += [
            "", "# Sampling settings to try the fine-tuned model with model.generate(**inputs, **GENERATION).",
            f"GENERATION = dict(max_length={cfg.max_length}, do_sample=True, temperature={_py(cfg.temperature)}, "
            f"top_k={cfg.top_k}, top_p={_py(cfg.top_p)})",
        ]
    lines += ["", "", "def main(train_dataset, eval_dataset) -> None:",
              '    """Train on tokenized datasets (datasets.load_dataset(...).map(tokenize, batched=True))."""']
    trainer_extra: list[str] = []
    if task == "causal-lm":
        trainer_extra.append("data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False)")
    if task == "token-cls":
        trainer_extra.append("data_collator=DataCollatorForTokenClassification(tokenizer)")
    if decay:
        lines += [
            f"    groups = layerwise_param_groups(model, {_py(cfg.lr)}, {_py(cfg.layer_decay)}, "
            f"{spec.layers}, {_py(cfg.weight_decay)})",
            f"    optimizer = torch.optim.AdamW(groups, lr={_py(cfg.lr)})",
        ]
        trainer_extra.append("optimizers=(optimizer, None)")
    if unfreeze:
        trainer_extra.append(f"callbacks=[GradualUnfreezing(model, {spec.layers})]")
    lines += ["    trainer = Trainer(", "        model=model,", "        args=training_args,",
              "        train_dataset=train_dataset,", "        eval_dataset=eval_dataset,"]
    lines += [f"        {extra}," for extra in trainer_extra]
    lines += ["    )", "    trainer.train()", "", ""]
    lines += ['if __name__ == "__main__":', f"    raise SystemExit({_py(_HINT)})", ""]
    return "\n".join(lines)


def to_dict(config: FineTuneConfig) -> dict[str, object]:
    """Every field of the (sanitised) configuration, as plain YAML/JSON values."""
    cfg = sanitised(config)
    data: dict[str, object] = dict(cfg.__dict__)
    data["lora_targets"] = list(cfg.lora_targets) if cfg.lora_targets is not None else None
    return data


def to_yaml(config: FineTuneConfig) -> str:
    """The configuration as a YAML document (`parse_config(yaml.safe_load(text))` reads it back)."""
    import yaml  # only needed here; keeps `import tutor.sim` light

    header = "# tutor fine-tuning configuration (read back with tutor.sim.config.parse_config)\n"
    return header + yaml.safe_dump(to_dict(config), sort_keys=False, allow_unicode=True)
