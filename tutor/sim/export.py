"""Export a configuration as a runnable Python training script or as YAML.

Both exports start from `sanitised(config)`, so an invalid field is written with its default
(the UI shows the problems beside the fields) and the precision is concrete. The script reads
JSON-lines data, takes `--model` (a hub id or a local directory) and `--max-steps` (2 for a smoke
run), and uses only argument names that transformers 5 does not deprecate: `eval_strategy`,
`processing_class`, `warmup_steps` (a fraction below 1 replaced `warmup_ratio`),
`activation_checkpointing` (replaced `gradient_checkpointing`), `max_new_tokens`.
tests/hf/test_export_runs.py runs it for every task family on tiny local models.
"""

from __future__ import annotations

import json
import re

from tutor.sim.catalogue import ModelSpec, get_model
from tutor.sim.config import FineTuneConfig, sanitised
from tutor.sim.export_args import (
    OPTIM_NAMES,
    TASK_ARGUMENT_NAMES,
    TRAINING_ARGUMENT_NAMES,
    training_arguments,
)
from tutor.sim.export_code import (
    DATA_FORMATS,
    DEPTH_HELPER,
    LAYER_DECAY,
    MAIN_HEAD,
    PREPROCESS,
    TASK_LABELS,
    UNFREEZING,
)
from tutor.sim.peft import peft_lora_arguments

__all__ = [
    "OPTIM_NAMES", "TASK_ARGUMENT_NAMES", "TRAINING_ARGUMENT_NAMES", "to_dict", "to_python", "to_yaml",
    "training_arguments",
]

# The versions the exported scripts were last run with (tests/hf checks the installed ones are not older).
CHECKED_WITH = {"transformers": "5.24", "peft": "0.21", "trl": "1.16"}

AUTO_CLASSES = {
    "seq-cls": "AutoModelForSequenceClassification",
    "token-cls": "AutoModelForTokenClassification",
    "qa": "AutoModelForQuestionAnswering",
    "causal-lm": "AutoModelForCausalLM",
    "seq2seq": "AutoModelForSeq2SeqLM",
    "sft": "AutoModelForCausalLM",
    "dpo": "AutoModelForCausalLM",
}
PEFT_TASK_TYPES = {
    "seq-cls": "SEQ_CLS", "token-cls": "TOKEN_CLS", "qa": "QUESTION_ANS", "causal-lm": "CAUSAL_LM",
    "seq2seq": "SEQ_2_SEQ_LM", "sft": "CAUSAL_LM", "dpo": "CAUSAL_LM",
}
# The trainer and its arguments class for each task: TRL's for SFT and DPO.
TRAINERS = {
    "seq2seq": ("Seq2SeqTrainer", "Seq2SeqTrainingArguments"),
    "sft": ("SFTTrainer", "SFTConfig"),
    "dpo": ("DPOTrainer", "DPOConfig"),
}
# Byte-level BPE tokenizers need a prefix space to tokenize words given one by one (NER).
_PREFIX_SPACE = ("roberta-base", "ModernBERT-base")


