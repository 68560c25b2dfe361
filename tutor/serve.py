"""Sub-command `tutor serve`: the full-screen app in a web browser, through textual-serve.

    tutor serve                         http://127.0.0.1:8000, this machine only
    tutor serve --port 8080 --lang en   another port, the course in English
    tutor serve --host 0.0.0.0          every interface: a warning says what that exposes

textual-serve (the optional extra `web`: pip install 'tutor[web]') runs one `python -m tutor`
process per browser tab, with the Textual web driver speaking over its pipes; the --lang,
--content, --learner, --theme and --ascii options given here are passed on to every one of them.

Light at import time: argparse, ipaddress and socket only; textual-serve is imported by the handler.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from tutor.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from tutor.commands import add_common_options

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'tutor[web]'"


def port_number(text: str, lang: str = "en") -> int:
    """An argparse type: a TCP port, 1-65535 (errors become one usage line, exit 2)."""
    from tutor.core.i18n import t

    try:
        port = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.serve.not_port", lang, value=repr(text))) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(t("cli.serve.port_range", lang, value=str(port)))
    return port


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `serve` to `subparsers`."""
    from tutor.commands import parser_lang
    from tutor.core.i18n import t

    lang = parser_lang(root_parser)  # the common options are already on it (tutor.commands)
    serve = subparsers.add_parser("serve", help=t("help.serve", lang), description=t("help.serve.description", lang))
    serve.add_argument("--host", default=DEFAULT_HOST, help=t("help.serve.host", lang))
    serve.add_argument("--port", type=lambda text: port_number(text, lang), default=DEFAULT_PORT,
                       help=t("help.serve.port", lang))
    add_common_options(serve, root=False)
    serve.set_defaults(handler=run_serve)


def is_loopback(host: str) -> bool:
    """True when every address `host` stands for is a loopback address (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def url_host(host: str) -> str:
    """`host` as it appears in a URL: IPv6 literals in brackets, the wildcard as this machine's name."""
    name = host.strip().strip("[]")
    if name in ("", "0.0.0.0", "::"):
        return socket.gethostname() or "localhost"
    return f"[{name}]" if ":" in name else name


def exposure_warning(host: str, port: int, learner: str, data_dir: Path, lang: str = "en") -> str:
    """What binding to a non-loopback address gives away, for stderr."""
    from tutor.core.i18n import t

    return t("cli.serve.exposed", lang, host=host, port=str(port), user=repr(_user()), learner=repr(learner),
             data_dir=str(data_dir))


def _user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid()) if hasattr(os, "getuid") else "?"


def check_can_listen(host: str, port: int) -> None:
    """Fail with one line, before textual-serve prints its banner, if `host:port` cannot be bound."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as error:
        raise UsageError("cli.serve.unknown_host", address=f"{host}:{port}", reason=str(error)) from None
    for family, kind, proto, _, address in infos:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
                probe.bind(address)
        except OSError as error:
            raise UsageError("cli.serve.cannot_listen", address=f"{host}:{port}",
                             reason=error.strerror or str(error)) from None


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, `-m tutor`, our options."""
    argv = [sys.executable, "-m", "tutor"]
    if getattr(args, "lang", None):
        argv += ["--lang", args.lang]
    for directory in getattr(args, "content", None) or []:
        argv += ["--content", str(Path(directory).expanduser().resolve())]
    if getattr(args, "learner", None):
        argv += ["--learner", args.learner]
    if getattr(args, "theme", None):
        argv += ["--theme", args.theme]
    if getattr(args, "ascii", False):
        argv.append("--ascii")
    return shlex.join(argv)


def run_serve(args: argparse.Namespace) -> int:
    """`tutor serve`: check the options and the content, warn when exposed, then serve until Ctrl+C."""
    from tutor.cli import args_lang
    from tutor.commands import load_or_report
    from tutor.core.i18n import t
    from tutor.core.store import learner_name
    from tutor.locations import data_dir

    if getattr(args, "plain", False):
        raise UsageError("cli.serve.no_plain")
    try:
        from textual_serve.server import Server
    except ImportError as error:
        raise UsageError("cli.serve.not_installed", reason=str(error), hint=INSTALL_HINT) from None

    # Refuse at once rather than have every browser tab fail: bad content, or no such directory.
    if load_or_report(args) is None:
        return EXIT_PROBLEMS

    host, port = args.host.strip(), args.port
    if not host:
        raise UsageError("cli.serve.empty_host")
    check_can_listen(host, port)
    if not is_loopback(host):
        print(exposure_warning(host, port, learner_name(args.learner), data_dir(), args_lang(args)), file=sys.stderr)

    class TutorServer(Server):
        """textual-serve's server, with the page's websocket address taken from the browser's request.

        textual-serve writes an absolute ws:// URL built from --host into the page; with --host 0.0.0.0
        that would point every remote browser at itself, and through `ssh -L 9000:127.0.0.1:8000` at
        the wrong port. The Host header the browser sent is what it can reach. (handle_index reads
        public_url before its first await, so this is race-free.)
        """

        async def handle_index(self, request: Any) -> Any:
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    server = TutorServer(
        app_command(args), host=host, port=port, title=t("app.title", args_lang(args)),
        public_url=f"http://{url_host(host)}:{port}",
    )
    try:
        server.serve()
    except OSError as error:
        raise UsageError("cli.serve.cannot_listen", address=f"{host}:{port}",
                         reason=error.strerror or str(error)) from None
    return EXIT_OK

