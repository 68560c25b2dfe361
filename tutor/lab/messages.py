"""The lab's own words in French and English: problem messages, labels, report phrases."""

from __future__ import annotations

from tutor.i18n.catalogue import translate
from tutor.i18n.numbers import fmt, fmt_int, fmt_percent
from tutor.sim.messages import message as _sim_message

MESSAGES: dict[str, dict[str, object]] = {
    "unknown_setting": {"fr": "réglage inconnu « {value} »", "en": "unknown setting '{value}'"},
    "too_much_work": {
        "fr": "trop de calcul pour le labo ({steps} pas, {examples} exemples) : réduisez les époques, "
              "les exemples ou augmentez le batch",
        "en": "too much work for the lab ({steps} steps, {examples} examples): use fewer epochs or examples, "
              "or a larger batch",
    },
    "slow_run": {
        "fr": "cet entraînement prendra environ {seconds} s",
        "en": "this run will take about {seconds} s",
    },
    "warmup_never_ends": {
        "fr": "le warmup ({warmup} pas) dure tout l'entraînement ({total} pas) : le taux n'atteint jamais sa valeur",
        "en": "the warmup ({warmup} steps) lasts the whole run ({total} steps): the rate never reaches its value",
    },
    "constant_ignores_warmup": {
        "fr": "le planning « constant » ignore le warmup (comme le Trainer) : prenez constant_with_warmup",
        "en": "the 'constant' schedule ignores warmup (as the Trainer does): use constant_with_warmup",
    },
    "batch_larger_than_set": {
        "fr": "le batch ({batch}) dépasse le nombre d'exemples ({examples}) : un seul pas par époque",
        "en": "the batch ({batch}) is larger than the examples ({examples}): one step per epoch",
    },
}

STRATEGY_NAMES: dict[str, dict[str, str]] = {
    "scratch": {"fr": "depuis zéro", "en": "from scratch"},
    "full": {"fr": "fine-tuning complet", "en": "full fine-tuning"},
    "feature-extraction": {"fr": "extraction de caractéristiques", "en": "feature extraction"},
    "gradual-unfreezing": {"fr": "dégel progressif", "en": "gradual unfreezing"},
    "differential-lr": {"fr": "taux différenciés", "en": "differential learning rates"},
    "lora": {"fr": "LoRA sur une couche", "en": "LoRA on a layer"},
}

STRATEGY_HELP: dict[str, dict[str, str]] = {
    "scratch": {
        "fr": "poids aléatoires, aucun pré-entraînement : tout est appris sur les exemples cibles",
        "en": "random weights, no pre-training: everything is learnt from the target examples",
    },
    "full": {
        "fr": "tous les poids pré-entraînés sont mis à jour",
        "en": "every pre-trained weight is updated",
    },
    "feature-extraction": {
        "fr": "le corps est gelé : seule la tête de classification apprend",
        "en": "the body is frozen: only the classification head learns",
    },
    "gradual-unfreezing": {
        "fr": "époque 1 la tête, puis une couche de plus par époque en partant du haut (ULMFiT)",
        "en": "epoch 1 the head, then one more layer per epoch from the top (ULMFiT)",
    },
    "differential-lr": {
        "fr": "tête et couche 2 au taux lr, couche 1 à lr × d, embeddings à lr × d²",
        "en": "head and layer 2 at lr, layer 1 at lr × d, embeddings at lr × d²",
    },
    "lora": {
        "fr": "poids gelés ; une mise à jour de rang r (A·B) sur une couche, plus la tête",
        "en": "frozen weights; a rank-r update (A·B) on one layer, plus the head",
    },
}

