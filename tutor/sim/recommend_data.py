"""The recommender's shared data: task and variant records, setting builders, generic texts.

The tasks themselves are in `recommend_tasks_encoder`, `recommend_tasks_decoder` and
`recommend_tasks_seq2seq`. Patterns are regular expressions over normalised text (lower case, no
accents, words separated by single spaces) and always match whole words; see
`textmatch.find_patterns`. Every text is a {"fr": …, "en": …} pair; French texts use plain spaces
before « : ; ? % » and inside « », the renderer makes them unbreakable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.sim.config import LORA_2026, default_lr

Text = dict[str, str]

# 2026 starting points for LoRA and QLoRA: config.LORA_2026 (r 16, alpha 32, every linear layer of
# the blocks, PEFT's target_modules="all-linear") and config.default_lr (2e-4, the QLoRA paper's).
LORA_R = int(str(LORA_2026["lora_r"]))
LORA_ALPHA = float(str(LORA_2026["lora_alpha"]))
LORA_TARGETS: tuple[str, ...] = tuple(str(t) for t in LORA_2026["lora_targets"])  # type: ignore[attr-defined]  # a tuple of module names
LORA_LR = default_lr("lora", "decoder")
QLORA_LR = default_lr("qlora", "decoder")


@dataclass(frozen=True)
class Variant:
    """A change to the settings and texts, triggered by words and/or facts about the sentence.

    `patterns`: any of them found in the sentence; `facts`: every one of them among the facts
    the recommender derived ("fr", "en", "binary", "en-fr"…). An empty condition holds.
    """

    values: dict[str, object]
    notes: Text = field(default_factory=dict)
    patterns: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskSpec:
    """One recognisable task: id, the model family it belongs to, labels, trigger words, settings.

    A sentence scores 2 per `strong` pattern found, 1 per `patterns` one, 0.5 per `weak` one.
    `notes` are always shown; `mismatch` is added when the learner chose the other family.
    """

    id: str
    owner: str
    label: Text
    patterns: tuple[str, ...]
    values: dict[str, object]
    variants: tuple[Variant, ...] = ()
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    notes: Text = field(default_factory=dict)
    mismatch: Text = field(default_factory=dict)


def encoder(model: str, kind: str, labels: int, lr: float, batch: int, epochs: int, seq: int,
            metrics: tuple[str, ...], reason: Text, watch: Text) -> dict[str, object]:
    """Settings of a full fine-tuning of an encoder (2026: lr 2e-5–5e-5, 2–4 epochs, warmup 10 %)."""
    return {
        "model": model, "task_kind": kind, "num_labels": labels, "lr": lr, "batch_size": batch, "grad_accum": 1,
        "epochs": epochs, "seq_len": seq, "max_length": None, "temperature": None, "top_p": None,
        "warmup_ratio": 0.1, "strategy": "full", "lora_r": None, "lora_alpha": None, "lora_targets": None,
        "optimizer": "adamw", "checkpointing": False, "metrics": metrics, "techniques": (), "reason": reason,
        "watch": watch,
    }


def seq2seq(model: str, lr: float, batch: int, epochs: int, seq: int, length: int, metrics: tuple[str, ...],
            reason: Text, watch: Text, accum: int = 1) -> dict[str, object]:
    """Settings of a full fine-tuning of an encoder-decoder; `length` is the generated text's."""
    return {
        "model": model, "task_kind": "seq2seq", "num_labels": None, "lr": lr, "batch_size": batch,
        "grad_accum": accum, "epochs": epochs, "seq_len": seq, "max_length": length, "temperature": None,
        "top_p": None, "warmup_ratio": 0.05, "strategy": "full", "lora_r": None, "lora_alpha": None,
        "lora_targets": None, "optimizer": "adamw", "checkpointing": False, "metrics": metrics, "techniques": (),
        "reason": reason, "watch": watch,
    }


