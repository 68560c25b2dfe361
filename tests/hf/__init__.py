"""Checks against torch, transformers, peft and trl themselves (test-only dependencies)."""