def _py(value: object) -> str:
    """A Python literal for `value`: double-quoted strings, floats such as 2e-05 kept exact."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_py(k)}: {_py(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _lora_config(cfg: FineTuneConfig, spec: ModelSpec, task: str) -> list[str]:
    """The script's lora_config(): the keywords `peft_lora_arguments` gives (see tutor.sim.peft).

    target_modules "all-linear" is PEFT's shortcut for every Linear of the blocks (not the output
    layer); exclude_modules keeps LoRA off the task head (peft 0.21 otherwise wraps it twice for
    token classification and QA, a TypeError); modules_to_save trains the whole head in full, so the
    script trains what `tutor estimate` counts (PEFT's task types alone miss DeBERTa's pooler and
    ModernBERT's head).
    """
    arguments = peft_lora_arguments(spec, task, cfg.lora_targets)
    alpha = float(cfg.lora_alpha)
    base = "QLoRA: the 4-bit base" if cfg.strategy == "qlora" else "LoRA: the base"
    lines = [
        "", "",
        "def lora_config() -> LoraConfig:",
        f'    """{base} stays frozen; low-rank updates B·A of the target matrices are learned."""',
        "    return LoraConfig(",
        f"        task_type=TaskType.{PEFT_TASK_TYPES[task]},",
        f"        r={_py(cfg.lora_r)},",
        f"        lora_alpha={_py(int(alpha) if alpha.is_integer() else alpha)},",
        f"        lora_dropout={_py(cfg.lora_dropout)},",
        f"        target_modules={_py(arguments['target_modules'])},",
    ]
    if "exclude_modules" in arguments:
        lines.append(f"        exclude_modules={_py(arguments['exclude_modules'])},  # the head gets no LoRA")
    if "modules_to_save" in arguments:
        lines.append(f"        modules_to_save={_py(arguments['modules_to_save'])},  # the task head, trained in full")
    return lines + ['        bias="none",', "    )"]


def _strategy_lines(cfg: FineTuneConfig, spec: ModelSpec, task: str) -> list[str]:
    """The lines of load_model() that apply a strategy to `model` (LoRA for TRL goes to the trainer)."""
    if cfg.strategy in ("lora", "qlora"):
        if task in ("sft", "dpo"):
            return []  # passed as peft_config: DPO then uses the base without adapters as its reference
        return ["    model = get_peft_model(model, lora_config())", "    model.print_trainable_parameters()"]
    if cfg.strategy == "freeze":
        return ["    # Feature extraction: freeze the pretrained encoder, train only the task head.",
                "    for param in model.base_model.parameters():",
                "        param.requires_grad = False"]
    if cfg.strategy == "bitfit":
        return ["    # BitFit: train only the biases of the pretrained model (and the task head).",
                "    for name, param in model.base_model.named_parameters():",
                '        param.requires_grad = name.endswith("bias")']
    if cfg.strategy == "adapters":
        factor = spec.hidden / cfg.adapter_size
        shown = int(factor) if factor.is_integer() else factor
        return [f"    # Houlsby adapters (pip install adapters): bottleneck {cfg.adapter_size} = hidden / {shown}.",
                "    adapters.init(model)",
                f'    model.add_adapter("task", config=DoubleSeqBnConfig(reduction_factor={_py(shown)}))',
                '    model.train_adapter("task")',
                "    # train_adapter freezes everything else: keep the task head trainable.",
                "    for name, param in model.named_parameters():",
                "        if not name.startswith(model.base_model_prefix):",
                "            param.requires_grad = True"]
    return []


def _load_model(cfg: FineTuneConfig, spec: ModelSpec, task: str) -> list[str]:
    auto = AUTO_CLASSES[task]
    prefix = ", add_prefix_space=True" if task == "token-cls" and spec.name in _PREFIX_SPACE else ""
    labels = ", num_labels=NUM_LABELS" if task in ("seq-cls", "token-cls") else ""
    lines = ["", "", "def load_model(model_name: str):",
             '    """The model and its tokenizer, with the fine-tuning strategy applied."""',
             f"    tokenizer = AutoTokenizer.from_pretrained(model_name{prefix})"]
    if cfg.strategy == "qlora":
        compute = "bfloat16" if cfg.precision == "bf16" else "float16"  # the T4 has no bf16
        lines += [
            "    # QLoRA: the frozen base in 4-bit NF4 with double quantisation (bitsandbytes, CUDA only).",
            "    quantization = BitsAndBytesConfig(",
            "        load_in_4bit=True,", '        bnb_4bit_quant_type="nf4",',
            "        bnb_4bit_use_double_quant=True,", f"        bnb_4bit_compute_dtype=torch.{compute},", "    )",
            "    # What bitsandbytes does not quantise (embeddings, norms, LM head, task head) stays in",
            f"    # {compute}, as tutor's estimate counts it. No prepare_model_for_kbit_training: it upcasts",
            "    # those weights to float32 (+2 GiB for an 8B model); TRL 1.x's trainers do not call it either.",
            f"    model = {auto}.from_pretrained(",
            f"        model_name{labels}, quantization_config=quantization, dtype=torch.{compute}",
            "    )",
        ]
    else:
        lines.append(f"    model = {auto}.from_pretrained(model_name{labels})")
    if task == "causal-lm":
        lines += ["    if tokenizer.pad_token is None:",
                  "        # Safe here: CausalLMCollator masks the padding by attention mask, not by token id.",
                  "        tokenizer.pad_token = tokenizer.eos_token",
                  "    model.config.pad_token_id = tokenizer.pad_token_id"]
    if task == "seq2seq":
        lines.append("    model.generation_config.max_new_tokens = MAX_NEW_TOKENS  # evaluation generates")
    lines += _strategy_lines(cfg, spec, task)
    return lines + ["    return model, tokenizer"]


def _imports(cfg: FineTuneConfig, task: str, decay: bool, unfreeze: bool) -> list[str]:
    trainer, arguments = TRAINERS.get(task, ("Trainer", "TrainingArguments"))
    names = {AUTO_CLASSES[task], "AutoTokenizer"}
    if task not in ("sft", "dpo"):
        names |= {trainer, arguments}
    names |= {"DataCollatorForTokenClassification"} if task == "token-cls" else set()
    names |= {"DataCollatorForSeq2Seq"} if task == "seq2seq" else set()
    names |= {"BitsAndBytesConfig"} if cfg.strategy == "qlora" else set()
    names |= {"TrainerCallback"} if unfreeze else set()
    lines = ["import argparse"] + (["import re"] if decay or unfreeze else []) + [""]
    lines += ["import numpy as np"] if task == "seq2seq" else []
    lines += ["import torch"] if decay or cfg.strategy == "qlora" else []
    lines += ["from datasets import load_dataset"]
    if cfg.strategy in ("lora", "qlora"):
        peft = ["LoraConfig", "TaskType"] + ([] if task in ("sft", "dpo") else ["get_peft_model"])
        lines.append(f"from peft import {', '.join(peft)}")
    lines += ["from transformers import ("] + [f"    {n}," for n in sorted(names)] + [")"]
    if task in ("sft", "dpo"):
        lines.append(f"from trl import {arguments}, {trainer}")
    if cfg.strategy == "adapters":
        lines = ["import adapters"] + lines + ["from adapters import DoubleSeqBnConfig"]
    return lines


def _docstring(cfg: FineTuneConfig, spec: ModelSpec, task: str) -> list[str]:
    launch = f"torchrun --nproc_per_node {cfg.devices} train.py" if cfg.devices > 1 else "python train.py"
    checked = ", ".join(f"{name} {version}" for name, version in CHECKED_WITH.items())
    return [
        f'"""Fine-tune {spec.name} ({cfg.strategy}, {TASK_LABELS[task]}) — generated by tutor.',
        "",
        "Data: two JSON-lines files, one example a line, such as",
        f"    {DATA_FORMATS[task]}",
        f"Run:       {launch} --train train.jsonl --eval eval.jsonl [--model DIR] [--output-dir DIR]",
        "Smoke run: add --max-steps 2 to stop after two optimisation steps (a check that everything loads).",
        f"Checked with {checked} (tutor's tests/hf/test_export_runs.py).",
        '"""',
    ]


