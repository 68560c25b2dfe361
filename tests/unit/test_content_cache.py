"""The content cache: a hit gives the same content, any change or damage means a full load, and a
cache file can never run code (review H1, probe 3.23) nor crash `tutor` when damaged."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tutor.content import model as content_module
from tutor.loader import (
    Content,
    builtin_paths,
    content_stamp,
    load_content,
    load_content_cached,
)
from tutor.loader import cache as content_cache
from tutor.loader.cache import CACHE_NAME, SCHEMA, CacheRejected, decode, encode
from tutor.locations import cache_dir
from tutor.quiz import model as quiz_model_module

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lessons"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def cache_file() -> Path:
    return cache_dir() / CACHE_NAME


def fresh() -> Content:
    """The shipped content, read from the YAML."""
    content = load_content(builtin_paths())
    assert content.problems == []
    return content


def valid_cache() -> dict[str, Any]:
    """Cache the shipped content and return the cache file's JSON document."""
    load_content_cached(builtin_paths())
    document: dict[str, Any] = json.loads(cache_file().read_bytes())
    return document


def write_document(document: Any) -> None:
    cache_file().write_text(json.dumps(document), encoding="utf-8")


def assert_rebuilt_from_the_files() -> None:
    """The next load ignores the cache, gives the shipped content, and replaces the cache with a good one."""
    loaded = load_content_cached(builtin_paths())
    expected = fresh()
    assert repr(loaded.course) == repr(expected.course) and repr(loaded.quizzes) == repr(expected.quizzes)
    stamp = content_stamp(builtin_paths())
    assert stamp is not None
    course, quizzes = decode(cache_file().read_bytes(), stamp)
    assert course == expected.course and quizzes == expected.quizzes


# --- Hits, misses, and what a hit gives -----------------------------------------------------------


def test_a_hit_gives_the_same_content_without_reading_yaml(tmp_path: Path) -> None:
    paths = [*builtin_paths(), tmp_path]
    (tmp_path / "demo.fr.yaml").write_bytes((FIXTURES / "demo.fr.yaml").read_bytes())
    (tmp_path / "demo.en.yaml").write_bytes((FIXTURES / "demo.en.yaml").read_bytes())
    first = load_content_cached(paths)
    assert first.problems == [] and cache_file().exists()
    second = load_content_cached(paths)
    assert second.course.modules == first.course.modules and second.quizzes.banks == first.quizzes.banks
    assert oct(cache_file().stat().st_mode & 0o777) == "0o600"
    assert oct(cache_dir().stat().st_mode & 0o777) == "0o700"


def test_a_hit_is_identical_to_a_fresh_load_down_to_the_types() -> None:
    """Same lesson blocks and quiz questions, and the same types (a tuple stays a tuple, 1 stays int)."""
    expected = fresh()
    load_content_cached(builtin_paths())
    hit = load_content_cached(builtin_paths())
    assert repr(hit.course) == repr(expected.course)
    assert repr(hit.quizzes) == repr(expected.quizzes)
    for (module_id, lang), module in expected.course.modules.items():
        cached = hit.course.module(module_id, lang)
        assert cached is not None and cached.lang == lang
        for section, cached_section in zip(module.sections, cached.sections, strict=True):
            assert [type(b) for b in section.blocks] == [type(b) for b in cached_section.blocks]
            assert [b.kind for b in section.blocks] == [b.kind for b in cached_section.blocks]
    for lang in ("fr", "en"):
        for bank, cached_bank in zip(expected.quizzes.banks_in(lang), hit.quizzes.banks_in(lang), strict=True):
            assert [q.id for q in bank.questions] == [q.id for q in cached_bank.questions]
            assert [q.right_choices() for q in bank.questions] == [q.right_choices() for q in cached_bank.questions]