def decoder(model: str, kind: str, strategy: str, lr: float, batch: int, epochs: int, seq: int, length: int,
            sampling: tuple[float, float], metrics: tuple[str, ...], techniques: tuple[str, ...], reason: Text,
            watch: Text, accum: int = 1) -> dict[str, object]:
    """Settings of a decoder: full, LoRA or QLoRA (2026 defaults r 16, alpha 32, all-linear).

    QLoRA uses the paged 8-bit AdamW of the QLoRA paper; LoRA and QLoRA runs turn activation
    checkpointing on, as TRL and the QLoRA recipes do.
    """
    adapted = strategy in ("lora", "qlora")
    temperature, top_p = sampling
    return {
        "model": model, "task_kind": kind, "num_labels": None, "lr": lr, "batch_size": batch, "grad_accum": accum,
        "epochs": epochs, "seq_len": seq, "max_length": length, "temperature": temperature, "top_p": top_p,
        "warmup_ratio": 0.05, "strategy": strategy, "lora_r": LORA_R if adapted else None,
        "lora_alpha": LORA_ALPHA if adapted else None, "lora_targets": LORA_TARGETS if adapted else None,
        "optimizer": "paged-adamw-8bit" if strategy == "qlora" else "adamw", "checkpointing": adapted,
        "metrics": metrics, "techniques": techniques, "reason": reason, "watch": watch,
    }


# Why each recommended model: the first sentence of the reason.
MODEL_REASONS: dict[str, Text] = {
    "camembert-base": {
        "fr": "Phrase en français : CamemBERT-base, pré-entraîné sur 138 Go de français (OSCAR), comprend mieux le "
              "français qu'un BERT anglais ou multilingue de même taille.",
        "en": "French sentence: CamemBERT-base, pretrained on 138 GB of French (OSCAR), understands French better "
              "than an English or multilingual BERT of the same size.",
    },
    "ModernBERT-base": {
        "fr": "ModernBERT-base (2024) : encodeur anglais récent (contexte de 8\u202f192 tokens), au-dessus des "
              "autres encodeurs de taille base sur l'ensemble de GLUE (DeBERTa-v3-base compris) et bien plus "
              "rapide ; choisi pour classer du texte anglais.",
        "en": "ModernBERT-base (2024): a recent English encoder (8,192-token context), above the other base-size "
              "encoders on GLUE overall (DeBERTa-v3-base included) and much faster; chosen to classify English "
              "text.",
    },
    "deberta-v3-base": {
        "fr": "DeBERTa-v3-base : vocabulaire sensible à la casse (la majuscule signale les noms propres) et parmi "
              "les meilleurs encodeurs de taille base sur les tâches au niveau du token et sur SQuAD.",
        "en": "DeBERTa-v3-base: a case-sensitive vocabulary (capitals mark proper nouns) and among the strongest "
              "base-size encoders on token-level tasks and on SQuAD.",
    },
    "barthez": {
        "fr": "BARThez, un BART pré-entraîné sur du français (évalué sur OrangeSum) : l'encodeur lit l'article "
              "entier, le décodeur écrit le résumé.",
        "en": "BARThez, a BART pretrained on French (evaluated on OrangeSum): the encoder reads the whole "
              "article, the decoder writes the summary.",
    },
    "bart-base": {
        "fr": "BART-base, encodeur-décodeur pré-entraîné au débruitage, est la base classique du résumé abstractif "
              "en anglais (CNN/DailyMail, XSum).",
        "en": "BART-base, an encoder-decoder pretrained by denoising, is the classic base for abstractive "
              "summarisation in English (CNN/DailyMail, XSum).",
    },
    "opus-mt-en-fr": {
        "fr": "opus-mt-en-fr (Marian, Helsinki-NLP) traduit déjà de l'anglais vers le français (corpus OPUS) : "
              "on l'adapte à votre domaine au lieu de partir de zéro.",
        "en": "opus-mt-en-fr (Marian, Helsinki-NLP) already translates English into French (OPUS corpus): you "
              "adapt it to your domain instead of starting from scratch.",
    },
    "mt5-small": {
        "fr": "mT5-small, un T5 pré-entraîné sur 101 langues : il s'affine sur une paire de langues qui n'a pas "
              "de traducteur tout fait dans le catalogue.",
        "en": "mT5-small, a T5 pretrained on 101 languages: it is fine-tuned on a language pair that has no "
              "ready-made translator in the catalogue.",
    },
    "Qwen2.5-7B-Instruct": {
        "fr": "Qwen2.5-7B-Instruct : modèle instruct open-weight (licence Apache 2.0) déjà entraîné au dialogue, "
              "multilingue (français compris) ; en QLoRA (base en 4 bits NF4, adaptateurs LoRA r 16 sur toutes "
              "les couches linéaires) il tient sur un GPU de 16 Go.",
        "en": "Qwen2.5-7B-Instruct: an open-weight instruct model (Apache 2.0 licence) already trained for "
              "dialogue, multilingual (French included); with QLoRA (4-bit NF4 base, LoRA adapters r 16 on "
              "every linear layer) it fits a 16 GB GPU.",
    },
    "SmolLM2-1.7B-Instruct": {
        "fr": "SmolLM2-1.7B-Instruct (2024) : petit modèle instruct, surtout anglais, assez léger pour une LoRA "
              "(r 16, toutes les couches linéaires) sur une base en 16 bits.",
        "en": "SmolLM2-1.7B-Instruct (2024): a small instruct model, mostly English, light enough for LoRA "
              "(r 16, every linear layer) on a 16-bit base.",
    },
    "Qwen2.5-0.5B": {
        "fr": "Qwen2.5-0.5B : petit décodeur de base (non instruct) et multilingue, assez léger pour une LoRA "
              "rapide.",
        "en": "Qwen2.5-0.5B: a small base (not instruct), multilingual decoder, light enough for a quick LoRA.",
    },
    "codegen-350M-multi": {
        "fr": "CodeGen-350M-multi, pré-entraîné sur du code en plusieurs langages, tient en fine-tuning complet "
              "sur un GPU de 16 Go.",
        "en": "CodeGen-350M-multi, pretrained on code in several languages, fits a full fine-tune on a 16 GB "
              "GPU.",
    },
}

