"""Fine-tuning simulators: the pure core (never imports textual or numpy).

catalogue (models, GPUs, parameter counts) · peft (LoRA, adapters, BitFit) · config
(FineTuneConfig, validation) · parsing (user text → values) · estimate (memory, steps, FLOPs,
time) · schedules (Trainer steps, learning-rate schedules, per-layer rates, gradual unfreezing) ·
sampling (temperature, top-k, top-p) · recommend, recommend_data, textmatch (task recognition) ·
export (Python script, YAML) · report (plain-text reports) · messages (fr/en words).
The sub-commands (`tutor recommend`, `estimate`, `sample`) are in tutor.cli.sim.
"""
