"""Pieces of Python source that `tutor.sim.export` assembles into a training script.

Each constant is a top-level definition of the generated script, written for transformers 5,
peft and trl (checked by tests/hf/test_export_runs.py, which runs every task family).
"""

from __future__ import annotations

# The expected JSON-lines record of each task family (shown in the script's docstring).
DATA_FORMATS: dict[str, str] = {
    "seq-cls": '{"text": "a great film", "label": 1}',
    "token-cls": '{"tokens": ["Marie", "lives", "in", "Lyon"], "tags": [1, 0, 0, 3]}',
    "qa": '{"question": "Where?", "context": "In Lyon.", "answers": {"text": ["Lyon"], "answer_start": [3]}}',
    "causal-lm": '{"text": "a document to continue"}',
    "seq2seq": '{"source": "a long article ...", "target": "its summary"}',
    "sft": '{"prompt": "an instruction", "completion": "the answer to learn"}',
    "dpo": '{"prompt": "an instruction", "chosen": "the preferred answer", "rejected": "the other one"}',
}

TASK_LABELS: dict[str, str] = {
    "seq-cls": "sequence classification", "token-cls": "token classification", "qa": "extractive QA",
    "causal-lm": "causal language modelling", "seq2seq": "sequence-to-sequence",
    "sft": "instruction SFT", "dpo": "DPO preference tuning",
}

PREPROCESS: dict[str, str] = {
    "seq-cls": '''
def preprocess(dataset, tokenizer):
    """Tokenize the texts, truncated to MAX_LENGTH tokens (the Trainer's collator pads each batch)."""

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, max_length=MAX_LENGTH)

    return dataset.map(tokenize, batched=True, remove_columns=["text"])
''',
    "token-cls": '''
def preprocess(dataset, tokenizer):
    """Split words into sub-words; each word's tag goes on its first sub-word, -100 (no loss) elsewhere."""

    def tokenize(batch):
        encoded = tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=MAX_LENGTH)
        encoded["labels"] = []
        for i, tags in enumerate(batch["tags"]):
            labels, previous = [], None
            for word in encoded.word_ids(i):
                labels.append(-100 if word is None or word == previous else tags[word])
                previous = word
            encoded["labels"].append(labels)
        return encoded

    return dataset.map(tokenize, batched=True, remove_columns=dataset.column_names)
''',
    "qa": '''
def preprocess(dataset, tokenizer):
    """Question + context to tokens; the answer's characters become start/end token positions.

    An answer cut off by the truncation points at token 0 (the model learns "no answer here").
    """

    def tokenize(batch):
        encoded = tokenizer(batch["question"], batch["context"], truncation="only_second",
                            max_length=MAX_LENGTH, return_offsets_mapping=True)
        starts, ends = [], []
        for i, offsets in enumerate(encoded.pop("offset_mapping")):
            answer = batch["answers"][i]
            first = answer["answer_start"][0]
            last = first + len(answer["text"][0])
            context = [k for k, part in enumerate(encoded.sequence_ids(i)) if part == 1]
            if not context or offsets[context[0]][0] > first or offsets[context[-1]][1] < last:
                starts.append(0)
                ends.append(0)
                continue
            starts.append(next(k for k in context if offsets[k][1] > first))
            ends.append(next(k for k in reversed(context) if offsets[k][0] < last))
        encoded["start_positions"], encoded["end_positions"] = starts, ends
        return encoded

    return dataset.map(tokenize, batched=True, remove_columns=dataset.column_names)
''',
    "causal-lm": '''
def preprocess(dataset, tokenizer):
    """Tokenize each text and end it with EOS, so that the model learns where a text stops."""

    def tokenize(batch):
        encoded = tokenizer(batch["text"], truncation=True, max_length=MAX_LENGTH - 1)
        for ids, mask in zip(encoded["input_ids"], encoded["attention_mask"]):
            if not ids or ids[-1] != tokenizer.eos_token_id:
                ids.append(tokenizer.eos_token_id)
                mask.append(1)
        return encoded

    return dataset.map(tokenize, batched=True, remove_columns=dataset.column_names)


class CausalLMCollator:
    """Pad a batch; the labels are the input ids with -100 on the padding only.

    The padding is found with the attention mask, not by token id: DataCollatorForLanguageModeling
    masks every token equal to pad_token_id, so with pad = eos it would mask EOS too and the model
    would never learn to stop (transformers issue #23530).
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, features):
        batch = self.tokenizer.pad(features, return_tensors="pt")
        labels = batch["input_ids"].clone()
        labels[batch["attention_mask"] == 0] = -100
        batch["labels"] = labels
        return batch
''',
    "seq2seq": '''
def preprocess(dataset, tokenizer):
    """Tokenize sources and targets; the target ids become the labels (padded with -100 by the collator)."""

    def tokenize(batch):
        return tokenizer(batch["source"], text_target=batch["target"], truncation=True, max_length=MAX_LENGTH)

    return dataset.map(tokenize, batched=True, remove_columns=dataset.column_names)


def exact_match(tokenizer):
    """A metric on the generated texts (replace it with ROUGE for summaries, sacreBLEU/chrF for translation)."""

    def compute(prediction):
        predictions = np.where(prediction.predictions < 0, tokenizer.pad_token_id, prediction.predictions)
        labels = np.where(prediction.label_ids < 0, tokenizer.pad_token_id, prediction.label_ids)
        outputs = tokenizer.batch_decode(predictions, skip_special_tokens=True)
        targets = tokenizer.batch_decode(labels, skip_special_tokens=True)
        return {"exact_match": float(np.mean([o.strip() == t.strip() for o, t in zip(outputs, targets)]))}

    return compute
''',
    "sft": '''
def preprocess(dataset, tokenizer):
    """Prompt-completion pairs; with a chat template they become user/assistant messages.

    With completion_only_loss=True, TRL computes the loss on the completion only (the prompt's labels
    are -100), formats messages with the tokenizer's chat template and ends each completion with EOS.
    A base model without a chat template gets the plain texts, prompt then completion.
    """
    if tokenizer.chat_template is None:
        return dataset

    def to_messages(example):
        return {
            "prompt": [{"role": "user", "content": example["prompt"]}],
            "completion": [{"role": "assistant", "content": example["completion"]}],
        }

    return dataset.map(to_messages, remove_columns=["prompt", "completion"])
''',
    "dpo": '''
def preprocess(dataset, tokenizer):
    """Prompt, chosen and rejected answers; with a chat template they become user/assistant messages."""
    if tokenizer.chat_template is None:
        return dataset

    def to_messages(example):
        return {
            "prompt": [{"role": "user", "content": example["prompt"]}],
            "chosen": [{"role": "assistant", "content": example["chosen"]}],
            "rejected": [{"role": "assistant", "content": example["rejected"]}],
        }

    return dataset.map(to_messages, remove_columns=["prompt", "chosen", "rejected"])
''',
}

