"""The generated questions on fine-tuning LLMs (issue 15): every key recomputed independently over
200 seeds in both languages (the estimator, PEFT's count, sacreBLEU, the token splits the prompt
shows), explanations that show the computation, and French that follows French typography."""

from __future__ import annotations

import math
import re

import pytest

from tutor.content.typography import french_findings
from tutor.quiz.generators import GENERATOR_NAMES, generate
from tutor.quiz.generators_llm import (
    CHRF_PAIRS,
    FRENCH_SPLITS,
    FRENCH_WORDS,
    GENERATORS,
)
from tutor.quiz.grading import grade
from tutor.quiz.model import TOPICS, Question

SEEDS = range(200)
LANGS = ("fr", "en")
NAMES = ("qlora-memory", "lora-all-linear", "dpo-memory", "chrf-pair", "french-tokens-per-word")
_GROUPED = {"fr": "\u202f", "en": ","}


def _int(text: str, lang: str) -> int:
    return int(text.replace(_GROUPED[lang], ""))


def _number(lang: str) -> str:
    return r"\d{1,3}(?:" + re.escape(_GROUPED[lang]) + r"\d{3})*"


def _search(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text)
    assert match, (pattern, text)
    return match


def _all(name: str) -> list[tuple[int, str, Question]]:
    return [(seed, lang, generate(name, seed, lang)) for seed in SEEDS for lang in LANGS]


def test_they_are_registered_with_a_topic_and_a_lesson_section() -> None:
    from tutor.loader import builtin_paths, load_content

    assert set(NAMES) == set(GENERATORS) and set(NAMES) <= set(GENERATOR_NAMES)
    course = load_content(builtin_paths()).course
    for lang in LANGS:
        module = course.module("fine-tuning", lang)
        assert module is not None
        sections = {s.id for s in module.sections}
        for name in NAMES:
            question = generate(name, 0, lang)
            assert question.topic in TOPICS and question.section in sections, (name, question.section)
    wanted = {"qlora-memory": ("quantisation", "qlora"), "lora-all-linear": ("strategies", "qlora"),
              "dpo-memory": ("preference", "preference-tuning"), "chrf-pair": ("llm-evaluation", "llm-evaluation"),
              "french-tokens-per-word": ("encoders", "modern-encoders")}
    for name, (topic, section) in wanted.items():
        assert (generate(name, 1, "en").topic, generate(name, 1, "en").section) == (topic, section)


def test_the_banks_draw_them() -> None:
    from tutor.loader import builtin_paths, load_content

    quizzes = load_content(builtin_paths()).quizzes
    for lang in LANGS:
        bank = quizzes.bank("fine-tuning", lang)
        assert bank is not None
        requested = {g.name: g.count for g in bank.generators}
        assert all(1 <= requested.get(name, 0) <= 2 for name in NAMES), requested


