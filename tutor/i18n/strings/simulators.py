"""The simulators' interface words (fields, estimates, playground)."""

from __future__ import annotations

SIM_STRINGS: dict[str, dict[str, object]] = {
    "sim.task": {"fr": "Décrivez votre tâche en une phrase", "en": "Describe your task in one sentence"},
    "sim.task_placeholder_bert": {
        "fr": "ex. : détecter les spams dans les e-mails",
        "en": "e.g. detect spam in e-mails",
    },
    "sim.task_placeholder_gpt": {
        "fr": "ex. : générer des fiches produits pour un site e-commerce",
        "en": "e.g. write product descriptions for an online shop",
    },
    "sim.recognised": {"fr": "Tâche reconnue : {label}", "en": "Recognised task: {label}"},
    "sim.reason": {"fr": "Pourquoi : {text}", "en": "Why: {text}"},
    "sim.watch": {"fr": "→ {text}", "en": "→ {text}"},
    "sim.metrics": {"fr": "Métriques : {text}", "en": "Metrics: {text}"},
    "sim.enabled": {"fr": "activé", "en": "on"},
    "sim.default_targets": {"fr": "(défaut PEFT)", "en": "(PEFT default)"},
    "sim.settings": {"fr": "Réglages (modifiables)", "en": "Settings (editable)"},
    "sim.results": {"fr": "Estimation", "en": "Estimate"},
    "sim.last_valid": {
        "fr": "Des champs sont invalides : l'estimation affichée est la dernière valide.",
        "en": "Some fields are invalid: the estimate shown is the last valid one.",
    },
    "sim.params": {"fr": "Paramètres", "en": "Parameters"},
    "sim.base": {"fr": "modèle de base (sans tête)", "en": "base model (no head)"},
    "sim.head": {"fr": "tête de tâche", "en": "task head"},
    "sim.adapter": {"fr": "LoRA / adapters / BitFit", "en": "LoRA / adapters / BitFit"},
    "sim.total": {"fr": "total", "en": "total"},
    "sim.trainable": {"fr": "entraînables", "en": "trainable"},
    "sim.memory": {"fr": "Mémoire par GPU", "en": "Memory per GPU"},
    "sim.weights": {"fr": "poids", "en": "weights"},
    "sim.gradients": {"fr": "gradients", "en": "gradients"},
    "sim.optimizer": {"fr": "états AdamW", "en": "AdamW states"},
    "sim.activations": {"fr": "activations", "en": "activations"},
    "sim.overhead": {"fr": "surcoût framework", "en": "framework overhead"},
    "sim.fits": {"fr": "TIENT dans {gpu} ({total} sur {capacity})", "en": "FITS in {gpu} ({total} of {capacity})"},
    "sim.no_fit": {
        "fr": "NE TIENT PAS dans {gpu} ({total} sur {capacity})",
        "en": "DOES NOT FIT in {gpu} ({total} of {capacity})",
    },
    "sim.training": {"fr": "Entraînement", "en": "Training"},
    "sim.steps": {
        "fr": "{per_epoch} pas/époque · {total} pas · warmup {warmup}",
        "en": "{per_epoch} steps/epoch · {total} steps · warmup {warmup}",
    },
    "sim.flops": {"fr": "FLOPs d'entraînement (6·N·D) : {flops}", "en": "Training FLOPs (6·N·D): {flops}"},
    "sim.flops_plain": {"fr": "FLOPs d'entraînement : {flops}", "en": "Training FLOPs: {flops}"},
    "sim.time": {"fr": "Durée à {mfu} % de MFU : {time}", "en": "Time at {mfu} % MFU: {time}"},
    "sim.schedule": {"fr": "Taux d'apprentissage par pas", "en": "Learning rate per step"},
    "sim.layer_rates": {"fr": "Taux d'apprentissage par couche", "en": "Learning rate per layer"},
    "sim.unfreezing": {"fr": "Dégel progressif", "en": "Gradual unfreezing"},
    "sim.unfreeze_stage": {"fr": "époque {epoch} : {layers}", "en": "epoch {epoch}: {layers}"},
    "sim.export": {"fr": "Export", "en": "Export"},
    "sim.export_python": {"fr": "Script Python (transformers)", "en": "Python script (transformers)"},
    "sim.export_yaml": {"fr": "Configuration YAML", "en": "YAML configuration"},
    "sim.copied": {"fr": "Copié dans le presse-papiers (OSC 52).", "en": "Copied to the clipboard (OSC 52)."},
    "sim.saved": {"fr": "Enregistré : {path}", "en": "Saved: {path}"},
    "sim.generation": {"fr": "Génération", "en": "Generation"},
    "sim.playground": {"fr": "Bac à sable d'échantillonnage", "en": "Sampling playground"},
    "sim.prompt": {"fr": "Prompt : {prompt}", "en": "Prompt: {prompt}"},
    "sim.token": {"fr": "token", "en": "token"},
    "sim.raw": {"fr": "brut", "en": "raw"},
    "sim.final": {"fr": "final", "en": "final"},
    "sim.kept": {"fr": "gardé", "en": "kept"},
    "sim.removed": {"fr": "retiré", "en": "removed"},
    "sim.kept_count": {
        "fr": {"one": "{count} token gardé sur {total} ; probabilités renormalisées.",
               "other": "{count} tokens gardés sur {total} ; probabilités renormalisées."},
        "en": {"one": "{count} of {total} tokens kept; probabilities renormalised.",
               "other": "{count} of {total} tokens kept; probabilities renormalised."},
    },
    "key.lesson": {"fr": "Leçon", "en": "Lesson"},
    "key.export": {"fr": "Exporter", "en": "Export"},
    "key.reopen": {"fr": "Rouvrir", "en": "Reopen"},
    "sim.none_saved": {
        "fr": "Aucune configuration enregistrée (Ctrl+O puis s pour en enregistrer une).",
        "en": "No saved configuration (Ctrl+O then s to save one).",
    },
    "sim.reopened": {"fr": "Configuration « {name} » rouverte.", "en": "Configuration \"{name}\" reopened."},
    "key.copy": {"fr": "Copier", "en": "Copy"},
    "key.save": {"fr": "Enregistrer", "en": "Save"},
    "key.simulators": {"fr": "Simulateurs", "en": "Simulators"},
    "key.example": {"fr": "Exemple suivant", "en": "Next example"},
    "field.model": {"fr": "Modèle", "en": "Model"},
    "field.strategy": {"fr": "Stratégie", "en": "Strategy"},
    "field.lora_r": {"fr": "Rang LoRA r", "en": "LoRA rank r"},
    "field.lora_alpha": {"fr": "lora_alpha", "en": "lora_alpha"},
    "field.lora_targets": {"fr": "Modules LoRA", "en": "LoRA modules"},
    "field.adapter_size": {"fr": "Goulot des adapters", "en": "Adapter bottleneck"},
    "field.num_labels": {"fr": "Nb de labels", "en": "Labels"},
    "field.lr": {"fr": "Taux d'apprentissage", "en": "Learning rate"},
    "field.batch_size": {"fr": "Batch / GPU", "en": "Batch / GPU"},
    "field.grad_accum": {"fr": "Accumulation", "en": "Grad. accum."},
    "field.devices": {"fr": "Nb de GPU", "en": "GPUs"},
    "field.epochs": {"fr": "Époques", "en": "Epochs"},
    "field.seq_len": {"fr": "Longueur séquence", "en": "Sequence length"},
    "field.examples": {"fr": "Exemples", "en": "Examples"},
    "field.warmup_ratio": {"fr": "Warmup (ratio)", "en": "Warmup ratio"},
    "field.warmup_steps": {"fr": "Warmup (pas)", "en": "Warmup steps"},
    "field.schedule": {"fr": "Planning du taux", "en": "LR schedule"},
    # The transformers names stay visible: they are what a learner writes in TrainingArguments.
    "schedule.linear": {"fr": "linéaire (linear)", "en": "linear"},
    "schedule.cosine": {"fr": "cosinus (cosine)", "en": "cosine"},
    "schedule.constant": {"fr": "constant", "en": "constant"},
    "schedule.constant_with_warmup": {"fr": "constant avec warmup (constant_with_warmup)",
                                      "en": "constant_with_warmup"},
    "field.precision": {"fr": "Précision", "en": "Precision"},
    "field.gpu": {"fr": "GPU", "en": "GPU"},
    "field.mfu": {"fr": "MFU (0–1)", "en": "MFU (0–1)"},
    "field.checkpointing": {"fr": "Activation checkpointing", "en": "Activation checkpointing"},
    "field.layer_decay": {"fr": "Décroissance LR/couche", "en": "Layer LR decay"},
    "field.gradual_unfreezing": {"fr": "Dégel progressif", "en": "Gradual unfreezing"},
    "field.max_length": {"fr": "max_length", "en": "max_length"},
    "field.temperature": {"fr": "Température", "en": "Temperature"},
    "field.top_p": {"fr": "top_p", "en": "top_p"},
    "field.top_k": {"fr": "top_k (0 = aucun)", "en": "top_k (0 = off)"},
    "strategy.full": {"fr": "Fine-tuning complet", "en": "Full fine-tuning"},
    "strategy.freeze": {"fr": "Extraction de caractéristiques (encodeur gelé)",
                        "en": "Feature extraction (frozen encoder)"},
    "strategy.lora": {"fr": "LoRA", "en": "LoRA"},
    "strategy.adapters": {"fr": "Adapters (Houlsby)", "en": "Adapters (Houlsby)"},
    "strategy.bitfit": {"fr": "BitFit (biais seuls)", "en": "BitFit (biases only)"},
    "sim.recommended": {
        "fr": {"one": "{model} · taux {lr} · batch {batch} · {count} époque",
               "other": "{model} · taux {lr} · batch {batch} · {count} époques"},
        "en": {"one": "{model} · lr {lr} · batch {batch} · {count} epoch",
               "other": "{model} · lr {lr} · batch {batch} · {count} epochs"},
    },
    "sim.plot.step": {"fr": "pas", "en": "step"},
    "sim.plot.title": {"fr": "{schedule}, warmup {warmup}/{total} pas",
                       "en": "{schedule}, warmup {warmup}/{total} steps"},
    # Issue 14: what each configurator covers, tasks, QLoRA, optimisers, DPO's reference, chat templates.
    "sim.scope_bert": {
        "fr": "Encodeurs (BERT, CamemBERT, XLM-R, DeBERTa-v3, ModernBERT) pour classer, étiqueter, répondre ; "
              "encodeurs-décodeurs (T5, BART, BARThez, Marian) pour résumer et traduire.",
        "en": "Encoders (BERT, CamemBERT, XLM-R, DeBERTa-v3, ModernBERT) to classify, tag and answer; "
              "encoder-decoders (T5, BART, BARThez, Marian) to summarise and translate.",
    },
    "sim.scope_gpt": {
        "fr": "LLM décodeurs, de base ou instruct (SmolLM2, Qwen2.5, Llama 3, Mistral) et GPT-2 : "
              "pré-entraînement continu, SFT sur instructions, DPO ; complet, LoRA ou QLoRA.",
        "en": "Decoder LLMs, base or instruct (SmolLM2, Qwen2.5, Llama 3, Mistral) and GPT-2: "
              "continued pretraining, instruction SFT, DPO; full, LoRA or QLoRA.",
    },
    "field.task": {"fr": "Tâche", "en": "Task"},
    "field.optimizer": {"fr": "Optimiseur", "en": "Optimizer"},
    "field.dpo_beta": {"fr": "β de DPO", "en": "DPO β"},
    "task.seq-cls": {"fr": "Classification (seq-cls)", "en": "Classification (seq-cls)"},
    "task.token-cls": {"fr": "Tokens, NER (token-cls)", "en": "Tokens, NER (token-cls)"},
    "task.qa": {"fr": "Questions-réponses (qa)", "en": "Question answering (qa)"},
    "task.seq2seq": {"fr": "Résumé, traduction (seq2seq)", "en": "Summary, translation (seq2seq)"},
    "task.causal-lm": {"fr": "LM causal (causal-lm)", "en": "Causal LM (causal-lm)"},
    "task.sft": {"fr": "SFT instructions (sft)", "en": "Instruction SFT (sft)"},
    "task.dpo": {"fr": "Préférences DPO (dpo)", "en": "DPO preferences (dpo)"},
    "strategy.qlora": {"fr": "QLoRA (base 4 bits NF4)", "en": "QLoRA (4-bit NF4 base)"},
    "optimizer.adamw": {"fr": "AdamW", "en": "AdamW"},
    "optimizer.adamw-8bit": {"fr": "AdamW 8 bits", "en": "8-bit AdamW"},
    "optimizer.paged-adamw-8bit": {"fr": "AdamW 8 bits paginé", "en": "Paged 8-bit AdamW"},
    "precision.auto": {"fr": "auto (bf16, sinon fp16)", "en": "auto (bf16, else fp16)"},
    "sim.family_a.encoder": {"fr": "un encodeur", "en": "an encoder"},
    "sim.family_a.decoder": {"fr": "un décodeur", "en": "a decoder"},
    "sim.family_a.seq2seq": {"fr": "un encodeur-décodeur", "en": "an encoder-decoder"},
    "sim.other_configurator": {
        "fr": "{model} est {family} : il se règle dans « {title} ». Les réglages ci-dessous restent inchangés.",
        "en": "{model} is {family}: set it up in \"{title}\". The settings below are unchanged.",
    },
    "sim.strategy_line": {
        "fr": "Stratégie : {strategy} · GPU {gpu}",
        "en": "Strategy: {strategy} · GPU {gpu}",
    },
    "sim.lora_line": {
        "fr": "LoRA : r {r} · alpha {alpha} · modules {targets}",
        "en": "LoRA: r {r} · alpha {alpha} · modules {targets}",
    },
    "sim.note": {"fr": "Note : {text}", "en": "Note: {text}"},
    "sim.note_instruct": {
        "fr": "Modèle instruct : mettez chaque exemple au format de son chat template "
              "(tokenizer.apply_chat_template), à l'entraînement comme à l'inférence ; sans lui, "
              "le modèle perd son format de dialogue.",
        "en": "Instruct model: put every example in its chat template (tokenizer.apply_chat_template), "
              "in training as at inference; without it the model loses its dialogue format.",
    },
    "sim.note_base_chat": {
        "fr": "Modèle de base : il n'a pas de chat template ; choisissez-en un (celui de la version instruct, "
              "par exemple) et gardez le même à l'inférence.",
        "en": "Base model: it has no chat template; pick one (the instruct version's, for example) and keep "
              "the same at inference.",
    },
    "sim.note_sft": {
        "fr": "SFT : la perte ne porte que sur les tours de l'assistant ; les tokens du système et de "
              "l'utilisateur reçoivent le label -100 (TRL SFTTrainer : assistant_only_loss, ou "
              "completion_only_loss pour des paires prompt/complétion).",
        "en": "SFT: the loss covers the assistant turns only; system and user tokens get label -100 "
              "(TRL SFTTrainer: assistant_only_loss, or completion_only_loss for prompt/completion pairs).",
    },
    "sim.note_dpo": {
        "fr": "DPO : chaque exemple est une paire (réponse préférée, réponse rejetée) ; la perte écarte la "
              "politique d'un modèle de référence figé, d'autant moins que β ({beta}) est grand.",
        "en": "DPO: every example is a pair (chosen answer, rejected answer); the loss moves the policy away "
              "from a frozen reference model, the less so the larger β ({beta}) is.",
    },
    "sim.optimizer_named": {"fr": "états {name}", "en": "{name} states"},
    "sim.per_param": {"fr": "{bytes} o/param. entraîné", "en": "{bytes} B/trained param."},
    "sim.weights_4bit": {"fr": "poids (base 4 bits NF4)", "en": "weights (4-bit NF4 base)"},
    "sim.reference": {"fr": "référence DPO figée", "en": "frozen DPO reference"},
    "sim.reference_copy": {"fr": "2ᵉ copie 16 bits", "en": "2nd 16-bit copy"},
    "sim.reference_shared": {
        "fr": "référence = base sans adapters, pas de 2ᵉ copie",
        "en": "reference = base without adapters, no second copy",
    },
    "sim.activation_formula": {"fr": "Activations : {formula}", "en": "Activations: {formula}"},
    "sim.no_time": {
        "fr": "Durée : aucune, la configuration ne tient pas en mémoire.",
        "en": "Time: none, the configuration does not fit in memory.",
    },
    "sim.no_fit_hint": {
        "fr": "Pour tenir : LoRA ou QLoRA, activation checkpointing, AdamW 8 bits, un batch plus petit "
              "avec de l'accumulation, ou un GPU plus grand.",
        "en": "To fit: LoRA or QLoRA, activation checkpointing, 8-bit AdamW, a smaller batch with "
              "accumulation, or a bigger GPU.",
    },
    "sim.assumptions_2026": {
        "fr": "Hypothèses : poids 16 bits (base 4 bits NF4 en QLoRA) ; états de l'optimiseur par paramètre "
              "entraîné comme indiqué ; surcoût fixe {overhead} ; MFU modifiable.",
        "en": "Assumptions: 16-bit weights (4-bit NF4 base with QLoRA); optimizer states per trained "
              "parameter as shown; fixed overhead {overhead}; MFU is editable.",
    },
    "sim.export_trl": {"fr": "Script Python (transformers, TRL)", "en": "Python script (transformers, TRL)"},
}
