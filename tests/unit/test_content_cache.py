"""The content cache: a hit gives the same content, any change or damage means a full load."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tutor.loader import builtin_paths, load_content, load_content_cached
from tutor.locations import cache_dir

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lessons"


def test_a_hit_gives_the_same_content_without_reading_yaml(tmp_path: Path) -> None:
    paths = [*builtin_paths(), tmp_path]
    (tmp_path / "demo.fr.yaml").write_bytes((FIXTURES / "demo.fr.yaml").read_bytes())
    (tmp_path / "demo.en.yaml").write_bytes((FIXTURES / "demo.en.yaml").read_bytes())
    first = load_content_cached(paths)
    assert first.problems == [] and (cache_dir() / "content.pickle").exists()
    second = load_content_cached(paths)
    assert second.course.modules == first.course.modules and second.quizzes.banks == first.quizzes.banks
    assert oct((cache_dir() / "content.pickle").stat().st_mode & 0o777) == "0o600"


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    target = tmp_path / "demo.fr.yaml"
    target.write_bytes((FIXTURES / "demo.fr.yaml").read_bytes())
    (tmp_path / "demo.en.yaml").write_bytes((FIXTURES / "demo.en.yaml").read_bytes())
    paths = [*builtin_paths(), tmp_path]
    load_content_cached(paths)
    target.write_text(target.read_text(encoding="utf-8").replace("Introduction", "Ouverture"), encoding="utf-8")
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    changed = load_content_cached(paths)
    module = changed.course.module("demo", "fr")
    assert module is not None and module.sections[0].title == "Ouverture"


def test_invalid_content_is_never_cached(tmp_path: Path) -> None:
    (tmp_path / "broken.fr.yaml").write_text("id: broken\n", encoding="utf-8")
    result = load_content_cached([*builtin_paths(), tmp_path])
    assert result.problems
    assert not (cache_dir() / "content.pickle").exists()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_falls_back_to_the_files(damage: bytes) -> None:
    cache = cache_dir() / "content.pickle"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(damage)
    content = load_content_cached(builtin_paths())
    assert content.problems == [] and content.course.module("fine-tuning", "fr") is not None


def test_the_cache_spares_pyyaml(tmp_path: Path) -> None:
    import subprocess

    load_content_cached(builtin_paths())
    code = ("import sys\nfrom tutor.loader import builtin_paths, load_content_cached\n"
            "load_content_cached(builtin_paths())\nprint('yaml' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ})
    assert result.stdout.strip() == "False"
    assert load_content(builtin_paths()).problems == []
