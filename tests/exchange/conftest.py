from __future__ import annotations

import pytest

from tests.community.conftest import member, member_client, moderator, other  # noqa: F401 - shared fixtures
from tests.search.conftest import engine, fresh_breaker, node  # noqa: F401 - shared fixtures


@pytest.fixture
def make_request(site_tree):
    """A knowledge request through the lifecycle; ``publish`` opens it."""
    from exchange import lifecycle
    from solutions.models import SDG, Country, Modality, Theme

    def make(user, publish: bool = True, themes=(), sdgs=(), countries=(), modalities=(), **fields):
        values = {
            "title": "How do we reach rural households with cash transfers?",
            "challenge": "Our cash transfer programme misses remote villages without banks.",
            "learn": "How others delivered payments where there are no banks.",
            **fields,
        }
        return lifecycle.create(
            user,
            publish=publish,
            themes=list(Theme.objects.filter(slug__in=themes)),
            sdgs=list(SDG.objects.filter(number__in=sdgs)),
            countries=list(Country.objects.filter(code__in=countries)),
            modalities=list(Modality.objects.filter(slug__in=modalities)),
            **values,
        )

    return make
