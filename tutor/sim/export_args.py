"""The keyword arguments of the exported script's TrainingArguments (or SFTConfig, DPOConfig…).

Only names that transformers 5 does not deprecate: `eval_strategy`, `warmup_steps` (a fraction
below 1 replaced `warmup_ratio`), `activation_checkpointing` (replaced `gradient_checkpointing`).
tests/hf/test_export_runs.py builds each arguments class from them with deprecations as errors.
"""

from __future__ import annotations

from tutor.sim.config import FineTuneConfig, sanitised

# The config's optimizer → TrainingArguments `optim` (the 8-bit ones need bitsandbytes and CUDA).
OPTIM_NAMES = {"adamw": "adamw_torch", "adamw-8bit": "adamw_bnb_8bit", "paged-adamw-8bit": "paged_adamw_8bit"}

# Every keyword the script passes to TrainingArguments (tests check the script uses no other).
TRAINING_ARGUMENT_NAMES = frozenset({
    "output_dir", "max_steps", "learning_rate", "per_device_train_batch_size", "per_device_eval_batch_size",
    "gradient_accumulation_steps", "num_train_epochs", "warmup_steps", "lr_scheduler_type", "weight_decay",
    "optim", "fp16", "bf16", "activation_checkpointing", "activation_checkpointing_kwargs", "eval_strategy",
    "save_strategy", "load_best_model_at_end", "metric_for_best_model", "report_to",
})
# What each task's own arguments class adds to them.
TASK_ARGUMENT_NAMES: dict[str, frozenset[str]] = {
    "seq2seq": frozenset({"predict_with_generate"}),
    "sft": frozenset({"max_length", "completion_only_loss"}),
    "dpo": frozenset({"max_length", "beta"}),
}


def _optimizer(cfg: FineTuneConfig) -> str:
    """The `optim` name of the config's optimizer (the estimate counts the same optimizer states)."""
    return OPTIM_NAMES.get(cfg.optimizer, "adamw_torch")


def training_arguments(config: FineTuneConfig) -> dict[str, object]:
    """The literal keywords of the script's TrainingArguments (or SFTConfig…), in a readable order.

    `output_dir` and `max_steps` come from the command line and are not included.
    """
    cfg = sanitised(config)
    task = cfg.resolved_task()
    args: dict[str, object] = {
        "learning_rate": cfg.lr,
        "per_device_train_batch_size": cfg.batch_size,
        "per_device_eval_batch_size": cfg.batch_size,
        "gradient_accumulation_steps": cfg.grad_accum,
        "num_train_epochs": float(cfg.epochs),
        # transformers 5: a warmup_steps below 1 is a fraction of the total steps (warmup_ratio is gone).
        "warmup_steps": cfg.warmup_steps if cfg.warmup_steps > 0 else (cfg.warmup_ratio or 0),
        "lr_scheduler_type": cfg.schedule,
        "weight_decay": cfg.weight_decay,
        "optim": _optimizer(cfg),
    }
    if cfg.precision in ("fp16", "bf16"):
        args[cfg.precision] = True
    if task in ("sft", "dpo") and cfg.precision != "bf16":
        args["bf16"] = False  # TRL's configs turn bf16 on unless told otherwise
    # TRL's configs turn checkpointing on by default (through the deprecated name): always say which.
    if cfg.checkpointing or task in ("sft", "dpo"):
        args["activation_checkpointing"] = bool(cfg.checkpointing)
    if cfg.checkpointing:
        # Non-reentrant checkpointing works with frozen inputs (PEFT) without enable_input_require_grads.
        args["activation_checkpointing_kwargs"] = {"use_reentrant": False}
    args |= {
        "eval_strategy": "epoch", "save_strategy": "epoch", "load_best_model_at_end": True,
        "metric_for_best_model": "eval_loss", "report_to": "none",
    }
    if task == "seq2seq":
        args["predict_with_generate"] = True
    if task in ("sft", "dpo"):
        args["max_length"] = cfg.seq_len
    if task == "sft":
        args["completion_only_loss"] = True
    if task == "dpo":
        args["beta"] = cfg.dpo_beta
    return args
