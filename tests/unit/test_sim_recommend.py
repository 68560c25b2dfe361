"""Task recognition (French and English, accents-insensitive) and the 2026 recommended values.

The table of sentences with their expected task, family, model and labels is
tests/unit/test_recommend_table.py; this file tests the rules behind it.
"""

from __future__ import annotations

import json
import re

import pytest

from tutor.sim.catalogue import GPUS, get_model
from tutor.sim.config import FineTuneConfig
from tutor.sim.estimate import estimate
from tutor.sim.recommend import TASKS, _translation_pair, recognise_task, recommend
from tutor.sim.textmatch import count_before, normalise, sentence_language


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
        ("bert", "résumer des articles", "summarisation"),
        ("gpt", "write a summary of each report", "summarisation"),
        ("bert", "traduire des manuels", "translation"),
        ("gpt", "machine translation of subtitles", "translation"),
        ("gpt", "générer des fiches produits", "ecommerce"),
        ("gpt", "product descriptions for an online shop", "ecommerce"),
        ("gpt", "complétion de code Python", "code"),
        ("gpt", "write SQL queries", "code"),
        ("gpt", "un assistant pour le support client", "chat"),
        ("gpt", "a chatbot for our customers", "chat"),
        ("bert", "a chatbot for our customers", "chat"),
        ("gpt", "écrire des poèmes", "content"),
        ("gpt", "", "content"),
    ],
)
def test_recognised_tasks(family: str, sentence: str, task: str) -> None:
    assert recognise_task(family, sentence).task == task


def test_matching_is_word_based_and_accent_insensitive() -> None:
    assert normalise("Courriels INDÉSIRABLES, é-mail!") == "courriels indesirables e mail"
    assert recognise_task("bert", "courrielleur").task == "classification"  # not the word "courriel"
    assert recognise_task("bert", "nerveux").task == "classification"  # not "ner"
    # Matched words are shown as the learner wrote them.
    assert recognise_task("bert", "COURRIELS INDÉSIRABLES").matched == ("COURRIELS", "INDÉSIRABLES")
    assert recognise_task("gpt", "Résumer des e-mails").matched[0] == "Résumer"


def test_overlapping_words_count_once() -> None:
    # "product pages" (a strong e-commerce phrase) must not also count "product": translation wins.
    assert recognise_task("bert", "translate product pages into French").task == "translation"


def test_ties_go_to_the_learners_family() -> None:
    sentence = "answer questions with a chatbot"  # qa: answer, questions = 2; chat: chatbot = 3
    assert recognise_task("bert", sentence).task == "chat"
    assert recognise_task("bert", "chatbot faq").task == recognise_task("gpt", "chatbot faq").task == "chat"


def test_sentence_language() -> None:
    assert sentence_language("avis clients positifs ou négatifs") == "fr"
    assert sentence_language("classify the reviews of my customers") == "en"
    assert sentence_language("répondre à des questions") == "fr"  # "à" is not the English "a"


def test_count_before() -> None:
    assert count_before("classer en 5 catégories", (r"categories?",)) == 5
    assert count_before("into three labels", (r"labels?",)) == 3
    assert count_before("classer des tickets", (r"categories?",)) is None


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        ("classer des avis clients en positif/négatif", 2),
        ("avis positifs, négatifs ou neutres", 3),
        ("classify reviews as positive or negative", 2),
        ("positive, negative or neutral reviews", 3),
        ("analyse de sentiment", 3),  # nothing said: the default set stays
        ("noter les avis de 1 à 5 étoiles", 5),
        ("classer les avis en 4 classes", 4),
    ],
)
def test_sentiment_labels_from_the_sentence(sentence: str, labels: int) -> None:
    assert recommend("bert", sentence).num_labels == labels


