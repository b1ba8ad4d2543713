"""The event database served over HTTP: a REST API (OpenAPI docs at /docs) and a dashboard.

    dyads serve --db events.duckdb            # http://127.0.0.1:8000/

`create_app(db_path)` builds the FastAPI app (dyads.server.app); needs the `serve` extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi import FastAPI


def create_app(db_path: str | Path, **options: Any) -> FastAPI:
    """The app over `db_path`; options `cache_bytes`, `index_bytes`, `bind_host` and
    `allowed_hosts` as in dyads.server.app."""
    from dyads.server.app import create_app as create

    return create(db_path, **options)
