from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "rebate.filings"
    label = "filings"
    verbose_name = "备案申报"

    def ready(self) -> None:
        from . import family, gates, members  # noqa: F401  (family, standing rules, members register)
