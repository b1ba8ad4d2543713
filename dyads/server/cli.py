"""`dyads serve`: the API and dashboard over an event database. Wire it with `register(main)`."""

from __future__ import annotations

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
def serve_command(db: Path, host: str, port: int) -> None:
    """Serve the REST API (docs at /docs) and the dashboard (at /) over the database."""
    try:
        import uvicorn

        from dyads.server.app import create_app
    except ImportError as err:
        raise click.ClickException(f"dyads serve needs the serve extra: pip install 'dyads[serve]' ({err})") from None
    try:
        app = create_app(db)
    except DyadsError as err:
        raise click.ClickException(str(err)) from None
    if host not in LOCAL_HOSTS:
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the database "
                   "(there is no authentication)", err=True)
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add `serve` to a click group (idempotent)."""
    if serve_command.name not in group.commands:
        group.add_command(serve_command)
