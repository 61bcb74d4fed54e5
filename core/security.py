"""The Content-Security-Policy: strict for the public site, with the allowances Wagtail's admin
needs (inline scripts and styles) only under /admin/."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_ALLOWANCES = {
    "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:", "blob:", "https:"],
    "frame-src": ["'self'", "https:"],
    "media-src": ["'self'", "https:"],
}

SITE_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Inline style attributes only (the Wagtail user bar uses some); no inline scripts.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            merged = dict(parts.update or {})
            for directive, sources in ADMIN_ALLOWANCES.items():
                merged[directive] = [*merged.get(directive, []), *sources]
            parts.update = merged
        return parts


def client_ip(request) -> str:
    """The visitor's address behind the proxy (for rate limits): the last X-Forwarded-For hop,
    which the proxy itself appended; earlier hops can be forged by the client."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "")
