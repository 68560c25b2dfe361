"""tutor — a terminal tutor and quiz for the NLP module "Fine-tuning & Transfer Learning"."""

__version__ = "0.1.0"
