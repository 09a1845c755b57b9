from django.apps import AppConfig


class TaxbureauSimConfig(AppConfig):
    name = "sim.taxbureau"
    label = "sim_taxbureau"
    verbose_name = "税务局模拟器"

    def ready(self) -> None:
        # The businesses with rules of their own register them with the hooks.
        from . import (  # noqa: F401
            review_certificates,
            review_filings,
            review_other,
            review_processing,
        )
