"""One small registry per swappable kind (extractors, llm backends, stores, runners), chosen by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from allymap.errors import UnknownName

T = TypeVar("T")


class Registry(Generic[T]):
    """Named factories of one kind. `register` is a decorator; `create(name)` builds one."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        def deco(factory: Callable[..., T]) -> Callable[..., T]:
            self._factories[name] = factory
            return factory

        return deco

    def names(self) -> list[str]:
        return sorted(self._factories)

    def create(self, name: str, **kwargs: Any) -> T:
        try:
            factory = self._factories[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise UnknownName(f"no {self.kind} named {name!r} (known: {known})") from None
        return factory(**kwargs)


extractors: Registry[Any] = Registry("extractor")
stores: Registry[Any] = Registry("store")
runners: Registry[Any] = Registry("runner")
