"""Wagtail's own search backends (used by the admin) behind the site's circuit breaker, so a node
that is down or slow costs one timeout rather than one per saved page."""

from __future__ import annotations

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

from search import breaker
from search.engines.clients import CLIENT_ERRORS, unavailable


class BreakerMixin:
    def _guarded(self, method, *args):
        if not breaker.allow_writes():
            return None
        try:
            return method(*args)
        except CLIENT_ERRORS as exc:
            breaker.writes_failed(unavailable(exc))
            raise

    def add(self, obj):
        return self._guarded(super().add, obj)

    def add_bulk(self, model, obj_list):
        return self._guarded(super().add_bulk, model, obj_list)

    def delete(self, obj):
        return self._guarded(super().delete, obj)


class OpenSearch3Backend(BreakerMixin, OpenSearch3SearchBackend):
    pass


class Elasticsearch8Backend(BreakerMixin, Elasticsearch8SearchBackend):
    pass


class Elasticsearch9Backend(BreakerMixin, Elasticsearch9SearchBackend):
    pass


SearchBackend = OpenSearch3Backend
