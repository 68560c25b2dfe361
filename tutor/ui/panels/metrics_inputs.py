"""The metrics calculator's inputs and interface words (reports bring their own, `tutor.metrics.texts`).

What each task takes: its text areas, the shipped sample file behind each one, the pseudo file
name that `FILE:LINE` messages use for it, and the core's `pipeline.run_*` that reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tutor.i18n.catalogue import translate
from tutor.metrics import pipeline
from tutor.metrics.readers import Source
from tutor.metrics.samples import TASKS

__all__ = ["TASKS", "UI", "ui", "InputSpec", "TASK_INPUTS", "SIDE_BY_SIDE", "input_name", "run_inputs"]

UI: dict[str, dict[str, object]] = {
    "task": {"fr": "Tâche", "en": "Task"},
    "task.classification": {"fr": "Classification (sentiment)", "en": "Classification (sentiment)"},
    "task.ner": {"fr": "NER (entités nommées)", "en": "NER (named entities)"},
    "task.qa": {"fr": "Questions-réponses (SQuAD)", "en": "Question answering (SQuAD)"},
    "task.bleu": {"fr": "BLEU (traduction)", "en": "BLEU (translation)"},
    "task.rouge": {"fr": "ROUGE (résumé)", "en": "ROUGE (summarisation)"},
    "task.perplexity": {"fr": "Perplexité", "en": "Perplexity"},
    "mode": {"fr": "Mode", "en": "Mode"},
    "stem": {"fr": "Racinisation (--stem)", "en": "Stemming (--stem)"},
    "inputs": {"fr": "Entrées (un exemple fourni) : modifiez-les, le rapport suit",
               "en": "Inputs (a shipped sample): edit them, the report follows"},
    "in.classification.gold": {"fr": "Vérité : une étiquette par ligne", "en": "Gold: one label per line"},
    "in.classification.pred": {"fr": "Prédictions : une par ligne", "en": "Predictions: one per line"},
    "in.ner.gold": {"fr": "Vérité : « jeton étiquette-BIO »", "en": "Gold: “token BIO-tag” lines"},
    "in.ner.pred": {"fr": "Prédictions : même format", "en": "Predictions: same format"},
    "in.qa.gold": {"fr": 'Vérité (JSON Lines) : {"id", "answers": [...]}',
                   "en": 'Gold (JSON Lines): {"id", "answers": [...]}'},
    "in.qa.pred": {"fr": 'Prédictions (JSON Lines) : {"id", "prediction"}',
                   "en": 'Predictions (JSON Lines): {"id", "prediction"}'},
    "in.bleu.ref": {"fr": "Références : un segment par ligne", "en": "References: one segment per line"},
    "in.bleu.ref2": {"fr": "Références 2 (facultatif : vide = une seule référence)",
                     "en": "References 2 (optional: empty = a single reference)"},
    "in.bleu.hyp": {"fr": "Hypothèses : ligne i = traduction du segment i",
                    "en": "Hypotheses: line i translates segment i"},
    "in.rouge.ref": {"fr": "Références : un texte par ligne (\\n = fin de phrase)",
                     "en": "References: one text per line (\\n = sentence break)"},
    "in.rouge.hyp": {"fr": "Textes générés : ligne i = résumé du texte i",
                     "en": "Generated texts: line i summarises text i"},
    "in.perplexity.logprobs": {"fr": "Log-probabilités (log naturel ≤ 0) : un texte par ligne",
                               "en": "Log-probabilities (natural log ≤ 0): one text per line"},
    "name.gold": {"fr": "vérité", "en": "gold"},
    "name.pred": {"fr": "prédictions", "en": "pred"},
    "name.ref": {"fr": "références", "en": "refs"},
    "name.ref2": {"fr": "références-2", "en": "refs-2"},
    "name.hyp": {"fr": "hypothèses", "en": "hyp"},
    "name.logprobs": {"fr": "logprobs", "en": "logprobs"},
    "file": {"fr": "Fichier", "en": "File"},
    "file.placeholder": {"fr": "chemin, puis Entrée ou ctrl+l", "en": "path, then Enter or ctrl+l"},
    "file.into": {"fr": "dans", "en": "into"},
    "file.empty_path": {"fr": "Tapez d'abord le chemin d'un fichier.", "en": "Type a file path first."},
    "file.loaded": {"fr": {"one": "{path} chargé dans « {area} » ({count} ligne).",
                           "other": "{path} chargé dans « {area} » ({count} lignes)."},
                    "en": {"one": "{path} loaded into '{area}' ({count} line).",
                           "other": "{path} loaded into '{area}' ({count} lines)."}},
    "file.too_large": {"fr": "fichier trop gros pour le panneau ({size} Kio > {limit} Kio) : "
                             "utilisez « tutor metrics » en ligne de commande",
                       "en": "file too large for the panel ({size} KiB > {limit} KiB): "
                             "use `tutor metrics` on the command line"},
    "file.kept": {"fr": "Votre texte n'a pas été modifié.", "en": "Your text was left unchanged."},
    "file.off": {"fr": "Le chargement de fichiers est désactivé dans le navigateur : le serveur a été lancé "
                       "sans --files-dir. Collez plutôt le texte dans la zone.",
                 "en": "File loading is off in the browser: the server was started without --files-dir. "
                       "Paste the text into the area instead."},
    "file.outside": {"fr": "hors du dossier permis par ce serveur ({folder}) : seuls ses fichiers se chargent",
                     "en": "outside the folder this server allows ({folder}): only files in it can be loaded"},
    "stale": {"fr": "Le rapport ci-dessous est le dernier valide : corrigez l'entrée (numéro de "
                    "ligne à gauche des zones) pour le recalculer.",
              "en": "The report below is the last valid one: fix the input (line numbers are on "
                    "the left of the areas) to recompute it."},
    "stale.none": {"fr": "Pas encore de rapport valide pour cette tâche.",
                   "en": "No valid report for this task yet."},
    "stale.title": {"fr": "dernier rapport valide", "en": "last valid report"},
    "crash": {"fr": "calcul impossible : {error}", "en": "cannot compute: {error}"},
    "keys": {"fr": "ctrl+r calculer · ctrl+t tâche · ctrl+s exemple · ctrl+l charger · tab zone suivante",
             "en": "ctrl+r compute · ctrl+t task · ctrl+s sample · ctrl+l load · tab next area"},
    "report": {"fr": "Rapport d'évaluation", "en": "Evaluation report"},
    "confusion.corner": {"fr": "vérité \\ prédit", "en": "gold \\ predicted"},
    "confusion.legend": {"fr": "[n] sur la diagonale : bien classés ; hors diagonale : confusions.",
                         "en": "[n] on the diagonal: correct; off the diagonal: confusions."},
    "confusion.numbered": {"fr": "Colonnes numérotées : le numéro précède le nom de la ligne.",
                           "en": "Numbered columns: the number comes before the row's name."},
    "confusion.too_wide": {"fr": "({count} classes : trop pour dessiner la grille ; voir le "
                                 "tableau par classe.)",
                           "en": "({count} classes: too many to draw the grid; see the "
                                 "per-class table.)"},
    "more_rows": {"fr": {"one": "… et {count} ligne de plus", "other": "… et {count} lignes de plus"},
                  "en": {"one": "… and {count} more row", "other": "… and {count} more rows"}},
    "chart.classification": {"fr": "F1 par classe (F1 macro {macro})",
                             "en": "F1 per class (macro F1 {macro})"},
    "chart.ner": {"fr": "F1 par type d'entité (F1 macro {macro})",
                  "en": "F1 per entity type (macro F1 {macro})"},
    "chart.qa": {"fr": "F1 par question (sur 100)", "en": "F1 per question (out of 100)"},
    "chart.bleu": {"fr": "Précision de chaque ordre de n-gramme (sur 100)",
                   "en": "Precision of each n-gram order (out of 100)"},
    "chart.rouge": {"fr": "F moyen de chaque ROUGE", "en": "Mean F of each ROUGE"},
    "chart.perplexity": {"fr": "Perplexité par texte", "en": "Perplexity per text"},
    "chart.some": {"fr": " — les {shown} plus {which} sur {total}",
                   "en": " — the {shown} {which} of {total}"},
    "chart.lowest": {"fr": "basses", "en": "lowest"},
    "chart.highest": {"fr": "hautes", "en": "highest"},
    "warnings": {"fr": "Remarques sur les entrées", "en": "About the inputs"},
    "key.metrics_compute": {"fr": "Calculer", "en": "Compute"},
    "key.metrics_load": {"fr": "Charger", "en": "Load"},
    "key.metrics_task": {"fr": "Tâche suivante", "en": "Next task"},
    "key.metrics_sample": {"fr": "Exemple", "en": "Sample"},
}


def ui(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang` (English when missing), with `values` substituted."""
    return translate(UI, key, lang, **values)  # plurals, numbers and French spacing as everywhere