def test_tutor_lessons_prints_the_same_from_the_cache(isolated_home: Path) -> None:
    """The command as a learner runs it: first without a cache, then from it."""
    env = {**os.environ, "TUTOR_HOME": str(isolated_home), "TUTOR_LANG": "fr"}
    command = [sys.executable, "-m", "tutor", "lessons"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert cache_file().exists()
    second = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert second.stdout == first.stdout and second.stderr == first.stderr == ""


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
    assert not cache_file().exists()


def test_the_cache_spares_pyyaml(tmp_path: Path) -> None:
    load_content_cached(builtin_paths())
    code = ("import sys\nfrom tutor.loader import builtin_paths, load_content_cached\n"
            "load_content_cached(builtin_paths())\nprint('yaml' in sys.modules, 'pickle' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ})
    assert result.stdout.strip() == "False False"
    assert load_content(builtin_paths()).problems == []


# --- The codec ------------------------------------------------------------------------------------


def test_the_round_trip_gives_every_lesson_and_bank_back_in_both_languages() -> None:
    content = fresh()
    course, quizzes = decode(encode(content.course, content.quizzes, "stamp"), "stamp")
    assert course == content.course and quizzes == content.quizzes
    for lang in ("fr", "en"):
        modules = [m for (_, module_lang), m in content.course.modules.items() if module_lang == lang]
        banks = [b for (_, bank_lang), b in content.quizzes.banks.items() if bank_lang == lang]
        assert modules and banks, f"the shipped content has modules and banks in {lang}"
        for module in modules:
            assert course.modules[(module.id, lang)] == module
        for bank in banks:
            assert quizzes.banks[(bank.id, lang)] == bank


def test_the_schema_matches_the_classes_annotations() -> None:
    """SCHEMA is written out by hand (for speed); it must say what the classes declare."""
    for cls, fields in SCHEMA.items():
        hints = typing.get_type_hints(cls)
        assert list(fields) == [f.name for f in dataclasses.fields(cls)], cls.__name__
        for name, declared in fields.items():
            assert declared == hints[name], f"{cls.__name__}.{name}: {declared} != {hints[name]}"


def test_every_content_class_is_in_the_allow_list() -> None:
    """A dataclass reachable from Course or QuizLibrary but not in SCHEMA would make caching fail."""
    missing = []
    for module in (content_module, quiz_model_module):
        for value in vars(module).values():
            ours = isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__
            if ours and value is not content_module.Block and value not in SCHEMA:
                missing.append(value.__name__)
    assert missing == []


def test_the_codec_handles_enums_frozensets_and_other_slots() -> None:
    import enum

    class Colour(enum.Enum):
        RED = "red"

    for hint, value in [
        (Colour, Colour.RED),
        (frozenset[str], frozenset({"a", "b"})),
        (tuple[int, str], (1, "x")),
        (dict[tuple[str, str], float], {("a", "b"): 1.5}),
        (int | str, "x"),
        (int | str, 3),
        (typing.Literal["fr", "en"], "fr"),
    ]:
        encoded = content_cache.encoder(hint)(value)
        assert content_cache.decoder(hint)(json.loads(json.dumps(encoded))) == value
    with pytest.raises(ValueError):
        content_cache.decoder(Colour)("blue")
    with pytest.raises(CacheRejected):
        content_cache.decoder(typing.Literal["fr", "en"])("de")


def test_content_that_could_not_come_back_equal_is_not_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list where a tuple is declared would come back a tuple: better no cache than another content."""
    content = fresh()
    module = next(iter(content.course.modules.values()))
    bad = dataclasses.replace(module, sections=list(module.sections))  # type: ignore[arg-type]
    content.course.modules[(module.id, module.lang)] = bad
    with pytest.raises(CacheRejected):
        encode(content.course, content.quizzes, "stamp")
    monkeypatch.setattr("tutor.loader.load_content", lambda paths: content)
    load_content_cached(builtin_paths())
    assert not cache_file().exists()


# --- The old pickle is never read (H1, probe 3.23) -------------------------------------------------


class _Payload:
    """Unpickling this creates `marker`: the proof that a pickle ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[str]]:
        return os.mkdir, (str(self.marker),)


def test_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED_BY_PICKLE"
    payload = pickle.dumps(_Payload(marker))
    cache_dir().mkdir(mode=0o700, parents=True)
    (cache_dir() / "content.pickle").write_bytes(payload)
    content = load_content_cached(builtin_paths())
    assert content.problems == [] and not marker.exists()
    assert not (cache_dir() / "content.pickle").exists(), "the old cache, ours, is deleted"
    cache_file().write_bytes(payload)  # the same bytes under the new name: not JSON, ignored
    assert load_content_cached(builtin_paths()).problems == [] and not marker.exists()
    assert not marker.exists()


def test_an_old_pickle_of_another_user_is_left_alone(tmp_path: Path) -> None:
    if not IS_ROOT:
        pytest.skip("needs root to give the file to another user")
    marker = tmp_path / "PWNED_BY_PICKLE"
    cache_dir().mkdir(mode=0o700, parents=True)
    old = cache_dir() / "content.pickle"
    old.write_bytes(pickle.dumps(_Payload(marker)))
    os.chown(old, 65534, 65534)
    assert load_content_cached(builtin_paths()).problems == []
    assert old.exists() and not marker.exists()


# --- Damaged and hostile caches are ignored and rebuilt --------------------------------------------

# 12 bytes each that made the pickle cache crash `tutor`: a frame of 2**62 bytes (MemoryError), a
# BINBYTES8 of 2**63-1 bytes (OverflowError).
TWELVE_BYTES = b"\x80\x04\x95" + (2**62).to_bytes(8, "little") + b"."
TWELVE_BYTES_TOO = b"\x80\x04\x8e" + (2**63 - 1).to_bytes(8, "little") + b"."


@pytest.mark.parametrize("damage", [
    b"", b"not json", b"\x80\x05garbage", TWELVE_BYTES, TWELVE_BYTES_TOO, random.Random(0).randbytes(4096),
    b'{"format": 2, "stamp": "x", "content": [', b"\xff\xfe{}", b"null", b"[]", b"1e999999",
    b"9" * 5000, b"[" * 100_000 + b"]" * 100_000, b'{"format": 2}' * 3,
])
def test_damaged_bytes_fall_back_to_the_files(damage: bytes) -> None:
    cache_dir().mkdir(mode=0o700, parents=True)
    cache_file().write_bytes(damage)
    (cache_dir() / "content.pickle").write_bytes(damage)  # the old path: never read
    assert_rebuilt_from_the_files()


@pytest.mark.parametrize("damage", [TWELVE_BYTES, TWELVE_BYTES_TOO])
def test_the_twelve_bytes_crashed_the_pickle_loader(damage: bytes, tmp_path: Path) -> None:
    """What the tests above guard against: read as the old cache was, these bytes raise what it did not catch."""
    assert len(damage) == 12
    (tmp_path / "content.pickle").write_bytes(damage)
    with (tmp_path / "content.pickle").open("rb") as stream, pytest.raises((OverflowError, MemoryError)):
        pickle.load(stream)


def test_a_truncated_cache_falls_back_to_the_files() -> None:
    valid_cache()
    raw = cache_file().read_bytes()
    for size in (1, 100, len(raw) // 2, len(raw) - 1):
        cache_file().write_bytes(raw[:size])
        assert_rebuilt_from_the_files()


def _first(document: dict[str, Any], name: str) -> list[Any]:
    """The first encoded object of class `name` in a cache document (found depth-first)."""
    stack = [document["content"]]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            if value and value[0] == name:
                return value
            stack.extend(reversed(value))
    raise AssertionError(name)


def _mutations() -> dict[str, Callable[[dict[str, Any]], Any]]:
    def set_field(name: str, index: int, value: Any) -> Callable[[dict[str, Any]], Any]:
        def mutate(document: dict[str, Any]) -> dict[str, Any]:
            _first(document, name)[index] = value
            return document
        return mutate

    def rename(old: str, new: str) -> Callable[[dict[str, Any]], Any]:
        def mutate(document: dict[str, Any]) -> dict[str, Any]:
            _first(document, old)[0] = new
            return document
        return mutate

    def drop_field(document: dict[str, Any]) -> dict[str, Any]:
        _first(document, "Section").pop()
        return document

    def extra_field(document: dict[str, Any]) -> dict[str, Any]:
        _first(document, "Section").append("more")
        return document

    def nested(depth: int) -> Callable[[dict[str, Any]], Any]:
        def mutate(document: dict[str, Any]) -> str:
            text = json.dumps(document)
            title = json.dumps(_first(document, "Module")[4])
            return text.replace(title, "[" * depth + "1" + "]" * depth, 1)
        return mutate

    return {
        "a list at the top": lambda document: [document],
        "an unknown key": lambda document: {**document, "more": 1},
        "another format": lambda document: {**document, "format": 1},
        "format true": lambda document: {**document, "format": True},
        "no content": lambda document: {"format": 2, "stamp": document["stamp"], "content": None},
        "a title that is a number": set_field("Module", 4, 5),
        "a title that is a list": set_field("Section", 2, ["a"]),
        "a number that is text": set_field("Module", 3, "7"),
        "a boolean that is a number": set_field("Option", 3, 1),
        "a huge integer": set_field("Module", 3, 10**300),
        "a huge float": set_field("Question", 9, 1e308 * 10),
        "an unknown language": set_field("Module", 2, "de"),
        "an answer that is a container": set_field("Question", 12, {"__reduce__": "os.system"}),
        "a module that is a dict": set_field("Module", 7, {"title": "x"}),
        "a class outside the allow-list": rename("MarkdownBlock", "Popen"),
        "a dotted name": rename("MarkdownBlock", "os.system"),
        "an allowed class in the wrong slot": rename("MarkdownBlock", "Option"),
        "a base class": rename("MarkdownBlock", "Block"),
        "a missing field": drop_field,
        "an extra field": extra_field,
        "nesting 100,000 deep": nested(100_000),
        "nesting 500 deep": nested(500),
    }


@pytest.mark.parametrize("name", list(_mutations()))
def test_a_hostile_json_cache_with_the_right_stamp_is_ignored(name: str) -> None:
    document = valid_cache()
    hostile = _mutations()[name](document)
    if isinstance(hostile, str):
        cache_file().write_text(hostile, encoding="utf-8")
    else:
        write_document(hostile)
    stamp = content_stamp(builtin_paths())
    with pytest.raises((ValueError, RecursionError)):
        decode(cache_file().read_bytes(), stamp)
    assert_rebuilt_from_the_files()


def test_a_cache_for_other_files_is_ignored() -> None:
    document = valid_cache()
    _first(document, "Module")[4] = "PLANTED"
    write_document({**document, "stamp": "something else"})
    assert_rebuilt_from_the_files()


def test_a_huge_cache_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    document = valid_cache()
    _first(document, "Module")[4] = "PLANTED"
    write_document(document)
    monkeypatch.setattr(content_cache, "SIZE_LIMIT", 1000)
    loaded = load_content_cached(builtin_paths())
    assert all(module.title != "PLANTED" for module in loaded.course.modules.values())


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["directory", "fifo", "symlink", "dangling symlink"])
def test_something_else_in_the_cache_files_place_is_ignored(kind: str, tmp_path: Path) -> None:
    document = valid_cache()
    _first(document, "Module")[4] = "PLANTED"
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps(document), encoding="utf-8")
    planted.chmod(0o600)
    cache_file().unlink()
    if kind == "directory":
        cache_file().mkdir()
    elif kind == "fifo":
        os.mkfifo(cache_file(), 0o600)  # reading it would block for ever
    elif kind == "symlink":
        cache_file().symlink_to(planted)
    else:
        cache_file().symlink_to(tmp_path / "nowhere")
    loaded = load_content_cached(builtin_paths())
    assert loaded.problems == []
    assert all(module.title != "PLANTED" for module in loaded.course.modules.values())
    if kind != "directory":  # a directory cannot be replaced by a file: the cache is just not used
        assert_rebuilt_from_the_files()


