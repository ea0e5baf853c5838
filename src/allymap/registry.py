"""One small registry per swappable kind (extractors, llm backends, stores, runners), chosen by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from allymap.errors import UnknownName

T = TypeVar("T")


class Registry(Generic[T]):
    """Named factories of one kind. `register` is a decorator; `create(name)` builds one."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}
        self._modules: dict[str, str] = {}  # name -> module whose import registers it (optional parts)

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def deco(factory: Callable[..., T]) -> Callable[..., T]:
            self._factories[name] = factory
            return factory

        return deco

    def provide(self, name: str, module: str) -> None:
        """Declare that importing `module` registers `name`: imported on the first `create(name)`."""
        self._modules[name] = module

    def names(self) -> list[str]:
        return sorted(set(self._factories) | set(self._modules))

    def create(self, name: str, **kwargs: Any) -> T:
        if name not in self._factories and name in self._modules:
            importlib.import_module(self._modules[name])
        try:
            factory = self._factories[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise UnknownName(f"no {self.kind} named {name!r} (known: {known})") from None
        return factory(**kwargs)


extractors: Registry[Any] = Registry("extractor")
stores: Registry[Any] = Registry("store")
runners: Registry[Any] = Registry("runner")

# Optional built-ins, registered when their package is first asked for.
extractors.provide("llm", "allymap.llm")
extractors.provide("cooccurrence", "allymap.extract.cooccur")  # languages without a parser model
stores.provide("duckdb", "allymap.store.duck")
