from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "rebate.certificates"
    label = "certificates"
    verbose_name = "单证申报"

    def ready(self) -> None:
        # The seven businesses register on the wire and the family with the engine.
        from . import family  # noqa: F401
