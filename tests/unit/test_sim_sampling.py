"""Temperature, top-k and top-p as Hugging Face applies them (docs/REFERENCE.md section 6)."""

from __future__ import annotations

import math
import random

import pytest

from tutor.sim.sampling import (
    GENERATION_DEFAULTS,
    PLAYGROUND,
    f32,
    playground_examples,
    sample_steps,
    softmax,
    top_k_keep,
    top_p_keep,
)


@pytest.mark.parametrize(
    ("temperature", "expected"),
    [(1.0, [0.0900, 0.2447, 0.6652]), (0.5, [0.0159, 0.1173, 0.8668]), (2.0, [0.1863, 0.3072, 0.5065])],
)
def test_temperature_reference_values(temperature: float, expected: list[float]) -> None:
    assert softmax([1.0, 2.0, 3.0], temperature) == pytest.approx(expected, abs=5e-5)
    final = sample_steps([1.0, 2.0, 3.0], temperature=temperature).final
    assert list(final.probs) == pytest.approx(expected, abs=5e-5)


def test_top_p_reference_tie_keeps_half_and_point_three() -> None:
    logits = [math.log(p) for p in (0.3, 0.1, 0.1, 0.5)]
    assert top_p_keep(logits, 0.8) == [True, False, False, True]
    result = sample_steps(logits, ["a", "b", "c", "d"], top_p=0.8)
    assert result.kept_tokens == ("d", "a")
    assert list(result.final.probs) == pytest.approx([0.375, 0.0, 0.0, 0.625])


def test_the_tie_is_decided_by_float32_rounding() -> None:
    # In float64, 0.1 + 0.1 = 0.2 > 1 - 0.8 = 0.19999999999999996, so the second 0.1 would stay.
    assert 0.1 + 0.1 > 1 - 0.8
    # In float32 both sides round to the same value, and `<=` removes it, as in HF.
    assert f32(f32(0.1) + f32(0.1)) <= f32(1 - 0.8)


def test_top_p_keeps_the_token_that_crosses_p() -> None:
    logits = [math.log(p) for p in (0.5, 0.3, 0.2)]
    assert top_p_keep(logits, 0.6) == [True, True, False]
    assert top_p_keep(logits, 0.5) == [True, False, False]
    assert top_p_keep(logits, 0.01) == [True, False, False]  # min_tokens_to_keep = 1
    assert top_p_keep(logits, 1.0) == [True, True, True]


def test_top_k_keeps_ties_at_the_kth_score() -> None:
    assert top_k_keep([1.0, 2.0, 2.0, 3.0], 2) == [False, True, True, True]
    assert top_k_keep([1.0, 2.0, 3.0], 0) == [True, True, True]
    assert top_k_keep([1.0, 2.0, 3.0], 10) == [True, True, True]


def test_order_is_temperature_then_top_k_then_top_p() -> None:
    result = sample_steps([1.0, 2.0, 3.0, 4.0], temperature=0.5, top_k=3, top_p=0.9)
    assert [s.name for s in result.steps] == ["softmax", "temperature", "top-k", "top-p"]
    assert result.steps[2].kept == (False, True, True, True)
    assert all(abs(sum(s.probs) - 1) < 1e-12 for s in result.steps)
    # Removed tokens stay removed and get probability 0.
    for step in result.steps:
        assert all(p == 0 for p, k in zip(step.probs, step.kept, strict=True) if not k)


def test_inactive_warpers_add_no_step() -> None:
    assert [s.name for s in sample_steps([1.0, 2.0]).steps] == ["softmax"]


def test_agrees_with_float32_numpy_emulation_of_hf() -> None:
    np = pytest.importorskip("numpy")

    def hf_top_p(logits: list[float], top_p: float) -> list[bool]:
        scores = np.asarray(logits, dtype=np.float32)
        order = np.argsort(scores, kind="stable")
        shifted = scores[order] - scores[order].max()
        probs = np.exp(shifted) / np.exp(shifted).sum(dtype=np.float32)
        cumulative = np.cumsum(probs.astype(np.float32), dtype=np.float32)
        remove = cumulative <= np.float32(1 - top_p)
        remove[-1] = False
        keep = np.ones(len(logits), dtype=bool)
        keep[order[remove]] = False
        return keep.tolist()

    rng = random.Random(7)
    for _ in range(300):
        logits = [round(rng.uniform(-4, 4), 1) for _ in range(rng.randint(2, 9))]
        top_p = rng.choice([0.5, 0.8, 0.9, 0.95, rng.random()])
        assert top_p_keep(logits, top_p) == hf_top_p(logits, top_p), (logits, top_p)


def test_robust_to_odd_inputs() -> None:
    assert sample_steps([]).final.probs == ()
    odd = sample_steps([float("nan"), 1.0, -math.inf], temperature=0.0, top_p=1.5)
    assert list(odd.final.probs) == pytest.approx([0.0, 1.0, 0.0])
    huge = sample_steps([1e39, 1e39, 0.0], temperature=1e-50, top_k=1)
    assert sum(huge.final.probs) == pytest.approx(1.0)
    assert sample_steps([1.0, 2.0], ["only-one"]).tokens == ("only-one", "#1")


def test_generation_defaults() -> None:
    assert GENERATION_DEFAULTS == {"do_sample": False, "temperature": 1.0, "top_k": 50, "top_p": 1.0}


def test_playground_examples() -> None:
    ids = [e.id for e in PLAYGROUND]
    assert len(ids) == len(set(ids))
    assert {e.lang for e in PLAYGROUND} == {"fr", "en"}
    assert any(e.prompt == "Le chat est assis sur le" for e in PLAYGROUND)
    for example in PLAYGROUND:
        assert len(example.tokens) == len(example.logits) >= 6
        assert len(set(example.tokens)) == len(example.tokens)
    assert all(e.lang == "fr" for e in playground_examples("fr"))
