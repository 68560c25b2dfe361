"""`tutor serve` on a shared host (review C1 = probes 4.2-4.5, 4.8; M13 = 4.9).

A real server on a free port, spoken to with aiohttp's client: the page and its WebSocket need the
token, a foreign Host (DNS rebinding) or Origin (cross-site WebSocket hijacking) is refused, sessions
are capped, the token goes to stderr once and nowhere else. Then the pure checks
(tutor.serve_guard) one by one, and the metrics calculator's file loader as a served session sees it.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.system.test_browser import free_port, stop, wait_listening

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve (the 'web' extra)")
pytest.importorskip("textual_serve", reason="textual-serve is not installed (the 'web' extra)")

TIMEOUT = 30.0
TOKEN = "test-token-0123456789abcdef"
MAX_SESSIONS = 2


@dataclass
class Served:
    """A running `tutor serve`: its process, port, log file and token."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path
    token: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ws(self, token: str | None = "") -> str:
        """The WebSocket URL: the page's form (/ws/TOKEN), `?token=`, or none (token=None)."""
        if token is None:
            return f"ws://127.0.0.1:{self.port}/ws?width=80&height=24"
        return f"ws://127.0.0.1:{self.port}/ws/{token or self.token}?width=80&height=24"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(directory: Path, *options: str, env: dict[str, str] | None = None) -> Served:
    port = free_port()
    home = directory / "home"
    home.mkdir(exist_ok=True)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "TERM": "xterm-256color", "TUTOR_HOME": str(home),
                   "LANG": "C.UTF-8", **(env or {})}
    for variable in ("TEXTUAL", "TUTOR_LANG", "TUTOR_LEARNER", "TUTOR_CONTENT", "PYTEST_CURRENT_TEST"):
        environment.pop(variable, None)
    if "TUTOR_SERVE_TOKEN" not in (env or {}):
        environment.pop("TUTOR_SERVE_TOKEN", None)
    log = directory / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tutor", "--lang", "en", "serve", "--port", str(port), *options],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, env=environment,
            start_new_session=True,
        )
    wait_listening(process, port, log)
    return Served(process, port, log, "")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module: a fixed token (from the environment), the default session cap."""
    directory = tmp_path_factory.mktemp("served")
    server = start_server(directory, "--learner", "web", env={"TUTOR_SERVE_TOKEN": TOKEN})
    server.token = TOKEN
    try:
        yield server
    finally:
        stop(server.process, signal.SIGTERM)


async def first_bytes(websocket: Any, enough: int = 1000) -> bytes:
    """The app's first `enough` bytes of screen (binary messages), within TIMEOUT."""
    received = b""
    async with asyncio.timeout(TIMEOUT):
        async for message in websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                received += bytes(message.data)
                if len(received) >= enough:
                    return received
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    raise AssertionError(f"the session sent {len(received)} bytes of screen, not {enough}")


async def handshake_status(url: str, **options: Any) -> int:
    """The HTTP status a WebSocket handshake gets (101 when accepted; the socket is closed at once)."""
    async with aiohttp.ClientSession() as client:
        try:
            websocket = await client.ws_connect(url, **options)
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        await websocket.close()
        return 101


async def get(url: str, **options: Any) -> tuple[int, str]:
    async with aiohttp.ClientSession() as client, client.get(url, **options) as response:
        return response.status, await response.text()


async def wait_until_free(served: Served) -> None:
    """Poll the page until it is no longer "all sessions open" (a closed session is counted out
    once its process has exited); bounded, so a slot never freed fails the test."""
    for _ in range(300):
        status, _ = await get(f"{served.base}/?token={served.token}")
        if status == 200:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("a closed session was never counted out")


# -- the page (4.2) -------------------------------------------------------------------------------------


async def test_the_page_needs_the_token(served: Served) -> None:
    status, text = await get(f"{served.base}/")
    assert status == 403 and "token" in text and TOKEN not in text
    status, _ = await get(f"{served.base}/?token=wrong-token-0123456789")
    assert status == 403
    status, _ = await get(f"{served.base}/?token={TOKEN[:-1]}")  # a prefix is not the token
    assert status == 403


