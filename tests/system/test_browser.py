"""`tutor serve` in a real headless Chromium: the home screen appears and a key press navigates.

Chromium is Debian's (`/usr/bin/chromium`, installed by .ci/run); the test skips with the reason when
it or textual-serve is missing. It is driven over the Chrome DevTools Protocol on a pipe
(--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4), so no Python package
beyond the standard library is needed.

Reading the screen: textual-serve's page runs xterm.js with its WebGL/canvas renderer, so the text is
pixels, not DOM, and the page keeps its `Terminal` object in a closure. A conditional breakpoint
(never taken: its condition stores `this.terminal` on `window` and returns false) in the page's
websocket message handler publishes that object; the test then reads xterm.js's own screen buffer
(`buffer.active.getLine(y).translateToString()`), i.e. exactly the characters the page displays.
Keys are real browser key events (CDP Input.dispatchKeyEvent) typed into xterm.js's focused textarea.
A screenshot of each step is saved in the test's tmp_path for a person to look at.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 30.0

# The page's websocket message handler (textual-serve's static/js/textual.js), where `this` is the
# object holding `terminal`. Found in the shipped file, so a textual-serve upgrade that moves it fails
# with a message rather than silently.
HANDLER_MARKER = "this.bufferedBytes+="
EXTERNAL_URLS = ["*://fonts.googleapis.com/*", "*://fonts.gstatic.com/*"]
PUBLISH_TERMINAL = "(window.__tutorTerminal = this.terminal, false)"
SCREEN_TEXT = """(() => {
  const term = window.__tutorTerminal;
  if (!term) return null;
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()"""


def handler_location() -> tuple[int, int]:
    """Line and column (0-based) of the message handler in textual-serve's page script."""
    textual_serve = pytest.importorskip("textual_serve", reason="textual-serve is not installed (the 'web' extra)")
    script = Path(textual_serve.__file__).parent / "static" / "js" / "textual.js"
    source = script.read_text(encoding="utf-8")
    offset = source.find(HANDLER_MARKER)
    assert offset >= 0, f"{HANDLER_MARKER!r} not found in {script}: textual-serve's page changed, update this test"
    line_start = source.rfind("\n", 0, offset) + 1
    # DevTools counts columns in UTF-16 code units, as JavaScript does (the bundle has astral characters).
    column = len(source[line_start:offset].encode("utf-16-le")) // 2
    return source.count("\n", 0, offset), column


class DevTools:
    """A minimal Chrome DevTools Protocol client over Chromium's --remote-debugging-pipe."""

    def __init__(self, process: subprocess.Popen[bytes], to_browser: int, from_browser: int) -> None:
        self.process = process
        self.to_browser = to_browser
        self.from_browser = from_browser
        self.next_id = 0
        self.pending = b""

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply (events arriving meanwhile are dropped)."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("Chromium did not answer in time")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    raise AssertionError(f"Chromium closed the pipe (exit code {self.process.poll()})")
                self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)


def start_chromium(profile: Path) -> DevTools:
    """Headless Chromium with the flags known to work on this machine, driven on fds 3 and 4."""
    commands_read, commands_write = os.pipe()
    events_read, events_write = os.pipe()

    def wire_pipes() -> None:  # in the child: Chromium reads commands on fd 3, writes on fd 4
        commands, events = os.dup(commands_read), os.dup(events_write)
        os.dup2(commands, 3)
        os.dup2(events, 4)

    process = subprocess.Popen(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--mute-audio", f"--user-data-dir={profile}",
         "--window-size=1280,800", "--remote-debugging-pipe", "about:blank"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=wire_pipes, pass_fds=(3, 4), start_new_session=True,
    )
    os.close(commands_read)
    os.close(events_write)
    return DevTools(process, commands_write, events_read)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = log.read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"tutor serve exited with {server.returncode}:\n{output[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"tutor serve did not listen on port {port} within {TIMEOUT:.0f} s")


def stop(process: subprocess.Popen[Any], sig: int = signal.SIGTERM) -> None:
    """Stop a process started in its own session, then anything left in that group."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=10)


def first_section_title(lang: str) -> tuple[str, str]:
    """The first module's title and its first section's title, as `tutor lessons` lists them."""
    listing = subprocess.run([sys.executable, "-m", "tutor", "--lang", lang, "lessons"], capture_output=True,
                             text=True, check=True, timeout=TIMEOUT).stdout.splitlines()
    module = re.sub(r"^\S+\s+\[\w+\]\s+\d+\.\s+", "", listing[0])
    section = re.split(r"\s{2,}", listing[1].strip(), maxsplit=1)[1]
    return module, section


@pytest.fixture
def page(tmp_path: Path) -> Any:
    """(DevTools client, session id) of a Chromium tab opening `tutor serve`'s page, the breakpoint set."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)")
    line, column = handler_location()
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    env.pop("TUTOR_SERVE_TOKEN", None)
    log = tmp_path / "serve.log"  # a file, not a pipe nobody reads: the server logs every request
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "tutor", "serve", "--port", str(port), "--lang", "fr", "--learner", "web"],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    chromium: DevTools | None = None
    try:
        wait_listening(server, port, log)
        # The address with its token, as printed for a person to open (the random token of this run).
        match = re.search(rf"http://127\.0\.0\.1:{port}/\?token=[A-Za-z0-9_-]+", log.read_text(encoding="utf-8"))
        assert match, log.read_text(encoding="utf-8")
        chromium = start_chromium(tmp_path / "chromium-profile")
        target = chromium.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = chromium.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Debugger", "Network"):
            chromium.send(f"{domain}.enable", session=session)
        # The page links a web font from Google; nothing leaves this machine (and no wait on DNS).
        chromium.send("Network.setBlockedURLs", {"urls": EXTERNAL_URLS}, session=session)
        chromium.send("Debugger.setBreakpointByUrl", {
            "urlRegex": r"/static/js/textual\.js$", "lineNumber": line, "columnNumber": column,
            "condition": PUBLISH_TERMINAL,
        }, session=session)
        chromium.send("Page.navigate", {"url": match.group(0)}, session=session)
        yield chromium, session
    finally:
        if chromium is not None:
            try:
                chromium.send("Browser.close")  # lets it reap its own helpers
                chromium.process.wait(timeout=10)
            except (AssertionError, OSError, subprocess.TimeoutExpired):
                pass
            stop(chromium.process)
        stop(server, signal.SIGTERM)
        shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


