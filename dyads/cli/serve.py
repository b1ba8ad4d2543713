"""`dyads serve`: the API and dashboard over an event database. Wire it with `register(main)`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from dyads.errors import DyadsError

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@click.command("serve")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The event database (DuckDB file), opened read-only.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the database to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes, each with the database open read-only and its own cache.")
@click.option("--index-mb", type=click.IntRange(0), default=1024, show_default=True,
              help="Memory for the events held in memory to answer /events and series fast; a database "
                   "whose events need more (or 0) is served by SQL alone.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="A Host name to answer besides localhost and the --host address (repeatable; '*' for any). "
                   "Other names get 421: a web page cannot reach the server through DNS rebinding.")
def serve_command(db: Path, host: str, port: int, workers: int, index_mb: int, allow_hosts: tuple[str, ...]) -> None:
    """Serve the REST API (docs at /docs) and the dashboard (at /) over the database."""
    try:
        import uvicorn

        from dyads.server import app as server
        from dyads.server.guards import ANY_HOST, host_name
    except ImportError as err:
        raise click.ClickException(f"dyads serve needs the serve extra: pip install 'dyads[serve]' ({err})") from None
    for name in allow_hosts:
        if name != ANY_HOST and host_name(name) is None:
            raise click.BadParameter(f"{name!r} is not a host name (e.g. dyads.lan or 192.168.1.5)",
                                     param_hint="--allow-host")
    try:
        app = server.create_app(db, index_bytes=index_mb * 1024 * 1024, bind_host=host, allowed_hosts=allow_hosts)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if host not in LOCAL_HOSTS:
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the database "
                   "(there is no authentication)", err=True)
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Several processes need the app by import path; each opens the database itself.
    os.environ[server.DB_ENVIRONMENT] = str(Path(db).resolve())
    os.environ[server.INDEX_ENVIRONMENT] = str(index_mb * 1024 * 1024)
    os.environ[server.BIND_ENVIRONMENT] = host
    os.environ[server.HOSTS_ENVIRONMENT] = "\n".join(name.strip() for name in allow_hosts)
    uvicorn.run("dyads.server.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def register(group: click.Group) -> None:
    """Add `serve` to a click group (idempotent)."""
    if serve_command.name not in group.commands:
        group.add_command(serve_command)