async def test_with_the_token_the_page_carries_it_to_its_websocket(served: Served) -> None:
    status, page = await get(f"{served.base}/?token={TOKEN}")
    assert status == 200
    match = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert match and match.group(1) == f"ws://127.0.0.1:{served.port}/ws/{TOKEN}"
    async with aiohttp.ClientSession() as client, client.get(f"{served.base}/?token={TOKEN}") as response:
        assert response.headers["Referrer-Policy"] == "no-referrer"  # the page links a font: no token to it
        assert "no-store" in response.headers["Cache-Control"]


async def test_static_files_stay_public(served: Served) -> None:
    status, _ = await get(f"{served.base}/static/js/textual.js")
    assert status == 200


# -- the Host header (4.3) ---------------------------------------------------------------------------------


async def test_a_foreign_host_is_refused_even_with_the_token(served: Served) -> None:
    for host in (f"evil.example:{served.port}", "evil.example", "127.0.0.1.evil.example"):
        status, text = await get(f"{served.base}/?token={TOKEN}", headers={"Host": host})
        assert status == 403 and "Host" in text, host
        assert await handshake_status(served.ws(), headers={"Host": host}) == 403, host
    status, _ = await get(f"{served.base}/static/js/textual.js", headers={"Host": "evil.example"})
    assert status == 403


async def test_an_ssh_tunnel_host_is_accepted(served: Served) -> None:
    """`ssh -L 9000:127.0.0.1:PORT`: the browser says localhost:9000, the page's WebSocket follows it."""
    status, page = await get(f"{served.base}/?token={TOKEN}", headers={"Host": "localhost:9000"})
    assert status == 200 and f"ws://localhost:9000/ws/{TOKEN}" in page
    for host in ("[::1]:9000", "127.0.0.1", "LOCALHOST"):
        status, _ = await get(f"{served.base}/?token={TOKEN}", headers={"Host": host})
        assert status == 200, host


# -- the WebSocket (4.2, 4.4) -----------------------------------------------------------------------------


async def test_a_websocket_without_the_token_is_refused(served: Served) -> None:
    assert await handshake_status(served.ws(None), origin=served.origin) == 403
    assert await handshake_status(served.ws("wrong-token-0123456789"), origin=served.origin) == 403
    status = await handshake_status(f"ws://127.0.0.1:{served.port}/ws?token=nope", origin=served.origin)
    assert status == 403


async def test_a_websocket_from_another_origin_is_refused(served: Served) -> None:
    for origin in ("http://evil.example", f"http://evil.example:{served.port}", "null",
                   f"https://127.0.0.1:{served.port}", "http://127.0.0.1:1", "http://localhost:9000"):
        assert await handshake_status(served.ws(), origin=origin) == 403, origin


async def test_with_the_token_and_its_own_origin_a_session_runs(served: Served) -> None:
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(served.ws(), origin=served.origin) as websocket:
            assert b"Course modules" in await first_bytes(websocket, 4000)
        # The token as a query parameter, for scripts; a tunnel's own origin and host go together.
        async with client.ws_connect(f"ws://127.0.0.1:{served.port}/ws?token={TOKEN}&width=80&height=24",
                                     origin="http://localhost:9000", headers={"Host": "localhost:9000"}) as websocket:
            assert b"Course modules" in await first_bytes(websocket, 4000)
    await wait_until_free(served)


# -- the session cap (4.9) ----------------------------------------------------------------------------------