@dataclass(frozen=True)
class InputSpec:
    """One text area of a task: its key, the shipped sample file that fills it, whether optional."""

    key: str
    sample: str
    optional: bool = False


TASK_INPUTS: dict[str, tuple[InputSpec, ...]] = {
    "classification": (InputSpec("gold", "sentiment.gold.txt"), InputSpec("pred", "sentiment.pred.txt")),
    "ner": (InputSpec("gold", "ner.gold.conll"), InputSpec("pred", "ner.pred.conll")),
    "qa": (InputSpec("gold", "qa.gold.jsonl"), InputSpec("pred", "qa.pred.jsonl")),
    "bleu": (InputSpec("ref", "gen.ref.txt"), InputSpec("ref2", "gen.ref2.txt", optional=True),
             InputSpec("hyp", "gen.hyp.txt")),
    "rouge": (InputSpec("ref", "gen.ref.txt"), InputSpec("hyp", "gen.hyp.txt")),
    "perplexity": (InputSpec("logprobs", "logprobs.txt"),),
}

# Short lines (labels, tags) sit side by side; long ones (JSON, sentences) one under the other.
SIDE_BY_SIDE = {"classification", "ner"}

assert tuple(TASK_INPUTS) == TASKS


def input_name(key: str, lang: str) -> str:
    """The pseudo file name of text area `key` in messages ("gold", "vérité", "refs"…)."""
    return ui(f"name.{key}", lang)


def run_inputs(task: str, texts: Mapping[str, str], lang: str, **options: object) -> pipeline.Run:
    """Run the core on the text areas' contents, as the command line runs it on files.

    Options: `mode` for NER, `stem` for ROUGE. An empty second reference is left out of BLEU.
    Raises `InputError` naming the pseudo file and the line.
    """
    sources = {key: Source(input_name(key, lang), text.encode("utf-8")) for key, text in texts.items()}
    if task == "classification":
        return pipeline.run_classification(sources["gold"], sources["pred"])
    if task == "ner":
        return pipeline.run_ner(sources["gold"], sources["pred"], str(options.get("mode", "default")))
    if task == "qa":
        return pipeline.run_qa(sources["gold"], sources["pred"])
    if task == "bleu":
        refs = [sources["ref"]] + ([sources["ref2"]] if texts.get("ref2", "").strip() else [])
        return pipeline.run_bleu(refs, sources["hyp"])
    if task == "rouge":
        return pipeline.run_rouge(sources["ref"], sources["hyp"], bool(options.get("stem", False)))
    if task == "perplexity":
        return pipeline.run_perplexity(sources["logprobs"])
    raise ValueError(f"unknown task: {task}")
