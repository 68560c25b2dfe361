"""The recommender against a table of task sentences, French and English (issue 14, review §4.2).

Each row: the family the learner chose, the sentence, and what must come out: the task, the
recommended model's family (encoder / decoder / seq2seq), the model and the label count (None
for generation). Every recommendation must fit the GPU it shows, by the estimator's own figures.
"""

from __future__ import annotations

import pytest

from tutor.sim.catalogue import get_model
from tutor.sim.estimate import estimate
from tutor.sim.recommend import recommend

ENC, DEC, S2S = "encoder", "decoder", "seq2seq"
QWEN7, SMOL = "Qwen2.5-7B-Instruct", "SmolLM2-1.7B-Instruct"

FRENCH = [
    # The review's sentences (§4.2).
    ("bert", "classer des avis clients en positif/négatif", "sentiment", ENC, "camembert-base", 2),
    ("bert", "résumer des articles de presse", "summarisation", S2S, "barthez", None),
    ("gpt", "résumer des articles de presse", "summarisation", S2S, "barthez", None),
    ("bert", "traduire de l'anglais vers le français", "translation", S2S, "opus-mt-en-fr", None),
    ("gpt", "traduire de l'anglais vers le français", "translation", S2S, "opus-mt-en-fr", None),
    ("gpt", "chatbot de support client", "chat", DEC, QWEN7, None),
    ("bert", "chatbot de support client", "chat", DEC, QWEN7, None),
    ("bert", "extraire les noms de personnes et de lieux", "ner", ENC, "camembert-base", 5),
    ("bert", "répondre à des questions sur des documents", "qa", ENC, "camembert-base", 2),
    # Labels from the sentence.
    ("bert", "analyse de sentiment de tweets : positif, neutre ou négatif", "sentiment", ENC, "camembert-base", 3),
    ("bert", "détecter le sentiment des commentaires", "sentiment", ENC, "camembert-base", 3),
    ("bert", "noter les avis de 1 à 5 étoiles", "sentiment", ENC, "camembert-base", 5),
    ("bert", "reconnaissance d'entités nommées dans des articles", "ner", ENC, "camembert-base", 9),
    ("bert", "repérer les noms d'entreprises dans les contrats", "ner", ENC, "camembert-base", 3),
    ("bert", "classer des tickets de support en 5 catégories", "classification", ENC, "camembert-base", 5),
    ("bert", "classer des tickets par service", "classification", ENC, "camembert-base", 2),
    ("bert", "détecter les courriels indésirables", "spam", ENC, "camembert-base", 2),
    ("bert", "détecter les paraphrases entre deux questions", "similarity", ENC, "camembert-base", 2),
    ("bert", "mesurer la similarité entre deux phrases", "similarity", ENC, "camembert-base", 1),
    # Generation, and translation pairs.
    ("gpt", "faire un résumé automatique des comptes rendus de réunion", "summarisation", S2S, "barthez", None),
    ("gpt", "traduire des notices du français vers l'allemand", "translation", S2S, "mt5-small", None),
    ("bert", "traduire des pages web en anglais", "translation", S2S, "mt5-small", None),
    ("gpt", "un assistant conversationnel qui répond aux questions des clients", "chat", DEC, QWEN7, None),
    ("gpt", "générer des fiches produits pour notre boutique en ligne", "ecommerce", DEC, QWEN7, None),
    ("gpt", "complétion de code Python", "code", DEC, "codegen-350M-multi", None),
    ("gpt", "écrire des poèmes", "content", DEC, "Qwen2.5-0.5B", None),
    # The other family's task, and sentences that name no task.
    ("gpt", "classer des avis clients en positif/négatif", "sentiment", ENC, "camembert-base", 2),
    ("bert", "faire la météo des pingouins", "classification", ENC, "camembert-base", 2),
    ("gpt", "faire la météo des pingouins", "content", DEC, "Qwen2.5-0.5B", None),
]

