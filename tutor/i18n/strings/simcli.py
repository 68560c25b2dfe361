"""The words of `tutor estimate` and `tutor recommend` added for 2026 practice (issue 14).

The older report words stay in `tutor.i18n.strings.cli` ("cli.est.*"); these cover the model and GPU
list (`tutor estimate --list`), the new memory parts, the advice when a job does not fit, and the
recommender's strategy and GPU lines.
"""

from __future__ import annotations

SIMCLI_STRINGS: dict[str, dict[str, str]] = {
    # -- usage ---------------------------------------------------------------------------------
    "estimate.need_model": {
        "fr": "--model est obligatoire (tutor estimate --list affiche les modèles)",
        "en": "--model is required (tutor estimate --list shows the models)",
    },
    "estimate.list_alone": {
        "fr": "--list ne se combine qu'avec --json et --lang, pas avec {options}",
        "en": "--list goes only with --json and --lang, not with {options}",
    },
    "estimate.unknown_model": {
        "fr": "modèle inconnu « {value} » ; les plus proches : {close} (tutor estimate --list les montre tous)",
        "en": "unknown model '{value}'; closest: {close} (tutor estimate --list shows them all)",
    },
    "estimate.unknown_model_none": {
        "fr": "modèle inconnu « {value} » (tutor estimate --list montre les modèles connus)",
        "en": "unknown model '{value}' (tutor estimate --list shows the known models)",
    },
    # -- tutor estimate --list -------------------------------------------------------------------
    "estimate.list.models": {
        "fr": "Modèles ({count}) : --model accepte le nom court ou l'identifiant du hub",
        "en": "Models ({count}): --model takes the short name or the hub id",
    },
    "estimate.list.gpus": {
        "fr": "GPU ({count}) : --gpu accepte le nom ; crêtes denses en TFLOPS",
        "en": "GPUs ({count}): --gpu takes the name; dense peaks in TFLOPS",
    },
    "estimate.list.name": {"fr": "nom", "en": "name"},
    "estimate.list.hub_id": {"fr": "identifiant du hub", "en": "hub id"},
    "estimate.list.family": {"fr": "famille", "en": "family"},
    "estimate.list.arch": {"fr": "archi.", "en": "arch."},
    "estimate.list.parameters": {"fr": "paramètres", "en": "parameters"},
    "estimate.list.positions": {"fr": "positions", "en": "positions"},
    "estimate.list.languages": {"fr": "langues", "en": "languages"},
    "estimate.list.instruct": {"fr": "instruct", "en": "instruct"},
    "estimate.list.year": {"fr": "année", "en": "year"},
    "estimate.list.label": {"fr": "nom complet", "en": "full name"},
    "estimate.list.memory": {"fr": "mémoire", "en": "memory"},
    "estimate.list.peak_16bit": {"fr": "16 bits", "en": "16-bit"},
    "estimate.list.peak_fp32": {"fr": "fp32", "en": "fp32"},
    "estimate.list.bf16": {"fr": "bf16", "en": "bf16"},
    "estimate.list.yes": {"fr": "oui", "en": "yes"},
    "estimate.list.no": {"fr": "non", "en": "no"},
    "estimate.family.encoder": {"fr": "encodeur", "en": "encoder"},
    "estimate.family.decoder": {"fr": "décodeur", "en": "decoder"},
    "estimate.family.seq2seq": {"fr": "seq2seq", "en": "seq2seq"},
    # -- the estimate's report -------------------------------------------------------------------
    "estimate.weights_4bit": {"fr": "base en 4 bits (NF4)", "en": "4-bit NF4 base"},
    "estimate.reference": {"fr": "modèle de référence (DPO)", "en": "reference model (DPO)"},
    "estimate.reference_is_base": {"fr": "= la base sans adapters", "en": "= the base without adapters"},
    "estimate.reference_frozen": {"fr": "copie gelée, en 16 bits", "en": "frozen 16-bit copy"},
    "estimate.formula": {"fr": "Activations : {formula}", "en": "Activations: {formula}"},
    "estimate.no_time": {"fr": "ne tient pas : pas de durée", "en": "does not fit: no time"},
    "estimate.assumptions": {
        "fr": "Hypothèses : {optimizer}, {bytes} octets par paramètre entraîné (poids, gradients, "
              "optimiseur) ; surcoût {overhead} ; crête {peak} TFLOPS ({precision}).",
        "en": "Assumptions: {optimizer}, {bytes} bytes per trained parameter (weights, gradients, "
              "optimizer); overhead {overhead}; peak {peak} TFLOPS ({precision}).",
    },
    # -- what would fit ----------------------------------------------------------------------------
    "estimate.hint.title": {
        "fr": "Ne tient pas ({total} sur {capacity}). Un changement à la fois :",
        "en": "Does not fit ({total} of {capacity}). One change at a time:",
    },
    "estimate.hint.combined_title": {
        "fr": "Aucun changement seul ne suffit ; ensemble :",
        "en": "No single change is enough; together:",
    },
    "estimate.hint.gpu_title": {
        "fr": "Ou le plus petit GPU du catalogue qui le contient tel quel :",
        "en": "Or the smallest GPU of the catalogue that holds it as it is:",
    },
    "estimate.hint.fits": {"fr": "tient", "en": "fits"},
    "estimate.hint.too_big": {"fr": "trop", "en": "too big"},
    "estimate.hint.lora": {"fr": "LoRA", "en": "LoRA"},
    "estimate.hint.qlora": {"fr": "QLoRA (base en 4 bits)", "en": "QLoRA (4-bit base)"},
    "estimate.hint.checkpointing": {"fr": "recalcul des activations", "en": "activation checkpointing"},
    "estimate.hint.optimizer": {"fr": "AdamW 8 bits", "en": "8-bit AdamW"},
    "estimate.hint.precision": {"fr": "précision mixte 16 bits", "en": "16-bit mixed precision"},
    "estimate.hint.batch": {"fr": "batch {batch}, accumulation {accum}", "en": "batch {batch}, accumulation {accum}"},
    "estimate.hint.no_gpu": {
        "fr": "Aucun GPU du catalogue ne le contient seul : partagez le modèle sur plusieurs GPU (ZeRO-3, FSDP ; "
              "non modélisé ici) ou changez de stratégie.",
        "en": "No GPU of the catalogue holds it alone: shard the model over several GPUs (ZeRO-3, FSDP; not "
              "modelled here) or change strategy.",
    },
    # -- tutor recommend -------------------------------------------------------------------------
    # Names of the 2026 recommender's metrics and techniques (report.display_name); the others are in
    # tutor.i18n.strings.cli.
    "cli.name.Win rate": {"fr": "Taux de victoire (comparaison par paires)", "en": "Win rate"},
    "cli.name.LLM-as-a-judge": {"fr": "LLM comme juge", "en": "LLM-as-a-judge"},
    "cli.name.Factual consistency": {"fr": "Cohérence factuelle", "en": "Factual consistency"},
    "cli.name.Domain-adaptive pretraining": {"fr": "Pré-entraînement adapté au domaine",
                                             "en": "Domain-adaptive pretraining"},
    "recommend.lora": {
        "fr": "r {r}, alpha {alpha}, modules visés : {targets}",
        "en": "r {r}, alpha {alpha}, targets {targets}",
    },
    "recommend.default_targets": {"fr": "défaut de PEFT", "en": "PEFT default"},
    "recommend.checkpointing": {"fr": "recalcul des activations", "en": "activation checkpointing"},
    "recommend.accumulation": {
        "fr": "{batch} × {accum} pas d'accumulation (batch effectif {effective})",
        "en": "{batch} × {accum} accumulation steps (effective batch {effective})",
    },
    "recommend.fits": {
        "fr": "{gpu} : tient ({total} sur {capacity})",
        "en": "{gpu}: fits ({total} of {capacity})",
    },
    "recommend.no_fit": {
        "fr": "{gpu} : NE TIENT PAS ({total} sur {capacity})",
        "en": "{gpu}: DOES NOT FIT ({total} of {capacity})",
    },
}
