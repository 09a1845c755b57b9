from django.urls import include, path

urlpatterns = [
    path("", include("rebate.web.urls")),
    path("accounts/", include("rebate.accounts.urls")),
    path("captcha/", include("captcha.urls")),
    path("ckts/core/", include("rebate.core.urls")),
    # The simulators of the outside world, mounted in-process (DESIGN §1); the product reaches
    # them only through rebate.integrations clients.
    path("sim/sms/", include("sim.sms.urls")),
]
