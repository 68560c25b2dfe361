"""The shipped scenarios: each lesson's claim holds on its real curves with the shipped seeds."""

from __future__ import annotations

import dataclasses

import pytest

from tutor.lab.scenarios import SCENARIOS, ScenarioResult, get_scenario, run_scenario, with_overrides
from tutor.lab.train import run


@pytest.fixture(scope="module")
def results() -> dict[str, ScenarioResult]:
    return {name: run_scenario(name) for name in SCENARIOS}


def test_the_four_lessons_are_shipped() -> None:
    assert list(SCENARIOS) == ["transfer-vs-scratch", "forgetting", "warmup", "overfitting"]
    for scenario in SCENARIOS.values():
        assert scenario.a.validate() == []
        assert scenario.b is None or scenario.b.validate() == []
        for lang in ("fr", "en"):
            assert scenario.title[lang] and scenario.explanation[lang].endswith(".")
            # one sentence: a single final full stop (decimals like 0.1 aside)
            assert scenario.explanation[lang].rstrip(".").count(". ") == 0
    assert get_scenario("Transfer vs scratch") is SCENARIOS["transfer-vs-scratch"]
    assert get_scenario("nope") is None


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_claim_holds_on_its_curves(results: dict[str, ScenarioResult], name: str) -> None:
    result = results[name]
    assert result.claim is not None and result.claim.holds, result.claim
    assert not result.cancelled
    assert result.claim.fr and result.claim.en


def test_transfer_beats_scratch_with_few_examples(results: dict[str, ScenarioResult]) -> None:
    result = results["transfer-vs-scratch"]
    transfer, scratch = result.a, result.b
    assert scratch is not None and transfer.settings.examples == scratch.settings.examples == 16
    assert transfer.best is not None and scratch.best is not None
    assert transfer.best.val_acc >= scratch.best.val_acc + 0.10
    # Not a matter of training longer: scratch fits its 16 examples, its best is still far below.
    assert scratch.last is not None and scratch.last.train_loss < 0.05
    assert max(scratch.curve("val_acc")) < transfer.best.val_acc - 0.10  # type: ignore[operator]
    assert scratch.source_acc_before is None and scratch.final_source_acc is None


def test_a_too_high_rate_forgets_while_low_rate_and_feature_extraction_keep(
    results: dict[str, ScenarioResult],
) -> None:
    result = results["forgetting"]
    high, low = result.a, result.b
    assert low is not None and high.settings.lr == 0.1 and low.settings.lr == 0.003
    before = high.source_acc_before
    assert before is not None and before > 0.95
    assert high.final_source_acc is not None and high.final_source_acc < before - 0.30
    assert low.final_source_acc is not None and low.final_source_acc > before - 0.05
    frozen = run(dataclasses.replace(high.settings, strategy="feature-extraction"))
    assert frozen.final_source_acc == before  # the body did not move at all
    assert frozen.final_source_acc - high.final_source_acc > 0.5  # type: ignore[operator]
    # The target task itself is learnt in every case: forgetting is invisible on it.
    for target in (high, low, frozen):
        assert target.best is not None and target.best.val_acc > 0.75


def test_no_warmup_makes_the_first_steps_unstable(results: dict[str, ScenarioResult]) -> None:
    result = results["warmup"]
    no_warmup, warmup = result.a, result.b
    assert warmup is not None and no_warmup.warmup_steps == 0 and warmup.warmup_steps == 8
    initial = no_warmup.step_losses[0]
    assert warmup.step_lrs[0] == 0.0 and no_warmup.step_lrs[0] == 0.1
    assert max(no_warmup.epochs[0].step_losses) > 3 * initial  # the loss shoots up
    assert max(no_warmup.epochs[0].step_losses) > 2 * max(warmup.epochs[0].step_losses)
    assert no_warmup.epochs[0].source_acc < warmup.epochs[0].source_acc  # type: ignore[operator]


def test_too_many_epochs_on_a_tiny_set_make_validation_loss_climb(results: dict[str, ScenarioResult]) -> None:
    result = results["overfitting"]
    run_ = result.a
    assert result.b is None and run_.settings.examples == 16 and run_.settings.epochs == 40
    best, last = run_.best, run_.last
    assert best is not None and last is not None and best.epoch <= 20
    assert last.val_loss > 1.2 * best.val_loss
    assert last.train_loss < best.train_loss / 10
    val = run_.curve("val_loss")
    assert val[-1] > val[best.epoch - 1] and all(v >= best.val_loss for v in val)  # type: ignore[operator]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_claims_are_not_a_lucky_seed(seed: int) -> None:
    for scenario in SCENARIOS.values():
        result = run_scenario(with_overrides(scenario, {"seed": seed}))
        assert result.claim is not None and result.claim.holds, (scenario.name, seed, result.claim.en)


def test_scenario_json_and_callback() -> None:
    seen: list[tuple[str, int]] = []
    result = run_scenario("overfitting", on_epoch=lambda label, stats: seen.append((label, stats.epoch)))
    assert seen == [("A", epoch) for epoch in range(0, 41)]
    data = result.as_dict()
    assert data["scenario"] == "overfitting" and data["claim"]["holds"] is True  # type: ignore[index]
    assert set(data["runs"]) == {"A"}  # type: ignore[arg-type]


def test_cancelling_a_scenario_skips_the_claim() -> None:
    result = run_scenario("forgetting", should_stop=lambda: True)
    assert result.cancelled and result.claim is None
    assert result.b is not None and result.b.cancelled and result.b.epochs == []
