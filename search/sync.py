"""Keeps the node's index in line with the content: the lifecycle signals enqueue a task after
the transaction commits, and the task indexes the object if it may be found or removes it."""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from wagtail.signals import page_unpublished, post_page_move

from search import breaker
from search.documents import DocumentType, document_types
from search.engines.clients import NodeUnavailable
from search.engines.node import NodeEngine
from search.service import node_configured

logger = logging.getLogger(__name__)


def sync_objects(doc_type: DocumentType, ids: list, engine: NodeEngine | None = None, refresh: bool = False) -> None:
    engine = engine or NodeEngine()
    found = {str(obj.pk): obj for obj in doc_type.searchable().filter(pk__in=ids)}
    engine.index_documents([doc_type.to_document(obj) for obj in found.values()], refresh=refresh)
    engine.delete_documents([f"{doc_type.name}:{pk}" for pk in map(str, ids) if pk not in found], refresh=refresh)


@task()
def sync_search_document(app_label: str, model_name: str, pk: str) -> None:
    """Indexes or removes one object; a node that is down leaves drift for search_check --repair."""
    if not node_configured() or not breaker.allow_writes():
        return
    model = apps.get_model(app_label, model_name)
    for doc_type in document_types():
        if doc_type.model is model:
            try:
                sync_objects(doc_type, [pk])
            except NodeUnavailable as exc:
                breaker.writes_failed(exc)
                return


def enqueue_for(instance) -> None:
    if not node_configured():
        return
    for doc_type in document_types():
        if isinstance(instance, doc_type.models()):
            meta = doc_type.model._meta
            for pk in doc_type.affected_ids(instance):
                transaction.on_commit(
                    lambda pk=pk, meta=meta: sync_search_document.enqueue(meta.app_label, meta.model_name, str(pk))
                )


def on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue_for(instance)


def on_delete(sender, instance, **kwargs):
    enqueue_for(instance)


def on_page_change(sender, instance, **kwargs):
    enqueue_for(instance.specific_deferred if hasattr(instance, "specific_deferred") else instance)


def connect_signals() -> None:
    for doc_type in document_types():
        for model in doc_type.models():
            post_save.connect(on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
            post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
    page_unpublished.connect(on_page_change, dispatch_uid="search-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="search-moved")