# How a family is named in the notes.
FAMILY_NAMES: dict[str, Text] = {
    "encoder": {"fr": "un encodeur", "en": "an encoder"},
    "decoder": {"fr": "un décodeur", "en": "a decoder"},
    "seq2seq": {"fr": "un encodeur-décodeur", "en": "an encoder-decoder"},
}

# Notes added by the recommender itself; {placeholders} are filled in recommend.py.
NOTES: dict[str, Text] = {
    "unrecognised": {
        "fr": "Tâche non reconnue : aucun mot de la phrase ne désigne une tâche connue. Voici les réglages "
              "génériques ; décrivez la tâche autrement (p. ex. « classer des avis en positif/négatif », "
              "« résumer des articles », « chatbot de support client »).",
        "en": "Task not recognised: no word of the sentence names a known task. These are the generic "
              "settings; describe the task differently (e.g. \"classify reviews as positive/negative\", "
              "\"summarise articles\", \"customer support chatbot\").",
    },
    "bert-generates": {
        "fr": "Vous avez choisi BERT, un encodeur : il comprend le texte mais n'en génère pas. « {task} » demande "
              "un modèle qui écrit : la recommandation est {family}, {model}.",
        "en": "You chose BERT, an encoder: it understands text but does not write any. \"{task}\" needs a model "
              "that writes, so this recommends {family}, {model}.",
    },
    "gpt-understands": {
        "fr": "Vous avez choisi GPT, mais « {task} » est une tâche de compréhension : un encodeur affiné "
              "({model}) est plus petit, plus rapide et en général plus juste qu'un décodeur ; un LLM instruct "
              "en zero-shot reste une bonne base de comparaison.",
        "en": "You chose GPT, but \"{task}\" is an understanding task: a fine-tuned encoder ({model}) is "
              "smaller, faster and usually more accurate than a decoder; an instruct LLM used zero-shot remains "
              "a good baseline.",
    },
    "gpt-seq2seq": {
        "fr": "Vous avez choisi GPT : un décodeur instruct sait aussi faire « {task} » (SFT en LoRA), mais "
              "{family} spécialisé et plus petit ({model}) est le point de départ le plus sûr.",
        "en": "You chose GPT: an instruct decoder can also do \"{task}\" (SFT with LoRA), but a smaller, "
              "specialised encoder-decoder ({model}) is the safer starting point.",
    },
    "count": {"fr": "{count} classes, comme demandé.", "en": "{count} classes, as asked."},
    "fit-checkpointing": {
        "fr": "Checkpointing d'activations activé pour tenir sur le {gpu}.",
        "en": "Activation checkpointing turned on to fit on the {gpu}.",
    },
    "fit-batch": {
        "fr": "Batch réduit à {batch} avec {accum} pas d'accumulation (même batch effectif) pour tenir sur le "
              "{gpu}.",
        "en": "Batch reduced to {batch} with {accum} accumulation steps (same effective batch) to fit on the "
              "{gpu}.",
    },
    "fit-strategy": {
        "fr": "{strategy} au lieu de {previous} pour tenir sur le {gpu}.",
        "en": "{strategy} instead of {previous} to fit on the {gpu}.",
    },
    "fit-none": {
        "fr": "Attention : même ainsi, l'estimation dépasse la mémoire du {gpu} ; choisissez un GPU plus grand.",
        "en": "Warning: even so, the estimate exceeds the {gpu}'s memory; choose a larger GPU.",
    },
}