LABELS: dict[str, dict[str, object]] = {
    "title": {"fr": "Labo de transfer learning", "en": "Transfer-learning lab"},
    "epoch": {"fr": "époque", "en": "epoch"},
    "train_loss": {"fr": "perte ent.", "en": "train loss"},
    "train_acc": {"fr": "exact. ent.", "en": "train acc"},
    "val_loss": {"fr": "perte val", "en": "val loss"},
    "val_acc": {"fr": "exact. val", "en": "val acc"},
    "source_acc": {"fr": "exact. source", "en": "source acc"},
    "lr": {"fr": "taux", "en": "lr"},
    "best_mark": {"fr": "* meilleure époque de validation (ce que garderait le checkpointing)",
                  "en": "* best validation epoch (what checkpointing would keep)"},
    # French columns say "exact." (exactitude): "préc." would read as precision.
    "acc_note": {"fr": "exact. : exactitude (accuracy)", "en": ""},
    "settings": {
        "fr": "{strategy} · lr {lr} · warmup {warmup} · {schedule} · {epochs} époques · batch {batch} · "
              "{examples} exemples · graine {seed}",
        "en": "{strategy} · lr {lr} · warmup {warmup} · {schedule} · {epochs} epochs · batch {batch} · "
              "{examples} examples · seed {seed}",
    },
    "warmup_steps": {"fr": "{steps} pas", "en": "{steps} steps"},
    "steps": {
        "fr": "{total} pas d'optimisation ({per_epoch} par époque), dont {warmup} de warmup",
        "en": "{total} optimizer steps ({per_epoch} per epoch), {warmup} of them warmup",
    },
    "best": {
        "fr": "Meilleure époque : {epoch} (perte de validation {loss}, exactitude (accuracy) de validation {acc})",
        "en": "Best epoch: {epoch} (val loss {loss}, val accuracy {acc})",
    },
    "source": {
        "fr": "Tâche source : {before} → {after} (oubli : {drop} points)",
        "en": "Source task: {before} → {after} (forgetting: {drop} points)",
    },
    "source_none": {
        "fr": "Tâche source : sans objet (pas de pré-entraînement)",
        "en": "Source task: not applicable (no pre-training)",
    },
    "trainable": {
        "fr": "Paramètres entraînables : {trainable} sur {total} ({share})",
        "en": "Trainable parameters: {trainable} of {total} ({share})",
    },
    "timing": {
        "fr": "Durée : {seconds} s (dont pré-entraînement {pretrain} s)",
        "en": "Time: {seconds} s (pre-training {pretrain} s)",
    },
    "timing_cached": {
        "fr": "Durée : {seconds} s (modèle pré-entraîné déjà en mémoire)",
        "en": "Time: {seconds} s (pre-trained model already in memory)",
    },
    "timing_scratch": {"fr": "Durée : {seconds} s", "en": "Time: {seconds} s"},
    "cancelled": {
        "fr": {"one": "Entraînement annulé après {epochs} époque.",
               "other": "Entraînement annulé après {epochs} époques."},
        "en": {"one": "Run cancelled after {epochs} epoch.", "other": "Run cancelled after {epochs} epochs."},
    },
    "diverged": {
        "fr": {"one": "L'entraînement a divergé (perte infinie) après {epochs} époque : baissez le taux.",
               "other": "L'entraînement a divergé (perte infinie) après {epochs} époques : baissez le taux."},
        "en": {"one": "Training diverged (infinite loss) after {epochs} epoch: lower the rate.",
               "other": "Training diverged (infinite loss) after {epochs} epochs: lower the rate."},
    },
    "run_a": {"fr": "Entraînement A", "en": "Run A"},
    "run_b": {"fr": "Entraînement B", "en": "Run B"},
    "claim_holds": {"fr": "Vérifié sur ces courbes", "en": "Holds on these curves"},
    "lesson": {"fr": "Leçon : « {title} » (module {module}, section {number})",
               "en": "Lesson: \"{title}\" (module {module}, section {number})"},
    "claim_fails": {"fr": "Non vérifié sur ces courbes", "en": "Does not hold on these curves"},
    "comparison": {"fr": "Comparaison", "en": "Comparison"},
    "metric": {"fr": "mesure", "en": "measure"},
    "best_val_acc": {"fr": "exact. val (meilleure époque)", "en": "val acc (best epoch)"},
    "best_val_loss": {"fr": "perte val (meilleure époque)", "en": "val loss (best epoch)"},
    "final_val_loss": {"fr": "perte val (dernière époque)", "en": "val loss (last epoch)"},
    "final_source_acc": {"fr": "exact. source (fin)", "en": "source acc (end)"},
    "source_after_1": {"fr": "exact. source (époque 1)", "en": "source acc (epoch 1)"},
    "max_first_loss": {"fr": "perte max. (époque 1)", "en": "max loss (epoch 1)"},
    "best_epoch": {"fr": "meilleure époque", "en": "best epoch"},
    "trainable_short": {"fr": "param. entraînables", "en": "trainable params"},
    "scenarios": {"fr": "Scénarios", "en": "Scenarios"},
    "layer_decay": {"fr": "décroissance", "en": "decay"},
    "layer": {"fr": "couche", "en": "layer"},
}


