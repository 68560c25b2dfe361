"""Words of `tutor bank import|export`: what reading and writing Moodle XML reports."""

from __future__ import annotations

from tutor.i18n.strings.exchange import NB

EXCHANGE_XML_STRINGS: dict[str, dict[str, object]] = {
    # A file that is not Moodle XML: `FILE:LINE: message`, nothing written.
    "exchange.xml.malformed": {"fr": f"XML mal formé{NB}: {{reason}}", "en": "malformed XML: {reason}"},
    "exchange.xml.doctype": {
        "fr": f"le fichier déclare une DTD (<!DOCTYPE>){NB}: refusé, car un fichier Moodle n'en a jamais et ses"
              " entités pourraient grossir sans limite ou lire d'autres fichiers",
        "en": "the file declares a DTD (<!DOCTYPE>): refused, since a Moodle file never has one and its entities"
              " could grow without limit or read other files"},
    "exchange.xml.not_quiz": {"fr": "l'élément racine est <{root}>, pas le <quiz> de Moodle",
                              "en": "the root element is <{root}>, not Moodle's <quiz>"},
    "exchange.xml.no_type": {"fr": "un élément <question> sans son attribut type",
                             "en": "a <question> element without its type attribute"},
    "exchange.xml.missing": {"fr": "une question de type {type} sans son élément <{element}>",
                             "en": "a question of type {type} without its <{element}> element"},
    "exchange.xml.not_number": {"fr": f"<{{element}}> doit être un nombre, pas «{NB}{{value}}{NB}»",
                                "en": "<{element}> must be a number, not \u201c{value}\u201d"},
    # Reading: a question left out.
    "exchange.xml.unsupported": {
        "fr": f"le type de question Moodle «{NB}{{type}}{NB}» n'a pas d'équivalent dans tutor (composition,"
              " calculée, cloze, description, aléatoire, glisser-déposer…)",
        "en": "the Moodle question type \u201c{type}\u201d has no equivalent in tutor (essay, calculated, cloze,"
              " description, random, drag and drop…)"},
    # Reading: a question kept with a loss.
    "exchange.xml.answers_lost": {
        "fr": f"réponses non reprises (tutor ne garde que les réponses justes, sans retour par réponse){NB}:"
              " {answers}",
        "en": "answers not kept (tutor keeps only right answers, without per-answer feedback): {answers}"},
    "exchange.xml.case_sensitive": {"fr": "Moodle distinguait les majuscules des minuscules, tutor les confond",
                                    "en": "Moodle told upper from lower case apart, tutor does not"},
    "exchange.xml.feedback_lost": {"fr": f"les retours sur «{NB}vrai{NB}» et «{NB}faux{NB}» ne sont pas"
                                         " repris (tutor n'en a pas pour ce type)",
                                   "en": "the feedback on \u201ctrue\u201d and \u201cfalse\u201d is not kept"
                                         " (tutor has none for this type)"},
    "exchange.xml.units_lost": {"fr": f"seule l'unité de multiplicateur 1 est reprise, pas{NB}: {{units}}",
                                "en": "only the unit of multiplier 1 is kept, not: {units}"},
    "exchange.xml.ordering_subset": {
        "fr": "Moodle ne montrait que {count} éléments, tutor les montre tous",
        "en": "Moodle showed only {count} items, tutor shows them all"},
    "exchange.xml.ordering_grading": {
        "fr": f"la notation partielle de Moodle ({{grading}}) devient «{NB}tout ou rien{NB}»",
        "en": "Moodle's partial grading ({grading}) becomes all or nothing"},
    # Writing.
    "exchange.xml.penalty_rounded": {
        "fr": f"Moodle n'a qu'une pénalité par essai pour tous les indices{NB}: écrite {{penalty}}{NB}% des points",
        "en": "Moodle has one penalty per try for every hint: written as {penalty}% of the points"},
    "exchange.xml.unknown_type": {"fr": f"type de question inconnu de l'export Moodle XML{NB}: {{type}}",
                                  "en": "question type unknown to the Moodle XML export: {type}"},
}
