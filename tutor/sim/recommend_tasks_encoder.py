"""Understanding tasks, for an encoder fine-tuned in full: spam, NER, QA, similarity, sentiment, classification.

English sentences get ModernBERT-base for classifying (2024; its model card: above the other
base-size encoders on GLUE, DeBERTa-v3-base included, and faster) and DeBERTa-v3-base for
token-level tasks and extractive QA (cased vocabulary; SQuAD 2.0 F1 88.4 against RoBERTa-base's
83.7 on its model card); French sentences get CamemBERT-base, with
xlm-roberta-base as the multilingual alternative. Hyperparameters stay in the BERT paper's grid
(lr 2e-5–5e-5, batch 16/32, 2–4 epochs) or follow Hugging Face's recipes (run_qa: lr 3e-5,
2 epochs, 384 tokens, stride 128; token classification: lr 2e-5, 3 epochs).
"""

from __future__ import annotations

from tutor.sim.recommend_data import TaskSpec, Text, Variant, encoder

XLMR_NOTE: Text = {
    "fr": "Alternative multilingue : xlm-roberta-base (100 langues), si vos textes mélangent les langues.",
    "en": "Multilingual alternative: xlm-roberta-base (100 languages), if your texts mix languages.",
}


def french(extra: Text | None = None, **values: object) -> Variant:
    """French sentence: CamemBERT-base (plus `values`), with the multilingual alternative in the notes."""
    notes = XLMR_NOTE if extra is None else {lang: f"{XLMR_NOTE[lang]} {extra[lang]}" for lang in ("fr", "en")}
    return Variant({"model": "camembert-base", **values}, notes, facts=("fr",))


def english(extra: Text | None = None) -> Variant:
    """English sentence with ModernBERT-base: the alternatives in the notes."""
    notes = {"fr": "Alternatives : deberta-v3-base (souvent aussi juste, plus lent) ou roberta-base.",
             "en": "Alternatives: deberta-v3-base (often as accurate, slower) or roberta-base."}
    if extra is not None:
        notes = {lang: f"{notes[lang]} {extra[lang]}" for lang in ("fr", "en")}
    return Variant({}, notes, facts=("en",))


SENTIMENT_REASON: Text = {
    "fr": "Batch 32, 4 époques et lr 3e-5 : dans la grille de l'article BERT.",
    "en": "Batch 32, 4 epochs and lr 3e-5: within the BERT paper's grid.",
}