def test_qlora_memory_is_the_estimators_weights() -> None:
    from tutor.sim.catalogue import get_model, quantisable_params
    from tutor.sim.config import FineTuneConfig
    from tutor.sim.estimate import estimate
    from tutor.sim.memory import nf4_bits_per_param

    pattern = {lang: re.compile(rf"QLoRA \w+ (\S+)\s?: .*?({_number(lang)}) (?:weights|poids).*?({_number(lang)}) "
                                rf"(?:autres|parameters).*?({_number(lang)}) (?:parameters|paramètres) "
                                rf"(?:of the|des adaptateurs) LoRA \w* ?\(r = (\d+), ([^)]+)\)") for lang in LANGS}
    seen = set()
    for seed, lang, question in _all("qlora-memory"):
        match = pattern[lang].search(question.prompt)
        assert match, question.prompt
        model, quantised, other, adapter = match.group(1), *(_int(match.group(i), lang) for i in (2, 3, 4))
        rank, targets = int(match.group(5)), match.group(6)
        spec = get_model(model)
        assert spec is not None and quantised == quantisable_params(spec)
        config = FineTuneConfig(model=model, task="sft", strategy="qlora", lora_r=rank,
                                lora_targets=("all-linear",) if targets == "all-linear" else None,
                                precision="bf16", gpu="a100-80gb")
        result = estimate(config)
        assert not result.problems and result.adapter_params == adapter
        assert quantised + other + adapter == result.total_params
        assert question.answer == result.memory.weights / 2**30, (seed, lang)
        # By hand, as the lesson does it: 4.127 bits per NF4 weight, 2 bytes for the rest.
        by_hand = (quantised * nf4_bits_per_param() / 8 + (other + adapter) * 2) / 2**30
        assert grade(question, by_hand).correct and by_hand == pytest.approx(question.answer, rel=1e-4)
        # Forgetting the block constants (4 bits flat) or double quantisation (4.5 bits) is wrong.
        assert not grade(question, (quantised * 4.5 / 8 + (other + adapter) * 2) / 2**30).correct
        assert not grade(question, (quantised * 4 / 8 + (other + adapter) * 2) / 2**30).correct
        assert not grade(question, result.memory.weights / 1e9).correct  # GB, not GiB
        unit = "Gio" if lang == "fr" else "GiB"
        assert question.unit == unit and "8/64 + 32/(64·256)" in question.explanation
        seen.add((model, targets == "all-linear"))
    assert len(seen) >= 10


def test_lora_all_linear_is_peft_count_and_the_prompt_is_enough_to_compute_it() -> None:
    from tutor.sim.catalogue import get_model
    from tutor.sim.peft import lora_params

    number = {lang: _number(lang) for lang in LANGS}
    for seed, lang, question in _all("lora-all-linear"):
        values = {}
        for key, label in (("r", r"r = "), ("h", r"h = "), ("I", r"I = ")):
            match = re.search(label + f"({number[lang]})", question.prompt)
            assert match, (key, question.prompt)
            values[key] = _int(match.group(1), lang)
        layers = _int(_search(rf"({number[lang]}) (?:layers|couches)", question.prompt).group(1), lang)
        widths = re.findall(rf"\d+ × \d+ = ({number[lang]})", question.prompt)
        q, kv = (_int(w, lang) for w in widths)
        r, h, ffn = values["r"], values["h"], values["I"]
        # q, k, v, o, gate, up, down: r·(d_in + d_out) each, in every layer.
        by_hand = layers * r * ((h + q) + 2 * (h + kv) + (q + h) + 2 * (h + ffn) + (ffn + h))
        model = _search(r" (?:on|sur) (\S+?)\s?:", question.prompt).group(1)
        spec = get_model(model)
        assert spec is not None
        assert question.answer == by_hand == lora_params(spec, r, ("all-linear",), task="sft"), (seed, lang)
        assert question.relative_tolerance == 0.005
        assert not grade(question, lora_params(spec, r, None, task="sft")).correct  # PEFT's default targets
        shown = question.explanation.rsplit("= ", 1)[1].rstrip(".")
        assert _int(shown, lang) == by_hand
        assert question.explanation.count("_proj ") == 7  # the seven matrices, one term each


def test_dpo_memory_is_the_estimators_reference() -> None:
    from tutor.sim.config import FineTuneConfig
    from tutor.sim.estimate import estimate

    for seed, lang, question in _all("dpo-memory"):
        model, precision = _search(r"(?:on|sur) (\S+) \(.*?(?:in|en) (bf16|fp16)\.", question.prompt).groups()
        full = estimate(FineTuneConfig(model=model, task="dpo", strategy="full", precision=precision))
        lora = estimate(FineTuneConfig(model=model, task="dpo", strategy="lora", precision=precision))
        assert lora.memory.reference == 0 and full.memory.reference == full.total_params * 2
        size = full.memory.reference / 2**30
        shown = f"{size:.{1 if size >= 10 else 2}f}"
        if lang == "fr":
            shown = shown.replace(".", ",")
        right = [o for o in question.options if o.correct]
        assert len(right) == 1 and len(question.options) == 4, (seed, lang)
        text = right[0].text
        assert shown in text and ("no second copy" in text or "pas de seconde copie" in text)
        assert text.index(shown) < text.index("LoRA")  # the copy is full fine-tuning's
        assert shown in question.explanation
        assert len({o.text for o in question.options}) == 4
    assert {generate("dpo-memory", s, "en").options[0].correct for s in SEEDS} == {True, False}