# --- Owners and modes -----------------------------------------------------------------------------


def _planted_cache() -> None:
    """A well-formed cache with the right stamp, whose first module's title is PLANTED."""
    document = valid_cache()
    _first(document, "Module")[4] = "PLANTED"
    write_document(document)
    cache_file().chmod(0o600)
    planted = load_content_cached(builtin_paths())  # a cache of ours is trusted
    assert any(module.title == "PLANTED" for module in planted.course.modules.values())


def _not_planted() -> bool:
    loaded = load_content_cached(builtin_paths())
    return loaded.problems == [] and all(module.title != "PLANTED" for module in loaded.course.modules.values())


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_cache_writable_by_others_is_ignored(mode: int) -> None:
    _planted_cache()
    cache_file().chmod(mode)
    assert _not_planted()
    assert oct(cache_file().stat().st_mode & 0o777) == "0o600"  # rebuilt, private again


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_cache_directory_writable_by_others_is_ignored_then_tightened(mode: int) -> None:
    _planted_cache()
    cache_dir().chmod(mode)
    assert _not_planted()
    assert oct(cache_dir().stat().st_mode & 0o777) == "0o700"


def test_a_cache_owned_by_another_user_is_ignored() -> None:
    if not IS_ROOT:
        pytest.skip("needs root to give the file to another user (nobody)")
    _planted_cache()
    os.chown(cache_file(), 65534, 65534)
    assert _not_planted()
    assert cache_file().stat().st_uid == os.getuid()  # replaced by ours