@pytest.mark.parametrize(
    ("sentence", "labels", "types"),
    [
        ("extraire les noms de personnes et de lieux", 5, "PER, LOC"),
        ("extract names of people and places", 5, "PER, LOC"),
        ("extraire les noms de personnes", 3, "PER"),
        ("find people, companies and cities", 7, "PER, ORG, LOC"),
        ("reconnaissance d'entités nommées", 9, None),
    ],
)
def test_ner_labels_from_the_sentence(sentence: str, labels: int, types: str | None) -> None:
    rec = recommend("bert", sentence, "en")
    assert rec.num_labels == labels and rec.task_kind == "token-cls"
    if types:
        assert f"Types asked for: {types} → {labels} BIO labels" in rec.text("notes")
    else:
        assert "CoNLL-2003" in rec.text("notes") and "CoNLL-2003" in rec.text("notes", "fr")


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("traduire de l'anglais vers le français", ("en", "fr")),
        ("traduire du français vers l'allemand", ("fr", "de")),
        ("translate from English to French", ("en", "fr")),
        ("translate German manuals into English", ("de", "en")),
        ("translate product pages into French", ("en", "fr")),  # source: the sentence's language
        ("traduire des pages web en anglais", ("fr", "en")),
        ("traduire en français des manuels", ("en", "fr")),
        ("traduction anglais-français", ("en", "fr")),
        ("translation EN→FR", ("en", "fr")),
        ("traduire des manuels", None),
    ],
)
def test_translation_pairs(sentence: str, pair: tuple[str, str] | None) -> None:
    assert _translation_pair(sentence, sentence_language(sentence)) == pair


def test_translation_models_follow_the_pair() -> None:
    en_fr = recommend("gpt", "translate from English to French")
    other = recommend("gpt", "traduire du français vers l'allemand", "fr")
    unknown = recommend("gpt", "traduire des manuels", "fr")
    assert (en_fr.model, other.model, unknown.model) == ("opus-mt-en-fr", "mt5-small", "mt5-small")
    assert en_fr.metrics == other.metrics == ("sacreBLEU", "chrF", "COMET")
    assert "français → allemand" in other.text("notes") and "opus-mt" in other.text("notes")
    assert "non précisée" in unknown.text("notes")
    # T5 overflows in fp16: fp32 on a T4, bf16 where the GPU has it.
    on_l4 = recommend("gpt", "traduire du français vers l'allemand", gpu="l4")
    assert other.precision == "fp32" and on_l4.precision == "bf16"


def test_summaries_are_seq2seq_with_the_right_metrics() -> None:
    fr = recommend("bert", "résumer des articles de presse", "fr")
    en = recommend("gpt", "summarize news articles", "en")
    assert (fr.model, en.model) == ("barthez", "bart-base")
    for rec in (fr, en):
        assert rec.model_family == "seq2seq" and rec.task_kind == "seq2seq" and rec.num_labels is None
        assert rec.metrics == ("ROUGE", "Factual consistency") and rec.strategy == "full"
    assert "flan-t5-base" in en.text("notes")


def test_the_other_familys_task_is_said_in_the_notes() -> None:
    summary = recommend("bert", "résumer des articles de presse", "fr")
    assert "Vous avez choisi BERT" in summary.text("notes") and "encodeur-décodeur, barthez" in summary.text("notes")
    assert "You chose BERT" in summary.text("notes", "en")
    classify = recommend("gpt", "classify customer reviews as positive or negative", "en")
    assert classify.model_family == "encoder" and "You chose GPT" in classify.text("notes")
    chat = recommend("bert", "chatbot de support client", "fr")
    assert chat.model_family == "decoder" and "intention" in chat.text("notes")
    same = recommend("bert", "classer des avis clients en positif/négatif", "fr")
    assert "Vous avez choisi" not in same.text("notes")


@pytest.mark.parametrize(("family", "sentence"), [("bert", "faire la météo"), ("gpt", "xyzzy"), ("bert", "")])
def test_an_unrecognised_sentence_says_so(family: str, sentence: str) -> None:
    rec = recommend(family, sentence)
    assert not rec.recognised and rec.task == ("classification" if family == "bert" else "content")
    assert rec.text("notes", "fr").startswith("Tâche non reconnue")
    assert rec.text("notes", "en").startswith("Task not recognised")
    assert recommend(family, "classer des avis").recognised


def test_french_sentences_get_french_encoders() -> None:
    for sentence in ("classer des avis clients", "extraire les noms de personnes", "répondre à des questions",
                     "classer des tickets", "détecter les courriels indésirables", "similarité de phrases"):
        rec = recommend("bert", sentence, "fr")
        assert rec.model == "camembert-base", sentence
        assert "xlm-roberta-base" in rec.text("notes"), sentence


