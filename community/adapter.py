from allauth.account.adapter import DefaultAccountAdapter
from django.shortcuts import render
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("account_overview")

    def get_signup_redirect_url(self, request):
        return reverse("account_overview")

    def pre_login(self, request, user, **kwargs):
        """Suspended and banned members are told why they cannot sign in, and until when."""
        from community.sanctions import BLOCKS_SIGN_IN, active

        sanction = active(user, BLOCKS_SIGN_IN).order_by("-ends_at").first()
        if sanction is not None:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return render(request, "community/suspended.html", {"sanction": sanction}, status=403)
        return super().pre_login(request, user, **kwargs)
