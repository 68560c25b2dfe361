"""Words of the generated questions on fine-tuning LLMs (`tutor.quiz.generators_llm`), in French and English.

Keys start with "gen." like the other generated questions' (`tutor.i18n.strings.plain`), which also
holds the shared ones ("gen.list_separator", "gen.unit.parameters"). Numbers arrive as numbers
and are written by the catalogue in the language, or formatted by the generator (`fmt`) where
they need a fixed number of decimals.
"""

from __future__ import annotations

_QLORA_EXPLANATION_FR = (
    "Le NF4 avec double quantification coûte 4 + 8/64 + 32/(64·256) ≈ 4,127 bits, soit environ 0,516 octet "
    "par poids : {quantised} × 0,516 octet ≈ {nf4} Gio. En 16 bits : ({other} + {adapter}) × 2 octets = {plain} Gio. "
    "Poids = {nf4} + {plain} = {weights} Gio."
)
_QLORA_EXPLANATION_EN = (
    "NF4 with double quantisation costs 4 + 8/64 + 32/(64·256) ≈ 4.127 bits, about 0.516 byte per weight: "
    "{quantised} × 0.516 B ≈ {nf4} GiB. In 16 bits: ({other} + {adapter}) × 2 B = {plain} GiB. "
    "Weights = {nf4} + {plain} = {weights} GiB."
)
_DPO_NO_COPY = {
    "fr": "LoRA : pas de seconde copie (la référence est le modèle de base, adaptateurs désactivés).",
    "en": "LoRA: no second copy (the reference is the base model with its adapters switched off).",
}