def _trainer_call(cfg: FineTuneConfig, spec: ModelSpec, task: str, decay: bool, unfreeze: bool) -> list[str]:
    trainer, _ = TRAINERS.get(task, ("Trainer", "TrainingArguments"))
    lines: list[str] = []
    extra: list[str] = []
    if task == "dpo" and cfg.strategy not in ("lora", "qlora"):
        lines += ["    # The frozen reference policy: a second copy of the model (with LoRA, DPO uses the base",
                  "    # without the adapters instead, so no copy is needed).",
                  f"    reference = {AUTO_CLASSES[task]}.from_pretrained(args.model)"]
    if decay:
        groups = f"model, {_py(cfg.lr)}, {_py(cfg.layer_decay)}, {spec.layers}, {_py(cfg.weight_decay)}"
        lines += [f"    groups = layerwise_param_groups({groups})",
                  f"    optimizer = torch.optim.AdamW(groups, lr={_py(cfg.lr)})"]
        extra.append("optimizers=(optimizer, None)")
    if unfreeze:
        extra.append(f"callbacks=[GradualUnfreezing(model, {spec.layers})]")
    if task == "dpo":
        extra.insert(0, "ref_model=None" if cfg.strategy in ("lora", "qlora") else "ref_model=reference")
    collators = {"token-cls": "DataCollatorForTokenClassification(tokenizer)",
                 "causal-lm": "CausalLMCollator(tokenizer)",
                 "seq2seq": "DataCollatorForSeq2Seq(tokenizer, model=model)"}
    if task in collators:
        extra.append(f"data_collator={collators[task]}")
    if task == "seq2seq":
        extra.append("compute_metrics=exact_match(tokenizer)")
    if task in ("sft", "dpo") and cfg.strategy in ("lora", "qlora"):
        extra.append("peft_config=lora_config()")
    lines += [f"    trainer = {trainer}(", "        model=model,"]
    lines += [f"        {item}," for item in extra if item.startswith("ref_model")]
    lines += ["        args=training_arguments(args.output_dir, args.max_steps),",
              "        train_dataset=preprocess(data[\"train\"], tokenizer),",
              "        eval_dataset=preprocess(data[\"eval\"], tokenizer),",
              "        processing_class=tokenizer,"]
    lines += [f"        {item}," for item in extra if not item.startswith("ref_model")]
    return lines + ["    )", "    trainer.train()", "    trainer.save_model()"]


