"""Sub-command `tutor serve`: the full-screen app in a web browser, through textual-serve.

    tutor serve                         http://127.0.0.1:8000/?token=…, this machine only
    tutor serve --port 8080 --lang en   another port, the course in English
    tutor serve --files-dir ~/data      the metrics calculator may load files from ~/data only
    tutor serve --host 0.0.0.0          every interface: a warning says what that exposes

textual-serve (the optional extra `web`, or pip install 'textual-serve>=1.1,<2') runs one `python -m tutor`
process per browser tab, with the Textual web driver speaking over its pipes; the --lang,
--content, --learner, --theme and --ascii options given here are passed on to every one of them.

Loopback is shared by every user of a lab host and any web page may open a WebSocket to it, so
every request is checked (tutor.serve_guard): its Host header must name this server (DNS
rebinding), the page and its WebSocket need the per-server token printed at start, the WebSocket's
Origin must be this server's own page, and at most --max-sessions sessions run at once.

Light at import time: argparse, ipaddress and socket only; textual-serve is imported by the handler.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tutor.cli.options import add_common_options
from tutor.errors import EXIT_OK, EXIT_PROBLEMS, UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 4
MAX_SESSIONS_LIMIT = 64
TOKEN_VARIABLE = "TUTOR_SERVE_TOKEN"
TOKEN_MIN = 16  # = tutor.serve_guard.TOKEN_MIN (a test checks), not imported: building the parser stays light
# What the `web` extra installs, named directly: the distribution `tutor` on the package index is
# another project (Open edX): asking pip for tutor's web extra would install that one.
INSTALL_HINT = "pip install 'textual-serve>=1.1,<2'"


def port_number(text: str, lang: str = "en") -> int:
    """An argparse type: a TCP port, 1-65535 (errors become one usage line, exit 2)."""
    from tutor.i18n.catalogue import t

    try:
        port = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.serve.not_port", lang, value=repr(text))) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(t("cli.serve.port_range", lang, value=str(port)))
    return port


def session_count(text: str, lang: str = "en") -> int:
    """An argparse type: the --max-sessions cap, 1-64."""
    from tutor.i18n.catalogue import t

    try:
        count = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(t("serve.not_sessions", lang, value=repr(text))) from None
    if not 1 <= count <= MAX_SESSIONS_LIMIT:
        raise argparse.ArgumentTypeError(t("serve.sessions_range", lang, value=str(count)))
    return count


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `serve` to `subparsers`."""
    from tutor.cli.options import parser_lang
    from tutor.i18n.catalogue import t

    lang = parser_lang(root_parser)  # the common options are already on it (tutor.cli.app)
    serve = subparsers.add_parser("serve", help=t("help.serve", lang), description=t("help.serve.description", lang))
    serve.add_argument("--host", default=DEFAULT_HOST, help=t("help.serve.host", lang))
    serve.add_argument("--port", type=lambda text: port_number(text, lang), default=DEFAULT_PORT,
                       help=t("help.serve.port", lang))
    serve.add_argument("--token", metavar=t("help.metavar.token", lang), default=None,
                       help=t("help.serve.token", lang, low=TOKEN_MIN))
    serve.add_argument("--max-sessions", metavar="N", type=lambda text: session_count(text, lang),
                       default=DEFAULT_MAX_SESSIONS, help=t("help.serve.max_sessions", lang))
    serve.add_argument("--files-dir", metavar=t("help.metavar.dir", lang), default=None,
                       help=t("help.serve.files_dir", lang))
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
    addresses = {str(info[4][0]) for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def url_host(host: str) -> str:
    """`host` as it appears in a URL: IPv6 literals in brackets, the wildcard as this machine's name."""
    name = host.strip().strip("[]")
    if name in ("", "0.0.0.0", "::"):
        return socket.gethostname() or "localhost"
    return f"[{name}]" if ":" in name else name


def exposure_warning(host: str, port: int, learner: str, data_dir: Path, lang: str = "en", *,
                     files_dir: Path | None = None, max_sessions: int = DEFAULT_MAX_SESSIONS) -> str:
    """What binding to a non-loopback address gives away (who may connect, what a session can do), for stderr."""
    from tutor.i18n.catalogue import t

    files = t("serve.files.dir", lang, path=str(files_dir)) if files_dir else t("serve.files.none", lang)
    return t("cli.serve.exposed", lang, host=host, port=str(port), user=repr(_user()), learner=repr(learner),
             data_dir=str(data_dir), files=files, sessions=max_sessions)


def choose_token(option: str | None, environ: Mapping[str, str]) -> str:
    """--token, else TUTOR_SERVE_TOKEN (if not empty), else a fresh random token; a weak one is a usage error."""
    from tutor.serve_guard import TOKEN_MAX, TOKEN_MIN, new_token, valid_token

    if option is not None:
        source, text = "--token", option
    elif environ.get(TOKEN_VARIABLE, ""):
        source, text = TOKEN_VARIABLE, environ[TOKEN_VARIABLE]
    else:
        return new_token()
    if not valid_token(text):
        raise UsageError("serve.bad_token", option=source, low=TOKEN_MIN, high=TOKEN_MAX, length=len(text))
    return text


def files_directory(text: str | None, lang: str = "en") -> Path | None:
    """--files-dir as an absolute, resolved directory (None when not given); not a directory: usage error."""
    from tutor.i18n.catalogue import t

    if text is None:
        return None
    try:
        path = Path(text).expanduser().resolve(strict=True)
    except (OSError, RuntimeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError("serve.files_dir", path=text, reason=reason) from None
    if not path.is_dir():
        raise UsageError("serve.files_dir", path=text, reason=t("serve.not_a_directory", lang))
    return path


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
    """The shell command textual-serve runs for each browser tab: this Python, `-m tutor`, our options.

    It starts with `TUTOR_SERVE_FILES_DIR=DIR` (empty without --files-dir), which tells the session it
    is served and where its metrics calculator may load files from (tutor.serve_guard). No secret is
    put on it: command lines are visible to every local user.
    """
    from tutor.serve_guard import FILES_DIR_VARIABLE

    files_dir = getattr(args, "files_dir", None)
    allowed = str(Path(files_dir).expanduser().resolve()) if files_dir else ""
    prefix = f"{FILES_DIR_VARIABLE}={shlex.quote(allowed)} "  # a shell assignment: textual-serve runs it with sh
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
    return prefix + shlex.join(argv)


def run_serve(args: argparse.Namespace) -> int:
    """`tutor serve`: check the options and the content, warn when exposed, then serve until Ctrl+C."""
    from tutor.cli.app import load_or_report
    from tutor.cli.lang import args_lang
    from tutor.locations import data_dir
    from tutor.store.learners import learner_name

    if getattr(args, "plain", False):
        raise UsageError("cli.serve.no_plain")
    try:
        import textual_serve.server  # noqa: F401 - only to fail early with the install hint
    except ImportError as error:
        raise UsageError("cli.serve.not_installed", reason=str(error), hint=INSTALL_HINT) from None

    lang = args_lang(args)
    token = choose_token(args.token, os.environ)
    os.environ.pop(TOKEN_VARIABLE, None)  # the sessions inherit this environment: they need no token
    files_dir = files_directory(args.files_dir, lang)
    args.files_dir = str(files_dir) if files_dir else None

    # Refuse at once rather than have every browser tab fail: bad content, or no such directory.
    if load_or_report(args) is None:
        return EXIT_PROBLEMS

    host, port = args.host.strip(), args.port
    if not host:
        raise UsageError("cli.serve.empty_host")
    check_can_listen(host, port)
    if not is_loopback(host):
        print(exposure_warning(host, port, learner_name(args.learner), data_dir(), lang, files_dir=files_dir,
                               max_sessions=args.max_sessions), file=sys.stderr)

    server = build_server(app_command(args), host, port, token=token, max_sessions=args.max_sessions, lang=lang)
    try:
        server.serve()
    except OSError as error:
        raise UsageError("cli.serve.cannot_listen", address=f"{host}:{port}",
                         reason=error.strerror or str(error)) from None
    return EXIT_OK


def start_url(host: str, port: int, token: str) -> str:
    """The address to open, token included (the token is URL-safe by construction: no quoting)."""
    return f"http://{url_host(host)}:{port}/?token={token}"


def redacting_formatter(secret: str) -> Any:
    """A logging formatter that writes `<token>` for `secret` (access log, tracebacks): the token goes
    to stderr once, in the start URL, and nowhere else."""
    import logging

    class RedactingFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return super().format(record).replace(secret, "<token>")

    return RedactingFormatter("%(message)s")


def build_server(command: str, host: str, port: int, *, token: str, max_sessions: int, lang: str) -> Any:
    """textual-serve's Server running `command` per tab, with tutor's checks on every request."""
    import aiohttp_jinja2
    from aiohttp import hdrs, web
    from aiohttp.typedefs import Handler
    from textual_serve.server import Server

    from tutor.i18n.catalogue import t
    from tutor.serve_guard import HostPolicy, origin_matches, token_matches

    policy = HostPolicy.for_bind(host)
    wrapped = getattr(Server.handle_index, "__wrapped__", None)  # the undecorated context builder
    if wrapped is None:  # textual-serve changed its page handler: refuse rather than serve unguarded
        raise UsageError("cli.serve.not_installed", reason="textual_serve.Server.handle_index changed",
                         hint=INSTALL_HINT)
    render_context: Any = wrapped

    def refusal(status: int, key: str, **values: object) -> web.Response:
        return web.Response(status=status, text=t(key, lang, **values) + "\n", content_type="text/plain",
                            headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})

    @web.middleware
    async def check_host(request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every route, static files included: a foreign Host is a DNS-rebinding page, not a visitor."""
        host_header = request.headers.get(hdrs.HOST)
        if not policy.allows(host_header):
            return refusal(403, "serve.refused.host", host=repr((host_header or "")[:100]))
        return await handler(request)

    class TutorServer(Server):
        """textual-serve's server, guarded: token, Origin and session cap here, Host in `check_host`.

        The page's websocket address is taken from the browser's request (textual-serve writes an
        absolute ws:// URL built from --host, which with 0.0.0.0 or through `ssh -L 9000:127.0.0.1:8000`
        points at the wrong place) and carries the token in its path: the page's script appends
        `?width=…` to it, and a cookie would also reach any other server on the same host name.
        """

        sessions = 0  # open WebSockets, from accept to close

        def initialize_logging(self) -> None:
            # Plain lines on stderr: textual-serve's rich tracebacks show local variables (the token).
            import logging

            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(redacting_formatter(token))
            logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)

        async def on_startup(self, app: web.Application) -> None:
            url = start_url(host, port, token)
            print(t("serve.open", lang, url=url, address=f"{url_host(host)}:{port}"), file=sys.stderr, flush=True)

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(check_host)
            app.router.add_get("/ws/{token}", self.handle_websocket, name="websocket-token")
            return app

        def full(self) -> web.Response:
            return refusal(503, "serve.refused.full", count=max_sessions)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if not token_matches(request.query.get("token"), token):
                return refusal(403, "serve.refused.token")
            if self.sessions >= max_sessions:  # say it on the page: a refused WebSocket only shows "Session ended"
                return self.full()
            self.public_url = f"{request.scheme}://{request.host}"  # read before any await: race-free
            context = await render_context(self, request)
            context["app_websocket_url"] = f"{context['app_websocket_url']}/{token}"
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers.update({
                "Cache-Control": "no-store",
                "Referrer-Policy": "no-referrer",  # the page links a web font: never send it the token
                "X-Frame-Options": "DENY",
                "Content-Security-Policy": "frame-ancestors 'none'",
            })
            return response

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]  # narrower request type than textual-serve's
            given = request.match_info.get("token") or request.query.get("token")
            if not token_matches(given, token):
                return refusal(403, "serve.refused.token")
            origin = request.headers.get(hdrs.ORIGIN)
            if not origin_matches(origin, request.headers.get(hdrs.HOST), request.scheme):
                return refusal(403, "serve.refused.origin", origin=repr((origin or "")[:100]))
            if self.sessions >= max_sessions:
                return self.full()
            self.sessions += 1  # no await since the check: two handshakes cannot both take the last place
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions -= 1

    return TutorServer(command, host=host, port=port, title=t("app.title", lang),
                       public_url=f"http://{url_host(host)}:{port}")
