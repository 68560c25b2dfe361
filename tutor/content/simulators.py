"""The simulator names a lesson may embed, with their titles in each language.

Lessons refer to simulators by name; the validator rejects names that are not listed here, and
the UI maps each name to its panel.
"""

from __future__ import annotations

SIMULATORS: dict[str, dict[str, str]] = {
    "bert-configurator": {"fr": "Configurateur de fine-tuning BERT et seq2seq",
                          "en": "BERT and seq2seq fine-tuning configurator"},
    "gpt-configurator": {"fr": "Configurateur de fine-tuning GPT et LLM", "en": "GPT and LLM fine-tuning configurator"},
    "metrics-calculator": {"fr": "Calculateur de métriques", "en": "Metrics calculator"},
    "transfer-lab": {"fr": "Laboratoire de transfer learning", "en": "Transfer-learning lab"},
}


def simulator_title(name: str, lang: str) -> str:
    """The simulator's title in `lang` (its name when unknown)."""
    titles = SIMULATORS.get(name)
    if titles is None:
        return name
    return titles.get(lang) or titles["en"]
