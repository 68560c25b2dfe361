"""The lab panel, its plots and the lab command line."""

from __future__ import annotations

# Accuracy is "exactitude (accuracy)" throughout the lab: in French "précision" is precision.
LAB_STRINGS: dict[str, dict[str, object]] = {
    "key.train": {"fr": "Entraîner", "en": "Train"},
    "key.stop": {"fr": "Arrêter", "en": "Stop"},
    "lab.custom": {"fr": "Réglages libres", "en": "Free settings"},
    "lab.scenario": {"fr": "Scénario", "en": "Scenario"},
    "lab.keys": {
        "fr": "F5 ou Ctrl+R : entraîner · F6 ou Ctrl+G : arrêter",
        "en": "F5 or Ctrl+R: train · F6 or Ctrl+G: stop",
    },
    "lab.running": {
        "fr": "Entraînement… époque {epoch}/{epochs} — {label}",
        "en": "Training… epoch {epoch}/{epochs} — {label}",
    },
    "lab.cancelled": {
        "fr": "Arrêté : les courbes montrent les époques faites.",
        "en": "Stopped: the curves show the epochs done.",
    },
    "lab.refused": {
        "fr": "Entraînement impossible. {field} : {problem}",
        "en": "Cannot train. {field}: {problem}",
    },
    "lab.refused_run": {
        "fr": "Entraînement impossible ({run}). {field} : {problem}",
        "en": "Cannot train ({run}). {field}: {problem}",
    },
    "lab.run.current": {"fr": "cet entraînement", "en": "this run"},
    "lab.run.previous": {"fr": "entraînement précédent", "en": "previous run"},
    "lab.run.edited": {"fr": "{label}, réglages modifiés", "en": "{label}, edited settings"},
    "lab.run.named": {"fr": "{letter} — {label}", "en": "{letter} — {label}"},
    "lab.loss": {"fr": "Perte", "en": "Loss"},
    "lab.loss_best": {
        "fr": "Perte ({mark} : meilleure époque de validation)",
        "en": "Loss ({mark}: best validation epoch)",
    },
    "lab.accuracy": {
        "fr": "Exactitude (accuracy) cible (validation) et source (oubli)",
        "en": "Target (validation) and source accuracy (forgetting)",
    },
    "lab.lr": {"fr": "Taux d'apprentissage par pas", "en": "Learning rate per step"},
    "lab.axis.epoch": {"fr": "époque", "en": "epoch"},
    "lab.axis.step": {"fr": "pas", "en": "step"},
    "lab.series.train": {"fr": "entraînement", "en": "train"},
    "lab.series.val": {"fr": "validation", "en": "validation"},
    "lab.series.source": {"fr": "source", "en": "source"},
    "lab.series.lr": {"fr": "taux", "en": "rate"},
    "lab.legend.entry": {"fr": "{marker} {series}", "en": "{marker} {series}"},
    "lab.legend.run": {"fr": "{run} : {entries}", "en": "{run}: {entries}"},
    "lab.summary.settings": {"fr": "{label} : {settings}", "en": "{label}: {settings}"},
    "lab.summary.result": {
        "fr": "{trainable} paramètres entraînés sur {total} · meilleure époque {best} "
              "(exactitude (accuracy) de validation {val}) · source {before} → {after} · {seconds} s",
        "en": "{trainable} of {total} parameters trained · best epoch {best} "
              "(validation accuracy {val}) · source {before} → {after} · {seconds} s",
    },
    "lab.holds": {"fr": "La leçon se vérifie", "en": "The lesson shows"},
    "lab.fails": {"fr": "La leçon ne se voit pas ici", "en": "The lesson does not show here"},
    "lab.claim": {"fr": "{mark} {word} : {text}", "en": "{mark} {word}: {text}"},
    # tutor lab: its help and its usage errors
    "help.lab": {
        "fr": "entraîner un petit réseau : transfert, oubli, warmup, surapprentissage",
        "en": "train a small network: transfer, forgetting, warmup, overfitting",
    },
    "help.lab.description": {
        "fr": "Pré-entraîne un petit réseau sur une tâche source, l'affine sur une tâche cible voisine avec "
              "peu d'exemples et affiche les courbes par époque (données synthétiques proches du texte). "
              "Lancez un scénario fourni avec --scenario, ou choisissez les réglages.",
        "en": "Pre-train a small network on a source task, fine-tune it on a related target task with few "
              "examples, and print the curves per epoch (synthetic text-like data). Run a shipped scenario "
              "with --scenario, or choose the settings.",
    },
    "help.lab.scenario": {"fr": "lancer un scénario fourni (voir --list)", "en": "run a shipped scenario (see --list)"},
    "help.lab.list": {"fr": "lister les scénarios fournis", "en": "list the shipped scenarios"},
    "help.lab.vs_metavar": {"fr": "CHAMP=VALEUR[,…]", "en": "FIELD=VALUE[,…]"},
    "help.lab.vs": {
        "fr": "comparer avec un second entraînement : les mêmes réglages avec ces changements, "
              "par ex. --vs warmup-ratio=0",
        "en": "compare with a second run: the same settings with these changes, e.g. --vs warmup-ratio=0",
    },
    "help.lab.lang": {
        "fr": "langue de sortie (par défaut : TUTOR_LANG, vos réglages, la locale, fr)",
        "en": "output language (default: TUTOR_LANG, your settings, the locale, fr)",
    },
    "help.lab.json": {"fr": "écrire du JSON", "en": "print JSON"},
    "lab.cli.vs_pairs": {
        "fr": "--vs : des paires CHAMP=VALEUR séparées par des virgules sont attendues, reçu « {text} »",
        "en": "--vs: expected FIELD=VALUE pairs separated by commas, got '{text}'",
    },
    "lab.cli.vs_empty": {
        "fr": "--vs : donnez au moins un CHAMP=VALEUR, par ex. --vs warmup-ratio=0",
        "en": "--vs: give at least one FIELD=VALUE, e.g. --vs warmup-ratio=0",
    },
    "lab.cli.list_alone": {"fr": "--list ne prend aucune autre option", "en": "--list takes no other option"},
    "lab.cli.vs_unknown": {"fr": "--vs : réglage inconnu « {field} »", "en": "--vs: unknown setting '{field}'"},
    "lab.cli.vs_scenario": {
        "fr": "--vs compare vos propres réglages ; un scénario a déjà ses entraînements",
        "en": "--vs compares your own settings; a scenario already has its runs",
    },
    "lab.cli.unknown_scenario": {
        "fr": "--scenario : scénario inconnu « {name} » ; scénarios connus : {known}",
        "en": "--scenario: unknown scenario '{name}'; known: {known}",
    },
}
