"""The simulators' core stays pure: no textual, no numpy; the CLI module is light to import."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "tutor.sim", "tutor.sim.catalogue", "tutor.sim.peft", "tutor.sim.config", "tutor.sim.estimate",
    "tutor.sim.schedules", "tutor.sim.sampling", "tutor.sim.recommend", "tutor.sim.export", "tutor.sim.report",
    "tutor.sim.parsing", "tutor.sim.textmatch", "tutor.sim.messages", "tutor.sim.recommend_data",
]


def loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_core_never_imports_textual_or_numpy() -> None:
    modules = loaded_after("\n".join(f"import {name}" for name in CORE) + "\nimport tutor.sim.export as e\n"
                           "from tutor.sim.config import FineTuneConfig\ne.to_yaml(FineTuneConfig())")
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)
    assert not any(m == "numpy" or m.startswith("numpy.") for m in modules)


def test_cli_module_is_light() -> None:
    modules = loaded_after("import tutor.cli.sim")
    assert not {"tutor.sim.estimate", "tutor.sim.sampling", "tutor.sim.recommend", "yaml"} & modules
