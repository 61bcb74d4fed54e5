"""Named contributions from the apps above a layer, so the lower layer never imports them.

A lower app offers a ``Registry`` (moderation targets, account data, notification settings,
reader parts of a shared page); an app above registers what it owns from its ``AppConfig.ready``
or at import. The order of registration is kept: it is the order things are shown in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, T] = {}

    def register(self, name: str, item: T | None = None):
        """``register(name, item)``, or ``@register(name)`` above a function or class."""
        if item is None:
            return lambda found: self.register(name, found)
        self._items[name] = item
        return item

    def get(self, name: str) -> T | None:
        return self._items.get(name)

    def __getitem__(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            raise LookupError(f"No {self.what} is registered as {name!r}.") from None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def items(self) -> list[tuple[str, T]]:
        return list(self._items.items())

    def values(self) -> list[T]:
        return list(self._items.values())