def to_python(config: FineTuneConfig) -> str:
    """A runnable training script: load the data and the model, apply the strategy, train."""
    cfg = sanitised(config)
    spec = get_model(cfg.model)
    assert spec is not None  # sanitised() replaces an unknown model with the default one
    task = cfg.resolved_task()
    full = cfg.strategy == "full"
    decay, unfreeze = full and cfg.layer_decay != 1.0, full and cfg.gradual_unfreezing
    _, arguments = TRAINERS.get(task, ("Trainer", "TrainingArguments"))
    output = f"./results/{re.sub(r'[^A-Za-z0-9_.-]+', '-', cfg.model)}-{cfg.strategy}-{task}"
    lines = _docstring(cfg, spec, task) + [""] + _imports(cfg, task, decay, unfreeze)
    lines += ["", f"MODEL_NAME = {_py(spec.hub_id)}", f"OUTPUT_DIR = {_py(output)}", f"MAX_LENGTH = {cfg.seq_len}"]
    if task in ("seq-cls", "token-cls"):
        lines.append(f"NUM_LABELS = {cfg.num_labels}")
    if task == "seq2seq":
        lines.append(f"MAX_NEW_TOKENS = {cfg.seq_len}")
    if task in ("causal-lm", "sft", "dpo"):
        sampling = f"temperature={_py(cfg.temperature)}, top_k={cfg.top_k}, top_p={_py(cfg.top_p)}"
        lines += ["# Sampling settings to try the model afterwards: model.generate(**inputs, **GENERATION).",
                  f"GENERATION = dict(max_new_tokens={cfg.max_length}, do_sample=True, {sampling})"]
    for helper, wanted in ((DEPTH_HELPER, decay or unfreeze), (LAYER_DECAY, decay), (UNFREEZING, unfreeze)):
        lines += ["", helper.rstrip("\n")] if wanted else []
    if cfg.strategy in ("lora", "qlora"):
        lines += _lora_config(cfg, spec, task)
    lines += _load_model(cfg, spec, task)
    lines += ["", PREPROCESS[task].rstrip("\n"), "", ""]
    lines += [f"def training_arguments(output_dir: str, max_steps: int) -> {arguments}:",
              '    """The hyperparameters chosen in the simulator; max_steps > 0 ends the run early."""',
              f"    return {arguments}(", "        output_dir=output_dir,", "        max_steps=max_steps,"]
    lines += [f"        {key}={_py(value)}," for key, value in training_arguments(cfg).items()]
    lines += ["    )", "", MAIN_HEAD.rstrip("\n")]
    lines += _trainer_call(cfg, spec, task, decay, unfreeze)
    lines += ["", "", 'if __name__ == "__main__":', "    main()", ""]
    return "\n".join(lines)


def to_dict(config: FineTuneConfig) -> dict[str, object]:
    """Every field of the (sanitised) configuration, as plain YAML/JSON values; the task is explicit."""
    cfg = sanitised(config)
    data: dict[str, object] = dict(cfg.__dict__)
    data["task"] = cfg.resolved_task()  # NER and QA keep their head when the file is read back
    data["lora_targets"] = list(cfg.lora_targets) if cfg.lora_targets is not None else None
    return data


def to_yaml(config: FineTuneConfig) -> str:
    """The configuration as a YAML document (`parse_config(yaml.safe_load(text))` reads it back)."""
    import yaml  # only needed here; keeps `import tutor.sim` light

    header = "# tutor fine-tuning configuration (read back with tutor.sim.config.parse_config)\n"
    return header + yaml.safe_dump(to_dict(config), sort_keys=False, allow_unicode=True)
