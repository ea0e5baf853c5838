"""One exception tree: each error has a short code and names the file (and line) it concerns."""

from __future__ import annotations


class AllymapError(Exception):
    """Base of every error allymap raises on purpose."""

    code = "error"

    def __init__(self, reason: str, path: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason} [{self.code}]"


class InputError(AllymapError):
    """An input file or line that cannot be read as an article."""

    code = "bad-input"


class StoreError(AllymapError):
    code = "store"


class UnknownName(AllymapError):
    """A registry name or actor name that is not known."""

    code = "unknown"