async def test_the_session_after_the_cap_is_refused_and_the_page_says_why(tmp_path: Path) -> None:
    served = start_server(tmp_path, "--max-sessions", str(MAX_SESSIONS), "--token", TOKEN)
    served.token = TOKEN
    try:
        async with aiohttp.ClientSession() as client:
            sessions = [await client.ws_connect(served.ws(), origin=served.origin) for _ in range(MAX_SESSIONS)]
            for websocket in sessions:
                await first_bytes(websocket)
            assert await handshake_status(served.ws(), origin=served.origin) == 503
            status, text = await get(f"{served.base}/?token={TOKEN}")
            assert status == 503 and f"all {MAX_SESSIONS} sessions" in text
            await sessions.pop().close()
            await wait_until_free(served)  # one closed (its process gone): one place again
            async with client.ws_connect(served.ws(), origin=served.origin) as websocket:
                await first_bytes(websocket)
                assert await handshake_status(served.ws(), origin=served.origin) == 503
            for websocket in sessions:
                await websocket.close()
    finally:
        stop(served.process, signal.SIGTERM)


# -- the token itself -----------------------------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """The processes under `pid` (from /proc), e.g. the server's sessions."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


@pytest.mark.parametrize("given", [None, "from-the-environment-0123456789"], ids=["random", "environment"])
async def test_the_token_is_printed_once_and_reaches_no_session(tmp_path: Path, given: str | None) -> None:
    """Random, or from TUTOR_SERVE_TOKEN (which the sessions must not inherit): stderr shows it once, in the URL."""
    server = start_server(tmp_path, env={"TUTOR_SERVE_TOKEN": given} if given else None)
    try:
        match = re.search(r"http://127\.0\.0\.1:\d+/\?token=([A-Za-z0-9_-]+)\b", server.output())
        assert match, server.output()
        token = match.group(1)
        assert token == given if given else len(token) == 43
        status, _ = await get(f"{server.base}/?token={token}")
        assert status == 200
        url = f"ws://127.0.0.1:{server.port}/ws/{token}?width=80&height=24"
        async with aiohttp.ClientSession() as client, client.ws_connect(url, origin=server.origin) as websocket:
            await first_bytes(websocket)
            sessions = 0
            for child in descendants(server.process.pid):
                try:
                    environ = Path(f"/proc/{child}/environ").read_bytes()
                    argv = Path(f"/proc/{child}/cmdline").read_bytes()
                except OSError:
                    continue
                assert token.encode() not in environ + argv and b"TUTOR_SERVE_TOKEN" not in environ
                sessions += b"TUTOR_SERVE_FILES_DIR=" in environ and b"-m\0tutor" in argv
            assert sessions >= 1
    finally:
        stop(server.process, signal.SIGTERM)
    # The request log shows `<token>`: the token is on stderr once, in the start URL.
    assert server.output().count(token) == 1 and "token=<token>" in server.output()


def run_serve(*options: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "TUTOR_LANG": "en", **env}
    if "TUTOR_SERVE_TOKEN" not in env:
        environment.pop("TUTOR_SERVE_TOKEN", None)
    return subprocess.run([sys.executable, "-m", "tutor", "serve", "--port", str(free_port()), *options],
                          capture_output=True, text=True, timeout=TIMEOUT, env=environment, stdin=subprocess.DEVNULL,
                          check=False)


@pytest.mark.parametrize(("options", "env", "expected"), [
    (["--token", "short"], {}, "--token: expected a token of 16 to 256 characters"),
    (["--token", "has spaces in it, and more"], {}, "--token: expected a token"),
    ([], {"TUTOR_SERVE_TOKEN": "tiny"}, "TUTOR_SERVE_TOKEN: expected a token"),
    (["--max-sessions", "0"], {}, "out of range: 0 (expected 1-64)"),
    (["--max-sessions", "65"], {}, "out of range: 65 (expected 1-64)"),
    (["--max-sessions", "many"], {}, "not a number of sessions"),
    (["--files-dir", "/no/such/dir"], {}, "--files-dir /no/such/dir: not a readable directory"),
    (["--files-dir", "/etc/hostname"], {}, "not a directory"),
])
def test_bad_serve_options_are_one_line_and_exit_2(options: list[str], env: dict[str, str], expected: str) -> None:
    result = run_serve(*options, **env)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and expected in result.stderr and "Traceback" not in result.stderr


# -- the 0.0.0.0 warning (4.8) -----------------------------------------------------------------------------------


