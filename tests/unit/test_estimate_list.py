"""`tutor estimate --list [--json]`: the catalogue's models and GPUs with their figures, in both languages."""

from __future__ import annotations

import json
import re

import pytest

from tutor.cli import main
from tutor.sim.catalogue import GPUS, MODELS, base_params


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_model_and_gpu_with_english_keys(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("fr", "en"):
        code, out, err = run(capsys, "estimate", "--list", "--json", "--lang", lang)
        assert code == 0 and err == ""
        data = json.loads(out)
        assert [m["name"] for m in data["models"]] == list(MODELS)
        assert [g["name"] for g in data["gpus"]] == list(GPUS)
        for entry in data["models"]:
            spec = MODELS[entry["name"]]
            assert entry == {
                "name": spec.name, "hub_id": spec.hub_id, "family": spec.family, "arch": spec.arch,
                "parameters": base_params(spec), "max_positions": spec.max_positions,
                "languages": spec.languages, "instruct": spec.instruct, "year": spec.year,
                "aliases": list(spec.aliases),
            }
        for entry in data["gpus"]:
            gpu = GPUS[entry["name"]]
            assert entry == {
                "name": gpu.name, "label": gpu.label, "memory_gib": gpu.memory_gib,
                "memory_bytes": gpu.memory_bytes, "peak_16bit_tflops": gpu.peak_16bit_tflops,
                "peak_fp32_tflops": gpu.peak_fp32_tflops, "bf16": gpu.bf16,
            }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_text_tables_fit_80_columns_and_show_every_figure(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    from tutor.i18n.numbers import fmt, fmt_int

    code, out, _ = run(capsys, "estimate", "--list", "--lang", lang)
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    for spec in MODELS.values():
        # Line 1: short name and hub id; line 2: the figures, numbers written for the language.
        index = next(i for i, line in enumerate(lines) if line.split()[:2] == [spec.name, spec.hub_id])
        figures = lines[index + 1]
        assert fmt_int(base_params(spec), lang) in figures and fmt_int(spec.max_positions, lang) in figures
        assert figures.rstrip().endswith(str(spec.year)) and f" {spec.arch} " in figures
        assert (("oui" if lang == "fr" else "yes") in figures) is spec.instruct
    for gpu in GPUS.values():
        row = next(line for line in lines if line.split()[:1] == [gpu.name])
        assert gpu.label in row and fmt(gpu.peak_16bit_tflops, lang, 1) in row
        assert fmt(gpu.peak_fp32_tflops, lang, 1) in row
        assert f"{fmt_int(gpu.memory_gib, lang)} {'Gio' if lang == 'fr' else 'GiB'}" in row


def test_columns_are_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    """Every figure line ends its number columns at the same place as the header's titles."""
    _, out, _ = run(capsys, "estimate", "--list", "--lang", "en")
    lines = out.splitlines()
    header = next(line for line in lines if "parameters" in line)
    end = header.index("parameters") + len("parameters")
    figure_lines = [lines[i + 1] for i, line in enumerate(lines) if line.split()[:1] and line.split()[0] in MODELS]
    assert len(figure_lines) == len(MODELS)
    for line in figure_lines:
        assert re.match(r"[\d,]+$", line[:end].split()[-1]) and line[end] == " "


def test_french_numbers_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "estimate", "--list", "--lang", "fr")
    assert "109\u202f482\u202f240" in out and "encodeur" in out and "décodeur" in out and "Gio" in out
    assert "GiB" not in out and not re.search(r"\d\.\d", out.split("GPU (")[1])  # decimal comma
    _, out, _ = run(capsys, "estimate", "--list", "--lang", "en")
    assert "109,482,240" in out and "decoder" in out and "décodeur" not in out


def test_list_needs_no_model_and_model_is_required_otherwise(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "estimate", "--list")[0] == 0
    code, out, err = run(capsys, "estimate", "--lang", "en")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "--model" in err and "--list" in err


@pytest.mark.parametrize("extra", [["--model", "gpt2"], ["--checkpointing"], ["--snippet", "yaml"],
                                   ["--warmup-steps", "3"], ["--gpu", "t4", "--batch-size", "8"]])
def test_list_refuses_estimate_options(capsys: pytest.CaptureFixture[str], extra: list[str]) -> None:
    code, out, err = run(capsys, "estimate", "--list", *extra, "--lang", "en")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "--list" in err and extra[0] in err and "Traceback" not in err


# The new outputs of `tutor estimate` and `tutor recommend` speak one language at a time (the same
# check as tests/unit/test_french_cli.py, whose table of cases predates them).
NEW_OUTPUTS = {
    "list": ["estimate", "--list"],
    "no fit": ["estimate", "--model", "gpt2-xl"],
    "nothing single fits": ["estimate", "--model", "Llama-3.1-8B-Instruct", "--seq-len", "1024", "--batch-size", "8"],
    "dpo qlora": ["estimate", "--model", "Mistral-7B-v0.1", "--strategy", "qlora", "--task", "dpo", "--gpu", "a10g"],
    "dpo full": ["estimate", "--model", "SmolLM2-135M", "--task", "dpo", "--optimizer", "paged-adamw-8bit"],
    "unknown model": ["estimate", "--model", "llama"],
    "list and model": ["estimate", "--list", "--model", "gpt2"],
    "recommend chat": ["recommend", "gpt", "chatbot", "de", "support", "client"],
    "recommend summary": ["recommend", "bert", "summarise", "news", "articles"],
}


@pytest.mark.parametrize("case", sorted(NEW_OUTPUTS))
def test_new_outputs_speak_one_language(case: str, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.test_french_cli import catalogue_fragments, leaks

    argv = NEW_OUTPUTS[case]
    monkeypatch.setenv("TUTOR_LANG", "fr")
    code, out, err = run(capsys, *argv)
    assert code in (0, 2) and "Traceback" not in err
    assert leaks(out + err, catalogue_fragments("en")) == [], out + err
    monkeypatch.setenv("TUTOR_LANG", "en")
    code, out, err = run(capsys, *argv)
    text = out + err
    for word in sorted(argv, key=len, reverse=True):  # the learner's own words
        text = text.replace(word, "")
    assert leaks(text, catalogue_fragments("fr")) == [], text
    assert all(len(line) <= 80 for line in out.splitlines())