GENERATORS_LLM_STRINGS: dict[str, dict[str, object]] = {
    "gen.unit.gib": {"fr": "Gio", "en": "GiB"},
    # -- qlora-memory ---------------------------------------------------------------------------------
    "gen.qlora.prompt": {
        "fr": "QLoRA sur {model} : les couches linéaires de ses blocs comptent {quantised} poids, stockés en NF4 "
              "(4 bits) avec double quantification ; les {other} autres paramètres (embeddings, normalisations, "
              "tête LM) restent en 16 bits, comme les {adapter} paramètres des adaptateurs LoRA (r = {rank}, "
              "{targets}). Combien de mémoire les poids occupent-ils, en Gio (2³⁰ octets, 3 décimales) ?",
        "en": "QLoRA on {model}: the Linear layers of its blocks hold {quantised} weights, stored in 4-bit NF4 with "
              "double quantisation; the other {other} parameters (embeddings, norms, LM head) stay in 16 bits, as "
              "do the {adapter} parameters of the LoRA adapters (r = {rank}, {targets}). How much memory do the "
              "weights take, in GiB (2³⁰ bytes, 3 decimals)?",
    },
    "gen.qlora.explanation": {"fr": _QLORA_EXPLANATION_FR, "en": _QLORA_EXPLANATION_EN},
    # -- lora-all-linear ------------------------------------------------------------------------------
    "gen.all_linear.prompt": {
        "fr": "LoRA avec target_modules=\"all-linear\" et r = {rank} sur {model} : {layers} couches, taille cachée "
              "h = {hidden}, largeur du FFN I = {ffn}, largeur des requêtes {heads} × {head_dim} = {queries}, "
              "des clés et des valeurs {kv_heads} × {head_dim} = {kv}. Chaque couche a sept couches linéaires "
              "(q, k, v, o, gate, up, down) ; la tête LM est exclue. Combien de paramètres entraînables LoRA "
              "ajoute-t-il ?",
        "en": "LoRA with target_modules=\"all-linear\" and r = {rank} on {model}: {layers} layers, hidden size "
              "h = {hidden}, FFN width I = {ffn}, query width {heads} × {head_dim} = {queries}, key and value "
              "width {kv_heads} × {head_dim} = {kv}. Each layer has seven Linear layers (q, k, v, o, gate, up, "
              "down); the LM head is left out. How many trainable parameters does LoRA add?",
    },
    "gen.all_linear.explanation": {
        "fr": "Chaque matrice d_in → d_out ajoute A (r×d_in) et B (d_out×r), soit r·(d_in + d_out). "
              "Par couche : {terms} = {per_layer} ; × {layers} couches = {params}.",
        "en": "Each d_in → d_out matrix adds A (r×d_in) and B (d_out×r), i.e. r·(d_in + d_out). "
              "Per layer: {terms} = {per_layer}; × {layers} layers = {params}.",
    },
    # -- dpo-memory -----------------------------------------------------------------------------------
    "gen.dpo.prompt": {
        "fr": "DPO avec TRL sur {model} ({params} paramètres), entraîné en {precision}. Combien de mémoire le "
              "modèle de référence gelé ajoute-t-il aux poids, en fine-tuning complet et avec LoRA ?",
        "en": "DPO with TRL on {model} ({params} parameters), trained in {precision}. How much memory does the "
              "frozen reference model add to the weights, with full fine-tuning and with LoRA?",
    },
    "gen.dpo.option.right": {
        "fr": "Fine-tuning complet : une seconde copie du modèle en 16 bits, {size} Gio de plus. " + _DPO_NO_COPY["fr"],
        "en": "Full fine-tuning: a second 16-bit copy of the model, {size} GiB more. " + _DPO_NO_COPY["en"],
    },
    "gen.dpo.option.lora_copy": {
        "fr": "Fine-tuning complet : une seconde copie du modèle en 16 bits, {size} Gio de plus. LoRA : une seconde "
              "copie de la base en 16 bits aussi, {size} Gio de plus.",
        "en": "Full fine-tuning: a second 16-bit copy of the model, {size} GiB more. LoRA: a second 16-bit copy of "
              "the base as well, {size} GiB more.",
    },
    "gen.dpo.option.fp32": {
        "fr": "Fine-tuning complet : une seconde copie gardée en fp32, {size} Gio de plus. " + _DPO_NO_COPY["fr"],
        "en": "Full fine-tuning: a second copy kept in fp32, {size} GiB more. " + _DPO_NO_COPY["en"],
    },
    "gen.dpo.option.reversed": {
        "fr": "Fine-tuning complet : pas de seconde copie (la politique du pas 0 sert de référence). LoRA : une "
              "seconde copie de la base en 16 bits, {size} Gio de plus.",
        "en": "Full fine-tuning: no second copy (the policy at step 0 serves as reference). LoRA: a second 16-bit "
              "copy of the base, {size} GiB more.",
    },
    "gen.dpo.explanation": {
        "fr": "DPO compare les log-probabilités de la politique à celles d'une référence gelée. En fine-tuning "
              "complet, les poids de la politique bougent : TRL charge une seconde copie du modèle initial dans "
              "son type, {params} × 2 octets = {size} Gio de plus. Avec LoRA (ou QLoRA), la base ne change "
              "jamais : la référence est le même modèle, adaptateurs désactivés, sans seconde copie.",
        "en": "DPO compares the log-probabilities of the policy with those of a frozen reference. With full "
              "fine-tuning the policy's weights move, so TRL loads a second copy of the initial model in its "
              "dtype: {params} × 2 B = {size} GiB more. With LoRA (or QLoRA) the base never changes: the "
              "reference is the same model with its adapters switched off, and there is no second copy.",
    },
    # -- chrf-pair ------------------------------------------------------------------------------------
    "gen.chrf.prompt": {
        "fr": "Un système de traduction produit « {hypothesis} » ; la référence est « {reference} ». Quel est son "
              "chrF (chrF2 de sacreBLEU : β = 2, n-grammes de caractères d'ordre 1 à 6, espaces retirées), sur "
              "100 (1 décimale) ?",
        "en": "A French translation system outputs \"{hypothesis}\"; the reference is \"{reference}\". What is its "
              "chrF (sacreBLEU's chrF2: β = 2, character n-grams of orders 1 to 6, spaces removed), out of 100 "
              "(1 decimal)?",
    },
    "gen.chrf.order": {"fr": "n = {n} : {matches}/{output}/{reference}",
                       "en": "n = {n}: {matches}/{output}/{reference}"},
    "gen.chrf.explanation": {
        "fr": "Sans les espaces : « {output} » ({output_chars} caractères) et « {reference} » ({reference_chars}). "
              "N-grammes communs / de la sortie / de la référence : {counts}. chrP = ({precisions}) / {orders} = "
              "{chrp} ; chrR = ({recalls}) / {orders} = {chrr} ; chrF = 100 × 5·chrP·chrR / (4·chrP + chrR) = "
              "{score}.",
        "en": "Without spaces: \"{output}\" ({output_chars} characters) and \"{reference}\" ({reference_chars}). "
              "Shared n-grams / in the output / in the reference: {counts}. chrP = ({precisions}) / {orders} = "
              "{chrp}; chrR = ({recalls}) / {orders} = {chrr}; chrF = 100 × 5·chrP·chrR / (4·chrP + chrR) = "
              "{score}.",
    },
    # -- french-tokens-per-word -----------------------------------------------------------------------
    "gen.tokens.word": {"fr": "{word} : {split}", "en": "{word}: {split}"},
    "gen.tokens.prompt.gpt2": {
        "fr": "Le tokenizer de GPT-2 (un BPE appris surtout sur de l'anglais) découpe ces mots français ainsi "
              "(« · » marque l'espace rattaché au token qui suit) : {listing}. Combien de tokens par mot "
              "utilise-t-il en moyenne sur ces mots (2 décimales) ?",
        "en": "GPT-2's tokenizer (a BPE learned mostly on English) splits these French words as follows (\"·\" "
              "marks the space attached to the token that follows): {listing}. How many tokens per word does it "
              "use on them, on average (2 decimals)?",
    },
    "gen.tokens.prompt.camembert": {
        "fr": "Le tokenizer de CamemBERT (un SentencePiece appris sur du français) découpe ces mots français ainsi "
              "(« · » marque l'espace rattaché au token qui suit) : {listing}. Combien de tokens par mot "
              "utilise-t-il en moyenne sur ces mots (2 décimales) ?",
        "en": "CamemBERT's tokenizer (a SentencePiece learned on French) splits these French words as follows "
              "(\"·\" marks the space attached to the token that follows): {listing}. How many tokens per word "
              "does it use on them, on average (2 decimals)?",
    },
    "gen.tokens.explanation": {
        "fr": "Tokens par mot = tokens / mots = {tokens} / {words} = {ratio}. Un tokenizer appris sur du français "
              "(CamemBERT) garde la plupart des mots français entiers ; le BPE anglais de GPT-2 les coupe en "
              "morceaux, surtout autour des lettres accentuées.",
        "en": "Tokens per word = tokens / words = {tokens} / {words} = {ratio}. A tokenizer learned on French "
              "(CamemBERT) keeps most French words whole; GPT-2's English BPE cuts them into pieces, around "
              "accented letters above all.",
    },
}