def screen(chromium: DevTools, session: str) -> str | None:
    result = chromium.send("Runtime.evaluate", {"expression": SCREEN_TEXT, "returnByValue": True}, session=session)
    return result.get("result", {}).get("value")


def wait_for_text(chromium: DevTools, session: str, *texts: str) -> str:
    """Poll xterm.js's screen until every one of `texts` is on it; fail showing the last screen."""
    deadline = time.monotonic() + TIMEOUT
    text: str | None = None
    while time.monotonic() < deadline:
        text = screen(chromium, session)
        if text is not None and all(expected in text for expected in texts):
            return text
        time.sleep(0.2)
    pytest.fail(f"{texts!r} not on the page's terminal within {TIMEOUT:.0f} s; last screen:\n{text}")


def screenshot(chromium: DevTools, session: str, path: Path) -> None:
    data = chromium.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
    path.write_bytes(base64.b64decode(data))


def press(chromium: DevTools, session: str, key: str, code: str, key_code: int, text: str = "") -> None:
    """A real key press: keydown (with its character) then keyup, to the focused element."""
    down: dict[str, Any] = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": key_code}
    if text:
        down |= {"text": text, "unmodifiedText": text}
    chromium.send("Input.dispatchKeyEvent", down, session=session)
    chromium.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": key_code}, session=session)


def test_home_screen_then_enter_opens_the_module(page: Any, tmp_path: Path) -> None:
    chromium, session = page
    module_title, section_title = first_section_title("fr")

    home = wait_for_text(chromium, session, "Modules du cours", module_title)
    screenshot(chromium, session, tmp_path / "home.png")
    assert section_title not in home

    # Focus xterm.js's input (as a click on the terminal would) and press Enter on the highlighted module.
    focused = chromium.send("Runtime.evaluate", {
        "expression": "(() => { const t = document.querySelector('.xterm-helper-textarea');"
                      " if (!t) return false; t.focus(); return document.activeElement === t; })()",
        "returnByValue": True,
    }, session=session)["result"]["value"]
    assert focused, "xterm.js's textarea not found on the page"
    press(chromium, session, "Enter", "Enter", 13, "\r")

    lesson = wait_for_text(chromium, session, section_title)
    screenshot(chromium, session, tmp_path / "lesson.png")
    assert "Modules du cours" not in lesson


# `tutor serve`'s own checks, without a browser.


def run_tutor(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True,
                          timeout=TIMEOUT, env={**os.environ, **env}, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("port", ["abc", "0", "70000", "-1"])
def test_a_bad_port_is_one_line_and_exit_2(port: str) -> None:
    result = run_tutor("serve", "--port", port)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--port" in result.stderr and "1-65535" in result.stderr


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run_tutor("serve", "--port", port, TUTOR_LANG="en")
        french = run_tutor("serve", "--port", port, TUTOR_LANG="fr")
    assert result.returncode == 2
    assert result.stderr.startswith("tutor: error: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1
    assert french.returncode == 2 and "impossible d'écouter sur 127.0.0.1:" in french.stderr
    assert result.stdout == ""  # refused before textual-serve prints anything


def test_without_textual_serve_it_says_how_to_install_it() -> None:
    code = ("import sys; sys.modules['textual_serve'] = sys.modules['textual_serve.server'] = None\n"
            "from tutor.cli import main; sys.exit(main(['serve']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pip install 'textual-serve>=1.1,<2'" in result.stderr


def test_loopback_detection_and_the_exposure_warning() -> None:
    from tutor.cli.serve import exposure_warning, is_loopback

    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.0.2.10", "2001:db8::1"):
        assert not is_loopback(host), host
    warning = exposure_warning("0.0.0.0", 8000, "kim", Path("/srv/tutor/data"))
    assert "WARNING" in warning and "'kim'" in warning and "token" in warning and "\n" not in warning


def test_the_served_command_forwards_the_app_options(tmp_path: Path) -> None:
    from tutor.cli import build_parser
    from tutor.cli.serve import app_command

    args = build_parser().parse_args(["--lang", "en", "serve", "--content", str(tmp_path), "--learner", "ana lee",
                                      "--theme", "tutor-light", "--ascii"])
    python = shlex.quote(sys.executable)
    content = shlex.quote(str(tmp_path.resolve()))
    # TUTOR_SERVE_FILES_DIR (empty: no --files-dir) tells each session it is served (tutor.serve_guard).
    assert app_command(args) == (f"TUTOR_SERVE_FILES_DIR='' {python} -m tutor --lang en --content {content} "
                                 "--learner 'ana lee' --theme tutor-light --ascii")
    assert app_command(build_parser().parse_args(["serve"])) == f"TUTOR_SERVE_FILES_DIR='' {python} -m tutor"
