"""JSON answers with an ETag and Last-Modified, and 304 to a client that has them already, so
a client syncing the records asks cheaply."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def conditional_json(request, data: dict, modified: datetime.datetime | None) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    stamp = int(modified.timestamp()) if modified else None
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)


def error(status: int, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"error": {"field": field, "message": str(message)}}, status=status)