def test_english_encoders() -> None:
    assert recommend("bert", "extract person names").model == "deberta-v3-base"  # cased, token-level
    assert recommend("bert", "answer questions about a manual").model == "deberta-v3-base"
    assert recommend("bert", "classify reviews").model == "ModernBERT-base"
    assert "ModernBERT" in recommend("bert", "classify support tickets", "en").text("reason")


def test_chat_is_a_small_instruct_decoder_with_qlora_that_fits_the_t4() -> None:
    rec = recommend("gpt", "chatbot de support client", "fr")
    spec = get_model(rec.model)
    assert spec is not None and spec.is_decoder and spec.instruct
    assert rec.strategy in ("lora", "qlora") and rec.task_kind == "sft"
    assert 1e-4 <= rec.lr <= 2e-4 and 1 <= rec.epochs <= 3 and 0.03 <= rec.warmup_ratio <= 0.1
    assert (rec.lora_r, rec.lora_alpha, rec.lora_targets) == (16, 32.0, ("all-linear",))
    assert rec.techniques == ("SFT (TRL SFTTrainer)", "DPO")
    assert not {"RLHF", "Constitutional AI"} & set(rec.techniques)
    assert "chat template" in rec.text("reason", "en") and "assistant's turns only" in rec.text("reason", "en")
    assert "RAG" in rec.text("notes", "en") and "RAG" in rec.text("notes", "fr")
    assert rec.gpu == "t4" and rec.fits and rec.memory_bytes <= rec.gpu_memory_bytes


def test_2026_defaults() -> None:
    for sentence in ("spam", "avis", "entités nommées", "questions réponses", "similarité", "classer",
                     "spam emails", "reviews", "named entities", "question answering", "similarity", "classify"):
        rec = recommend("bert", sentence)
        assert rec.model_family == "encoder" and rec.strategy == "full", sentence
        assert 2e-5 <= rec.lr <= 5e-5 and 2 <= rec.epochs <= 4, sentence
    code = recommend("gpt", "code completion for our Python codebase")
    assert code.strategy == "full" and 2e-5 <= code.lr <= 5e-5 and 1 <= code.epochs <= 3
    for sentence in ("écrire des poèmes", "generate product descriptions for e-commerce"):
        rec = recommend("gpt", sentence)
        assert rec.strategy == "lora" and rec.lr == 2e-4
        assert (rec.lora_r, rec.lora_alpha, rec.lora_targets) == (16, 32.0, ("all-linear",))


def test_to_config_carries_strategy_lora_precision_and_gpu() -> None:
    rec = recommend("gpt", "chatbot de support client")
    config = rec.to_config(FineTuneConfig(examples=2000, mfu=0.3))
    assert (config.model, config.task, config.strategy, config.gpu) == (rec.model, "sft", rec.strategy, "t4")
    assert (config.lora_r, config.lora_alpha, config.lora_targets) == (16, 32.0, ("all-linear",))
    assert (config.examples, config.mfu, config.checkpointing, config.grad_accum) == (2000, 0.3, True, 8)
    # Only the caveat of QLoRA on a GPU without bf16 (the T4): it computes in fp16.
    assert [(p.key, p.severity) for p in config.validate()] == [("qlora_fp16", "warning")]
    assert recommend("gpt", "chatbot de support client", gpu="l4").to_config().validate() == []
    full = recommend("bert", "répondre à des questions sur des documents").to_config()
    assert (full.task, full.seq_len, full.lr, full.strategy, full.precision) == ("qa", 384, 3e-5, "full", "fp16")
    assert full.lora_r == FineTuneConfig().lora_r  # LoRA fields untouched by a full fine-tune
    assert estimate(full).head_params == 768 * 2 + 2


def test_a_larger_gpu_keeps_the_recipe_and_uses_bf16() -> None:
    rec = recommend("gpt", "complétion de code Python", gpu="A100")
    assert (rec.gpu, rec.precision, rec.fits) == ("a100-40gb", "bf16", True)
    assert rec.to_config().gpu == "a100-40gb"
    assert recommend("gpt", "complétion de code Python", gpu="nope").gpu == "t4"


def only_expected_warnings(config: FineTuneConfig) -> bool:
    """No problem but the QLoRA-in-fp16 caveat, on GPUs without bf16."""
    return all(p.key == "qlora_fp16" and p.severity == "warning" for p in config.validate())


