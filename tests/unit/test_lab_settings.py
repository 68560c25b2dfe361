"""Lab settings: parsing text never raises, bad values get field-level messages in both languages."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import spaced
from tutor.lab import corpus
from tutor.lab.settings import FIELDS, LabSettings, estimated_seconds, parse_settings, validate
from tutor.lab.strategies import STRATEGIES, normalise_strategy, total_params, trainable_blocks, trainable_params


def problems_of(**values: object) -> list[tuple[str, str, str]]:
    _, problems = parse_settings(values)
    return [(p.field, p.key, p.severity) for p in problems]


def test_the_defaults_are_valid_and_fast() -> None:
    assert LabSettings().validate() == []
    assert estimated_seconds(LabSettings()) < 0.5
    counts = LabSettings().step_counts()
    assert (counts.steps_per_epoch, counts.total_steps, counts.warmup_steps) == (4, 40, 4)


def test_bad_values_get_one_message_per_field_in_french_and_english() -> None:
    settings_, problems = parse_settings({"examples": "0", "lr": "-0.01", "batch_size": "beaucoup",
                                          "epochs": "2.5", "strategy": "magic", "schedule": "exponential"})
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"examples", "lr", "batch_size", "epochs", "strategy", "schedule"}
    assert all(p.severity == "error" for p in problems)
    assert by_field["examples"].en == "must be >= 2" and by_field["examples"].fr == "doit être >= 2"
    assert by_field["lr"].en == "must be > 0"
    assert by_field["batch_size"].en == "'beaucoup' is not a number"
    assert spaced(by_field["batch_size"].fr) == "« beaucoup » n'est pas un nombre"
    assert by_field["epochs"].key == "not_integer"
    assert "feature-extraction" in by_field["strategy"].en and "cosine" in by_field["schedule"].fr
    # Values that did not parse keep the defaults.
    assert settings_.batch_size == LabSettings().batch_size and settings_.strategy == "full"


def test_absurd_sizes_are_refused() -> None:
    assert problems_of(examples="1000000") == [("examples", "too_large", "error")]
    assert problems_of(batch_size="1e9") == [("batch_size", "too_large", "error")]
    assert problems_of(epochs="100000") == [("epochs", "too_large", "error")]
    assert problems_of(lora_rank="512") == [("lora_rank", "too_large", "error")]
    assert problems_of(lr="5") == [("lr", "too_large", "error")]
    assert problems_of(warmup_ratio="1") == [("warmup_ratio", "too_large", "error")]
    assert problems_of(lr="nan") == [("lr", "not_number", "error")]
    assert problems_of(seed="-3") == [("seed", "too_small", "error")]
    assert problems_of(lora_layer="3") == [("lora_layer", "too_large", "error")]
    # Each value is fine, together they are hours of work.
    assert problems_of(examples="5000", epochs="500", batch_size="1") == [("epochs", "too_much_work", "error")]


def test_warnings_do_not_block_a_run() -> None:
    assert problems_of(schedule="constant") == [("schedule", "constant_ignores_warmup", "warning")]
    assert problems_of(schedule="constant", warmup_ratio="0") == []
    assert problems_of(warmup_steps="40") == [("warmup_steps", "warmup_never_ends", "warning")]
    assert problems_of(batch_size="64") == [("batch_size", "batch_larger_than_set", "warning")]
    assert ("epochs", "slow_run", "warning") in problems_of(examples="2000", epochs="50", batch_size="2")


def test_text_is_read_the_way_people_type_it() -> None:
    settings_, problems = parse_settings({
        "strategy": "Feature extraction", "lr": "2,5e-3", "warmup-ratio": "10 %", "schedule": "Constant-with-warmup",
        "epochs": " 12 ", "examples": "1 000", "seed": 3, "lora_alpha": 16,
    })
    assert problems == []
    assert settings_ == LabSettings(strategy="feature-extraction", lr=2.5e-3, warmup_ratio=0.1,
                                    schedule="constant_with_warmup", epochs=12, examples=1000, seed=3, lora_alpha=16)
    assert parse_settings({"colour": "blue"})[1][0].key == "unknown_setting"
    assert normalise_strategy("LoRA") == "lora" and normalise_strategy("ULMFiT") == "gradual-unfreezing"
    assert normalise_strategy("from scratch") == "scratch" and normalise_strategy(None) is None
    assert all(normalise_strategy(name) == name for name in STRATEGIES)


def test_a_settings_object_built_by_hand_is_validated_too() -> None:
    bad = dataclasses.replace(LabSettings(), lr="fast", examples=True, schedule="?")  # type: ignore[arg-type]
    keys = {(p.field, p.key) for p in validate(bad)}
    assert keys == {("lr", "not_number"), ("examples", "not_number"), ("schedule", "unknown_choice")}


text_values = st.one_of(
    st.text(max_size=12), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.none(), st.booleans(), st.sampled_from(["0", "-1", "1e9", "10 %", "0,5", "inf", "lora", "cosine", "2.5"]),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS + ("unknown",)), text_values, max_size=6))
def test_parsing_never_raises_and_errors_mean_a_refused_run(values: dict[str, object]) -> None:
    settings_, problems = parse_settings(values)
    assert all(p.fr and p.en and p.severity in ("error", "warning") for p in problems)
    if not any(p.severity == "error" for p in problems):
        assert settings_.validate() == [p for p in problems]
        assert estimated_seconds(settings_) <= 30


def test_trainable_parameter_counts() -> None:
    assert corpus.check_vocabulary() == [] and corpus.VOCAB_SIZE == 370
    assert total_params("full") == 370 * 32 + (32 * 64 + 64) + (64 * 32 + 32) + (32 * 2 + 2) == 16098
    assert trainable_params("feature-extraction", 1, 3) == 66
    assert trainable_params("lora", 1, 3, lora_rank=8, lora_layer=1) == 66 + 8 * (32 + 64)
    assert total_params("lora", 8, 1) == 16098 + 8 * 96
    assert [trainable_params("gradual-unfreezing", e, 5) for e in range(1, 6)] == [
        66, 66 + 2080, 66 + 2080 + 2112, 16098, 16098]
    assert trainable_blocks("differential-lr", 1, 3, 0.5) == {
        "head": 1.0, "layer2": 1.0, "layer1": 0.5, "embeddings": 0.25}


def test_every_field_has_a_label_in_both_languages() -> None:
    from tutor.lab.messages import FIELD_LABELS, STRATEGY_HELP, STRATEGY_NAMES

    assert set(FIELD_LABELS) == set(FIELDS)
    assert all(FIELD_LABELS[f][lang][0] for f in FIELDS for lang in ("fr", "en"))
    assert set(STRATEGY_NAMES) == set(STRATEGY_HELP) == set(STRATEGIES)