async def test_a_wildcard_bind_warns_and_answers_to_this_machines_names(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--host", "0.0.0.0", "--token", TOKEN, "--max-sessions", "3")
    try:
        output = server.output()
        assert "WARNING: listening on 0.0.0.0:" in output and "at most 3 sessions" in output.lower()
        assert "no other file" not in output and "file loading is off" in output
        assert f"open http://{socket.gethostname()}:{server.port}/?token={TOKEN} " in output
        for host in (f"{socket.gethostname()}:{server.port}", f"localhost:{server.port}"):
            status, _ = await get(f"{server.base}/?token={TOKEN}", headers={"Host": host})
            assert status == 200, host
        status, _ = await get(f"{server.base}/?token={TOKEN}", headers={"Host": f"evil.example:{server.port}"})
        assert status == 403
    finally:
        stop(server.process, signal.SIGTERM)


def test_the_exposure_warning_says_what_is_exposed() -> None:
    from tutor.cli.serve import exposure_warning

    for lang in ("en", "fr"):
        without = exposure_warning("0.0.0.0", 8000, "kim", Path("/srv/data"), lang)
        with_dir = exposure_warning("0.0.0.0", 8000, "kim", Path("/srv/data"), lang, files_dir=Path("/srv/in"),
                                    max_sessions=3)
        assert "'kim'" in without and "\n" not in without and "8000" in without
        assert "no other file" not in without and "aucun autre fichier" not in without
        assert "/srv/in" in with_dir and "3" in with_dir
    english = exposure_warning("0.0.0.0", 8000, "kim", Path("/srv/data"), "en")
    assert "token" in english and "file loading is off" in english and "simulators" in english
    assert "no encryption" in english and "ssh -L 8000:127.0.0.1:8000" in english


# -- the pure checks (tutor.serve_guard) ------------------------------------------------------------------------


def test_tokens() -> None:
    from tutor.cli import serve
    from tutor.serve_guard import TOKEN_MIN, new_token, token_matches, valid_token

    assert serve.TOKEN_MIN == TOKEN_MIN
    token = new_token()
    assert len(token) == 43 and valid_token(token) and token != new_token()
    assert token_matches(token, token)
    for given in (None, "", token[:-1], token + "x", token.upper() if token != token.upper() else "x", "é" * 43):
        assert not token_matches(given, token), given
    assert valid_token("a" * 16) and not valid_token("a" * 15) and not valid_token("a" * 257)
    assert not valid_token("abcdefghijklmnop?") and not valid_token("abcdefghijklmnop&x=1")
    assert not valid_token("abcdefghijklmnop\n")


def test_choose_token() -> None:
    from tutor.cli.serve import choose_token
    from tutor.errors import UsageError

    assert choose_token("x" * 20, {"TUTOR_SERVE_TOKEN": "y" * 20}) == "x" * 20
    assert choose_token(None, {"TUTOR_SERVE_TOKEN": "y" * 20}) == "y" * 20
    assert len(choose_token(None, {"TUTOR_SERVE_TOKEN": ""})) == 43
    with pytest.raises(UsageError):
        choose_token("short", {})


def test_split_host() -> None:
    from tutor.serve_guard import split_host

    assert split_host("localhost:9000") == ("localhost", 9000)
    assert split_host("LocalHost.") == ("localhost", None)
    assert split_host("[::1]:8000") == ("::1", 8000)
    assert split_host("[::1]") == ("::1", None)
    assert split_host("127.0.0.1") == ("127.0.0.1", None)
    for bad in (None, "", "::1", "[::1", "a@b", "host:0", "host:70000", "host:abc", "a b", "[zz::1]", "a/b", ":80"):
        assert split_host(bad) is None, bad


def test_host_policy_for_a_loopback_bind() -> None:
    from tutor.serve_guard import HostPolicy

    policy = HostPolicy.for_bind("127.0.0.1")
    for host in ("127.0.0.1:8000", "localhost:9000", "localhost", "[::1]:9000", "127.0.0.2:1", "LOCALHOST:8000"):
        assert policy.allows(host), host
    refused: tuple[str | None, ...] = ("evil.example:8000", "evil.example", "localhost.evil.example",
                                        "10.1.2.3:8000", None, "", "127.0.0.1@evil.example", "192.0.2.1")
    for refused_host in refused:
        assert not policy.allows(refused_host), refused_host


def test_host_policy_for_a_wildcard_and_a_named_bind() -> None:
    from tutor.serve_guard import HostPolicy, is_local_address

    wildcard = HostPolicy.for_bind("0.0.0.0")
    assert wildcard.allows(f"{socket.gethostname()}:8000") and wildcard.allows("localhost:9000")
    assert not wildcard.allows("evil.example:8000") and not wildcard.allows("192.0.2.1:8000")
    own = [address for address in {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
           if is_local_address(address)]
    for address in own:  # the machine's own addresses, as a browser on the LAN would name it
        assert wildcard.allows(f"[{address}]:8000" if ":" in address else f"{address}:8000"), address
    assert not is_local_address("192.0.2.1") and not is_local_address("not-an-address")
    named = HostPolicy.for_bind("192.0.2.10")
    assert named.allows("192.0.2.10:8000") and named.allows("localhost:9000")
    assert not named.allows("192.0.2.11:8000") and not named.allows(f"{socket.gethostname()}.evil.example")


def test_origin_matches() -> None:
    from tutor.serve_guard import origin_matches

    assert origin_matches(None, "127.0.0.1:8000")  # not a browser: nothing to forge
    assert origin_matches("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert origin_matches("http://LOCALHOST:9000", "localhost:9000")
    assert origin_matches("http://[::1]:8000", "[::1]:8000")
    assert origin_matches("http://lab.example", "lab.example:80")
    assert origin_matches("https://lab.example", "lab.example", "https")
    for origin, host in (("http://evil.example", "127.0.0.1:8000"), ("http://127.0.0.1:8001", "127.0.0.1:8000"),
                         ("https://127.0.0.1:8000", "127.0.0.1:8000"), ("null", "127.0.0.1:8000"),
                         ("http://127.0.0.1:8000/page", "127.0.0.1:8000"),
                         ("http://a@127.0.0.1:8000", "127.0.0.1:8000"),
                         ("file://", "127.0.0.1:8000"), ("", "127.0.0.1:8000"), ("http://127.0.0.1:8000", None),
                         ("http://localhost:8000", "127.0.0.1:8000")):
        assert not origin_matches(origin, host), (origin, host)


def test_served_files_dir_and_file_inside(tmp_path: Path) -> None:
    from tutor.serve_guard import FILES_DIR_VARIABLE, file_inside, served_files_dir

    assert served_files_dir({}) == (False, None)
    assert served_files_dir({FILES_DIR_VARIABLE: ""}) == (True, None)
    assert served_files_dir({FILES_DIR_VARIABLE: str(tmp_path)}) == (True, tmp_path)
    assert served_files_dir({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}) == (True, None)

    root = tmp_path / "allowed"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("x\n")
    (tmp_path / "secret.txt").write_text("secret\n")
    (root / "out").symlink_to(tmp_path / "secret.txt")
    (root / "in").symlink_to(root / "sub" / "a.txt")
    assert file_inside("sub/a.txt", root) == root / "sub" / "a.txt"
    assert file_inside(str(root / "sub" / "a.txt"), root) == root / "sub" / "a.txt"
    assert file_inside("in", root) == root / "sub" / "a.txt"
    for typed in ("../secret.txt", str(tmp_path / "secret.txt"), "out", "sub/../../secret.txt", "/etc/passwd"):
        assert file_inside(typed, root) is None, typed
    # the root given through a symlink is the same root
    (tmp_path / "link-to-root").symlink_to(root)
    assert file_inside("sub/a.txt", tmp_path / "link-to-root") == root / "sub" / "a.txt"


def test_the_served_command_sets_the_files_dir(tmp_path: Path) -> None:
    import shlex

    from tutor.cli import build_parser
    from tutor.cli.serve import app_command

    python = shlex.quote(sys.executable)
    assert app_command(build_parser().parse_args(["serve"])) == f"TUTOR_SERVE_FILES_DIR='' {python} -m tutor"
    with_dir = app_command(build_parser().parse_args(["serve", "--files-dir", str(tmp_path / "a b")]))
    assert with_dir.startswith(f"TUTOR_SERVE_FILES_DIR={shlex.quote(str((tmp_path / 'a b').resolve()))} ")
    # What sh makes of it: the variable is set for the session, the argv is intact.
    shown = subprocess.run(["sh", "-c", with_dir.replace(f"{python} -m tutor", "env")], capture_output=True,
                           text=True, check=True).stdout
    assert f"TUTOR_SERVE_FILES_DIR={(tmp_path / 'a b').resolve()}\n" in shown


def test_session_count_type() -> None:
    import argparse

    from tutor.cli.serve import session_count

    assert session_count("1") == 1 and session_count(" 64 ") == 64
    for bad in ("0", "65", "-1", "x", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            session_count(bad)


# -- the metrics calculator's file loader in a served session (4.5) ----------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """An allowed directory with a good file, a symlink out, a FIFO and a big file; a secret outside it."""
    from tutor.metrics.samples import sample_text

    root = tmp_path / "allowed"
    root.mkdir()
    (root / "pred.txt").write_text(sample_text("en", "sentiment.gold.txt"), encoding="utf-8")
    (tmp_path / "secret.txt").write_text("positive\n", encoding="utf-8")
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(root / "pipe")
    (root / "big.txt").write_text("positive\n" * 200_000, encoding="utf-8")
    return root


async def load(pilot: Any, path: str) -> str:
    from textual.widgets import Static

    from tests.pilot.test_metrics_panel import text_of
    from tests.pilot.waits import settle

    field = pilot.app.screen.query_one("#metrics-path")
    field.value = path
    await pilot.press("ctrl+l")
    await settle(pilot)
    return text_of(pilot.app.screen.query_one("#metrics-load-status", Static))


async def test_a_served_session_loads_only_under_files_dir(make_app: Callable[..., Any], files: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pilot.test_metrics_panel import SIZE, open_calculator
    from tutor.serve_guard import FILES_DIR_VARIABLE

    monkeypatch.setenv(FILES_DIR_VARIABLE, str(files))
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_calculator(pilot)
        before = panel.area("gold").text
        for typed in ("/etc/passwd", str(files.parent / "secret.txt"), "../secret.txt", "escape.txt"):
            status = await load(pilot, typed)
            assert "outside the folder this server allows" in status and str(files) in status, typed
            assert "left unchanged" in status and panel.area("gold").text == before
        status = await load(pilot, "pipe")  # refused at once: a FIFO never blocks the session
        assert "not a regular file" in status
        status = await load(pilot, "big.txt")
        assert "file too large for the panel" in status
        status = await load(pilot, "pred.txt")
        assert "loaded into" in status and "(30 lines)" in status


async def test_a_served_session_without_files_dir_loads_nothing(make_app: Callable[..., Any], files: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pilot.test_metrics_panel import SIZE, open_calculator
    from tutor.serve_guard import FILES_DIR_VARIABLE

    monkeypatch.setenv(FILES_DIR_VARIABLE, "")
    for lang, expected in (("en", "File loading is off in the browser"),
                           ("fr", "Le chargement de fichiers est désactivé dans le navigateur")):
        app = make_app(lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            panel = await open_calculator(pilot)
            before = panel.area("gold").text
            status = await load(pilot, str(files / "pred.txt"))
            assert expected in status and panel.area("gold").text == before


async def test_a_local_session_still_loads_any_readable_file(make_app: Callable[..., Any], files: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pilot.test_metrics_panel import SIZE, open_calculator
    from tutor.serve_guard import FILES_DIR_VARIABLE

    monkeypatch.delenv(FILES_DIR_VARIABLE, raising=False)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_calculator(pilot)
        assert "loaded into" in await load(pilot, str(files.parent / "secret.txt"))
        assert "not a regular file" in await load(pilot, str(files / "pipe"))  # still never hangs
