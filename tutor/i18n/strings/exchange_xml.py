"""Words of `tutor bank import|export`: what reading and writing Moodle XML reports."""

from __future__ import annotations

from tutor.i18n.strings.exchange import NB

EXCHANGE_XML_STRINGS: dict[str, dict[str, str]] = {
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
    "exchange.xml.image_only": {
        "fr": f"la question ne se comprend pas sans ses images, qu'un terminal ne montre pas{NB}: {{images}}",
        "en": "the question cannot be understood without its images, which a terminal cannot show: {images}"},
    "exchange.xml.no_right_answer": {"fr": f"aucune réponse ne vaut 100{NB}%",
                                     "en": "no answer is worth 100%"},
    "exchange.xml.wildcard_only": {
        "fr": f"toutes les réponses acceptées utilisent le joker *, que tutor ne connaît pas{NB}: {{answers}}",
        "en": "every accepted answer uses the * wildcard, which tutor does not have: {answers}"},
    # Reading: a question kept with a loss.
    "exchange.xml.image": {"fr": f"images retirées (un terminal ne les montre pas){NB}: {{images}}",
                           "en": "images left out (a terminal cannot show them): {images}"},
    "exchange.xml.wildcard": {"fr": f"réponses avec le joker * retirées (tutor ne le connaît pas){NB}: {{answers}}",
                              "en": "answers with the * wildcard left out (tutor does not have it): {answers}"},
    "exchange.xml.answers_lost": {
        "fr": f"réponses non reprises (tutor ne garde que les réponses justes, sans retour par réponse){NB}:"
              " {answers}",
        "en": "answers not kept (tutor keeps only right answers, without per-answer feedback): {answers}"},
    "exchange.xml.case_sensitive": {"fr": "Moodle distinguait les majuscules des minuscules, tutor les confond",
                                    "en": "Moodle told upper from lower case apart, tutor does not"},
    "exchange.xml.grades_lost": {
        "fr": f"question à une seule réponse{NB}: les notes partielles ou négatives de ces options sont perdues,"
              f" elles comptent comme fausses{NB}: {{options}}",
        "en": "single-answer question: the partial or negative grades of these options are lost, they count"
              " as wrong: {options}"},
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
    "exchange.xml.fraction_rounded": {
        "fr": f"option {{option}}{NB}: le crédit de {{wanted}}{NB}% n'est pas une note de Moodle, écrit"
              f" {{written}}{NB}%",
        "en": "option {option}: a credit of {wanted}% is not one of Moodle's grades, written as {written}%"},
    "exchange.xml.penalty_rounded": {
        "fr": f"Moodle n'a qu'une pénalité par essai pour tous les indices{NB}: écrite {{penalty}}{NB}% des points",
        "en": "Moodle has one penalty per try for every hint: written as {penalty}% of the points"},
    "exchange.xml.unknown_type": {"fr": f"type de question inconnu de l'export Moodle XML{NB}: {{type}}",
                                  "en": "question type unknown to the Moodle XML export: {type}"},
}