def test_a_cache_directory_owned_by_another_user_is_neither_read_nor_written() -> None:
    if not IS_ROOT:
        pytest.skip("needs root to give the directory to another user (nobody)")
    _planted_cache()
    os.chown(cache_dir(), 65534, 65534)
    before = cache_file().read_bytes()
    assert _not_planted()
    assert cache_file().read_bytes() == before


def test_another_user_cannot_plant_a_cache_through_runuser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe 3.23 end to end: `nobody` writes the cache file in a directory it may write; we ignore it."""
    if not IS_ROOT or shutil.which("runuser") is None:
        pytest.skip("needs root and runuser to act as nobody")
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="tutor-shared-home-"))  # pytest's own temp dirs are 0700
    try:
        shared.chmod(0o755)
        monkeypatch.setenv("TUTOR_HOME", str(shared / "home"))
        document = valid_cache()
        _first(document, "Module")[4] = "PLANTED"
        cache_file().unlink()
        os.chmod(shared / "home", 0o777)  # a shared TUTOR_HOME, or a ~/.cache made under umask 000
        os.chmod(cache_dir(), 0o777)
        result = subprocess.run(["runuser", "-u", "nobody", "--", "sh", "-c", 'cat > "$1"', "sh", str(cache_file())],
                                input=json.dumps(document), capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"runuser failed: {result.stderr.strip()[:200]}")
        assert cache_file().stat().st_uid == 65534
        assert _not_planted()
        assert cache_file().stat().st_uid == os.getuid()  # replaced by ours, in a directory now 0700
        assert oct(cache_dir().stat().st_mode & 0o777) == "0o700"
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_the_cache_is_private_even_under_umask_000(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe 3.22: every directory the cache write creates is 0700, the file 0600."""
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    old = os.umask(0)
    try:
        load_content_cached(builtin_paths())
    finally:
        os.umask(old)
    assert oct(cache_file().stat().st_mode & 0o777) == "0o600"
    for directory in (cache_dir(), home, home.parent):
        assert oct(directory.stat().st_mode & 0o777) == "0o700", directory
    assert not list(cache_dir().glob("*.tmp"))


