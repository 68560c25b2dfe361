"""Words of `tutor bank import|export`: its help, its report, the errors both formats share."""

from __future__ import annotations

NB = "\u00a0"

EXCHANGE_STRINGS: dict[str, dict[str, object]] = {
    "exchange.error.at": {"fr": "{path}:{line}", "en": "{path}:{line}"},
    "exchange.error.encoding": {"fr": "le fichier n'est pas en UTF-8 (octet illisible sur cette ligne)",
                                "en": "the file is not UTF-8 (an unreadable byte on this line)"},
    # The report: `FILE:LINE: question 3 « name » : left out — reason`.
    "exchange.report.line": {"fr": f"{{where}}question {{position}} «{NB}{{name}}{NB}»{NB}: {{verdict}} — {{reason}}",
                             "en": "{where}question {position} \u201c{name}\u201d: {verdict} \u2014 {reason}"},
    "exchange.report.unexplained": {
        "fr": {"one": f"question {{positions}}{NB}: reprise avec une perte — {{reason}}",
               "other": f"{{count}} questions ({{positions}}){NB}: reprises avec une perte — {{reason}}"},
        "en": {"one": "question {positions}: kept with a loss \u2014 {reason}",
               "other": "{count} questions ({positions}): kept with a loss \u2014 {reason}"},
    },
    "exchange.report.dropped": {"fr": "laissée de côté", "en": "left out"},
    "exchange.report.changed": {"fr": "reprise avec une perte", "en": "kept with a loss"},
    # Counts after a colon: no plural to agree with (1 of 4, 3 of 4, 0 left out).
    "exchange.import.done": {
        "fr": f"Questions importées dans {{path}}{NB}: {{count}} sur {{total}} (laissées de côté{NB}: {{dropped}})."
              f" Vérifiez avec{NB}: tutor validate {{path}}",
        "en": "Questions imported into {path}: {count} of {total} (left out: {dropped})."
              " Check with: tutor validate {path}",
    },
    "exchange.import.nothing": {"fr": f"{{path}}{NB}: aucune question que tutor sache représenter ; rien n'est écrit.",
                                "en": "{path}: no question tutor can represent; nothing written."},
    "exchange.export.done": {
        "fr": f"Questions de la banque {{bank}} écrites en {{format}} vers {{path}}{NB}: {{count}} sur {{total}}"
              f" (laissées de côté{NB}: {{dropped}}).",
        "en": "Questions of bank {bank} written as {format} to {path}: {count} of {total} (left out: {dropped}).",
    },
    "exchange.topic.general": {"fr": "Général", "en": "General"},
    # Notes that convert adds, for both formats.
    "exchange.note.refused": {"fr": f"tutor ne peut pas la représenter{NB}: {{reason}}",
                              "en": "tutor cannot represent it: {reason}"},
    "exchange.note.controls": {"fr": "des caractères de contrôle du terminal ont été remplacés par"
                                     " «\u00a0\ufffd\u00a0»",
                               "en": "terminal control characters were replaced by \u201c\ufffd\u201d"},
    "exchange.note.hints_cut": {"fr": "{count} indices, tutor en garde {kept}",
                                "en": "{count} hints, tutor keeps {kept}"},
    "exchange.note.hint_costs_lowered": {
        "fr": "les indices coûtaient plus que la question : leur coût est ramené à ses points",
        "en": "the hints cost more than the question: their cost is lowered to its points"},
    "exchange.note.unknown_section": {"fr": f"la section «{NB}{{section}}{NB}» n'existe pas dans le module {{module}}",
                                      "en": "section \u201c{section}\u201d does not exist in module {module}"},
    "exchange.note.no_explanation": {
        "fr": "pas de feedback général dans le fichier : l'explication dit seulement qu'il n'y en a pas",
        "en": "no general feedback in the file: the explanation only says there is none"},
    "exchange.explanation.none": {"fr": "Le fichier Moodle d'origine ne donnait pas d'explication.",
                                  "en": "The original Moodle file gave no explanation."},
    # Notes both readers and writers give.
    "exchange.note.image_only": {
        "fr": f"la question ne se comprend pas sans ses images, qu'un terminal ne montre pas{NB}: {{images}}",
        "en": "the question cannot be understood without its images, which a terminal cannot show: {images}"},
    "exchange.note.no_right_answer": {"fr": f"aucune réponse ne vaut 100{NB}%", "en": "no answer is worth 100%"},
    "exchange.note.wildcard_only": {
        "fr": f"toutes les réponses acceptées utilisent le joker *, que tutor ne connaît pas{NB}: {{answers}}",
        "en": "every accepted answer uses the * wildcard, which tutor does not have: {answers}"},
    "exchange.note.image": {"fr": f"images retirées (un terminal ne les montre pas){NB}: {{images}}",
                            "en": "images left out (a terminal cannot show them): {images}"},
    "exchange.note.wildcard": {"fr": f"réponses avec le joker * retirées (tutor ne le connaît pas){NB}: {{answers}}",
                               "en": "answers with the * wildcard left out (tutor does not have it): {answers}"},
    "exchange.note.grades_lost": {
        "fr": f"question à une seule réponse{NB}: les notes partielles ou négatives de ces options sont perdues,"
              f" elles comptent comme fausses{NB}: {{options}}",
        "en": "single-answer question: the partial or negative grades of these options are lost, they count"
              " as wrong: {options}"},
    "exchange.note.fraction_rounded": {
        "fr": f"option {{option}}{NB}: le crédit de {{wanted}}{NB}% n'est pas une note de Moodle, écrit"
              f" {{written}}{NB}%",
        "en": "option {option}: a credit of {wanted}% is not one of Moodle's grades, written as {written}%"},
    # The command line.
    "help.bank": {"fr": "importer ou exporter une banque de questions (Moodle XML, GIFT)",
                  "en": "import or export a question bank (Moodle XML, GIFT)"},
    "help.bank.description": {
        "fr": "Échanger des banques de questions avec Moodle : import d'un fichier Moodle XML ou GIFT en banque"
              " tutor, export d'une banque tutor pour Moodle.",
        "en": "Exchange question banks with Moodle: import a Moodle XML or GIFT file as a tutor bank, export a"
              " tutor bank for Moodle."},
    "help.bank.import": {"fr": "convertir un fichier Moodle XML ou GIFT en banque tutor (YAML)",
                         "en": "convert a Moodle XML or GIFT file into a tutor bank (YAML)"},
    "help.bank.import.description": {
        "fr": "Écrit <banque>.<langue>.yaml dans --out et liste sur la sortie d'erreur chaque question laissée"
              " de côté ou reprise avec une perte (position, nom, ligne).",
        "en": "Writes <bank>.<lang>.yaml in --out and lists on stderr every question left out or kept with a"
              " loss (position, name, line)."},
    "help.bank.import.file": {"fr": "le fichier à importer (.xml ou .gift/.txt)",
                              "en": "the file to import (.xml or .gift/.txt)"},
    "help.bank.format.import": {"fr": "format du fichier (par défaut : d'après son extension et son contenu)",
                                "en": "the file's format (default: from its extension and content)"},
    "help.bank.format.export": {"fr": "format écrit (par défaut : moodle-xml)",
                                "en": "format written (default: moodle-xml)"},
    "help.bank.import.out": {"fr": "dossier où écrire la banque (par défaut : le dossier courant)",
                             "en": "directory to write the bank in (default: the current directory)"},
    "help.bank.import.bank": {"fr": "identifiant de la banque (par défaut : d'après le nom du fichier)",
                              "en": "the bank's id (default: from the file's name)"},
    "help.bank.import.title": {"fr": "titre de la banque (par défaut : le nom du fichier)",
                               "en": "the bank's title (default: the file's name)"},
    "help.bank.import.module": {"fr": "module de cours de la banque (par défaut : le premier module)",
                                "en": "the bank's course module (default: the first module)"},
    "help.bank.force": {"fr": "remplacer le fichier s'il existe", "en": "replace the file if it exists"},
    "help.bank.export": {"fr": "écrire une banque tutor en Moodle XML ou GIFT",
                         "en": "write a tutor bank as Moodle XML or GIFT"},
    "help.bank.export.description": {
        "fr": "Écrit la banque pour Moodle (indices et retours par option compris) et liste sur la sortie"
              " d'erreur ce que le format ne peut pas porter.",
        "en": "Writes the bank for Moodle (hints and per-option feedback included) and lists on stderr what"
              " the format cannot carry."},
    "help.bank.export.bank": {"fr": "identifiant de la banque (par défaut : la seule banque)",
                              "en": "the bank's id (default: the only bank)"},
    "help.bank.export.out": {"fr": "fichier à écrire (par défaut : la sortie standard)",
                             "en": "file to write (default: standard output)"},
    "help.bank.export.generated": {
        "fr": "nombre de questions tirées de chaque générateur, de graines fixes (par défaut : {default})",
        "en": "how many questions to draw from each generator, from fixed seeds (default: {default})"},
    "cli.bank.bad_generated": {"fr": "--generated attend un entier de 0 à {maximum}, pas {value}",
                               "en": "--generated takes a whole number from 0 to {maximum}, not {value}"},
    "cli.bank.bad_id": {"fr": "identifiant de banque invalide : {value} (lettres minuscules, chiffres et « - »)",
                        "en": "invalid bank id: {value} (lowercase letters, digits and '-')"},
    "cli.bank.no_module": {"fr": "aucun module de cours {module} en {lang} : voir tutor lessons",
                           "en": "no course module {module} in {lang}: see tutor lessons"},
    "cli.bank.which": {"fr": "quelle banque exporter ? Banques : {known}",
                       "en": "which bank to export? Banks: {known}"},
    "cli.bank.not_regular": {"fr": "{path} n'est pas un fichier ordinaire", "en": "{path} is not a regular file"},
    "cli.bank.too_large": {"fr": "{path} dépasse la limite de {megabytes} Mo",
                           "en": "{path} is larger than {megabytes} MB"},
    "cli.bank.unreadable": {"fr": "impossible de lire {path} : {reason}", "en": "cannot read {path}: {reason}"},
    "cli.bank.unwritable": {"fr": "impossible d'écrire {path} : {reason}", "en": "cannot write {path}: {reason}"},
}