ENCODER_TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "spam", "encoder",
        {"fr": "Classification d'e-mails (spam / légitime)", "en": "E-mail classification (spam / ham)"},
        (r"courriels?", r"e ?mails?", r"mails?", r"indesirables?", r"junk", r"ham", r"unsolicited", r"scams?",
         r"arnaques?", r"messageries?", r"sms"),
        encoder("ModernBERT-base", "seq-cls", 2, 3e-5, 16, 3, 256, ("Accuracy", "F1", "Precision", "Recall"),
                {"fr": "Deux classes ; 256 tokens couvrent le début des e-mails ; lr 3e-5, batch 16, 3 époques.",
                 "en": "Two classes; 256 tokens cover the start of the e-mails; lr 3e-5, batch 16, 3 epochs."},
                {"fr": "Surveillez la précision (faux positifs = vrais e-mails perdus) et le rappel ; les classes "
                       "sont souvent déséquilibrées.",
                 "en": "Watch precision (false positives are lost real e-mails) and recall; classes are often "
                       "imbalanced."}),
        (french(), english()),
        strong=(r"spams?", r"pourriels?", r"phishing", r"hameconnages?"),
    ),
    TaskSpec(
        "ner", "encoder", {"fr": "Reconnaissance d'entités nommées (NER)", "en": "Named entity recognition (NER)"},
        (r"entites?", r"entit(?:y|ies)", r"personnes?", r"people", r"persons?", r"lieux", r"locations?",
         r"organi[sz]ations?", r"villes?", r"cities", r"extraire", r"extract(?:ing|ion)?", r"reperer", r"spot"),
        encoder("deberta-v3-base", "token-cls", 9, 2e-5, 16, 3, 256,
                ("F1 entity-level (seqeval)", "Precision", "Recall"),
                {"fr": "Un label par token, schéma BIO ; lr 2e-5, batch 16, 3 époques, comme la recette de "
                       "classification de tokens de Hugging Face.",
                 "en": "One label per token, BIO scheme; lr 2e-5, batch 16, 3 epochs, as in Hugging Face's "
                       "token-classification recipe."},
                {"fr": "F1 au niveau des entités (seqeval), par type d'entité ; l'exactitude (accuracy) par token "
                       "est trompeuse (presque tout est O). Alignez les labels sur les sous-mots (-100 sur les "
                       "suites de mot).",
                 "en": "Entity-level F1 (seqeval), per entity type; token accuracy is misleading (almost everything"
                       " is O). Align labels with subwords (-100 on word continuations)."}),
        (french(),
         Variant({"model_reason": {
             "fr": "DeBERTa-v3-base : vocabulaire sensible à la casse, car la majuscule signale les noms propres "
                   "(bert-base-cased, la base classique du cours Hugging Face, convient aussi).",
             "en": "DeBERTa-v3-base: a case-sensitive vocabulary, because capitals mark proper nouns "
                   "(bert-base-cased, the classic base of the Hugging Face course, works too)."}},
                 facts=("en",)),),
        strong=(r"ner", r"named entit(?:y|ies)", r"entites? nommees?", r"token classification",
                r"etiquetage de (?:mots|tokens)",
                r"noms? (?:de |des |d )?(?:personnes?|lieux|villes?|entreprises?|organisations?|societes?|marques?)",
                r"(?:names? of|mentions? of) (?:people|persons|places|cities|companies|organi[sz]ations)",
                r"(?:person|people|place|city|company|organi[sz]ation|location) names?"),
    ),
    TaskSpec(
        "qa", "encoder", {"fr": "Questions-réponses extractives", "en": "Extractive question answering"},
        (r"questions?", r"repondre", r"reponses?", r"answer(?:s|ing)?", r"faq", r"documents?", r"passages?"),
        encoder("deberta-v3-base", "qa", 2, 3e-5, 16, 2, 384, ("Exact Match", "F1"),
                {"fr": "Deux sorties, le début et la fin de la réponse dans le passage ; 384 tokens avec un pas de "
                       "128 comme la recette SQuAD de Hugging Face ; lr 3e-5, 2 époques.",
                 "en": "Two outputs, the start and end of the answer in the passage; 384 tokens with a stride of "
                       "128 as in Hugging Face's SQuAD recipe; lr 3e-5, 2 epochs."},
                {"fr": "Exact Match et F1 (SQuAD) sur la validation ; regardez les questions sans réponse si vos "
                       "documents en contiennent.",
                 "en": "Exact Match and F1 (SQuAD) on the validation set; look at unanswerable questions if your "
                       "documents have them."}),
        (french({"fr": "Corpus français à réutiliser : FQuAD, PIAF.",
                 "en": "French datasets to reuse: FQuAD, PIAF."}),),
        strong=(r"qa", r"q a", r"squad", r"questions? reponses?", r"question answering", r"questions? answers?"),
        notes={"fr": "Pour répondre sur vos documents, la RAG (recherche de passages puis lecteur ou LLM) est en "
                     "2026 la première solution ; ce fine-tuning extractif vient ensuite, pour le lecteur.",
               "en": "To answer questions on your documents, RAG (passage retrieval, then a reader or an LLM) is "
                     "the first answer in 2026; this extractive fine-tuning comes second, for the reader."},
    ),
    TaskSpec(
        "similarity", "encoder", {"fr": "Similarité de phrases", "en": "Sentence similarity"},
        (r"similarites?", r"similarit(?:y|ies)", r"similaires?", r"similar", r"equivalen(?:ce|ts?|tes?)",
         r"meme sens", r"same meaning", r"reformulations?"),
        {**encoder("ModernBERT-base", "seq-cls", 1, 2e-5, 16, 3, 128, ("Pearson", "Spearman"),
                   {"fr": "Les deux phrases passent ensemble dans l'encodeur (séparateur) ; lr 2e-5, batch 16, "
                          "3 époques.",
                    "en": "Both sentences go through the encoder together (separator); lr 2e-5, batch 16, "
                          "3 epochs."},
                   {"fr": "Corrélations de Pearson et Spearman entre scores prédits et scores humains.",
                    "en": "Pearson and Spearman correlations between predicted and human scores."}),
         "label_reason": {"fr": "Une seule sortie : un score de similarité appris par régression (comme STS-B).",
                          "en": "A single output: a similarity score learned by regression (as in STS-B)."}},
        (Variant({"num_labels": 2, "metrics": ("Accuracy", "F1"),
                  "label_reason": {"fr": "Détection de paraphrases ou de doublons : classification binaire de "
                                         "paires (comme MRPC / QQP).",
                                   "en": "Paraphrase or duplicate detection: binary classification of pairs (as in "
                                         "MRPC / QQP)."},
                  "watch": {"fr": "Exactitude et F1 sur des paires mises de côté ; regardez les faux doublons qui ne "
                                  "diffèrent que par un nom ou un chiffre.",
                            "en": "Accuracy and F1 on held-out pairs; look at false duplicates that differ only by "
                                  "a name or a figure."}},
                 patterns=(r"paraphrases?", r"doublons?", r"duplicates?", r"dupliquees?")),
         french(), english()),
        strong=(r"paraphrases?", r"doublons?", r"duplicates?", r"sts", r"semantic search", r"recherche semantique"),
        notes={"fr": "Pour chercher parmi beaucoup de phrases, un bi-encodeur (sentence-transformers) encode "
                     "chaque phrase une fois ; ce modèle-ci (cross-encodeur) compare une paire à la fois.",
               "en": "To search among many sentences, a bi-encoder (sentence-transformers) encodes each sentence "
                     "once; this model (a cross-encoder) compares one pair at a time."},
    ),
    TaskSpec(
        "sentiment", "encoder", {"fr": "Analyse de sentiment", "en": "Sentiment analysis"},
        (r"avis", r"opinions?", r"positi(?:f|fs|ve|ves)", r"negati(?:f|fs|ve|ves)", r"neutres?",
         r"neutral", r"reviews?", r"critiques?", r"polarites?", r"polarity", r"emotions?", r"satisfaction",
         r"tonalites?", r"tone", r"humeurs?", r"mood", r"commentaires?", r"feedback", r"etoiles?", r"stars?"),
        encoder("ModernBERT-base", "seq-cls", 3, 3e-5, 32, 4, 128, ("F1 macro", "Accuracy"), SENTIMENT_REASON,
                {"fr": "F1 macro (la classe la plus rare compte autant que les autres) ; la matrice de confusion.",
                 "en": "Macro F1 (the rarest class counts as much as the others); the confusion matrix."}),
        (Variant({"num_labels": 2, "label_reason": {
            "fr": "Deux classes, positif et négatif, comme demandé (pas de neutre).",
            "en": "Two classes, positive and negative, as asked (no neutral)."}}, facts=("binary",)),
         Variant({"num_labels": 3, "label_reason": {
             "fr": "Trois classes : positif, neutre, négatif.",
             "en": "Three classes: positive, neutral, negative."}}, facts=("neutral",)),
         Variant({"num_labels": 5, "label_reason": {
             "fr": "Notes de 1 à 5 étoiles : cinq classes (ou une régression, num_labels = 1).",
             "en": "Ratings from 1 to 5 stars: five classes (or a regression, num_labels = 1)."}}, facts=("stars",)),
         Variant({"label_reason": {
             "fr": "Aucune classe précisée : trois par défaut (positif, neutre, négatif) ; num_labels = 2 sans "
                   "neutre.",
             "en": "No classes given: three by default (positive, neutral, negative); num_labels = 2 without "
                   "neutral."}}, facts=("no-polarity",)),
         french({"fr": "CamemBERTav2 (2024, hors catalogue) est plus récent ; une base SetFit ou un LLM en "
                       "zero-shot donne un point de comparaison.",
                 "en": "CamemBERTav2 (2024, not in the catalogue) is more recent; a SetFit or zero-shot LLM "
                       "baseline gives a point of comparison."}),
         english({"fr": "Une base SetFit ou un LLM en zero-shot donne un point de comparaison.",
                  "en": "A SetFit or zero-shot LLM baseline gives a point of comparison."})),
        strong=(r"sentiments?", r"analyse de sentiment", r"sentiment analysis"),
    ),
    TaskSpec(
        "classification", "encoder", {"fr": "Classification de texte", "en": "Text classification"},
        (r"classer", r"classifier", r"classify(?:ing)?", r"classification", r"categori[sz]\w*", r"trier",
         r"sort(?:ing)?", r"tickets?", r"intentions?", r"intents?", r"themes?", r"topics?", r"sujets?",
         r"toxi(?:c|que|ques|city|cite)", r"moderat\w*"),
        encoder("ModernBERT-base", "seq-cls", 2, 2e-5, 16, 3, 128, ("F1", "Accuracy"),
                {"fr": "Point de départ générique : réglez num_labels sur votre nombre de classes ; lr 2e-5, batch "
                       "16, 3 époques.",
                 "en": "Generic starting point: set num_labels to your number of classes; lr 2e-5, batch 16, "
                       "3 epochs."},
                {"fr": "F1 (macro si les classes sont déséquilibrées) et exactitude sur la validation.",
                 "en": "F1 (macro when classes are imbalanced) and accuracy on the validation set."}),
        (french(), english()),
    ),
)
