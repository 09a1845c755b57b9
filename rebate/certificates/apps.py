from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "rebate.certificates"
    label = "certificates"
    verbose_name = "单证申报"

    def ready(self) -> None:
        # The seven businesses register on the wire and the family with the engine.
        from rebate.goods.evidence import provide_certificates

        from . import family  # noqa: F401
        from .lookup import item_certificates

        provide_certificates(item_certificates)  # 出口退税 pages and checks read them
