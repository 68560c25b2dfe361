"""Export as a Python script (valid, transformers 5 argument names, one head per task) and as YAML.

tests/hf/test_export_runs.py runs the same scripts on tiny models; these checks read the source only.
"""

from __future__ import annotations

import ast
import itertools
import re

import pytest
import yaml

from tutor.sim.catalogue import MODELS as MODELS_ALL
from tutor.sim.config import FineTuneConfig, parse_config
from tutor.sim.export import (
    TASK_ARGUMENT_NAMES,
    TRAINING_ARGUMENT_NAMES,
    to_dict,
    to_python,
    to_yaml,
    training_arguments,
)
from tutor.sim.peft import peft_lora_arguments

MODELS = ("bert-base-uncased", "roberta-base", "distilbert-base-uncased", "gpt2", "codegen-350M-multi")
STRATEGIES = ("full", "freeze", "lora", "adapters", "bitfit")
# One model of each family for each task (the model's default task comes from the catalogue).
TASK_MODELS = {
    "seq-cls": "bert-base-uncased", "token-cls": "camembert-base", "qa": "deberta-v3-base",
    "causal-lm": "SmolLM2-135M", "sft": "Qwen2.5-0.5B", "dpo": "Llama-3.2-1B", "seq2seq": "t5-small",
}
ARGUMENT_CLASSES = {"seq2seq": "Seq2SeqTrainingArguments", "sft": "SFTConfig", "dpo": "DPOConfig"}
TRAINER_CLASSES = {"seq2seq": "Seq2SeqTrainer", "sft": "SFTTrainer", "dpo": "DPOTrainer"}
AUTO_CLASSES = {
    "seq-cls": "AutoModelForSequenceClassification", "token-cls": "AutoModelForTokenClassification",
    "qa": "AutoModelForQuestionAnswering", "causal-lm": "AutoModelForCausalLM", "sft": "AutoModelForCausalLM",
    "dpo": "AutoModelForCausalLM", "seq2seq": "AutoModelForSeq2SeqLM",
}


def calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg is not None}


def literal_keywords(call: ast.Call) -> dict[str, object]:
    return {name: ast.literal_eval(value) for name, value in keywords(call).items()
            if isinstance(value, (ast.Constant, ast.List, ast.Dict, ast.UnaryOp))}


def arguments_call(text: str, task: str) -> ast.Call:
    (call,) = calls(ast.parse(text), ARGUMENT_CLASSES.get(task, "TrainingArguments"))
    return call


def trainer_call(text: str, task: str) -> ast.Call:
    (call,) = calls(ast.parse(text), TRAINER_CLASSES.get(task, "Trainer"))
    return call


@pytest.mark.parametrize(("model", "strategy"), itertools.product(MODELS, STRATEGIES))
def test_script_is_valid_python(model: str, strategy: str) -> None:
    config = FineTuneConfig(model=model, strategy=strategy, checkpointing=True, warmup_steps=50)
    text = to_python(config)
    task = config.resolved_task()
    names = set(keywords(arguments_call(text, task)))
    assert names <= TRAINING_ARGUMENT_NAMES | TASK_ARGUMENT_NAMES.get(task, frozenset())
    assert {"output_dir", "max_steps", "learning_rate", "per_device_train_batch_size", "gradient_accumulation_steps",
            "num_train_epochs", "lr_scheduler_type", "weight_decay", "optim", "activation_checkpointing",
            "eval_strategy", "save_strategy", "load_best_model_at_end", "metric_for_best_model",
            "warmup_steps"} <= names
    # Deprecated in transformers 5: warmup_ratio, gradient_checkpointing, Trainer(tokenizer=...).
    assert "warmup_ratio" not in text and "gradient_checkpointing" not in text and "tokenizer=tokenizer" not in text
    assert "processing_class" in keywords(trainer_call(text, task))
    assert bool(calls(ast.parse(text), "LoraConfig")) == (strategy == "lora")


