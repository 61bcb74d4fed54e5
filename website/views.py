from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def switch_language(request):
    """The language switcher, as a plain GET form: public pages then carry no CSRF token, so
    they can be cached and served to any visitor. Remembers the choice like Django's
    ``set_language`` (a language cookie is nothing an attacker gains by setting)."""
    language = request.GET.get("language", "")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    response = HttpResponseRedirect(translate_url(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
def api_docs(request):
    """The records API for people: what it answers, its filters, paging, syncing and limits."""
    from django.shortcuts import render

    from solutions.models import OrganisationKind
    from solutions.models.vocab import Licence

    return render(
        request,
        "website/api_docs.html",
        {
            "base": request.build_absolute_uri("/api/v1/"),
            "kinds": OrganisationKind.choices,
            "licences": Licence.choices,
        },
    )


@require_safe
def sitemap(request):
    """Every published page once, under the default language's prefix. Visitors get it from the
    page cache, which a change in any process empties: no cache of its own that would keep it
    stale."""
    with translation.override(settings.LANGUAGE_CODE):
        response = wagtail_sitemap(request)
        response.render()
    return response


def permission_denied(request, exception=None):
    """The reason given by a permission check is shown to the person refused."""
    from django.shortcuts import render

    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def bad_request(request, exception=None):
    """Rendered without context processors, as the request is what could not be read. Only our
    own reasons (BadRequest) are shown; a SuspiciousOperation's message is for the log."""
    from django.core.exceptions import BadRequest
    from django.template import loader

    reason = str(exception) if isinstance(exception, BadRequest) else ""
    if request.path.startswith("/api/"):  # API clients read errors as JSON, in one shape
        from django.http import JsonResponse
        from django.utils.translation import gettext

        return JsonResponse({"error": {"field": None, "message": reason or gettext("Bad request")}}, status=400)
    return HttpResponse(loader.get_template("400.html").render({"reason": reason}), status=400)


def server_error(request):
    """Rendered without the database or context processors: they may be what failed."""
    from django.template import loader

    template = loader.get_template("500.html")
    body = template.render({"request_id": getattr(request, "id", "-")})
    return HttpResponse(body, status=500)
