from django.contrib.auth import logout


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