DEPTH_HELPER = '''
def layer_depth(name: str, num_layers: int) -> int:
    """0 for the embeddings, 1..L for the transformer layers, L + 1 for the head and the rest."""
    match = re.search(r"\\.(?:layer|h|layers|block)\\.(\\d+)\\.", name)
    if match:
        return int(match.group(1)) + 1
    if "embed" in name or ".wte." in name or ".wpe." in name:
        return 0
    return num_layers + 1
'''

LAYER_DECAY = '''
def layerwise_param_groups(model, lr: float, decay: float, num_layers: int, weight_decay: float) -> list:
    """One group per parameter: lr x decay^(L - depth); no weight decay on biases and norms."""
    groups = []
    for name, param in model.named_parameters():
        depth = min(layer_depth(name, num_layers), num_layers)
        groups.append({
            "params": [param],
            "lr": lr * decay ** (num_layers - depth),
            "weight_decay": 0.0 if param.ndim == 1 else weight_decay,
        })
    return groups
'''

UNFREEZING = '''
class GradualUnfreezing(TrainerCallback):
    """ULMFiT: epoch 1 trains the head only, each later epoch unfreezes one more layer (top first)."""

    def __init__(self, model, num_layers: int) -> None:
        self.model = model
        self.num_layers = num_layers

    def _thaw(self, epoch: int) -> None:
        for name, param in self.model.named_parameters():
            param.requires_grad = layer_depth(name, self.num_layers) > self.num_layers - epoch

    def on_train_begin(self, args, state, control, **kwargs):
        # The optimizer already holds every parameter: frozen ones just get no gradient.
        self._thaw(0)

    def on_epoch_begin(self, args, state, control, **kwargs):
        self._thaw(int(round(state.epoch or 0)))
'''

MAIN_HEAD = '''
def main(argv: list[str] | None = None) -> None:
    """Read the arguments and the data, then train and save the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", required=True, help="training examples, JSON lines (see above)")
    parser.add_argument("--eval", required=True, help="evaluation examples, JSON lines")
    parser.add_argument("--model", default=MODEL_NAME, help="hub id or local directory of the model")
    parser.add_argument("--output-dir", default=OUTPUT_DIR, help="checkpoints and the final model")
    parser.add_argument("--max-steps", type=int, default=-1, help="stop after this many steps (smoke run: 2)")
    args = parser.parse_args(argv)
    data = load_dataset("json", data_files={"train": args.train, "eval": args.eval})
    model, tokenizer = load_model(args.model)
'''
