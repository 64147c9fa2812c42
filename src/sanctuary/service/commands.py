"""The CLI's service commands: `serve`, `record verify|replay|list`, `token create|list|revoke`, `user add`.

Registered on the main Typer app by `register(app)`; heavy imports (FastAPI, SQLAlchemy) happen inside the commands.
Exit codes: 0 fine; 1 a check failed (chain broken, replay disagrees); 2 bad input or the record cannot be opened.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Optional

import typer

DATA_DIR_HELP = "Where the decision record lives (default: $SANCTUARY_DATA_DIR or ./.sanctuary-data)"
URL_HELP = "A database URL instead, e.g. postgresql+psycopg://... (default: $SANCTUARY_DATABASE_URL)"

LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "sanctuary": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # uvicorn's own access log prints the raw path and query string: off; sanctuary.access logs route templates
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}


def _store(data_dir: Optional[Path], url: Optional[str], create: bool = True):
    from sanctuary.store import Store, StoreError

    try:
        return Store.open(data_dir, url, create=create)
    except StoreError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2)


def _db_errors(action: str):
    """Turn a database failure inside a token or user command into one line and exit code 2."""
    import contextlib

    from sqlalchemy.exc import SQLAlchemyError

    from sanctuary.store.record import _reason

    @contextlib.contextmanager
    def guard():
        try:
            yield
        except SQLAlchemyError as e:
            typer.echo(f"error: {action}: {_reason(e)}", err=True)
            raise typer.Exit(2)

    return guard()


def _settle_heap() -> None:
    """Warm up, then move everything loaded so far (corpus, rulebook, templates, modules: ~130k objects) out of the
    garbage collector's reach. Without this a full collection walks them all, about 60 ms on a small machine, every
    few hundred requests: that pause was the p99 of the load test (docs/reliability.md)."""
    import gc

    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.vocabulary.load import case_from_data

    default_rulebook().decide(case_from_data({"actor": {"kind": "county_jail"}, "request": {"asks": ["interview"]}}, "warm-up"))
    gc.collect()
    gc.freeze()


def register(app: typer.Typer) -> None:
    record_app = typer.Typer(no_args_is_help=True, help="The decision record: list, verify the hash chain, replay.")
    token_app = typer.Typer(no_args_is_help=True, help="API tokens with roles (decide, read_records, admin).")
    user_app = typer.Typer(no_args_is_help=True, help="Web users (needed when the service is not on localhost).")
    app.add_typer(record_app, name="record")
    app.add_typer(token_app, name="token")
    app.add_typer(user_app, name="user")

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback turns on login and tokens"),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port (1-65535)"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
    ) -> None:
        """Serve the API (/api/v1) and the web questionnaire (/)."""
        import uvicorn

        from sanctuary.service import Settings, create_app
        from sanctuary.store import Store, StoreError, probe_data_dir

        logging.config.dictConfig(LOG_CONFIG)
        settings = Settings(host=host, port=port, data_dir=data_dir, database_url=database_url)
        try:  # refuse to start, in one line, where no decision could be stored: read-only or full, bad URL
            if not (database_url or os.environ.get("SANCTUARY_DATABASE_URL")):
                probe_data_dir(settings.data_dir)
            store = Store.open(settings.data_dir, settings.database_url)
            store.check_writable()
            application = create_app(settings, store=store)
        except StoreError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2)
        _settle_heap()
        s = application.state.settings
        typer.echo(f"sanctuary on http://{host}:{port}/ (API: /api/v1, OpenAPI: /api/v1/openapi.json); "
                   f"login {'required' if s.login_required else 'not required (loopback)'}", err=True)
        uvicorn.run(application, host=host, port=port, access_log=False, log_config=LOG_CONFIG,
                    server_header=False, proxy_headers=False)

    @record_app.command("list")
    def record_list(
        limit: int = typer.Option(20, "--limit"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """The latest records, newest first."""
        rows = [r.summary() for r in _store(data_dir, database_url, create=False).list(limit)]
        if as_json:
            sys.stdout.write(json.dumps(rows, indent=2) + "\n")
            return
        for r in rows:
            acts = ", ".join(f"{k}={v}" for k, v in r["actions"].items())
            typer.echo(f"{r['seq']:>6}  {r['created_at']}  as of {r['as_of']}  {r['corpus_version']}  {r['record_hash'][:12]}  {acts}")

    @record_app.command("verify")
    def record_verify(
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
    ) -> None:
        """Check the hash chain: names each changed, inserted or deleted record; exit 1 if any."""
        rep = _store(data_dir, database_url, create=False).verify()
        for p in rep.problems:
            typer.echo(f"BROKEN {p}")
        if not rep.ok:
            typer.echo(f"the decision record is NOT intact ({len(rep.problems)} problem(s), {rep.records} records read)", err=True)
            raise typer.Exit(1)
        typer.echo(f"intact: {rep.records} records; head {rep.head_hash}")

    @record_app.command("replay")
    def record_replay(
        seq: Optional[int] = typer.Argument(None, help="The record to replay; default: all"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Decide stored cases again and say whether each answer agrees; exit 1 if any disagrees."""
        from sanctuary.engine.rulebook import OutOfCoverage
        from sanctuary.vocabulary.load import CaseError

        store = _store(data_dir, database_url, create=False)
        seqs = [seq] if seq is not None else [r.seq for r in store.iter_rows()]
        bad = 0
        results = []
        for s in seqs:
            try:
                res = store.replay(s)
            except KeyError:
                typer.echo(f"error: no record {s}", err=True)
                raise typer.Exit(2)
            except (CaseError, OutOfCoverage, ValueError) as e:
                res = {"seq": s, "agrees": False, "differences": [f"cannot be decided again: {e}"]}
            results.append(res)
            bad += not res["agrees"]
            if not as_json:
                word = "agrees" if res["agrees"] else "DISAGREES"
                versions = "" if res.get("same_versions", True) else f" (stored under {res.get('stored_corpus_version')}, now {res.get('corpus_version')})"
                typer.echo(f"record {s}: {word}{versions}")
                for d in res["differences"]:
                    typer.echo(f"    {d}")
        if as_json:
            sys.stdout.write(json.dumps(results, indent=2) + "\n")
        if bad:
            raise typer.Exit(1)

    @token_app.command("create")
    def token_create(
        role: str = typer.Option(..., "--role", help="decide | read_records | admin"),
        label: str = typer.Option("", "--label", help="Who or what uses it (no personal data)"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
    ) -> None:
        """Create an API token; it is printed once (only its hash is stored)."""
        from .auth import create_token

        try:
            with _db_errors("the token was not created"):
                tid, tok = create_token(_store(data_dir, database_url), role, label)
        except ValueError as e:
            typer.echo(f"error: --role: {e}", err=True)
            raise typer.Exit(2)
        typer.echo(f"token {tid} (role {role}); keep it secret, it is not shown again:", err=True)
        typer.echo(tok)

    @token_app.command("list")
    def token_list(
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
    ) -> None:
        from .auth import list_tokens

        for t in list_tokens(_store(data_dir, database_url)):
            typer.echo(f"{t['token_id']}  {t['role']:<12}  {t['created_at']}  {'REVOKED' if t['revoked'] else 'active'}  {t['label']}")

    @token_app.command("revoke")
    def token_revoke(
        token_id: str = typer.Argument(...),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
    ) -> None:
        from .auth import revoke_token

        with _db_errors("the token was not revoked"):
            found = revoke_token(_store(data_dir, database_url), token_id)
        if not found:
            typer.echo(f"error: no token {token_id}", err=True)
            raise typer.Exit(2)
        typer.echo(f"revoked {token_id}")

    @user_app.command("add")
    def user_add(
        username: str = typer.Argument(...),
        role: str = typer.Option("decide", "--role", help="decide | read_records | admin"),
        password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True,
                                     envvar="SANCTUARY_NEW_PASSWORD", help="Prompted for; at least 12 characters"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help=DATA_DIR_HELP),
        database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
    ) -> None:
        """Add a web user (or change their password and role); the password is stored as an argon2id hash."""
        from .auth import create_user

        try:
            with _db_errors("the user was not saved"):
                create_user(_store(data_dir, database_url), username, password, role)
        except ValueError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2)
        typer.echo(f"user {username} (role {role}) saved")


import logging.config  # noqa: E402  (dictConfig)
