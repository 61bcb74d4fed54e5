"""The Terms and Code of Conduct versions members accept, read from the site's footer links."""

from __future__ import annotations


def site_policy_versions() -> tuple[str, str]:
    from wagtail.models import Site

    from website.models import SiteLinks

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "", ""
    links = SiteLinks.for_site(site)
    terms = links.terms_page.specific.version if links.terms_page else ""
    conduct = links.conduct_page.specific.version if links.conduct_page else ""
    return terms or "", conduct or ""