@pytest.mark.parametrize("task", sorted(TASK_MODELS))
@pytest.mark.parametrize("strategy", ["full", "lora", "qlora"])
def test_every_task_family_has_its_head_trainer_and_arguments(task: str, strategy: str) -> None:
    config = FineTuneConfig(model=TASK_MODELS[task], task=task, strategy=strategy)
    text = to_python(config)
    assert re.search(rf"model = {AUTO_CLASSES[task]}\.from_pretrained\(\s*model_name", text)
    assert set(keywords(arguments_call(text, task))) <= TRAINING_ARGUMENT_NAMES | TASK_ARGUMENT_NAMES.get(task, set())
    assert trainer_call(text, task)
    assert f"task: {task}" in to_yaml(config) and "task: null" not in to_yaml(config)
    assert ("BitsAndBytesConfig(" in text) == (strategy == "qlora")
    assert ("LoraConfig(" in text) == (strategy != "full")


def test_argument_sets_only_grow_with_known_names() -> None:
    # TrainingArguments fields of transformers 5.24 that are not deprecated (tests/hf checks the installed one).
    known = {
        "output_dir", "max_steps", "learning_rate", "per_device_train_batch_size", "per_device_eval_batch_size",
        "gradient_accumulation_steps", "num_train_epochs", "warmup_steps", "lr_scheduler_type", "weight_decay",
        "optim", "fp16", "bf16", "activation_checkpointing", "activation_checkpointing_kwargs", "eval_strategy",
        "save_strategy", "load_best_model_at_end", "metric_for_best_model", "report_to",
    }
    assert known >= TRAINING_ARGUMENT_NAMES
    assert TASK_ARGUMENT_NAMES == {
        "seq2seq": {"predict_with_generate"}, "sft": {"max_length", "completion_only_loss"},
        "dpo": {"max_length", "beta"},
    }


def test_causal_lm_keeps_eos_in_the_labels() -> None:
    text = to_python(FineTuneConfig(model="gpt2"))
    # DataCollatorForLanguageModeling masks every pad id, so with pad = eos it masks EOS (transformers #23530).
    assert "DataCollatorForLanguageModeling(" not in text
    assert "data_collator=CausalLMCollator(tokenizer)" in text
    assert 'labels[batch["attention_mask"] == 0] = -100' in text
    assert "ids.append(tokenizer.eos_token_id)" in text  # every example ends with EOS


def test_lora_config_values() -> None:
    tree = ast.parse(to_python(FineTuneConfig(strategy="lora", lora_r=16, lora_alpha=32)))
    (lora,) = calls(tree, "LoraConfig")
    values = literal_keywords(lora)
    expected = {"r": 16, "lora_alpha": 32, "lora_dropout": 0.0, "target_modules": ["query", "value"],
                "modules_to_save": ["classifier"], "bias": "none"}
    assert values == expected
    gpt = ast.parse(to_python(FineTuneConfig(model="gpt2", strategy="lora")))
    (lora,) = calls(gpt, "LoraConfig")
    assert ast.unparse(keywords(lora)["task_type"]) == "TaskType.CAUSAL_LM"
    seq2seq = ast.parse(to_python(FineTuneConfig(model="t5-small", strategy="lora")))
    assert ast.unparse(keywords(calls(seq2seq, "LoraConfig")[0])["task_type"]) == "TaskType.SEQ_2_SEQ_LM"


def test_all_linear_is_peft_s_string() -> None:
    text = to_python(FineTuneConfig(model="SmolLM2-135M", strategy="lora", lora_targets=("all-linear",)))
    (lora,) = calls(ast.parse(text), "LoraConfig")
    assert literal_keywords(lora)["target_modules"] == "all-linear"


@pytest.mark.parametrize("targets", [None, ("all-linear",)], ids=["default", "all-linear"])
@pytest.mark.parametrize("name", sorted(MODELS_ALL))
def test_lora_config_is_peft_lora_arguments(name: str, targets: tuple[str, ...] | None) -> None:
    # The keywords that make PEFT train what `tutor estimate` counts (tests/hf/test_peft_counts.py).
    spec = MODELS_ALL[name]
    for task in spec.tasks:
        text = to_python(FineTuneConfig(model=name, task=task, strategy="lora", lora_targets=targets))
        (lora,) = calls(ast.parse(text), "LoraConfig")
        values = literal_keywords(lora)
        expected = peft_lora_arguments(spec, task, targets)
        assert {key: values.get(key) for key in ("target_modules", "exclude_modules", "modules_to_save")} == \
            {key: expected.get(key) for key in ("target_modules", "exclude_modules", "modules_to_save")}


