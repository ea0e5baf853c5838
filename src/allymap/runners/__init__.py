"""Runners: the same stage functions on local processes or a Dask cluster, chosen by name."""

from allymap.runners import dask_runner, local  # noqa: F401 - registers "local" and "dask"
from allymap.runners.local import default_workers

__all__ = ["default_workers"]