STRATEGY_LABELS: dict[str, Text] = {
    "full": {"fr": "fine-tuning complet", "en": "full fine-tuning"},
    "lora": {"fr": "LoRA", "en": "LoRA"},
    "qlora": {"fr": "QLoRA", "en": "QLoRA"},
}

# Words that give the number of classes ("en 5 catégories", "into three labels").
CLASS_NOUNS: tuple[str, ...] = (
    r"classes?", r"categories?", r"labels?", r"etiquettes?", r"intentions?", r"intents?", r"themes?", r"topics?",
    r"sujets?", r"types?", r"niveaux?", r"levels?", r"groupes?", r"groups?", r"services?", r"departements?",
)

# Sentiment: which polarities the sentence names.
POLARITY: dict[str, tuple[str, ...]] = {
    "positive": (r"positi(?:f|fs|ve|ves)", r"pos"),
    "negative": (r"negati(?:f|fs|ve|ves)", r"neg"),
    "neutral": (r"neutres?", r"neutral", r"mitiges?", r"mixed"),
    "stars": (r"etoiles?", r"stars?", r"(?:de |from )?1 (?:a|to) 5"),
}

# Entity types a NER sentence may ask for, in the CoNLL order.
ENTITY_TYPES: dict[str, str] = {
    "PER": r"personnes?|people|persons?|per|personnages?",
    "ORG": r"organi[sz]ations?|entreprises?|societes?|compan(?:y|ies)|org|marques?|brands?|institutions?",
    "LOC": r"lieux|places?|locations?|loc|villes?|cit(?:y|ies)|pays|countr(?:y|ies)",
    "DATE": r"dates?",
    "MISC": r"misc|divers",
}

# Languages a translation sentence may name (normalised), and their names in the notes.
LANGUAGE_NAMES: dict[str, str] = {
    "en": r"anglais|english", "fr": r"francais|french", "de": r"allemand|german", "es": r"espagnol|spanish",
    "it": r"italien|italian", "pt": r"portugais|portuguese", "nl": r"neerlandais|dutch", "ar": r"arabe|arabic",
    "zh": r"chinois|chinese", "ja": r"japonais|japanese", "ru": r"russe|russian",
}
LANGUAGE_LABELS: dict[str, Text] = {
    "en": {"fr": "anglais", "en": "English"}, "fr": {"fr": "français", "en": "French"},
    "de": {"fr": "allemand", "en": "German"}, "es": {"fr": "espagnol", "en": "Spanish"},
    "it": {"fr": "italien", "en": "Italian"}, "pt": {"fr": "portugais", "en": "Portuguese"},
    "nl": {"fr": "néerlandais", "en": "Dutch"}, "ar": {"fr": "arabe", "en": "Arabic"},
    "zh": {"fr": "chinois", "en": "Chinese"}, "ja": {"fr": "japonais", "en": "Japanese"},
    "ru": {"fr": "russe", "en": "Russian"},
}
# What comes just before a target language ("vers le français", "into French") or a source one.
TARGET_CUES = r"(?:vers (?:le |l |la )?|en |to |into |in )$"
SOURCE_CUES = r"(?:de l |du |de |d |depuis (?:le |l )?|from )$"

NOTES.update({
    "ner-types": {
        "fr": "Types demandés : {types} → {count} étiquettes BIO (O + B-/I- × {n}).",
        "en": "Types asked for: {types} → {count} BIO labels (O + B-/I- × {n}).",
    },
    "ner-default": {
        "fr": "Aucun type précisé : celui de CoNLL-2003 (PER, ORG, LOC, MISC) → 9 étiquettes BIO (O + B-/I- × 4).",
        "en": "No types given: those of CoNLL-2003 (PER, ORG, LOC, MISC) → 9 BIO labels (O + B-/I- × 4).",
    },
})
