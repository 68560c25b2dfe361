"""The simulators' own words in French and English: problem messages and report labels."""

from __future__ import annotations

from tutor.core.i18n import translate

MESSAGES: dict[str, dict[str, str]] = {
    "not_number": {"fr": "« {value} » n'est pas un nombre", "en": "'{value}' is not a number"},
    "not_integer": {"fr": "« {value} » n'est pas un nombre entier", "en": "'{value}' is not a whole number"},
    "not_bool": {"fr": "« {value} » : répondez oui ou non", "en": "'{value}': answer yes or no"},
    "too_small": {"fr": "doit être {op} {low}", "en": "must be {op} {low}"},
    "too_large": {"fr": "doit être {op} {high}", "en": "must be {op} {high}"},
    "unknown_model": {
        "fr": "modèle inconnu « {value} » ; modèles connus : {known}",
        "en": "unknown model '{value}'; known models: {known}",
    },
    "unknown_gpu": {
        "fr": "GPU inconnu « {value} » ; GPU connus : {known}",
        "en": "unknown GPU '{value}'; known GPUs: {known}",
    },
    "unknown_choice": {
        "fr": "valeur inconnue « {value} » ; valeurs possibles : {known}",
        "en": "unknown value '{value}'; choose from: {known}",
    },
    "bad_targets": {
        "fr": "modules LoRA inconnus pour ce modèle : {value} ; possibles : {known}",
        "en": "LoRA target modules unknown for this model: {value}; available: {known}",
    },
    "freeze_needs_head": {
        "fr": "la feature extraction entraîne une tête de tâche ; un modèle causal n'en a pas",
        "en": "feature extraction trains a task head; a causal language model has none",
    },
    "bf16_unsupported": {
        "fr": "{gpu} ne calcule pas en bf16 (il faut Ampere ou plus récent) : choisissez fp16",
        "en": "{gpu} has no bf16 support (Ampere or newer needed): choose fp16",
    },
    "needs_full": {
        "fr": "ne s'applique qu'au fine-tuning complet",
        "en": "only applies to full fine-tuning",
    },
    "tokens_mismatch": {
        "fr": "{tokens} tokens pour {logits} logits : il en faut autant",
        "en": "{tokens} tokens for {logits} logits: the counts must match",
    },
    "empty_logits": {"fr": "donnez au moins un logit", "en": "give at least one logit"},
}


def message(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang` with `values` substituted; the key itself if unknown."""
    return translate(MESSAGES, key, lang, **values)
