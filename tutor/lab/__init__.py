"""Transfer-learning lab: a small network pre-trained on a source task, then fine-tuned on a
related target task with few examples, in front of the learner (pure core: never imports textual).

Importing this package (or tutor.cli.lab, which is `tutor lab`) imports nothing heavy; numpy is
imported only by the modules that train (data, network, train), i.e. when the lab is opened.

corpus (word lists, the two tasks) · strategies (network sizes, what each strategy trains) ·
settings (LabSettings, parse_settings, validation) · results (EpochStats, RunResult) ·
scenarios (the shipped lessons and their claims) · plan (a scenario or settings plus the values
typed → the runs to train, for the panel and the CLI alike) · legend (a marker per curve, the
plots' legend) · report (text output) · messages (fr/en) ·
data, network, train (numpy: documents, forward/backward/AdamW, pre-training cache and `run`).

For the interface: `from tutor.lab.train import run, compare` (in a worker thread),
`from tutor.lab.scenarios import SCENARIOS, run_scenario`, `from tutor.lab.settings import
LabSettings, parse_settings`.
"""