def test_lora_heads_in_the_script() -> None:
    def lora(model: str, task: str, targets: tuple[str, ...] | None = ("all-linear",)) -> dict[str, object]:
        text = to_python(FineTuneConfig(model=model, task=task, strategy="lora", lora_targets=targets))
        return literal_keywords(calls(ast.parse(text), "LoraConfig")[0])

    # peft 0.21 wraps a token-cls/QA head twice with plain "all-linear" (TypeError): the head is excluded.
    for task, head in (("token-cls", ["classifier"]), ("qa", ["qa_outputs"])):
        values = lora("bert-base-uncased", task)
        assert values["exclude_modules"] == head and values["modules_to_save"] == head
    # PEFT's task types alone leave these frozen (DeBERTa's ContextPooler, ModernBERT's prediction head).
    assert lora("deberta-v3-base", "seq-cls", None)["modules_to_save"] == ["pooler", "classifier"]
    assert lora("ModernBERT-base", "qa")["modules_to_save"] == ["head", "classifier"]
    assert "exclude_modules" not in lora("deberta-v3-base", "qa", None)  # named targets never reach the head
    for model, task in (("Llama-3.2-1B", "sft"), ("t5-small", "seq2seq")):  # the LM head stays frozen
        assert not {"exclude_modules", "modules_to_save"} & set(lora(model, task))


def test_qlora_script() -> None:
    config = FineTuneConfig(model="Llama-3.1-8B-Instruct", task="sft", strategy="qlora", gpu="a100-80gb",
                            precision="bf16", checkpointing=True, optimizer="paged-adamw-8bit")
    text = to_python(config)
    tree = ast.parse(text)
    (bnb,) = calls(tree, "BitsAndBytesConfig")
    assert literal_keywords(bnb) == {"load_in_4bit": True, "bnb_4bit_quant_type": "nf4",
                                     "bnb_4bit_use_double_quant": True}
    assert ast.unparse(keywords(bnb)["bnb_4bit_compute_dtype"]) == "torch.bfloat16"
    assert calls(tree, "LoraConfig")
    # The estimate counts the weights bitsandbytes leaves unquantised in 16-bit: the script loads them
    # in the compute dtype and never upcasts them (prepare_model_for_kbit_training would, to fp32).
    assert "prepare_model_for_kbit_training" not in text.replace("No prepare_model_for_kbit_training", "")
    (load,) = [call for call in ast.walk(tree) if isinstance(call, ast.Call)
               and isinstance(call.func, ast.Attribute) and call.func.attr == "from_pretrained"
               and "quantization_config" in keywords(call)]
    assert ast.unparse(keywords(load)["dtype"]) == "torch.bfloat16"
    args = literal_keywords(arguments_call(text, "sft"))
    assert args["optim"] == "paged_adamw_8bit" and args["bf16"] is True
    assert "quantization_config=quantization" in text
    # On a T4 (no bf16) the 4-bit matmuls compute in fp16.
    t4 = to_python(FineTuneConfig(model="SmolLM2-135M", strategy="qlora", gpu="t4", precision="fp16"))
    assert "bnb_4bit_compute_dtype=torch.float16" in t4 and "dtype=torch.float16\n" in t4


@pytest.mark.parametrize(("optimizer", "optim"), [
    ("adamw", "adamw_torch"), ("adamw-8bit", "adamw_bnb_8bit"), ("paged-adamw-8bit", "paged_adamw_8bit"),
])
def test_optimizer_names(optimizer: str, optim: str) -> None:
    for strategy in ("full", "lora", "qlora"):  # the optimizer the estimate counts, whatever the strategy
        config = FineTuneConfig(model="SmolLM2-135M", strategy=strategy, optimizer=optimizer)
        assert training_arguments(config)["optim"] == optim


