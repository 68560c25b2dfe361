"""`tutor recommend`, `tutor estimate`, `tutor sample`: output, JSON and every bad-argument case."""

from __future__ import annotations

import json

import pytest

from tutor.cli import main


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English messages (French is the default): tests/unit/test_french_cli.py checks French."""
    monkeypatch.setenv("TUTOR_LANG", "en")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse errors exit from inside parse_args
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_usage_error(result: tuple[int, str, str], *fragments: str) -> None:
    code, out, err = result
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


def test_recommend_text_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "bert", "avis clients positifs ou négatifs", "--lang", "fr")
    assert code == 0 and "camembert-base" in out and "Analyse de sentiment" in out and "Pourquoi" in out
    code, out, _ = run(capsys, "recommend", "gpt", "a", "customer", "support", "assistant", "--lang", "en")
    assert code == 0 and "gpt2-large" in out and "Conversational assistant" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_recommend_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "gpt", "complétion de code Python", "--lang", "en", "--json")
    data = json.loads(out)
    assert code == 0 and data["model"] == "codegen-350M-multi" and data["temperature"] == 0.2
    assert data["labels"] == {"fr": "Génération de code", "en": "Code generation"}


def test_recommend_language_from_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUTOR_LANG", "en")
    _, out, _ = run(capsys, "recommend", "bert", "spam")
    assert "Task:" in out
    _, out, _ = run(capsys, "--lang", "fr", "recommend", "bert", "spam")
    assert "Tâche\u00a0:" in out  # a no-break space: the colon never starts a wrapped line


def test_estimate_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "estimate", "--model", "bert-base-uncased")
    assert code == 0
    assert "109,482,240" in out and "1,538" in out and "fits" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_estimate_json_bert_base_lora(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "estimate", "--model", "bert-base-uncased", "--strategy", "lora", "--lora-r", "8",
        "--lora-targets", "query,value", "--json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["base_params"] == 109_482_240 and data["adapter_params"] == 294_912
    assert data["trainable_params"] == 294_912 + 1_538
    for key in ("head_params", "steps_per_epoch", "total_steps", "warmup_steps", "train_flops", "time_seconds", "fits"):
        assert key in data
    memory = data["memory_bytes"]
    assert memory["total"] == sum(memory[k] for k in ("weights", "gradients", "optimizer", "activations", "overhead"))


def test_estimate_trainer_steps(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "estimate", "--model", "bert-base-uncased", "--examples", "10000", "--batch-size", "16",
        "--devices", "2", "--grad-accum", "2", "--epochs", "3", "--warmup-ratio", "0.1", "--json",
    )
    data = json.loads(out)
    assert (data["steps_per_epoch"], data["total_steps"], data["warmup_steps"]) == (157, 471, 48)
    _, out, _ = run(capsys, "estimate", "--model", "gpt2", "--warmup-steps", "30", "--json", "--checkpointing")
    data = json.loads(out)
    assert data["warmup_steps"] == 30 and data["recompute_flops"] > 0


def test_estimate_reference_time(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "estimate", "--model", "bert-base-uncased", "--gpu", "a100-40gb", "--mfu", "0.4",
        "--examples", "10000", "--seq-len", "128", "--epochs", "3", "--json",
    )
    data = json.loads(out)
    assert data["train_flops"] == pytest.approx(2.52e15, rel=1e-3)
    assert data["time_seconds"] == pytest.approx(20, abs=0.5)


def test_estimate_warning_is_printed_not_fatal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "estimate", "--model", "bert-base-uncased", "--precision", "bf16", "--gpu", "t4")
    assert code == 0 and "warning: precision" in out


def test_estimate_snippets(capsys: pytest.CaptureFixture[str]) -> None:
    import ast

    import yaml

    code, out, _ = run(capsys, "estimate", "--model", "gpt2", "--strategy", "lora", "--snippet", "python")
    assert code == 0 and "LoraConfig(" in out
    ast.parse(out)
    code, out, _ = run(capsys, "estimate", "--model", "gpt2", "--snippet", "yaml")
    assert code == 0 and yaml.safe_load(out)["model"] == "gpt2"


def test_sample_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sample", "--logits", "1,2,3", "--tokens", "a,b,c", "--temperature", "0.5")
    assert code == 0 and "0.8668" in out and "kept tokens: c, b, a" in out
    code, out, _ = run(capsys, "sample", "--logits", "1,2,3", "--top-k", "2", "--top-p", "0.8", "--json")
    data = json.loads(out)
    assert [s["name"] for s in data["steps"]] == ["softmax", "top-k", "top-p"]
    assert data["kept_tokens"] == ["#2", "#1"]
    code, out, _ = run(capsys, "sample", "--logits=-1,2.5,3", "--json")
    assert code == 0 and len(json.loads(out)["tokens"]) == 3
    code, out, _ = run(capsys, "sample", "--example", "chat-assis", "--top-p", "0.9")
    assert code == 0 and "canapé" in out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["estimate", "--model", "bert-huge"], ["--model", "unknown model", "bert-base-uncased", "gpt2-xl"]),
        (["estimate", "--model", "gpt2", "--batch-size", "abc"], ["--batch-size", "not a number"]),
        (["estimate", "--model", "gpt2", "--batch-size", "0"], ["--batch-size", ">= 1"]),
        (["estimate", "--model", "gpt2", "--batch-size=-4"], ["--batch-size"]),
        (["estimate", "--model", "gpt2", "--lr", "0"], ["--lr"]),
        (["estimate", "--model", "gpt2", "--lr=-1e-5"], ["--lr"]),
        (["estimate", "--model", "gpt2", "--epochs", "5000"], ["--epochs"]),
        (["estimate", "--model", "gpt2", "--seq-len", "4096"], ["--seq-len", "1,024"]),
        (["estimate", "--model", "gpt2", "--examples", "2e9"], ["--examples"]),
        (["estimate", "--model", "gpt2", "--gpu", "tpu"], ["--gpu", "a100-40gb"]),
        (["estimate", "--model", "gpt2", "--strategy", "magic"], ["--strategy"]),
        (["estimate", "--model", "gpt2", "--lora-targets", "query"], ["--lora-targets", "c_attn"]),
        (["estimate", "--model", "gpt2", "--mfu", "2"], ["--mfu"]),
        (["estimate", "--model", "gpt2", "--warmup-ratio", "x"], ["--warmup-ratio"]),
        (["estimate", "--model", "gpt2", "--precision", "int4"], ["--precision"]),
        (["estimate", "--model", "gpt2", "--batch-size", "x", "--lr", "y"], ["--batch-size", "--lr"]),
        (["sample", "--logits", "1,2,3", "--tokens", "a,b"], ["2 tokens for 3 logits"]),
        (["sample", "--logits", "1,x,3"], ["--logits", "1,x,3"]),
        (["sample", "--logits", "1,2", "--temperature", "0"], ["--temperature"]),
        (["sample", "--logits", "1,2", "--temperature", "hot"], ["--temperature"]),
        (["sample", "--logits", "1,2", "--top-p", "1.5"], ["--top-p"]),
        (["sample", "--logits", "1,2", "--top-p", "0"], ["--top-p"]),
        (["sample", "--logits", "1,2", "--top-k=-1"], ["--top-k"]),
        (["sample", "--logits", "1,2", "--top-k", "2.5"], ["--top-k"]),
        (["sample"], ["--logits"]),
        (["sample", "--example", "nope"], ["--example", "cat-sat"]),
        (["sample", "--example", "cat-sat", "--logits", "1,2"], ["--example"]),
        (["recommend", "bert", "   "], ["sentence"]),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragments: list[str]
) -> None:
    assert_usage_error(run(capsys, *argv), *fragments)


@pytest.mark.parametrize(
    "argv",
    [
        ["estimate"],  # --model is required
        ["estimate", "--model", "gpt2", "--warmup-ratio", "0.1", "--warmup-steps", "10"],
        ["recommend", "llama", "spam"],
        ["recommend", "bert", "spam", "--lang", "de"],
        ["estimate", "--model", "gpt2", "--snippet", "toml"],
    ],
)
def test_argparse_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert_usage_error(run(capsys, *argv))
