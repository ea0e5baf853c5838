"""The store: a DuckDB file with a versioned schema (articles, mentions, events)."""

from allymap.store.duck import Store
from allymap.store.schema import MIGRATIONS, VERSION, Migration, current_version, migrate

__all__ = ["MIGRATIONS", "VERSION", "Migration", "Store", "current_version", "migrate"]
