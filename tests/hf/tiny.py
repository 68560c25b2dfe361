"""Tiny models, tokenizers and datasets built locally (nothing downloaded) for the export runs.

Each model has hidden size 32 and 2 layers, with the architecture of a catalogue family: BERT for
the encoder tasks, Llama (grouped-query attention, SwiGLU) for the decoder tasks, T5 for seq2seq.
Tokenizers are word-level `tokenizers` models over a fixed word list, saved with `save_pretrained`
so that `AutoTokenizer.from_pretrained(directory)` loads them like a hub checkpoint.
"""

from __future__ import annotations

import json
from pathlib import Path

from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import Whitespace
from tokenizers.processors import TemplateProcessing
from transformers import (
    BertConfig,
    BertModel,
    BertTokenizer,
    LlamaConfig,
    LlamaForCausalLM,
    PreTrainedTokenizerFast,
    T5Config,
    T5ForConditionalGeneration,
)

WORDS = [
    "the", "a", "cat", "dog", "sat", "on", "mat", "ran", "in", "park", "is", "big", "small", "red", "blue",
    "good", "bad", "film", "was", "great", "awful", "marie", "lives", "lyon", "paris", "where", "who",
    "what", "does", "live", "capital", "of", "france", "city", "user", "assistant", "summary", "translate",
    "le", "chat", "chien", "est", "petit", "grand", "yes", "no", "hello", "world", ".", ",", "?", ":",
]

# A minimal chat template: "user : … </s> assistant : … </s>" (words of the vocabulary only).
CHAT_TEMPLATE = (
    "{% for message in messages %}{{ message['role'] }} : {{ message['content'] }} </s> {% endfor %}"
    "{% if add_generation_prompt %}assistant :{% endif %}"
)

# Which tiny model each task family uses, and the catalogue model the exported config names.
FAMILY_OF_TASK = {
    "seq-cls": "encoder", "token-cls": "encoder", "qa": "encoder",
    "causal-lm": "decoder", "sft": "decoder", "dpo": "decoder", "seq2seq": "seq2seq",
}
CATALOGUE_MODEL = {"encoder": "bert-base-uncased", "decoder": "SmolLM2-135M", "seq2seq": "t5-small"}


def _word_level(specials: list[str]) -> tuple[Tokenizer, dict[str, int]]:
    vocab = {token: i for i, token in enumerate(specials + WORDS)}
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="<unk>"))
    tokenizer.pre_tokenizer = Whitespace()
    return tokenizer, vocab


def build_encoder(directory: Path) -> Path:
    """A 2-layer BERT (hidden 32) and a fast BertTokenizer over WORDS, saved in `directory`."""
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = BertTokenizer(vocab={token: i for i, token in enumerate(specials + WORDS)})
    config = BertConfig(vocab_size=len(specials) + len(WORDS), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    BertModel(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def decoder_tokenizer() -> PreTrainedTokenizerFast:
    """A word-level tokenizer with BOS/EOS, no padding token (as GPT-2 and Llama) and a chat template."""
    backend, _ = _word_level(["<unk>", "<s>", "</s>"])
    backend.post_processor = TemplateProcessing(single="<s> $A", pair="<s> $A $B", special_tokens=[("<s>", 1)])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", bos_token="<s>", eos_token="</s>")
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def build_decoder(directory: Path) -> Path:
    """A 2-layer Llama (hidden 32, 4 heads, 2 key-value heads, SwiGLU 64) and its tokenizer."""
    tokenizer = decoder_tokenizer()
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                         num_key_value_heads=2, intermediate_size=64, max_position_embeddings=128,
                         bos_token_id=1, eos_token_id=2, tie_word_embeddings=True)
    LlamaForCausalLM(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_seq2seq(directory: Path) -> Path:
    """A 2+2-layer T5 (d_model 32) and a tokenizer that ends each text with EOS, as T5's does."""
    backend, _ = _word_level(["<pad>", "</s>", "<unk>"])
    backend.post_processor = TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", 1)])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", eos_token="</s>",
                                        pad_token="<pad>")
    config = T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=8, d_ff=64, num_layers=2, num_decoder_layers=2,
                      num_heads=4, pad_token_id=0, eos_token_id=1, decoder_start_token_id=0)
    T5ForConditionalGeneration(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


BUILDERS = {"encoder": build_encoder, "decoder": build_decoder, "seq2seq": build_seq2seq}

_SENTENCES = ["the cat sat on the mat", "a big dog ran in the park", "the film was great", "the film was awful",
              "marie lives in lyon", "paris is the capital of france", "the red cat is small", "hello world"]


def examples(task: str, count: int = 8) -> list[dict[str, object]]:
    """`count` records of the JSON-lines format the exported script reads for `task`."""
    records: list[dict[str, object]] = []
    for i in range(count):
        text = _SENTENCES[i % len(_SENTENCES)]
        words = text.split()
        if task == "seq-cls":
            records.append({"text": text, "label": i % 2})
        elif task == "token-cls":
            records.append({"tokens": words, "tags": [(i + k) % 3 for k in range(len(words))]})
        elif task == "qa":
            answer = words[-1]
            records.append({"question": "where ?", "context": text,
                            "answers": {"text": [answer], "answer_start": [text.rindex(answer)]}})
        elif task == "causal-lm":
            records.append({"text": text})
        elif task == "seq2seq":
            records.append({"source": "summary : " + text, "target": " ".join(words[:2])})
        elif task == "sft":
            records.append({"prompt": "what does " + words[1] + " do ?", "completion": text})
        elif task == "dpo":
            records.append({"prompt": "who is big ?", "chosen": text, "rejected": "no"})
    return records


def write_dataset(task: str, directory: Path) -> tuple[Path, Path]:
    """Training and evaluation JSON-lines files for `task` in `directory`."""
    paths = directory / "train.jsonl", directory / "eval.jsonl"
    for path, count in zip(paths, (8, 4), strict=True):
        path.write_text("".join(json.dumps(record) + "\n" for record in examples(task, count)), encoding="utf-8")
    return paths
