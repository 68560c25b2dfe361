"""Shared fixtures: an isolated TUTOR_HOME for every test, content paths, an app factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The class database's server and the store tests' backend parameter (tests/pg_server.py).
from tests.pg_server import backend, open_test_store, pg_learner, pg_server  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own TUTOR_HOME and a neutral environment (no learner, no language)."""
    home = tmp_path_factory.mktemp("tutor-home")
    monkeypatch.setenv("TUTOR_HOME", str(home))
    for variable in ("TUTOR_LANG", "TUTOR_CONTENT", "TUTOR_LEARNER", "TUTOR_DATABASE_URL", "TUTOR_CLASS", "LC_ALL",
                     "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield home


@pytest.fixture
def write_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], Path]:
    """Write a YAML file under tmp_path (the current directory, so messages show short paths)."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_app(isolated_home: Path) -> Callable[..., object]:
    """Build a TutorApp on the built-in lessons (plus `content` dirs) with the test's own store."""
    from tutor.loader import builtin_paths, load_content
    from tutor.store.sqlite import SQLiteStore
    from tutor.ui.app import TutorApp

    stores: list[SQLiteStore] = []

    def factory(lang: str = "fr", content: tuple[Path, ...] = (), learner: str = "test", **options: object) -> TutorApp:
        result = load_content([*builtin_paths(), *content])
        assert result.problems == []
        store, _ = SQLiteStore.open(isolated_home / f"{learner}.sqlite3")
        stores.append(store)
        # An explicit theme: otherwise it would follow the colours of the terminal running the tests.
        options.setdefault("theme", "tutor-dark")
        return TutorApp(result.course, store, lang, quizzes=result.quizzes, learner=learner, **options)  # type: ignore[arg-type]

    yield factory
    for store in stores:
        store.close()
