"""The records API validated against its own OpenAPI schema by schemathesis, in process through
the WSGI application (the page cache in front, as deployed): no answer is a server error, and
every answer (status, content type, headers, body) is one the schema documents."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from solutions.models import Organisation

pytestmark = pytest.mark.django_db


from website.wsgi import application  # noqa: E402 - after the imports pytest-django needs set up

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: the WSGI handler would close the connection that holds the
    test's transaction at the end of each request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def records(make_solution, settings):
    settings.RATELIMIT_ENABLE = False  # thousands of requests from one address
    known = Organisation.objects.create(name="Agência Brasileira de Cooperação", short_name="ABC", kind="government")
    known.countries.add("BR")
    make_solution(partners=[{"organisation": known.pk, "role": "provider"}], sdgs=[2, 4], licence="CC-BY-SA-4.0")
    make_solution(
        language="es",
        title="Huertos escolares",
        recipient_countries=["HN", "GT"],
        partners=[{"name": "Ministerio de Educación", "role": "recipient", "country": "HN"}],
        end_year=None,
        status="ongoing",
    )


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_conforms_to_the_schema(case):
    case.call_and_validate()