def message(key: str, lang: str, **values: object) -> str:
    """A problem message: the lab's own catalogue first, then the simulators' (numbers, choices)."""
    if key not in MESSAGES:
        return _sim_message(key, lang, **values)
    return translate(MESSAGES, key, lang, **values)


def label(key: str, lang: str, **values: object) -> str:
    """An interface word or phrase in `lang`, with `values` substituted."""
    return translate(LABELS, key, lang, **values)


def strategy_name(strategy: str, lang: str) -> str:
    """The strategy's name in `lang`."""
    return STRATEGY_NAMES.get(strategy, {}).get(lang, strategy)


def number(value: float, lang: str, digits: int = 3) -> str:
    """`value` with `digits` decimals, as `lang` writes it (tutor.i18n.numbers.fmt)."""
    return fmt(value, lang, digits)


def percent(value: float | None, lang: str, digits: int = 1) -> str:
    """A share as a percentage ("85.5%" / "85,5 %", no-break space); "—" for None."""
    if value is None:
        return "—"
    return fmt_percent(value, lang, digits, fraction=True)


def count(value: int, lang: str) -> str:
    """A whole number with thousands separators ("16,098" / "16 098", no-break space)."""
    return fmt_int(value, lang)


# Labels and hints of the settings, for a form (field name → language → (label, hint)).
FIELD_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "strategy": {"fr": ("Stratégie", "ce qui est entraîné"), "en": ("Strategy", "what is trained")},
    "lr": {"fr": ("Taux d'apprentissage", "AdamW, pic du planning (0,003)"),
           "en": ("Learning rate", "AdamW, peak of the schedule (0.003)")},
    "warmup_ratio": {"fr": ("Warmup (part des pas)", "0 à <1, ex. 0,1 ou 10 %"),
                     "en": ("Warmup (share of steps)", "0 to <1, e.g. 0.1 or 10 %")},
    "warmup_steps": {"fr": ("Warmup (pas)", "remplace la part si > 0"),
                     "en": ("Warmup (steps)", "overrides the share if > 0")},
    "schedule": {"fr": ("Planning", "linear, cosine, constant, constant_with_warmup"),
                 "en": ("Schedule", "linear, cosine, constant, constant_with_warmup")},
    "epochs": {"fr": ("Époques", "1 à 500"), "en": ("Epochs", "1 to 500")},
    "batch_size": {"fr": ("Taille de batch", "1 à 4096"), "en": ("Batch size", "1 to 4096")},
    "examples": {"fr": ("Exemples cibles étiquetés", "2 à 5000"), "en": ("Labelled target examples", "2 to 5000")},
    "seed": {"fr": ("Graine", "données, initialisation, mélange"), "en": ("Seed", "data, initialisation, shuffling")},
    "layer_decay": {"fr": ("Décroissance par couche", "taux différenciés : facteur par couche vers le bas"),
                    "en": ("Layer decay", "differential rates: factor per layer down")},
    "lora_rank": {"fr": ("Rang LoRA r", "1 à 32"), "en": ("LoRA rank r", "1 to 32")},
    "lora_alpha": {"fr": ("Alpha LoRA", "échelle alpha / r"), "en": ("LoRA alpha", "scale alpha / r")},
    "lora_layer": {"fr": ("Couche LoRA", "1 ou 2"), "en": ("LoRA layer", "1 or 2")},
    "weight_decay": {"fr": ("Weight decay", "AdamW, pas sur les biais"),
                     "en": ("Weight decay", "AdamW, not on biases")},
}
