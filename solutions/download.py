"""The catalogue's current filtered set as a file: CSV, or JSON Lines in the import format, so a
download can be imported into another site as it is."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.views.decorators.http import require_safe

from core.page_cache import memoized
from solutions.catalogue import SORTS, CatalogueQuery, Vocabulary, filter_solutions, published_solutions
from solutions.records import csv_lines, import_record, jsonl_lines, with_everything

FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_lines),
    "jsonl": ("application/jsonl; charset=utf-8", jsonl_lines),
}
CHUNK = 200


def filtered_records(params):
    vocab = memoized("catalogue-vocabulary", Vocabulary.load)
    query = CatalogueQuery.from_params(params, vocab, settings.SOLUTIONS_PAGE_SIZE)
    solutions = filter_solutions(published_solutions(), query).order_by(*SORTS[query.sort])
    return (import_record(page) for page in with_everything(solutions).iterator(chunk_size=CHUNK))


@require_safe
def download(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    content_type, write = FORMATS[fmt]
    response = StreamingHttpResponse(write(filtered_records(request.GET)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="minga-solutions.{fmt}"'
    return response
