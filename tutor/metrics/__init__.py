"""Evaluation metrics for the fine-tuning module, computed exactly as the reference libraries.

Pure Python (no numpy, no textual). Modules:
classification (scikit-learn), ner (seqeval), qa (SQuAD v1.1), bleu and chrf (sacreBLEU), rouge and porter
(rouge-score / nltk), perplexity; readers and pipeline turn files into results; report (the report
model), explain_labels and explain_generation (its builders, chosen by explain) turn results into
reports; samples ships example data.
`tutor metrics …` is tutor.cli.metrics. Import the submodules directly: this package imports nothing.
"""
