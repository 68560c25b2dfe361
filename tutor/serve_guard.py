"""The checks `tutor serve` makes on every request: the token, the Host header, the WebSocket's Origin.

Pure functions (standard library only, no aiohttp), so they are unit-tested without a server:

- `new_token`, `token_matches`, `valid_token`: a per-server secret, compared in constant time;
- `HostPolicy`: which `Host:` names reach this server, against DNS rebinding (a page of
  evil.example whose name is made to resolve to 127.0.0.1 sends `Host: evil.example`);
- `origin_matches`: a browser's WebSocket must come from a page of this very server (cross-site
  WebSocket hijacking: any web page may open a WebSocket to 127.0.0.1, the browser only adds `Origin`);
- `served_files_dir`, `file_inside`: what a served session may load (the metrics calculator's file
  field): nothing, or files under the directory given to `tutor serve --files-dir`.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "FILES_DIR_VARIABLE", "LOOPBACK_NAMES", "TOKEN_MAX", "TOKEN_MIN", "HostPolicy", "file_inside",
    "is_local_address", "new_token", "origin_matches", "served_files_dir", "split_host", "token_matches",
    "valid_token",
]

#: Set by `tutor serve` on every session's command: the --files-dir directory, or empty (no file loading).
FILES_DIR_VARIABLE = "TUTOR_SERVE_FILES_DIR"

#: A --token shorter than this could be guessed over loopback (no rate limit); longer is silly in a URL.
TOKEN_MIN = 16
TOKEN_MAX = 256
# URL "unreserved" characters only: the token goes into URLs as it is, with no quoting to get wrong.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~-]+")

#: Host names that always mean "this machine, over loopback".
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

_BRACKETED = re.compile(r"\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?")
_NAME = re.compile(r"([A-Za-z0-9_.-]+)(?::(\d{1,5}))?")
_ORIGIN = re.compile(r"(https?)://([^/?#@]+)")
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def new_token() -> str:
    """A fresh secret for one server run (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def valid_token(text: str) -> bool:
    """Whether `text` may be used as a fixed token: 16-256 URL-safe characters (A-Z a-z 0-9 . _ ~ -)."""
    return TOKEN_MIN <= len(text) <= TOKEN_MAX and TOKEN_PATTERN.fullmatch(text) is not None


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the server's `token`, compared in constant time (no timing oracle)."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def split_host(value: str | None) -> tuple[str, int | None] | None:
    """A `Host:` header (or an Origin's authority) as (lower-case name, port or None); None if malformed.

    `[::1]:8000` → ("::1", 8000); `Localhost.:9000` → ("localhost", 9000). A bare IPv6 address, a
    user name (`a@b`) or a port out of range is malformed.
    """
    if not value:
        return None
    text = value.strip()
    match = _BRACKETED.fullmatch(text) or _NAME.fullmatch(text)
    if match is None:
        return None
    name, port_text = match.group(1).lower(), match.group(2)
    if text.startswith("["):
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            return None
    name = name.removesuffix(".")  # "localhost." is the same name
    if not name:
        return None
    port = int(port_text) if port_text else None
    if port is not None and not 1 <= port <= 65535:
        return None
    return name, port


def _is_loopback_name(name: str) -> bool:
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_local_address(name: str) -> bool:
    """Whether IP literal `name` is one of this machine's addresses (binding a socket to it succeeds)."""
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class HostPolicy:
    """Which `Host:` header values this server answers (any port: an `ssh -L 9000:…:8000` tunnel changes it).

    Loopback names (localhost, 127.0.0.0/8, ::1) are always accepted: a browser sends them only for a
    page it loaded from loopback itself, so no other site can use them (they are what a tunnel sends).
    Besides those: the bound name and its addresses; for a wildcard bind (0.0.0.0, ::) this machine's
    host names and any IP address of its own. A name is never resolved per request: resolving the
    attacker's name is exactly what DNS rebinding abuses.
    """

    names: frozenset[str]
    any_local_address: bool = False

    @classmethod
    def for_bind(cls, bind_host: str) -> HostPolicy:
        """The policy for a server bound to `bind_host` (as given to --host)."""
        name = bind_host.strip().strip("[]").lower()
        names = set(LOOPBACK_NAMES)
        if name in ("", "0.0.0.0", "::"):
            for own in (socket.gethostname(), socket.getfqdn()):
                if own:
                    names.add(own.lower().rstrip("."))
            return cls(frozenset(names), any_local_address=True)
        names.add(name.rstrip("."))
        try:  # the addresses of the bound name, resolved once, at start, from our own option
            infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            infos = []
        names.update(str(info[4][0]).split("%")[0].lower() for info in infos)
        return cls(frozenset(names))

    def allows(self, host_header: str | None) -> bool:
        """Whether a request carrying `Host: host_header` is for this server."""
        parsed = split_host(host_header)
        if parsed is None:
            return False
        name = parsed[0]
        if name in self.names or _is_loopback_name(name):
            return True
        return self.any_local_address and is_local_address(name)


def origin_matches(origin: str | None, host_header: str | None, scheme: str = "http") -> bool:
    """Whether a WebSocket's `Origin` is absent (not a browser) or this very server: same scheme://host:port.

    `scheme` is the request's (http, or https behind TLS); a page served over http has an http origin.
    `null` (sandboxed frames, file: pages) and anything malformed are refused.
    """
    if origin is None:
        return True
    match = _ORIGIN.fullmatch(origin.strip().lower())
    target = split_host(host_header)
    if match is None or target is None:
        return False
    origin_scheme, authority = match.groups()
    source = split_host(authority)
    if source is None:
        return False
    page_scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    if origin_scheme != page_scheme:
        return False
    default = DEFAULT_PORTS[origin_scheme]
    return source[0] == target[0] and (source[1] or default) == (target[1] or default)


def served_files_dir(environ: Mapping[str, str] | None = None) -> tuple[bool, Path | None]:
    """(whether this process is a served session, the directory its files may come from or None).

    `tutor serve` sets FILES_DIR_VARIABLE on each session (empty without --files-dir). A session run
    by another web server (Textual's web driver, no variable) loads nothing either; a local session
    (neither) loads any file its user can read: it is their own account.
    """
    env = os.environ if environ is None else environ
    if FILES_DIR_VARIABLE in env:
        value = env[FILES_DIR_VARIABLE].strip()
        return True, (Path(value) if value else None)
    if "web_driver" in env.get("TEXTUAL_DRIVER", ""):
        return True, None
    return False, None


def file_inside(typed: str, root: Path) -> Path | None:
    """The real path (symlinks followed) of `typed` if it lies in `root` or below, else None.

    A relative path is taken from `root`, not from the server's working directory. Both sides are
    resolved, so `../`, an absolute path elsewhere or a symlink pointing out are all refused.
    """
    real_root = Path(os.path.realpath(root))
    candidate = Path(typed).expanduser()
    if not candidate.is_absolute():
        candidate = real_root / candidate
    real = Path(os.path.realpath(candidate))
    return real if real.is_relative_to(real_root) else None