# --- A first start loads the YAML in a child while the UI is imported -------------------------------


@pytest.fixture
def idle_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores and nothing else running, whatever the test machine is doing."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0), raising=False)


@pytest.mark.usefixtures("idle_machine")
def test_a_first_start_with_meanwhile_gives_the_same_content_and_writes_the_cache() -> None:
    calls: list[int] = []
    loaded = load_content_cached(builtin_paths(), meanwhile=lambda: calls.append(os.getpid()))
    expected = fresh()
    assert repr(loaded.course) == repr(expected.course) and repr(loaded.quizzes) == repr(expected.quizzes)
    assert loaded.problems == []
    assert calls == [os.getpid()]  # run once, here (not in the child)
    assert_rebuilt_from_the_files()  # the cache the child wrote is a good one


@pytest.mark.usefixtures("idle_machine")
def test_meanwhile_is_not_run_on_a_hit() -> None:
    load_content_cached(builtin_paths())
    calls: list[int] = []
    load_content_cached(builtin_paths(), meanwhile=lambda: calls.append(1))
    assert calls == []


@pytest.mark.usefixtures("idle_machine")
def test_invalid_content_with_meanwhile_reports_the_same_problems(tmp_path: Path) -> None:
    (tmp_path / "broken.fr.yaml").write_text("id: broken\n", encoding="utf-8")
    paths = [*builtin_paths(), tmp_path]
    expected = load_content(paths).problems
    result = load_content_cached(paths, meanwhile=lambda: None)
    assert result.problems == expected != []
    assert not cache_file().exists()


@pytest.mark.usefixtures("idle_machine")
def test_a_failing_child_means_the_files_are_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    real = load_content

    def only_here(paths: Any) -> Content:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(paths)

    monkeypatch.setattr("tutor.loader.load_content", only_here)
    loaded = load_content_cached(builtin_paths(), meanwhile=lambda: None)
    assert repr(loaded.course) == repr(fresh().course)
    assert cache_file().exists()  # written by the parent's own load


@pytest.mark.usefixtures("idle_machine")
def test_an_error_in_meanwhile_propagates_and_the_child_is_reaped(monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    def fail() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(KeyboardInterrupt):
        load_content_cached(builtin_paths(), meanwhile=fail)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)  # already reaped: no zombie left behind


@pytest.mark.parametrize(("cores", "load"), [({0}, 0.0), ({0, 1}, 2.0), ({0, 1, 2, 3}, 4.5)])
def test_no_spare_core_means_no_child(cores: set[int], load: float, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load), raising=False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked without a spare core"))
    calls: list[int] = []
    assert load_content_cached(builtin_paths(), meanwhile=lambda: calls.append(1)).problems == []
    assert calls == []


def test_the_app_passes_the_ui_import_and_plain_mode_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tutor` (full screen) overlaps the load with `import_ui`; `--plain` never imports the UI for it."""
    import argparse

    from tutor.cli import app as commands

    seen: list[object] = []

    def record(args: argparse.Namespace, meanwhile: object = None) -> None:
        seen.append(meanwhile)  # and no content: run_app stops there

    monkeypatch.setattr(commands, "load_or_report", record)
    assert commands.run_app(argparse.Namespace(plain=False)) == commands.EXIT_PROBLEMS
    assert commands.run_app(argparse.Namespace(plain=True)) == commands.EXIT_PROBLEMS
    assert seen == [commands.import_ui, None]
