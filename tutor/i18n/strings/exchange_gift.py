"""Words of `tutor bank import|export`: what reading and writing GIFT reports."""

from __future__ import annotations

from tutor.i18n.strings.exchange import NB

EXCHANGE_GIFT_STRINGS: dict[str, dict[str, object]] = {
    # A file that is not GIFT: `FILE:LINE: message`, nothing written.
    "exchange.gift.title_unclosed": {
        "fr": f"le titre ouvert par «{NB}::{NB}» n'est jamais fermé (écrivez \\: pour un deux-points dans un titre)",
        "en": "the title opened by \u201c::\u201d is never closed (write \\: for a colon in a title)"},
    "exchange.gift.unclosed": {
        "fr": f"«{NB}{{open}}{NB}» ouvre des réponses que la question ne ferme jamais par «{NB}{{close}}{NB}»"
              " (écrivez {escaped} pour une accolade dans un texte)",
        "en": "\u201c{open}\u201d opens answers that the question never closes with \u201c{close}\u201d"
              " (write {escaped} for a brace in a text)"},
    "exchange.gift.unopened": {
        "fr": f"«{NB}{{close}}{NB}» ferme des réponses jamais ouvertes (écrivez {{escaped}} pour une accolade dans"
              " un texte)",
        "en": "\u201c{close}\u201d closes answers that were never opened (write {escaped} for a brace in a text)"},
    "exchange.gift.nested": {
        "fr": f"«{NB}{{open}}{NB}» à l'intérieur des réponses{NB}: les précédentes ne sont pas fermées"
              " (écrivez {escaped} pour une accolade dans un texte)",
        "en": "\u201c{open}\u201d inside the answers: the previous ones are not closed (write {escaped} for a"
              " brace in a text)"},
    "exchange.gift.second_block": {
        "fr": f"une seconde liste de réponses dans la même question (GIFT n'en a qu'une{NB}; séparez les questions"
              " par une ligne vide)",
        "en": "a second list of answers in the same question (GIFT has one; separate questions with a blank"
              " line)"},
    "exchange.gift.marker": {
        "fr": f"réponse inattendue «{NB}{{text}}{NB}»{NB}: une réponse commence par = ou ~, une réponse"
              " numérique par #, un vrai-faux est T, F, TRUE ou FALSE",
        "en": "unexpected answer \u201c{text}\u201d: an answer starts with = or ~, a numeric answer with #,"
              " a true-false answer is T, F, TRUE or FALSE"},
    "exchange.gift.not_number": {"fr": f"«{NB}{{value}}{NB}» n'est pas un nombre",
                                 "en": "\u201c{value}\u201d is not a number"},
    "exchange.gift.no_number": {"fr": f"réponse numérique sans aucune valeur après «{NB}#{NB}»",
                                "en": "a numeric answer with no value after \u201c#\u201d"},
    "exchange.gift.arrow": {"fr": f"une paire d'association sans «{NB}->{NB}»{NB}: {{text}}",
                            "en": "a matching pair without \u201c->\u201d: {text}"},
    "exchange.gift.too_few": {"fr": "il faut au moins {minimum} réponses à cette question, pas {count}",
                              "en": "this question needs at least {minimum} answers, not {count}"},
    # Reading: a question left out.
    "exchange.gift.essay": {
        "fr": f"question à réponse libre (réponses vides {{answers}}){NB}: tutor n'a pas de réponse rédigée",
        "en": "an essay question (empty answers {answers}): tutor has no free-text answer"},
    "exchange.gift.description": {
        "fr": f"description sans aucune réponse{NB}: ce n'est pas une question pour tutor",
        "en": "a description with no answers: not a question for tutor"},
    # Reading: a question kept with a loss.
    "exchange.gift.partial": {
        "fr": f"réponses à crédit partiel non reprises (tutor ne garde que les réponses justes){NB}: {{answers}}",
        "en": "answers with partial credit not kept (tutor keeps only right answers): {answers}"},
    "exchange.gift.numbers_lost": {
        "fr": f"seule la réponse à 100{NB}% est reprise, pas{NB}: {{answers}}",
        "en": "only the answer worth 100% is kept, not: {answers}"},
    "exchange.gift.feedback_lost": {
        "fr": "les retours par réponse ne sont pas repris (tutor n'en a pas pour ce type)",
        "en": "the per-answer feedback is not kept (tutor has none for this type)"},
    # Writing.
    "exchange.gift.no_ordering": {"fr": "GIFT n'a pas de question à remettre dans l'ordre",
                                  "en": "GIFT has no ordering questions"},
    "exchange.gift.unknown_type": {"fr": f"type de question inconnu de l'export GIFT{NB}: {{type}}",
                                   "en": "question type unknown to the GIFT export: {type}"},
    "exchange.gift.hints_lost": {"fr": {"one": f"GIFT n'a pas d'indices{NB}: {{count}} indice non écrit",
                                        "other": f"GIFT n'a pas d'indices{NB}: {{count}} indices non écrits"},
                                 "en": {"one": "GIFT has no hints: {count} hint not written",
                                        "other": "GIFT has no hints: {count} hints not written"}},
    "exchange.gift.arrow_answer": {
        "fr": f"réponses acceptées contenant «{NB}->{NB}» non écrites (GIFT y verrait une association){NB}:"
              " {answers}",
        "en": "accepted answers containing \u201c->\u201d not written (GIFT would read a matching question):"
              " {answers}"},
    "exchange.gift.arrow_left": {
        "fr": f"le texte de gauche d'une paire contient «{NB}->{NB}»{NB}: écrit en HTML, ses espaces peuvent"
              " changer",
        "en": "the left-hand text of a pair contains \u201c->\u201d: written as HTML, its spacing may change"},
    "exchange.gift.unit_lost": {
        "fr": f"l'unité «{NB}{{unit}}{NB}» ne tient pas dans une étiquette Moodle (50 caractères au plus, sans"
              f" < > ` ni espaces doubles){NB}: elle n'est pas écrite",
        "en": "the unit \u201c{unit}\u201d does not fit a Moodle tag (at most 50 characters, no < > ` or double"
              " spaces): not written"},
}
