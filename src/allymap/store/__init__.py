"""The store: a DuckDB file with a versioned schema."""

from allymap.store.duck import Store
from allymap.store.schema import MIGRATIONS, VERSION, migrate

__all__ = ["MIGRATIONS", "VERSION", "Store", "migrate"]
