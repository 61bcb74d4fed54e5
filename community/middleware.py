from django.contrib.auth import logout
from django.utils.translation import get_language_from_path


class SanctionMiddleware:
    """Ends the sessions of members suspended or banned while signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_superuser:
            from community.sanctions import blocks_sign_in

            if blocks_sign_in(user):
                logout(request)
        return self.get_response(request)


class InterfaceLanguageMiddleware:
    """Remembers the language a signed-in member reads the site in (their pages' address says it),
    so what the site writes to them later, notifications and emails, is written in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from community.languages import remember_language

            remember_language(user, get_language_from_path(request.path_info))
        return self.get_response(request)
