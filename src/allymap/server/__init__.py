"""The web API and dashboard of allymap: `create_app(db, write_token=None)` (served by `allymap serve`)."""

from allymap.server.app import create_app

__all__ = ["create_app"]
