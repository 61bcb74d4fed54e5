"""A queryset compiled once per process and run many times with new values.

Building and compiling a query with a few ``select_related`` relations and a subquery costs
Django more than a millisecond on every call, several times what the database spends running it.
``Prepared`` compiles the queryset once with stand-in values (numbers no row has), keeps its SQL,
and on each call puts the real values in place of the stand-ins and hands Django's own iterable
the compiler it set up then, so the objects come out exactly as the queryset would make them:
related objects, annotations and converters included.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable

from django.db import connections
from django.db.models import Model, QuerySet


def put_in(params: list, values: dict[int, object]) -> list:
    """``params`` of a query compiled with stand-ins, each stand-in replaced by its value."""
    return [values.get(p, p) if isinstance(p, int) and not isinstance(p, bool) else p for p in params]


class Prepared:
    """``make(**stand_ins)``, a queryset whose every variable part is one of the ``stand_ins``
    (integers found nowhere else in its parameters), compiled on first use per database."""

    def __init__(self, make: Callable[..., QuerySet], **stand_ins: int) -> None:
        self.make = make
        self.stand_ins = stand_ins
        self._compiled: dict[str, tuple[QuerySet, object, str, list]] = {}
        self._lock = threading.Lock()

    def compiled(self, using: str) -> tuple[QuerySet, object, str, list]:
        key = f"{using}:{connections[using].vendor}"
        found = self._compiled.get(key)
        if found is None:
            queryset = self.make(**self.stand_ins).using(using)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            missing = set(self.stand_ins.values()) - set(params)
            if missing:
                raise ValueError(f"stand-ins {sorted(missing)} are not parameters of the query")
            with self._lock:
                found = self._compiled.setdefault(key, (queryset, compiler, sql, list(params)))
        return found

    def all(self, using: str = "default", **values) -> list[Model]:
        """The queryset's objects for ``values`` (one for each stand-in, by name)."""
        queryset, template, sql, params = self.compiled(using)
        run = put_in(params, {self.stand_ins[name]: value for name, value in values.items()})
        compiler = copy.copy(template)
        compiler.connection = connections[using]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(run))
        query = copy.copy(queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        return list(QuerySet(model=queryset.model, query=query, using=using))

    def first(self, using: str = "default", **values) -> Model | None:
        found = self.all(using, **values)
        return found[0] if found else None
