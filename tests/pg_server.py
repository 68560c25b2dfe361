"""A real PostgreSQL server for the tests of the class database (Debian's `postgresql` package).

`PgServer` runs `initdb` into a temporary directory and `postgres` listening only on a unix socket
in that directory (no TCP port, so parallel test workers never collide); as root it runs them as
the `postgres` user (the server refuses root) with the directory handed over to it. Each xdist
worker starts its own server for the session (`pg_server`); a test that kills the server starts a
private one (`PgServer` directly).

Without the server binaries (or psycopg) the tests skip and say why, unless TUTOR_REQUIRE_PG=1
(as in CI): then they fail.

Fixtures (registered in tests/conftest.py):
- `pg_server`: the worker's server, the `tutor` schema initialised in database `tutor`;
- `pg_learner`: a factory of fresh learner roles (unique names), giving each one's URL;
- `backend` / `open_test_store`: the store tests run against SQLite and against PostgreSQL; with
  PostgreSQL, each store is also checked at the end of the test to have reached the server whole.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tutor.store.sqlite import SQLiteStore

ADMIN = "postgres"
DATABASE = "tutor"
START_SECONDS = 60.0  # a deadline for conditions, never a pause: loops poll and stop as soon as they hold


def _required() -> bool:
    return os.environ.get("TUTOR_REQUIRE_PG", "").strip() in ("1", "true", "yes")


def _unavailable(reason: str) -> None:
    if _required():
        pytest.fail(f"TUTOR_REQUIRE_PG=1 but {reason}")
    pytest.skip(reason)


def find_bindir() -> Path | None:
    """The directory of `initdb` and `postgres`: pg_config's, else Debian's newest, else PATH."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                    if Path(p).parent.name.isdigit() else 0, reverse=True)
    candidates += [Path(p) for p in debian]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    return None


class PgServer:
    """One PostgreSQL server in a temporary directory, on a unix socket there."""

    def __init__(self) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _unavailable("psycopg is not installed (pip install -c constraints.txt '.[test]')")
        bindir = find_bindir()
        if bindir is None:
            _unavailable("the PostgreSQL server binaries (initdb, postgres) are not installed "
                         "(Debian: apt-get install postgresql)")
        assert bindir is not None
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="tutor-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._as: dict[str, Any] = {}
        if os.geteuid() == 0:
            import pwd

            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                _unavailable("running as root and there is no `postgres` user to run the server as")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._as = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        self._run([str(self.bindir / "initdb"), "-D", str(self.data), "-U", ADMIN, "--auth=trust",
                   "-E", "UTF8", "--no-locale", "--no-sync"])
        self.start()
        with self.admin("postgres") as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        from tutor.store.postgres_schema import init_database

        with self.admin() as connection:
            init_database(connection)

    def _run(self, command: list[str]) -> None:
        result = subprocess.run(command, capture_output=True, text=True, check=False, **self._as)
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def url(self, user: str = ADMIN, database: str = DATABASE) -> str:
        """A postgresql:// URL for `user` through the socket."""
        from urllib.parse import quote

        return f"postgresql://{quote(user, safe='')}@/{database}?host={quote(str(self.root), safe='')}"

    def admin(self, database: str = DATABASE) -> Any:
        """A superuser connection (autocommit), whose commits survive a kill of the server.

        The server runs with synchronous_commit=off (fast, and it shows that tutor's own connections
        ask for it on: the kill test fails without that); the test's set-up asks for it too.
        """
        import psycopg

        connection = psycopg.connect(self.url(ADMIN, database), autocommit=True)
        connection.execute("SET synchronous_commit TO on")
        return connection

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        import psycopg

        deadline = time.monotonic() + START_SECONDS
        while True:
            log = open(self.log, "ab")  # noqa: SIM115 (the server keeps writing to it)
            self.process = subprocess.Popen(
                [str(self.bindir / "postgres"), "-D", str(self.data), "-k", str(self.root),
                 "-c", "listen_addresses=", "-c", "fsync=off", "-c", "full_page_writes=off",
                 "-c", "synchronous_commit=off", "-c", "max_connections=60", "-c", "shared_buffers=16MB"],
                stdout=log, stderr=subprocess.STDOUT, **self._as)
            log.close()
            while self.process.poll() is None and time.monotonic() < deadline:
                try:
                    psycopg.connect(self.url(ADMIN, "postgres"), connect_timeout=2).close()
                    return
                except psycopg.OperationalError:
                    time.sleep(0.05)
            if self.process.poll() is None or time.monotonic() >= deadline:
                raise RuntimeError(f"PostgreSQL did not start: {self.log.read_text(errors='replace')[-2000:]}")
            # Exited at once: after a kill, the old server's processes may still hold its shared memory.
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the postmaster, as a crash would stop it, and wait until its children have exited."""
        assert self.process is not None
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True,
                                  check=False).stdout.split()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and any(_alive(int(pid)) for pid in children):
            time.sleep(0.05)  # the backends notice their postmaster is gone and exit

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its directory."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(START_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


_names = itertools.count(1)


def new_learner(server: PgServer, group: str = "tutor_learner", prefix: str = "learner") -> tuple[str, str]:
    """A fresh login role in `group`: (login, URL)."""
    from tutor.store.postgres_schema import add_role

    login = f"{prefix}_{os.getpid()}_{next(_names)}"
    with server.admin() as connection:
        connection.autocommit = False
        add_role(connection, login, group)
    return login, server.url(login)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """This worker's PostgreSQL server, with the tutor schema in database `tutor`."""
    server = PgServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_learner(pg_server: PgServer) -> Callable[..., tuple[str, str]]:
    """Make a fresh learner role (or instructor: group="tutor_instructor"): returns (login, URL)."""
    return lambda group="tutor_learner", prefix="learner": new_learner(pg_server, group, prefix)


def server_rows_match(store: Any, url: str, tmp: Path) -> None:
    """The server holds exactly the store's rows: a fresh cache of the same learner reads them back."""
    from tutor.store import outbox
    from tutor.store.postgres import open_replicated

    assert store.sync(), store.replication_error()
    assert store.pending_changes() == 0 and store.rejected_changes() == 0
    fresh, notice = open_replicated(tmp / "elsewhere" / "me.sqlite3", url, "en")
    try:
        assert notice is None, notice.message
        assert outbox.local_rows(fresh._db) == outbox.local_rows(store._db)
    finally:
        fresh.close()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """The store tests run on both backends."""
    return str(request.param)


@pytest.fixture
def open_test_store(backend: str, request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], SQLiteStore]]:
    """`open(path)` → a store of the test's backend (one learner per test); with PostgreSQL, at the end
    of the test every store still open is checked to have reached the server whole, then closed."""
    opened: list[SQLiteStore] = []
    url = ""
    if backend == "postgres":
        server: PgServer = request.getfixturevalue("pg_server")
        _login, url = new_learner(server)

    def open_store(path: Path) -> SQLiteStore:
        if backend == "sqlite":
            store, _ = SQLiteStore.open(path)
        else:
            from tutor.store.postgres import open_replicated

            store, notice = open_replicated(path, url, "en")
            assert notice is None, notice.message
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        try:
            if backend == "postgres" and not _closed(store):
                server_rows_match(store, url, tmp_path_factory.mktemp("other-host"))
        finally:
            store.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _closed(store: SQLiteStore) -> bool:
    try:
        store._db.execute("SELECT 1")
    except Exception:
        return True
    return False
