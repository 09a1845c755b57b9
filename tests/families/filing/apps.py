from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "tests.families.filing"
    label = "testfiling"
    verbose_name = "测试备案申报"

    def ready(self) -> None:
        from . import family  # noqa: F401  (the wire business and the family register)