def test_chrf_is_sacrebleus() -> None:
    sacrebleu = pytest.importorskip("sacrebleu")
    chrf = sacrebleu.metrics.CHRF()
    drawn = set()
    for seed, lang, question in _all("chrf-pair"):
        quoted = re.findall(r'"([^"]+)"' if lang == "en" else "«\u00a0([^»]+?)\u00a0»", question.prompt)
        hypothesis, reference = quoted
        expected = chrf.sentence_score(hypothesis, [reference]).score
        assert question.answer == pytest.approx(expected, abs=1e-9), (seed, lang, hypothesis, reference)
        assert question.tolerance == 0.5
        assert "chrP" in question.explanation and "5·chrP·chrR" in question.explanation
        assert question.explanation.count("n = ") == 6
        drawn.add((hypothesis, reference))
    assert drawn == set(CHRF_PAIRS)
    # The lesson's example.
    assert round(chrf.sentence_score("le chat noir", ["les chats noirs"]).score, 2) == 33.64


def test_every_chrf_pair_uses_all_six_orders_and_shares_characters() -> None:
    from tutor.metrics.chrf import sentence_chrf

    for hypothesis, reference in CHRF_PAIRS:
        result = sentence_chrf(hypothesis, reference)
        assert result.effective_order == 6 and 5 < result.score < 95, (hypothesis, reference)


def test_french_tokens_per_word_is_tokens_over_words() -> None:
    assert [sum(map(len, FRENCH_SPLITS[name])) for name in ("GPT-2", "CamemBERT")] == [24, 10]  # the lesson's
    assert all(len(splits) == len(FRENCH_WORDS) for splits in FRENCH_SPLITS.values())
    for name, splits in FRENCH_SPLITS.items():
        for word, pieces in zip(FRENCH_WORDS, splits, strict=True):
            assert "".join(pieces).replace("·", "") == word, (name, word)  # the pieces spell the word
    answers = set()
    for seed, lang, question in _all("french-tokens-per-word"):
        listing = _search(r"(?:suit\)|follows\)).?: (.*)\. (?:Combien|How)", question.prompt).group(1)
        items = listing.split("\u202f; " if lang == "fr" else "; ")
        tokens = sum(len(item.split(": ", 1)[1].split("|")) if lang == "en" else
                     len(item.split("\u00a0: ", 1)[1].split("|")) for item in items)
        assert question.answer == tokens / len(items), (seed, lang, question.prompt)
        assert 4 <= len(items) <= 7 and question.tolerance == 0.01
        assert f"{tokens} / {len(items)} = " in question.explanation
        answers.add(round(question.answer, 2))
    assert len(answers) > 8


@pytest.mark.parametrize("name", NAMES)
def test_french_prose_follows_french_typography(name: str) -> None:
    for seed in SEEDS:
        question = generate(name, seed, "fr")
        for text in (question.prompt, question.explanation, *(o.text for o in question.options)):
            assert not french_findings(text), (seed, text, french_findings(text))
            assert "GiB" not in text
        if name in ("qlora-memory", "dpo-memory"):
            assert "Gio" in question.explanation


@pytest.mark.parametrize("name", NAMES)
def test_the_key_grades_right_and_the_languages_agree(name: str) -> None:
    for seed in SEEDS:
        french, english = generate(name, seed, "fr"), generate(name, seed, "en")
        assert french.prompt != english.prompt
        if english.type == "numeric":
            assert french.answer == english.answer and math.isfinite(float(english.answer))  # type: ignore[arg-type]
            assert grade(english, english.answer).correct
        else:
            assert [o.correct for o in french.options] == [o.correct for o in english.options]
