"""Tasks for an encoder-decoder fine-tuned in full: summarisation and translation.

Summaries: BART's CNN/DailyMail recipe (fairseq: lr 3e-5, warmup ≈ 3 %), 1024 input tokens, a
128-token summary; bart-base for English, BARThez for French. Translation EN→FR: opus-mt-en-fr
with the Hugging Face course's recipe (lr 2e-5, batch 32, 3 epochs); any other pair: mt5-small at
lr 3e-4 (Hugging Face's T5 notes: 1e-4 to 3e-4 with AdamW), never in fp16 (T5 overflows).
"""

from __future__ import annotations

from tutor.sim.recommend_data import TaskSpec, Variant, seq2seq

TRANSLATION_WATCH = {
    "fr": "sacreBLEU et chrF (recouvrement de n-grammes ; chrF, au niveau des caractères, convient mieux aux langues "
          "riches en flexions), puis COMET (neuronal, plus proche du jugement humain), sur un jeu de test de votre "
          "domaine jamais vu à l'entraînement.",
    "en": "sacreBLEU and chrF (n-gram overlap; chrF, on characters, suits morphologically rich languages better), "
          "then COMET (neural, closer to human judgement), on a test set from your domain never seen in training.",
}

MT5 = seq2seq(
    "mt5-small", 3e-4, 16, 3, 128, 128, ("sacreBLEU", "chrF", "COMET"),
    {"fr": "lr 3e-4 avec AdamW (T5 demande un taux plus haut que BERT : 1e-4 à 3e-4 selon les notes de Hugging "
           "Face), batch 16, 3 époques ; 128 tokens par phrase, en entrée comme en sortie.",
     "en": "lr 3e-4 with AdamW (T5 needs a higher rate than BERT: 1e-4 to 3e-4 per Hugging Face's notes), batch "
           "16, 3 epochs; 128 tokens per sentence, in and out."},
    TRANSLATION_WATCH,
)
MT5_NOTE = {
    "fr": "En fp16, T5 et mT5 débordent (pertes NaN) : fp32 sur un GPU sans bf16 (T4, V100), bf16 sinon.",
    "en": "In fp16, T5 and mT5 overflow (NaN losses): fp32 on a GPU without bf16 (T4, V100), bf16 otherwise.",
}

SEQ2SEQ_TASKS: tuple[TaskSpec, ...] = (
    TaskSpec(
        "summarisation", "seq2seq", {"fr": "Résumé de texte (seq2seq)", "en": "Text summarisation (seq2seq)"},
        (r"resumes?", r"abstracts?", r"comptes? rendus?", r"meeting minutes", r"digest", r"condense[rz]?",
         r"raccourcir",
         r"shorten"),
        seq2seq("bart-base", 3e-5, 8, 3, 1024, 128, ("ROUGE", "Factual consistency"),
                {"fr": "Entrée : l'article (jusqu'à 1024 tokens) ; sortie : le résumé (128 tokens, générés avec "
                       "max_new_tokens) ; lr 3e-5 comme la recette CNN/DailyMail de BART, 3 époques, warmup 5 %.",
                 "en": "Input: the article (up to 1024 tokens); output: the summary (128 tokens, generated with "
                       "max_new_tokens); lr 3e-5 as in BART's CNN/DailyMail recipe, 3 epochs, 5% warmup."},
                {"fr": "ROUGE mesure le recouvrement de mots, pas la vérité : contrôlez la cohérence factuelle "
                       "(entités, chiffres, négations inventés) sur un échantillon, à la main ou avec un modèle de "
                       "vérification (NLI, QA).",
                 "en": "ROUGE measures word overlap, not truth: check factual consistency (invented entities, "
                       "figures, negations) on a sample, by hand or with a checking model (NLI, QA)."}),
        (Variant({"model": "barthez"},
                 {"fr": "Phrase en français : BARThez plutôt que BART (anglais) ; mT5 ou mBART-50 pour d'autres "
                        "langues.",
                  "en": "French sentence: BARThez rather than BART (English); mT5 or mBART-50 for other "
                        "languages."}, facts=("fr",)),
         Variant({}, {"fr": "Alternative : flan-t5-base (T5 affiné sur des instructions, 512 tokens d'entrée).",
                      "en": "Alternative: flan-t5-base (instruction-tuned T5, 512 input tokens)."}, facts=("en",))),
        strong=(r"resumer", r"resume automatique", r"summari[sz]\w*", r"summar(?:y|ies)", r"syntheses?",
                r"synthetiser", r"tl ?dr"),
        notes={"fr": "Pour des documents plus longs que 1024 tokens, un LLM instruct affiné en LoRA (contexte long) "
                     "est l'autre voie.",
               "en": "For documents longer than 1024 tokens, an instruct LLM fine-tuned with LoRA (long context) is "
                     "the other route."},
    ),
    TaskSpec(
        "translation", "seq2seq", {"fr": "Traduction automatique (seq2seq)", "en": "Machine translation (seq2seq)"},
        (r"locali[sz]ation", r"locali[sz]er", r"multilingues?", r"multilingual"),
        seq2seq("opus-mt-en-fr", 2e-5, 32, 3, 128, 128, ("sacreBLEU", "chrF", "COMET"),
                {"fr": "lr 2e-5, batch 32, 3 époques : la recette de traduction du cours Hugging Face pour ce "
                       "modèle ; 128 tokens par phrase, en entrée comme en sortie.",
                 "en": "lr 2e-5, batch 32, 3 epochs: the Hugging Face course's translation recipe for this model; "
                       "128 tokens per sentence, in and out."},
                TRANSLATION_WATCH),
        (Variant({k: v for k, v in MT5.items() if k != "watch"},
                 {"fr": f"Paire détectée : {{source}} → {{target}}. Si Helsinki-NLP publie un opus-mt pour cette "
                        f"paire, partez-en ; NLLB-200 et M2M100 sont des alternatives multilingues plus grandes. "
                        f"{MT5_NOTE['fr']}",
                  "en": f"Pair found: {{source}} → {{target}}. If Helsinki-NLP publishes an opus-mt model for this "
                        f"pair, start from it; NLLB-200 and M2M100 are larger multilingual alternatives. "
                        f"{MT5_NOTE['en']}"}, facts=("pair",)),
         Variant({k: v for k, v in MT5.items() if k != "watch"},
                 {"fr": f"Paire de langues non précisée : mT5-small s'affine sur n'importe laquelle ; pour "
                        f"l'anglais vers le français, opus-mt-en-fr est déjà un traducteur. {MT5_NOTE['fr']}",
                  "en": f"No language pair given: mT5-small can be fine-tuned on any; for English into French, "
                        f"opus-mt-en-fr is already a translator. {MT5_NOTE['en']}"}, facts=("no-pair",)),
         Variant({}, {"fr": "NLLB-200 et M2M100 couvrent plus de 100 langues ; un LLM instruct traduit aussi, plus "
                            "lentement.",
                      "en": "NLLB-200 and M2M100 cover more than 100 languages; an instruct LLM translates too, more "
                            "slowly."}, facts=("en-fr",))),
        strong=(r"tradu\w*", r"translat\w*"),
    ),
)