ENGLISH = [
    ("bert", "classify customer reviews as positive or negative", "sentiment", ENC, "ModernBERT-base", 2),
    ("bert", "sentiment analysis of tweets: positive, negative or neutral", "sentiment", ENC, "ModernBERT-base", 3),
    ("bert", "rate product reviews from 1 to 5 stars", "sentiment", ENC, "ModernBERT-base", 5),
    ("bert", "extract names of people and places", "ner", ENC, "deberta-v3-base", 5),
    ("bert", "named entity recognition on news articles", "ner", ENC, "deberta-v3-base", 9),
    ("bert", "find company names in contracts", "ner", ENC, "deberta-v3-base", 3),
    ("bert", "answer questions about documents", "qa", ENC, "deberta-v3-base", 2),
    ("bert", "filter spam emails", "spam", ENC, "ModernBERT-base", 2),
    ("bert", "detect duplicate questions", "similarity", ENC, "ModernBERT-base", 2),
    ("bert", "semantic similarity between sentences", "similarity", ENC, "ModernBERT-base", 1),
    ("bert", "classify support tickets into 8 categories", "classification", ENC, "ModernBERT-base", 8),
    ("bert", "sort news into three topics", "classification", ENC, "ModernBERT-base", 3),
    ("gpt", "summarize news articles", "summarisation", S2S, "bart-base", None),
    ("bert", "summarise meeting notes", "summarisation", S2S, "bart-base", None),
    ("gpt", "translate from English to French", "translation", S2S, "opus-mt-en-fr", None),
    ("bert", "translate product pages into French", "translation", S2S, "opus-mt-en-fr", None),
    ("gpt", "translate German manuals into English", "translation", S2S, "mt5-small", None),
    ("gpt", "customer support chatbot", "chat", DEC, QWEN7, None),
    ("gpt", "answer customer questions with a chatbot grounded on our FAQ", "chat", DEC, QWEN7, None),
    ("gpt", "fine-tune an assistant that follows our instructions", "chat", DEC, QWEN7, None),
    ("gpt", "generate product descriptions for e-commerce", "ecommerce", DEC, SMOL, None),
    ("gpt", "code completion for our Python codebase", "code", DEC, "codegen-350M-multi", None),
    ("gpt", "write SQL queries", "code", DEC, "codegen-350M-multi", None),
    ("gpt", "write short stories", "content", DEC, "Qwen2.5-0.5B", None),
    ("gpt", "classify emails as spam or not", "spam", ENC, "ModernBERT-base", 2),
    ("bert", "make coffee", "classification", ENC, "ModernBERT-base", 2),
    ("gpt", "xyzzy", "content", DEC, "Qwen2.5-0.5B", None),
]

TABLE = FRENCH + ENGLISH
IDS = [f"{family}: {sentence}" for family, sentence, *_ in TABLE]


def test_the_table_is_large_enough_in_both_languages() -> None:
    assert len(TABLE) >= 40 and len(FRENCH) >= 20 and len(ENGLISH) >= 20
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize(("family", "sentence", "task", "model_family", "model", "labels"), TABLE, ids=IDS)
def test_recommendation(family: str, sentence: str, task: str, model_family: str, model: str,
                        labels: int | None) -> None:
    rec = recommend(family, sentence)
    assert (rec.task, rec.model_family, rec.model, rec.num_labels) == (task, model_family, model, labels)
    spec = get_model(rec.model)
    assert spec is not None and spec.family == model_family
    assert rec.task_kind in spec.tasks


@pytest.mark.parametrize(("family", "sentence"), [row[:2] for row in TABLE], ids=IDS)
def test_recommendation_fits_its_gpu(family: str, sentence: str) -> None:
    rec = recommend(family, sentence)
    config = rec.to_config()
    # No problem but the caveat of QLoRA on a GPU without bf16 (the T4 computes it in fp16).
    assert all(p.key == "qlora_fp16" and p.severity == "warning" for p in config.validate()), config.validate()
    est = estimate(config)
    assert est.fits and rec.fits, f"{rec.model}: {est.memory.total / 2**30:.1f} GiB on {est.gpu_label}"
    assert rec.adjustments == ()  # the recipe fits as written: its reason's numbers are the ones used
    assert rec.memory_bytes == est.memory.total and rec.gpu == config.gpu == "t4"
    assert est.config == config  # nothing was replaced by a default


@pytest.mark.parametrize(("family", "sentence"), [row[:2] for row in TABLE], ids=IDS)
def test_texts_in_both_languages(family: str, sentence: str) -> None:
    rec = recommend(family, sentence)
    for name in ("label", "reason", "watch"):
        assert rec.text(name, "fr") and rec.text(name, "en") and rec.text(name, "fr") != rec.text(name, "en")
    assert bool(rec.text("notes", "fr")) == bool(rec.text("notes", "en"))
    for lang in ("fr", "en"):
        assert "{" not in rec.text("notes", lang) and "{" not in rec.text("reason", lang)
