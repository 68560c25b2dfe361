"""The lab is light until used: importing tutor.lab or its CLI loads neither numpy nor textual."""

from __future__ import annotations

import subprocess
import sys

PURE = [
    "tutor.lab", "tutor.cli.lab", "tutor.lab.corpus", "tutor.lab.strategies", "tutor.lab.settings",
    "tutor.lab.results", "tutor.lab.scenarios", "tutor.lab.report", "tutor.lab.messages",
]


def loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in ("numpy", "textual")}


def test_importing_the_lab_and_its_cli_loads_no_numpy() -> None:
    assert heavy(loaded_after("import tutor.lab")) == set()
    assert heavy(loaded_after("import tutor.cli.lab")) == set()
    assert heavy(loaded_after("\n".join(f"import {name}" for name in PURE))) == set()


def test_registering_the_sub_command_and_listing_scenarios_stay_light() -> None:
    code = (
        "from tutor.cli.parser import TutorArgumentParser\nimport tutor.cli.lab as lab\n"
        "p = TutorArgumentParser(prog='tutor')\nsub = p.add_subparsers(dest='command')\nlab.register(sub, p)\n"
        "args = p.parse_args(['lab', '--list', '--lang', 'en'])\nargs.handler(args)\n"
        "from tutor.lab.settings import parse_settings\nparse_settings({'lr': 'x'})\n"
    )
    modules = loaded_after(code)
    assert heavy(modules) == set()
    assert "tutor.lab.train" not in modules


def test_training_imports_numpy_with_single_threaded_blas() -> None:
    code = "import os\nfrom tutor.lab.train import run\nprint(os.environ.get('OPENBLAS_NUM_THREADS'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin"}).stdout
    assert out.split()[0] == "1"
