from captcha import urls as captcha_urls
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, include, path


def public(patterns: list[URLPattern]) -> list[URLPattern]:
    """Mark a third-party app's views as reachable before sign-in (the login captcha)."""
    for pattern in patterns:
        pattern.callback = login_not_required(pattern.callback)
    return patterns


# A 404 under /api/ answers the API's JSON error body; elsewhere Django's page.
handler404 = "rebate.api.errors.not_found"

urlpatterns = [
    path("", include("rebate.web.urls")),
    path("accounts/", include("rebate.accounts.urls")),
    path("captcha/", include(public(captcha_urls.urlpatterns))),
    path("ckts/core/", include("rebate.core.urls")),
    path("ckts/codes/", include("rebate.codes.urls", namespace="codes")),
    path("ckts/configuration/", include("rebate.configuration.urls", namespace="configuration")),
    path("ckts/customs/", include("rebate.customs.urls", namespace="customs")),
    path("ckts/declarations/", include("rebate.declarations.urls", namespace="declarations")),
    path("ckts/mdt/", include("rebate.mdt.urls", namespace="mdt")),
    path(
        "ckts/qt/",
        include("rebate.other_declarations.urls", namespace="other_declarations"),
    ),
    path("ckts/ba/", include("rebate.filings.urls", namespace="filings")),
    path("ckts/dz/", include("rebate.certificates.urls", namespace="certificates")),
    path("ckts/jl/", include("rebate.processing.urls", namespace="processing")),
    path("ckts/insight/", include("rebate.insight.urls", namespace="insight")),
    path("ckts/matching/", include("rebate.matching.urls", namespace="matching")),
    path("ckts/obligations/", include("rebate.obligations.urls", namespace="obligations")),
    path("ckts/goods/", include("rebate.goods.urls", namespace="goods")),
    path("ckts/documents/", include("rebate.documents.urls", namespace="documents")),
    path("ckts/refunds/", include("rebate.refunds.urls", namespace="refunds")),
    path("ckts/overseas/", include("rebate.overseas.urls", namespace="overseas")),
    path(
        "ckts/service-exports/",
        include("rebate.service_exports.urls", namespace="service_exports"),
    ),
    path("ckts/webhooks/", include("rebate.webhooks.urls", namespace="webhooks")),
    # Last: the API serves every record form the apps above registered (rebate.api.records).
    path("api/", include("rebate.api.urls", namespace="api")),
    # No simulator here: the outside world is its own server (config.sim_urls, under
    # config.settings.sim), reached through rebate.integrations clients over HTTP.
]
