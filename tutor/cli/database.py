"""Sub-command `tutor db`: the PostgreSQL database of a class spread over several hosts.

    tutor db init [URL]                          schema, roles, row-level security (idempotent)
    tutor db add-learner LOGIN [URL] [--password]    a learner's login role
    tutor db add-instructor LOGIN [URL] [--password] an instructor's login role (reads every learner)
    tutor db status [URL]                        reachable? as whom? changes waiting on this host?

The URL comes from the argument, else TUTOR_DATABASE_URL, else `database_url` in the learner's
settings file. A bad URL, an unreachable server or a refusal (permission denied) is one line and
exit code 2, never a traceback. Light at import time: psycopg is imported by the handlers.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any

from tutor.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    import psycopg

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def register(subparsers: Any, root_parser: argparse.ArgumentParser) -> None:
    """Add `tutor db` and its sub-commands to `subparsers`."""
    from tutor.cli.options import add_common_options, parser_lang
    from tutor.cli.parser import TutorArgumentParser
    from tutor.i18n.catalogue import t

    lang = parser_lang(root_parser)
    database = subparsers.add_parser("db", help=t("help.db", lang), description=t("help.db.description", lang))
    actions = database.add_subparsers(dest="db_command", parser_class=TutorArgumentParser, required=True,
                                      title=t("cli.commands", lang))

    def url_argument(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("url", nargs="?", metavar="URL", help=t("help.db.url", lang))
        add_common_options(parser, root=False)

    init = actions.add_parser("init", help=t("help.db.init", lang), description=t("help.db.init", lang))
    url_argument(init)
    init.set_defaults(handler=run_init)
    for name, group in (("add-learner", "learner"), ("add-instructor", "instructor")):
        key = f"help.db.add_{group}"
        add = actions.add_parser(name, help=t(key, lang), description=t(key, lang))
        add.add_argument("login", metavar="LOGIN", help=t("help.db.login", lang))
        url_argument(add)
        add.add_argument("--password", action="store_true", help=t("help.db.password", lang))
        add.set_defaults(handler=run_add_role, group=group)
    status = actions.add_parser("status", help=t("help.db.status", lang), description=t("help.db.status", lang))
    url_argument(status)
    status.set_defaults(handler=run_status)


def _lang(args: argparse.Namespace) -> str:
    from tutor.cli.lang import args_lang

    return args_lang(args)


def _url(args: argparse.Namespace) -> str:
    """The URL given, else the configured one; checked (a usage error names what is wrong)."""
    from tutor.settings import load_settings
    from tutor.store import configured_url
    from tutor.store.learners import learner_name
    from tutor.store.postgres import url_error

    url = args.url
    if not url:
        settings, _problems = load_settings(learner=learner_name(getattr(args, "learner", None)))
        url = configured_url(settings.database_url)
    if not url:
        raise UsageError("db.no_url")
    problem = url_error(url)
    if problem is not None:
        raise UsageError(problem)
    return str(url)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _connect(url: str) -> psycopg.Connection[tuple[Any, ...]]:
    import psycopg

    from tutor.store.postgres_sync import connect

    try:
        return connect(url)
    except psycopg.Error as error:
        raise UsageError("database.unreachable", reason=_one_line(error)) from error


def _run(url: str, work: Any) -> Any:
    """`work(connection)`; any refusal of the server becomes one line (exit 2)."""
    import psycopg

    connection = _connect(url)
    try:
        return work(connection)
    except psycopg.Error as error:
        raise UsageError("database.refused", reason=_one_line(error)) from error
    finally:
        connection.close()


def run_init(args: argparse.Namespace) -> int:
    """`tutor db init`: create or upgrade the schema, roles and policies."""
    from tutor.i18n.catalogue import t
    from tutor.store.postgres_schema import (
        INSTRUCTOR_ROLE,
        LEARNER_ROLE,
        SERVER_SCHEMA_VERSION,
        init_database,
    )

    lang = _lang(args)
    before, after = _run(_url(args), init_database)
    if before > SERVER_SCHEMA_VERSION:
        raise UsageError("db.init.newer", version=before, known=SERVER_SCHEMA_VERSION)
    print(t("db.init.done", lang, version=after, before=before, learners=LEARNER_ROLE, instructors=INSTRUCTOR_ROLE))
    return EXIT_OK


def check_login(login: str) -> str:
    """A login role name tutor may create; a usage error otherwise."""
    from tutor.store.postgres_schema import INSTRUCTOR_ROLE, LEARNER_ROLE

    groups = (LEARNER_ROLE, INSTRUCTOR_ROLE)
    if (not login or len(login.encode("utf-8")) > 63 or _CONTROL.search(login) or login.lower().startswith("pg_")
            or login in groups or login.lower() == "public"):
        shown = _CONTROL.sub("?", login)[:70]
        raise UsageError("db.bad_login", login=repr(shown), groups=", ".join(groups))
    return login


def run_add_role(args: argparse.Namespace) -> int:
    """`tutor db add-learner` / `add-instructor`: a login role in the group, with a password if asked."""
    import secrets

    from psycopg.conninfo import conninfo_to_dict

    from tutor.i18n.catalogue import t
    from tutor.store.postgres_schema import INSTRUCTOR_ROLE, LEARNER_ROLE, add_role

    lang = _lang(args)
    login = check_login(args.login)
    url = _url(args)
    group = LEARNER_ROLE if args.group == "learner" else INSTRUCTOR_ROLE
    password = secrets.token_urlsafe(18) if args.password else None
    created = _run(url, lambda pg: add_role(pg, login, group, password))
    print(t("db.role.created" if created else "db.role.exists", lang, login=login, group=group))
    if password is not None:
        info = conninfo_to_dict(url)
        host = str(info.get("host") or "")
        # Through a unix socket here, by a host name on the learners' side: any host matches.
        fields = [host if host and not host.startswith("/") else "*", str(info.get("port") or 5432),
                  str(info.get("dbname") or "*"), login, password]
        pgpass = ":".join(field.replace("\\", "\\\\").replace(":", "\\:") for field in fields)
        print(t("db.role.password", lang, login=login, password=password, pgpass=pgpass))
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    """`tutor db status`: the server, the schema, the role, and this host's queue for the learner."""
    from tutor.i18n.catalogue import t
    from tutor.store.postgres_schema import (
        INSTRUCTOR_ROLE,
        LEARNER_ROLE,
        SERVER_SCHEMA_VERSION,
        server_schema_version,
    )

    lang = _lang(args)
    url = _url(args)

    def read(pg: psycopg.Connection[tuple[Any, ...]]) -> tuple[str, int, str, bool, list[str]]:
        with pg.transaction():
            server = str(pg.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]  # SHOW always returns one row
            version = server_schema_version(pg)
            login, superuser = pg.execute(  # type: ignore[misc]  # the session user always has a row
                "SELECT rolname, rolsuper FROM pg_roles WHERE rolname = session_user").fetchone()
            # Direct or inherited membership; a superuser "has" every role, so membership is read instead.
            groups = [str(row[0]) for row in pg.execute(
                "SELECT g.rolname FROM pg_roles AS g WHERE g.rolname IN (%s, %s) AND EXISTS (SELECT 1 FROM"
                " pg_auth_members AS m JOIN pg_roles AS r ON r.oid = m.member WHERE m.roleid = g.oid"
                " AND r.rolname = session_user) ORDER BY g.rolname", (INSTRUCTOR_ROLE, LEARNER_ROLE))]
        return server, version, str(login), bool(superuser), groups

    server, version, login, superuser, groups = _run(url, read)
    print(t("db.status.server", lang, server=f"PostgreSQL {server}"))
    if version:
        print(t("db.status.schema", lang, version=version, known=SERVER_SCHEMA_VERSION))
    else:
        print(t("db.status.no_schema", lang))
    names = {LEARNER_ROLE: t("db.status.role.learner", lang), INSTRUCTOR_ROLE: t("db.status.role.instructor", lang)}
    shown = [t("db.status.role.superuser", lang)] if superuser else []
    roles = ", ".join(shown + [names[g] for g in groups]) or t("db.status.role.none", lang)
    print(t("db.status.role", lang, login=login, roles=roles))
    _print_cache(args, url, lang)
    return EXIT_OK


def _print_cache(args: argparse.Namespace, url: str, lang: str) -> None:
    """How many changes of this host's learner wait (read-only: the cache is not opened as a store)."""
    import sqlite3

    from tutor.i18n.catalogue import t
    from tutor.store import outbox
    from tutor.store.learners import database_path, learner_name
    from tutor.store.postgres import cache_path

    learner = learner_name(getattr(args, "learner", None))
    path = cache_path(database_path(learner), url)
    if not path.exists():
        print(t("db.status.no_cache", lang, learner=learner))
        return
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            waiting, rejected = outbox.outbox_length(connection), outbox.rejected_count(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise UsageError("store.cannot_open", path=str(path), reason=str(error)) from error
    print(t("db.status.cache", lang, path=str(path), count=waiting, rejected=rejected))
    sys.stdout.flush()
