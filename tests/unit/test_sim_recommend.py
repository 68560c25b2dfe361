"""Task recognition (French and English, accents-insensitive) and the course's recommended values."""

from __future__ import annotations

import pytest

from tutor.sim.config import FineTuneConfig
from tutor.sim.estimate import estimate
from tutor.sim.recommend import recognise_task, recommend
from tutor.sim.textmatch import normalise, sentence_language


@pytest.mark.parametrize(
    ("family", "sentence", "task"),
    [
        ("bert", "courriels indésirables", "spam"),
        ("bert", "Détecter les SPAMS dans mes e-mails", "spam"),
        ("bert", "filter junk email", "spam"),
        ("bert", "avis clients positifs ou négatifs", "sentiment"),
        ("bert", "analyse de sentiment de tweets", "sentiment"),
        ("bert", "classify movie reviews as positive or negative", "sentiment"),
        ("bert", "extraire les noms de personnes", "ner"),
        ("bert", "reconnaissance d'entités nommées", "ner"),
        ("bert", "find named entities such as people and locations", "ner"),
        ("bert", "répondre à des questions sur des documents", "qa"),
        ("bert", "answer questions about a manual", "qa"),
        ("bert", "détecter les paraphrases", "similarity"),
        ("bert", "sentence similarity scores", "similarity"),
        ("bert", "classer des tickets par service", "classification"),
        ("bert", "", "classification"),
        ("gpt", "générer des fiches produits", "ecommerce"),
        ("gpt", "product descriptions for an online shop", "ecommerce"),
        ("gpt", "complétion de code Python", "code"),
        ("gpt", "write SQL queries", "code"),
        ("gpt", "un assistant pour le support client", "chat"),
        ("gpt", "a chatbot for our customers", "chat"),
        ("gpt", "écrire des poèmes", "content"),
    ],
)
def test_recognised_tasks(family: str, sentence: str, task: str) -> None:
    assert recognise_task(family, sentence).task == task


def test_matching_is_word_based_and_accent_insensitive() -> None:
    assert normalise("Courriels INDÉSIRABLES, é-mail!") == "courriels indesirables e mail"
    assert recognise_task("bert", "courrielleur").task == "classification"  # not the word "courriel"
    assert recognise_task("bert", "nerveux").task == "classification"  # not "ner"
    assert recognise_task("bert", "COURRIELS INDESIRABLES").matched == ("courriels", "indesirables")


def test_sentence_language() -> None:
    assert sentence_language("avis clients positifs ou négatifs") == "fr"
    assert sentence_language("classify the reviews of my customers") == "en"


def test_spam_values_from_the_course() -> None:
    rec = recommend("bert", "courriels indésirables", "fr")
    assert (rec.model, rec.num_labels, rec.lr, rec.batch_size, rec.epochs) == ("bert-base-uncased", 2, 2e-5, 16, 3)
    assert rec.metrics == ("Accuracy", "F1", "Precision", "Recall")


def test_sentiment_uses_camembert_for_french_sentences() -> None:
    fr = recommend("bert", "avis clients positifs ou négatifs", "fr")
    en = recommend("bert", "customer reviews, positive or negative", "en")
    assert fr.model == "camembert-base" and en.model == "bert-base-uncased"
    for rec in (fr, en):
        assert (rec.num_labels, rec.lr, rec.batch_size, rec.epochs) == (3, 3e-5, 32, 4)
        assert rec.metrics == ("F1 macro", "Accuracy")
    assert "CamemBERT" in fr.text("notes", "fr") and not en.notes


def test_ner_qa_similarity_classification_values() -> None:
    ner = recommend("bert", "extraire les noms de personnes")
    assert ner.model == "bert-base-multilingual-cased"
    assert (ner.num_labels, ner.lr, ner.batch_size, ner.epochs) == (9, 1e-5, 16, 5)
    assert ner.task_kind == "token-cls" and "entity-level" in ner.metrics[0]
    qa = recommend("bert", "répondre à des questions sur des documents")
    assert (qa.model, qa.lr, qa.batch_size, qa.seq_len, qa.task_kind) == ("bert-base-uncased", 3e-5, 16, 384, "qa")
    assert 2 <= qa.epochs <= 3 and qa.metrics == ("Exact Match", "F1")
    sts = recommend("bert", "sentence similarity scores")
    assert (sts.model, sts.num_labels, sts.lr, sts.metrics) == ("bert-base-uncased", 1, 2e-5, ("Pearson", "Spearman"))
    para = recommend("bert", "détecter les paraphrases")
    assert para.num_labels == 2 and para.metrics == ("Accuracy", "F1")
    other = recommend("bert", "classer des tickets")
    assert (other.model, other.lr, other.batch_size, other.epochs) == ("bert-base-uncased", 2e-5, 16, 3)


@pytest.mark.parametrize(
    ("sentence", "model", "lr", "batch", "epochs", "length", "temperature"),
    [
        ("générer des fiches produits", "gpt2-medium", 5e-5, 8, 3, 150, 0.7),
        ("complétion de code Python", "codegen-350M-multi", 1e-4, 4, 5, 512, 0.2),
        ("un assistant pour le support client", "gpt2-large", 3e-5, 16, 2, 300, 0.8),
        ("écrire des poèmes", "gpt2", 5e-5, 16, 3, 200, 0.7),
    ],
)
def test_gpt_values_from_the_course(
    sentence: str, model: str, lr: float, batch: int, epochs: int, length: int, temperature: float
) -> None:
    rec = recommend("gpt", sentence)
    assert (rec.model, rec.lr, rec.batch_size, rec.epochs, rec.max_length, rec.temperature) == (
        model, lr, batch, epochs, length, temperature,
    )
    assert rec.task_kind == "causal-lm" and rec.num_labels is None


def test_default_gpt_top_p() -> None:
    assert recommend("gpt", "écrire des poèmes").top_p == 0.9


def test_texts_in_both_languages() -> None:
    for family, sentence in (("bert", "spam"), ("bert", "x"), ("gpt", "code"), ("gpt", "x"), ("bert", "avis")):
        rec = recommend(family, sentence, "en")
        for name in ("label", "reason", "watch"):
            assert rec.text(name, "fr") and rec.text(name, "en") and rec.text(name, "fr") != rec.text(name, "en")
        assert rec.as_dict("fr")["label"] == rec.label["fr"]
        assert rec.as_dict()["label"] == rec.label["en"]  # the requested language by default
        assert rec.as_dict()["labels"] == rec.label and set(rec.label) == {"fr", "en"}


def test_to_config_prefills_an_estimate() -> None:
    config = recommend("bert", "répondre à des questions sur des documents").to_config()
    assert (config.task, config.seq_len, config.lr, config.warmup_ratio) == ("qa", 384, 3e-5, 0.1)
    assert config.validate() == []
    assert estimate(config).head_params == 768 * 2 + 2
    gpt = recommend("gpt", "complétion de code Python").to_config(FineTuneConfig(gpu="a100-40gb"))
    assert (gpt.model, gpt.seq_len, gpt.temperature, gpt.gpu) == ("codegen-350M-multi", 512, 0.2, "a100-40gb")
    assert gpt.validate() == []


def test_never_raises_on_odd_input() -> None:
    assert recommend("llama", None).family == "bert"  # type: ignore[arg-type]
    assert recommend("gpt", "🙂" * 50).task == "content"
