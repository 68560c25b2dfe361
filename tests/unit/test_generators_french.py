"""Generated questions in French read as French: numbers with a decimal comma and grouped thousands,
no-break spaces before ? : ; %, question words that agree with the metric, no English words, and the
number the explanation shows is one the grading accepts."""

from __future__ import annotations

import re

import pytest

from tutor.i18n.numbers import read_number
from tutor.quiz.generators import GENERATOR_NAMES, generate
from tutor.quiz.grading import grade, numeric_answer, numeric_problem, right_answer
from tutor.quiz.model import Question

SEEDS = range(150)
# English words that a French question must not hold (technical terms the course uses in French,
# such as batch, tokens, warmup, logits, softmax, LoRA, are not in the list).
ENGLISH = re.compile(r"\b([Tt]he|of|[Ww]ith|[Ww]hich|[Ww]hat|[Hh]ow|many|and|its|is|per|in all|steps?|layers?|"
                     r"epochs?|examples?|parameters?|fits?|full fine-tuning|seq|probability|temperature|penalty|"
                     r"decimals?|right|GiB|GB|sampling|keep)\b")
_NUMBER = {"fr": r"-?\d{1,3}(?:\u202f\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?",
           "en": r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?"}


def texts(question: Question) -> list[str]:
    return [question.prompt, question.explanation, *(o.text for o in question.options), question.unit or ""]


def _without_model_names(text: str) -> str:
    from tutor.sim.catalogue import MODELS

    for name in sorted(MODELS, key=len, reverse=True):
        text = text.replace(name, "")
    return text


def shown_result(question: Question, lang: str) -> str:
    """The result the explanation ends its computation with (after its last "= ")."""
    tail = question.explanation.rsplit("= ", 1)[1]
    match = re.match(_NUMBER[lang], tail)
    assert match, question.explanation
    return match.group(0)


@pytest.mark.parametrize("name", GENERATOR_NAMES)
def test_french_questions_hold_no_english_and_no_decimal_point(name: str) -> None:
    for seed in SEEDS:
        question = generate(name, seed, "fr")
        for text in texts(question):
            assert not ENGLISH.search(text), (seed, ENGLISH.search(text), text)
            # 0,727, never 0.727 (a model name such as Llama-3.1-8B-Instruct is a name, not a number)
            assert not re.search(r"\d\.\d", _without_model_names(text)), (seed, text)
            assert not re.search(r"\d \d{3}\b", text), (seed, text)  # thousands: a narrow no-break space
            assert not re.search(r" [?:;!%»]|« ", text), (seed, text)  # no line may start with ? : ; or %
            assert not re.search(r"(?<![\d\u202f,])1[ \u00a0\u202f]+(?!GPU)\w+s\b", text), (seed, text)  # 1 classe


def test_the_question_word_agrees_with_the_metric() -> None:
    asked = set()
    for seed in SEEDS:
        prompt = generate("precision-recall", seed, "fr").prompt
        assert "Quelle est le" not in prompt and "Quel est la" not in prompt
        asked.update(re.findall(r"Quelle est la précision|Quel est le rappel", prompt))
        explanation = generate("precision-recall", seed, "fr").explanation
        assert "La précision =" not in explanation and "Le rappel =" not in explanation
    assert asked == {"Quelle est la précision", "Quel est le rappel"}
    assert "score F1" in generate("f1-from-confusion", 0, "fr").prompt


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", [n for n in GENERATOR_NAMES if generate(n, 0, "en").type == "numeric"])
def test_the_numbers_shown_are_accepted_by_the_grading(name: str, lang: str) -> None:
    for seed in SEEDS:
        question = generate(name, seed, lang)
        for shown in (shown_result(question, lang), right_answer(question, lang=lang)):
            assert numeric_problem(shown, lang) is None, (seed, shown)
            assert grade(question, numeric_answer(shown, lang)).correct, (seed, shown, question.answer)
        assert read_number(shown_result(question, lang), lang).value is not None


def test_french_numbers_are_written_the_french_way() -> None:
    warmup = generate("warmup-steps", 0, "fr")
    assert re.search(r"\d\u202f\d{3} exemples", warmup.prompt)
    assert re.search(r"warmup_ratio de 0,\d+\.", warmup.prompt)
    assert warmup.prompt.endswith("warmup\u202f?")
    perplexity = generate("perplexity", 0, "fr")
    assert re.search(r"probabilités 0,\d+(?: ; 0,\d+)+\.", perplexity.prompt.replace("\u202f", " "))
    gpu = generate("gpu-fit", 0, "fr")
    assert "Gio" in gpu.explanation and "\u00a0Go" in gpu.prompt
