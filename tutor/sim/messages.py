"""The simulators' own words in French and English: problem messages and report labels."""

from __future__ import annotations

from tutor.i18n.catalogue import translate

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
        "fr": "l'extraction de caractéristiques entraîne une tête de tâche ; un modèle causal n'en a pas",
        "en": "feature extraction trains a task head; a causal language model has none",
    },
    "freeze_needs_head_seq2seq": {
        "fr": "l'extraction de caractéristiques entraîne une tête sur un encodeur figé ; un modèle encodeur-décodeur "
              "génère avec son décodeur, qui resterait figé : choisissez LoRA ou le fine-tuning complet",
        "en": "feature extraction trains a head on a frozen encoder; an encoder-decoder generates with its "
              "decoder, which would stay frozen: choose LoRA or full fine-tuning",
    },
    "bitfit_no_bias": {
        "fr": "{model} n'a aucun paramètre de biais (les Llama, Mistral et T5 n'en ont pas) : BitFit n'y "
              "entraînerait rien ; choisissez LoRA ou QLoRA",
        "en": "{model} has no bias parameters (Llama, Mistral and T5 models have none): BitFit would train "
              "nothing; choose LoRA or QLoRA",
    },
    "bitfit_head_only": {
        "fr": "{model} n'a aucun paramètre de biais : BitFit n'y entraîne que la tête de tâche, comme "
              "l'extraction de caractéristiques",
        "en": "{model} has no bias parameters: BitFit trains only the task head there, as feature "
              "extraction does",
    },
    "qlora_fp32": {
        "fr": "QLoRA calcule en 16 bits (bf16 ou fp16) à partir des poids 4 bits : fp32 n'a pas de sens ici",
        "en": "QLoRA computes in 16-bit (bf16 or fp16) from the 4-bit weights: fp32 makes no sense here",
    },
    "qlora_fp16": {
        "fr": "{gpu} ne calcule pas en bf16 : QLoRA y tourne bien, mais calcule en fp16 (risque de "
              "dépassement de capacité, d'où la mise à l'échelle de la perte)",
        "en": "{gpu} has no bf16: QLoRA runs fine there but computes in fp16 (overflow risk, hence loss "
              "scaling)",
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