SENTENCES = {
    "fr": ["détecter les spams", "classer des avis en positif/négatif", "extraire les noms de personnes",
           "répondre à des questions", "similarité de phrases", "classer des tickets", "résumer des articles",
           "traduire de l'anglais vers le français", "traduire du français vers l'allemand", "traduire des manuels",
           "chatbot de support client", "complétion de code Python", "générer des fiches produits",
           "écrire des poèmes", "faire la météo"],
    "en": ["filter spam emails", "classify reviews", "extract person names", "answer questions", "sentence similarity",
           "classify tickets", "summarize articles", "translate from English to French", "translate German into Dutch",
           "customer support chatbot", "code completion in Python", "generate product descriptions",
           "write short stories", "make coffee"],
}


@pytest.mark.parametrize("gpu", list(GPUS))
def test_every_task_fits_every_gpu(gpu: str) -> None:
    seen = set()
    for family in ("bert", "gpt"):
        for sentences in SENTENCES.values():
            for sentence in sentences:
                rec = recommend(family, sentence, gpu=gpu)
                seen.add(rec.task)
                config = rec.to_config()
                est = estimate(config)
                assert only_expected_warnings(config), (sentence, config.validate())
                assert est.fits and rec.fits and est.config == config, (sentence, rec.model, gpu)
    assert seen == {task.id for task in TASKS}


def test_texts_in_both_languages_and_french_typography() -> None:
    for family in ("bert", "gpt"):
        for sentence in SENTENCES["fr"] + SENTENCES["en"]:
            rec = recommend(family, sentence, "en")
            for name in ("label", "reason", "watch"):
                assert rec.text(name, "fr") and rec.text(name, "en") and rec.text(name, "fr") != rec.text(name, "en")
            assert rec.as_dict("fr")["label"] == rec.label["fr"]
            assert rec.as_dict()["label"] == rec.label["en"]  # the requested language by default
            for name in ("reason", "watch", "notes"):
                french, english = rec.text(name, "fr"), rec.text(name, "en")
                assert '"' not in french and "«" not in english, (sentence, name)
                # A decimal comma in French prose (versions such as Qwen2.5 or Apache 2.0 are names).
                prose = re.sub(r"Apache 2\.0|\S*[A-Za-z]\S*", "", french)
                assert not re.search(r"\d\.\d", prose), (sentence, name, french)
                assert "\u00a0" not in french and "\u202f" not in french.replace("8\u202f192", ""), name


def test_as_dict_is_json_ready_with_the_new_fields() -> None:
    data = recommend("gpt", "chatbot de support client", "fr").as_dict()
    assert json.loads(json.dumps(data)) == data
    for key in ("model_family", "strategy", "lora_r", "lora_alpha", "lora_targets", "gpu", "precision",
                "memory_bytes", "gpu_memory_bytes", "fits", "notes", "recognised"):
        assert key in data
    assert data["lora_targets"] == ["all-linear"] and data["model_family"] == "decoder"


def test_never_raises_on_odd_input() -> None:
    assert recommend("llama", None).family == "bert"  # type: ignore[arg-type]
    assert recommend("gpt", "🙂" * 50).task == "content"
    assert recommend("bert", "classer en 999999 catégories").num_labels == 2  # absurd counts are ignored


def test_recommendation_lines_show_sampling_settings_only_when_set() -> None:
    # Seq2seq recommendations decode without sampling (temperature and top-p None): no "Température : 0".
    import dataclasses

    from tutor.sim.report import recommendation_lines

    summary = recommend("gpt", "résumer des articles de presse", "fr")
    assert summary.max_length is not None and summary.temperature is None and summary.top_p is None
    for lang in ("fr", "en"):
        text = "\n".join(recommendation_lines(summary, lang))
        assert "Temp" not in text and "Top-p" not in text
        assert ("Longueur max." if lang == "fr" else "Max length") in text
    chat = recommend("gpt", "chatbot de support client", "fr")
    assert chat.temperature is not None and chat.top_p is not None
    text = "\n".join(recommendation_lines(chat, "fr"))
    assert re.search(r"Température\s:\s+0,7", text) and "Top-p" in text
    only_top_p = "\n".join(recommendation_lines(dataclasses.replace(chat, temperature=None), "en"))
    assert "Temperature" not in only_top_p and "Top-p:" in only_top_p
