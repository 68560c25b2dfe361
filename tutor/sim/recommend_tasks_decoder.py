"""Generation tasks, for a decoder: chat assistant (instruction SFT), code, product descriptions, content.

2026 practice (QLoRA paper; TRL's SFT recipes): an open-weight instruct model, LoRA or QLoRA on
every linear layer (r 16, alpha 32), lr 2e-4, 1–3 epochs, warmup 3–10 %, data in the model's chat
template with the loss on the assistant's turns only, activation checkpointing. Code keeps a full
fine-tune of a small code model at run_clm's lr 5e-5 for 2 epochs (more memorises one codebase).
Every configuration here fits the default T4 16 GB (tests/unit/test_recommend_table.py).
"""

from __future__ import annotations

from tutor.sim.recommend_data import LORA_LR, QLORA_LR, TaskSpec, Variant, decoder

CHAT_METRICS = ("LLM-as-a-judge", "Human preference", "Win rate")
SFT = "SFT (TRL SFTTrainer)"

QWEN_7B_ECOMMERCE = decoder(
    "Qwen2.5-7B-Instruct", "sft", "qlora", QLORA_LR, 4, 2, 512, 150, (0.7, 0.9), (), (), {}, {}, accum=2,
)

DECODER_TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "chat", "decoder",
        {"fr": "Assistant conversationnel (SFT d'un LLM instruct)",
         "en": "Conversational assistant (instruct LLM SFT)"},
        (r"chat", r"assistants?", r"conversations?", r"conversationnel\w*", r"conversational", r"dialogues?",
         r"dialog", r"helpdesk", r"instructions?", r"hotline"),
        decoder("Qwen2.5-7B-Instruct", "sft", "qlora", QLORA_LR, 2, 2, 1024, 300, (0.7, 0.9), CHAT_METRICS,
                (SFT, "DPO"),
                {"fr": "Données au format du chat template du modèle, perte sur les tours de l'assistant seulement ; "
                       "lr 2e-4, 2 époques, warmup 5 %, batch 2 × 8 pas d'accumulation, 1024 tokens, checkpointing "
                       "d'activations et AdamW 8 bits paginé comme dans QLoRA.",
                 "en": "Data in the model's chat template, loss on the assistant's turns only; lr 2e-4, 2 epochs, "
                       "5% warmup, batch 2 × 8 accumulation steps, 1024 tokens, activation checkpointing and paged "
                       "8-bit AdamW as in QLoRA."},
                {"fr": "Évaluez sur des conversations mises de côté (jamais vues, sans contamination) : LLM juge et "
                       "relecture humaine (utilité, exactitude, ton), plus des questions hors sujet et des tests de "
                       "sécurité ; un modèle affiné peut perdre une partie de son alignement.",
                 "en": "Evaluate on held-out conversations (never seen, checked for contamination): LLM judge and "
                       "human review (helpfulness, accuracy, tone), plus off-topic questions and safety tests; a "
                       "fine-tuned model can lose part of its alignment."},
                accum=8),
        strong=(r"chat ?bots?", r"assistants? conversationnels?", r"agents? conversationnels?",
                r"conversational (?:assistants?|agents?)", r"support client", r"service client",
                r"customer (?:support|service|care)", r"instruction (?:tuning|following|tuned?)", r"sft",
                r"llm", r"suivre (?:des |les )?instructions", r"follow(?:s|ing)? (?:our |the )?instructions"),
        weak=(r"support", r"clients?", r"customers?"),
        notes={"fr": "Ajoutez une RAG sur la base de connaissances : les réponses s'appuient sur vos documents à "
                     "jour plutôt que sur la mémoire du modèle. Ensuite, DPO sur des paires de réponses préférée / "
                     "rejetée (TRL DPOTrainer). Plus léger : SmolLM2-1.7B-Instruct en LoRA (surtout anglais).",
               "en": "Add RAG over the knowledge base: answers rest on your up-to-date documents rather than on "
                     "the model's memory. Then DPO on pairs of preferred / rejected answers (TRL DPOTrainer). "
                     "Lighter: SmolLM2-1.7B-Instruct with LoRA (mostly English)."},
        mismatch={"fr": "Avec BERT, on peut seulement classer les messages par intention (num_labels = nombre "
                        "d'intentions) et répondre par des réponses toutes faites.",
                  "en": "With BERT, you can only classify messages by intent (num_labels = number of intents) and "
                        "reply with canned answers."},
    ),
    TaskSpec(
        "code", "decoder", {"fr": "Génération de code", "en": "Code generation"},
        (r"code", r"codes", r"coder", r"python", r"javascript", r"typescript", r"java", r"sql", r"bash",
         r"programm\w*", r"fonctions?", r"functions?", r"scripts?", r"snippets?", r"docstrings?", r"requetes? sql",
         r"sql quer(?:y|ies)", r"developpeurs?", r"developers?", r"codebase", r"base de code"),
        decoder("codegen-350M-multi", "causal-lm", "full", 5e-5, 4, 2, 512, 128, (0.2, 0.95),
                ("pass@k", "Perplexity", "Exact Match"), ("Code completion", "Docstring generation"),
                {"fr": "Fine-tuning complet à lr 5e-5 (le défaut de run_clm de Hugging Face), 2 époques : davantage, "
                       "sur une seule base de code, le modèle la mémorise ; température basse (0,2) car le code "
                       "tolère peu la fantaisie ; top-p 0,95 comme l'évaluation de Codex.",
                 "en": "Full fine-tuning at lr 5e-5 (Hugging Face run_clm's default), 2 epochs: more, on a single "
                       "codebase, and the model memorises it; low temperature (0.2) because code tolerates little "
                       "creativity; top-p 0.95 as in Codex's evaluation."},
                {"fr": "pass@k sur des tests unitaires, plus parlant que la perplexité ; vérifiez que le code généré "
                       "s'exécute et ne recopie ni secrets ni code sous licence de la base.",
                 "en": "pass@k on unit tests, more telling than perplexity; check that generated code runs and "
                       "copies neither secrets nor licensed code from the codebase."}),
        strong=(r"completion de code", r"code completion", r"autocompletion", r"auto completion",
                r"generation de code", r"code generation"),
        notes={"fr": "En 2026, partez plutôt de Qwen2.5-Coder ou StarCoder2 (hors catalogue), entraînés à compléter "
                     "au milieu du code (FIM) ; en LoRA, lr 1e-4.",
               "en": "In 2026, rather start from Qwen2.5-Coder or StarCoder2 (not in the catalogue), trained to fill "
                     "in the middle (FIM); with LoRA, lr 1e-4."},
    ),
    TaskSpec(
        "ecommerce", "decoder", {"fr": "Descriptions de produits e-commerce", "en": "E-commerce product descriptions"},
        (r"produits?", r"products?", r"catalogues?", r"catalogs?", r"boutiques?", r"shop(?:s|ping)?", r"stores?",
         r"ventes?", r"annonces?", r"listings?"),
        decoder("SmolLM2-1.7B-Instruct", "sft", "lora", LORA_LR, 8, 2, 512, 150, (0.7, 0.9),
                ("Human preference", "Factual consistency", "ROUGE"), (SFT,),
                {"fr": "SFT sur des paires (attributs du produit → description) : le modèle apprend votre ton ; lr "
                       "2e-4, 2 époques ; 150 tokens, température 0,7 pour varier la formulation. Seuls les attributs "
                       "donnés dans le prompt évitent les caractéristiques inventées, pas la température.",
                 "en": "SFT on pairs (product attributes → description): the model learns your tone; lr 2e-4, "
                       "2 epochs; 150 tokens, temperature 0.7 to vary the wording. Only the attributes given in the "
                       "prompt prevent invented features, not the temperature."},
                {"fr": "Relisez des échantillons : toute caractéristique absente des attributs est une invention ; "
                       "surveillez aussi les répétitions et le ton.",
                 "en": "Read samples: any feature missing from the attributes is invented; also watch repetitions "
                       "and tone."}),
        (Variant({k: v for k, v in QWEN_7B_ECOMMERCE.items()
                  if k not in ("metrics", "techniques", "reason", "watch")},
                 {"fr": "Phrase en français : SmolLM2 est surtout anglais, donc Qwen2.5-7B-Instruct (multilingue) en "
                        "QLoRA.",
                  "en": "French sentence: SmolLM2 is mostly English, hence Qwen2.5-7B-Instruct (multilingual) with "
                        "QLoRA."}, facts=("fr",)),),
        strong=(r"e ?commerce", r"fiches? produits?", r"descriptions? (?:de |des )?produits?",
                r"product (?:descriptions?|pages?|sheets?)"),
    ),
    TaskSpec(
        "content", "decoder", {"fr": "Génération de contenu", "en": "Content generation"},
        (r"poemes?", r"poems?", r"poesies?", r"poetry", r"histoires?", r"stor(?:y|ies)", r"romans?", r"novels?",
         r"blogs?", r"slogans?", r"paroles", r"lyrics", r"contenus?", r"content", r"redaction", r"style"),
        decoder("Qwen2.5-0.5B", "causal-lm", "lora", LORA_LR, 8, 2, 512, 200, (0.7, 0.9),
                ("Perplexity", "Human preference", "LLM-as-a-judge"), ("Domain-adaptive pretraining", SFT),
                {"fr": "Entraînement auto-supervisé sur vos textes bruts (prédire le token suivant, sans étiquettes) : "
                       "le modèle en prend le style ; LoRA à lr 2e-4, 2 époques ; génération de 200 tokens à "
                       "température 0,7 et top-p 0,9.",
                 "en": "Self-supervised training on your raw texts (predict the next token, no labels): the model "
                       "picks up their style; LoRA at lr 2e-4, 2 epochs; 200 tokens generated at temperature 0.7 "
                       "and top-p 0.9."},
                {"fr": "Perplexité sur des textes mis de côté ; lisez des échantillons (style, répétitions, passages "
                       "recopiés du corpus).",
                 "en": "Perplexity on held-out texts; read samples (style, repetitions, passages copied from the "
                       "corpus)."}),
        weak=(r"generer", r"ecrire", r"rediger", r"generate", r"write", r"writing", r"textes?", r"texts?",
              r"articles?"),
        notes={"fr": "Si vos données sont des paires consigne → texte, faites plutôt le SFT d'un modèle instruct "
                     "(p. ex. Qwen2.5-7B-Instruct en QLoRA).",
               "en": "If your data are instruction → text pairs, rather run SFT on an instruct model (e.g. "
                     "Qwen2.5-7B-Instruct with QLoRA)."},
    ),
)
