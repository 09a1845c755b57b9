"""Response headers every page carries: a strict Content-Security-Policy, a Permissions-Policy
that switches off the browser features the product never uses, and `Cache-Control: no-store` on
whatever a signed-in user receives (申报数据, 报关单 and account pages must not stay in a shared
or back-button cache after 退出).

The policy allows this origin only: every script and style is a static file (no inline `<script>`,
`<style>`, `style=` or `on…=` in the templates — rebate/core/tests/test_headers.py reads every
page to hold that), the tabbed shell frames same-origin pages, and Bootstrap's form controls
draw their marks from `data:` SVG images. A page that must carry its own `<style>` (the print
preview shares its stylesheet with the PDF renderer) renders `request.csp_nonce` into it; the
nonce is added to the policy of that response only.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
NONCED = ("script-src", "style-src")


def policy(nonce: str = "") -> str:
    return "; ".join(
        f"{name} {value} 'nonce-{nonce}'" if nonce and name in NONCED else f"{name} {value}"
        for name, value in DIRECTIVES.items()
    )


CONTENT_SECURITY_POLICY = policy()
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
        "hid",
        "bluetooth",
    )
)


class Nonce:
    """A per-request nonce that remembers whether a page rendered it."""

    def __init__(self) -> None:
        self.value = secrets.token_urlsafe(18)
        self.used = False

    def __str__(self) -> str:
        self.used = True
        return self.value


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = Nonce()
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers["Content-Security-Policy"] = policy(nonce.value if nonce.used else "")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