def test_precision_flags_and_warmup() -> None:
    text = to_python(FineTuneConfig(precision="bf16", gpu="a100-40gb", warmup_ratio=0.06))
    args = literal_keywords(arguments_call(text, "seq-cls"))
    assert args["bf16"] is True and "fp16" not in args and args["warmup_steps"] == 0.06
    assert literal_keywords(arguments_call(to_python(FineTuneConfig(precision="fp16")), "seq-cls"))["fp16"] is True
    fp32 = literal_keywords(arguments_call(to_python(FineTuneConfig(precision="fp32")), "seq-cls"))
    assert "fp16" not in fp32 and "bf16" not in fp32
    # TRL's configs default to bf16=True and checkpointing on: the script says no explicitly.
    sft = literal_keywords(arguments_call(to_python(FineTuneConfig(model="gpt2", task="sft", precision="fp32")), "sft"))
    assert sft["bf16"] is False and sft["activation_checkpointing"] is False
    assert training_arguments(FineTuneConfig(warmup_steps=50))["warmup_steps"] == 50


def test_seq2seq_script() -> None:
    text = to_python(FineTuneConfig(model="opus-mt-en-fr", seq_len=64))
    args = literal_keywords(arguments_call(text, "seq2seq"))
    assert args["predict_with_generate"] is True
    assert "data_collator=DataCollatorForSeq2Seq(tokenizer, model=model)" in text
    assert "model.generation_config.max_new_tokens = MAX_NEW_TOKENS" in text and "MAX_NEW_TOKENS = 64" in text
    assert "text_target=" in text


def test_sft_script() -> None:
    text = to_python(FineTuneConfig(model="SmolLM2-1.7B-Instruct", task="sft", strategy="lora", seq_len=512))
    args = literal_keywords(arguments_call(text, "sft"))
    assert args["completion_only_loss"] is True and args["max_length"] == 512
    call = keywords(trainer_call(text, "sft"))
    assert ast.unparse(call["peft_config"]) == "lora_config()"
    assert "get_peft_model" not in text  # TRL wraps the model itself
    assert "tokenizer.chat_template" in text


@pytest.mark.parametrize("strategy", ["full", "lora"])
def test_dpo_reference(strategy: str) -> None:
    config = FineTuneConfig(model="Qwen2.5-0.5B", task="dpo", strategy=strategy, dpo_beta=0.25)
    text = to_python(config)
    assert literal_keywords(arguments_call(text, "dpo"))["beta"] == 0.25
    reference = ast.unparse(keywords(trainer_call(text, "dpo"))["ref_model"])
    # With LoRA the reference is the base without the adapters: no second copy.
    assert reference == ("None" if strategy == "lora" else "reference")


def test_generation_uses_max_new_tokens() -> None:
    text = to_python(FineTuneConfig(model="gpt2", max_length=120))
    assert "GENERATION = dict(max_new_tokens=120," in text and "max_length=120" not in text


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
    ner = to_python(FineTuneConfig(model="bert-base-multilingual-cased", task="token-cls", num_labels=9))
    assert "AutoModelForTokenClassification.from_pretrained(model_name, num_labels=NUM_LABELS)" in ner
    assert "NUM_LABELS = 9" in ner and "DataCollatorForTokenClassification(tokenizer)" in ner
    qa = to_python(FineTuneConfig(task="qa"))
    assert "AutoModelForQuestionAnswering.from_pretrained(model_name)" in qa and "start_positions" in qa
    assert "adapters.init(model)" in to_python(FineTuneConfig(strategy="adapters"))
    assert "add_prefix_space=True" in to_python(FineTuneConfig(model="roberta-base", task="token-cls"))


def test_invalid_fields_are_exported_as_defaults() -> None:
    text = to_python(FineTuneConfig(batch_size=-3, model="nope"))
    ast.parse(text)
    assert "per_device_train_batch_size=16" in text and '"google-bert/bert-base-uncased"' in text


def test_yaml_names_the_task() -> None:
    for task in ("token-cls", "qa"):
        data = yaml.safe_load(to_yaml(FineTuneConfig(task=task)))
        assert data["task"] == task
    assert yaml.safe_load(to_yaml(FineTuneConfig(model="gpt2")))["task"] == "causal-lm"


def test_yaml_round_trip() -> None:
    config = FineTuneConfig(model="gpt2", strategy="lora", lora_targets=("c_attn", "c_proj"), lr=1e-4,
                            checkpointing=True, epochs=2.5, task="causal-lm", precision="fp16")
    data = yaml.safe_load(to_yaml(config))
    assert data == to_dict(config)
    back, problems = parse_config(data)
    assert problems == [] and back == config
