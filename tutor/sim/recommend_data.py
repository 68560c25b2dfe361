"""The recommender's data: for each task, the words that reveal it and the settings to start from.

Patterns are regular expressions over normalised text (lower case, no accents, words separated by
single spaces) and always match whole words; see `textmatch.find_patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variant:
    """A change to the settings, triggered by words (or by a French sentence)."""

    patterns: tuple[str, ...]
    values: dict[str, object]
    notes: dict[str, str]
    french: bool = False


@dataclass(frozen=True)
class TaskSpec:
    """One recognisable task: id, labels, trigger patterns, settings and variants."""

    id: str
    label: dict[str, str]
    patterns: tuple[str, ...]
    values: dict[str, object]
    variants: tuple[Variant, ...] = field(default=())


def _bert(model: str, kind: str, labels: int, lr: float, batch: int, epochs: int, seq: int,
          metrics: tuple[str, ...], reason: dict[str, str], watch: dict[str, str]) -> dict[str, object]:
    return {
        "model": model, "task_kind": kind, "num_labels": labels, "lr": lr, "batch_size": batch,
        "epochs": epochs, "seq_len": seq, "max_length": None, "temperature": None, "top_p": None,
        "warmup_ratio": 0.1, "metrics": metrics, "techniques": (), "reason": reason, "watch": watch,
    }


def _gpt(model: str, lr: float, batch: int, epochs: int, length: int, temperature: float, top_p: float,
         metrics: tuple[str, ...], techniques: tuple[str, ...], reason: dict[str, str],
         watch: dict[str, str]) -> dict[str, object]:
    return {
        "model": model, "task_kind": "causal-lm", "num_labels": None, "lr": lr, "batch_size": batch,
        "epochs": epochs, "seq_len": length, "max_length": length, "temperature": temperature,
        "top_p": top_p, "warmup_ratio": 0.1, "metrics": metrics, "techniques": techniques,
        "reason": reason, "watch": watch,
    }


BERT_TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "spam", {"fr": "Classification d'e-mails (spam / légitime)", "en": "E-mail classification (spam / ham)"},
        (r"spams?", r"courriels?", r"e ?mails?", r"mails?", r"pourriels?", r"indesirables?", r"phishing",
         r"hameconnages?", r"junk", r"ham", r"unsolicited", r"scams?", r"arnaques?", r"messageries?"),
        _bert("bert-base-uncased", "seq-cls", 2, 2e-5, 16, 3, 128, ("Accuracy", "F1", "Precision", "Recall"),
              {"fr": "Deux classes, textes courts : BERT-base suffit ; lr 2e-5 et 3 époques comme dans l'article BERT.",
               "en": "Two classes, short texts: BERT-base is enough; lr 2e-5 and 3 epochs as in the BERT paper."},
              {"fr": "Surveillez la précision (faux positifs = vrais e-mails perdus) et le rappel ; les classes sont "
                     "souvent déséquilibrées.",
               "en": "Watch precision (false positives are lost real e-mails) and recall; classes are often "
                     "imbalanced."}),
    ),
    TaskSpec(
        "ner", {"fr": "Reconnaissance d'entités nommées (NER)", "en": "Named entity recognition (NER)"},
        (r"ner", r"entites?", r"entit(?:y|ies)", r"named entit(?:y|ies)", r"personnes?", r"people", r"persons?",
         r"noms? (?:de |des |d )?(?:personnes?|lieux|villes?|entreprises?|organisations?|societes?|marques?)",
         r"names? of (?:people|persons|places|companies|organi[sz]ations)", r"person names?", r"lieux",
         r"locations?", r"organi[sz]ations?", r"token classification", r"etiquetage de (?:mots|tokens)"),
        _bert("bert-base-multilingual-cased", "token-cls", 9, 1e-5, 16, 5, 128,
              ("F1 entity-level (seqeval)", "Precision", "Recall"),
              {"fr": "Un label par token (schéma BIO : O + B-/I- × PER, ORG, LOC, MISC = 9) ; modèle « cased » car la"
                     " majuscule signale les noms propres ; lr bas et 5 époques.",
               "en": "One label per token (BIO scheme: O + B-/I- × PER, ORG, LOC, MISC = 9); a cased model because "
                     "capitals mark proper nouns; low lr and 5 epochs."},
              {"fr": "F1 au niveau des entités (seqeval), par type d'entité ; l'accuracy par token est trompeuse "
                     "(presque tout est O).",
               "en": "Entity-level F1 (seqeval), per entity type; token accuracy is misleading (almost everything is "
                     "O)."}),
    ),
    TaskSpec(
        "qa", {"fr": "Questions-réponses extractives", "en": "Extractive question answering"},
        (r"questions?", r"repondre", r"reponses?", r"answer(?:s|ing)?", r"qa", r"q a", r"faq", r"squad",
         r"questions? reponses?"),
        _bert("bert-base-uncased", "qa", 2, 3e-5, 16, 2, 384, ("Exact Match", "F1"),
              {"fr": "Le modèle prédit le début et la fin de la réponse dans le passage ; 384 tokens avec un pas de "
                     "128 comme la recette SQuAD de Hugging Face ; 2 époques suffisent.",
               "en": "The model predicts the start and end of the answer in the passage; 384 tokens with a stride of "
                     "128 as in Hugging Face's SQuAD recipe; 2 epochs are enough."},
              {"fr": "Exact Match et F1 (SQuAD) sur le jeu de validation ; regardez les questions sans réponse si vos"
                     " documents en contiennent.",
               "en": "Exact Match and F1 (SQuAD) on the validation set; look at unanswerable questions if your "
                     "documents have them."}),
    ),
    TaskSpec(
        "similarity", {"fr": "Similarité de phrases", "en": "Sentence similarity"},
        (r"similarites?", r"similarit(?:y|ies)", r"similaires?", r"similar", r"paraphrases?", r"doublons?",
         r"duplicates?", r"equivalen(?:ce|ts?|tes?)", r"sts", r"meme sens", r"same meaning", r"reformulations?"),
        _bert("bert-base-uncased", "seq-cls", 1, 2e-5, 16, 3, 128, ("Pearson", "Spearman"),
              {"fr": "Les deux phrases passent ensemble dans BERT ([SEP]) ; une seule sortie, un score de similarité "
                     "appris par régression (comme STS-B).",
               "en": "Both sentences go through BERT together ([SEP]); a single output, a similarity score learned by"
                     " regression (as in STS-B)."},
              {"fr": "Corrélations de Pearson et Spearman entre scores prédits et scores humains.",
               "en": "Pearson and Spearman correlations between predicted and human scores."}),
        (Variant((r"paraphrases?", r"doublons?", r"duplicates?"),
                 {"num_labels": 2, "metrics": ("Accuracy", "F1")},
                 {"fr": "Détection de paraphrases ou de doublons : classification binaire de paires (comme MRPC / "
                        "QQP).",
                  "en": "Paraphrase or duplicate detection: binary classification of pairs (as in MRPC / QQP)."}),),
    ),
    TaskSpec(
        "sentiment", {"fr": "Analyse de sentiment", "en": "Sentiment analysis"},
        (r"sentiments?", r"avis", r"opinions?", r"positi(?:f|fs|ve|ves)", r"negati(?:f|fs|ve|ves)", r"neutres?",
         r"neutral", r"reviews?", r"critiques?", r"polarites?", r"polarity", r"emotions?", r"satisfaction",
         r"tonalites?", r"tone", r"humeurs?", r"mood", r"commentaires?", r"feedback"),
        _bert("bert-base-uncased", "seq-cls", 3, 3e-5, 32, 4, 128, ("F1 macro", "Accuracy"),
              {"fr": "Trois classes (positif, neutre, négatif) ; batch 32 et 4 époques comme dans la grille de "
                     "l'article BERT.",
               "en": "Three classes (positive, neutral, negative); batch 32 and 4 epochs, within the BERT paper's "
                     "grid."},
              {"fr": "F1 macro, car la classe neutre est souvent la plus rare et la plus difficile ; la matrice de "
                     "confusion.",
               "en": "Macro F1, because the neutral class is often the rarest and hardest; the confusion matrix."}),
        (Variant((), {"model": "camembert-base"},
                 {"fr": "Phrase en français : CamemBERT, pré-entraîné sur du français, remplace bert-base-uncased.",
                  "en": "French sentence: CamemBERT, pretrained on French, replaces bert-base-uncased."},
                 french=True),),
    ),
    TaskSpec(
        "classification", {"fr": "Classification de texte", "en": "Text classification"}, (),
        _bert("bert-base-uncased", "seq-cls", 2, 2e-5, 16, 3, 128, ("F1", "Accuracy"),
              {"fr": "Point de départ générique : réglez num_labels sur votre nombre de classes ; lr 2e-5, batch 16, "
                     "3 époques.",
               "en": "Generic starting point: set num_labels to your number of classes; lr 2e-5, batch 16, 3 epochs."},
              {"fr": "F1 (macro si les classes sont déséquilibrées) et accuracy sur la validation.",
               "en": "F1 (macro when classes are imbalanced) and accuracy on the validation set."}),
    ),
)

GPT_TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "code", {"fr": "Génération de code", "en": "Code generation"},
        (r"code", r"codes", r"coder", r"python", r"javascript", r"typescript", r"java", r"sql", r"bash",
         r"programm\w*", r"fonctions?", r"functions?", r"scripts?", r"snippets?", r"docstrings?",
         r"completion de code", r"code completion", r"autocompletion", r"developpeurs?", r"developers?"),
        _gpt("codegen-350M-multi", 1e-4, 4, 5, 512, 0.2, 0.95, ("pass@k", "Perplexity", "Exact Match"),
             ("Code completion", "Docstring generation"),
             {"fr": "CodeGen est pré-entraîné sur du code en plusieurs langages ; température basse (0,2) car le code"
                    " tolère peu la fantaisie ; top-p 0,95 comme l'évaluation de Codex.",
              "en": "CodeGen is pretrained on code in several languages; low temperature (0.2) because code tolerates"
                    " little creativity; top-p 0.95 as in Codex's evaluation."},
             {"fr": "pass@k sur des tests unitaires, plus parlant que la perplexité ; vérifiez que le code généré "
                    "s'exécute.",
              "en": "pass@k on unit tests, more telling than perplexity; check that generated code runs."}),
    ),
    TaskSpec(
        "ecommerce", {"fr": "Descriptions de produits e-commerce", "en": "E-commerce product descriptions"},
        (r"produits?", r"products?", r"e ?commerce", r"fiches? produits?", r"catalogues?", r"catalogs?",
         r"boutiques?", r"shop(?:s|ping)?", r"stores?", r"ventes?", r"annonces?", r"listings?"),
        _gpt("gpt2-medium", 5e-5, 8, 3, 150, 0.7, 0.9, ("Perplexity", "BLEU", "ROUGE"),
             ("Instruction tuning", "Prompt engineering"),
             {"fr": "Textes courts et structurés : GPT-2 medium, 150 tokens, température 0,7 pour varier sans "
                    "inventer.",
              "en": "Short, structured texts: GPT-2 medium, 150 tokens, temperature 0.7 to vary without inventing."},
             {"fr": "Perplexité sur la validation ; relisez des exemples : caractéristiques inventées, répétitions.",
              "en": "Validation perplexity; read samples: invented features, repetitions."}),
    ),
    TaskSpec(
        "chat", {"fr": "Assistant conversationnel", "en": "Conversational assistant"},
        (r"chat", r"chatbots?", r"assistants?", r"conversations?", r"conversationnel\w*", r"conversational",
         r"dialogues?", r"dialog", r"support client", r"service client", r"customer (?:support|service)",
         r"support", r"helpdesk", r"agents? conversationnels?"),
        _gpt("gpt2-large", 3e-5, 16, 2, 300, 0.8, 0.9, ("Perplexity", "Human preference", "BLEU", "ROUGE"),
             ("RLHF", "Constitutional AI"),
             {"fr": "Le dialogue demande plus de capacité : GPT-2 large, réponses jusqu'à 300 tokens, température 0,8"
                    " pour un ton naturel ; 2 époques pour ne pas sur-apprendre.",
              "en": "Dialogue needs more capacity: GPT-2 large, answers up to 300 tokens, temperature 0.8 for a "
                    "natural tone; 2 epochs to avoid overfitting."},
             {"fr": "Perplexité, puis évaluation humaine (utilité, exactitude, ton) ; testez des questions hors sujet.",
              "en": "Perplexity, then human evaluation (helpfulness, accuracy, tone); try off-topic questions."}),
    ),
    TaskSpec(
        "content", {"fr": "Génération de contenu", "en": "Content generation"}, (),
        _gpt("gpt2", 5e-5, 16, 3, 200, 0.7, 0.9, ("Perplexity", "BLEU", "ROUGE", "BERTScore"),
             ("Prompt tuning", "In-context learning"),
             {"fr": "Point de départ du cours : GPT-2, max_length 200, température 0,7 et top-p 0,9.",
              "en": "The course's starting point: GPT-2, max_length 200, temperature 0.7 and top-p 0.9."},
             {"fr": "Perplexité sur la validation ; lisez des échantillons pour le style et les répétitions.",
              "en": "Validation perplexity; read samples for style and repetitions."}),
    ),
)
