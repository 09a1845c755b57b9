from django.apps import AppConfig


class YearlyConfig(AppConfig):
    name = "tests.families.yearly"
    label = "testyearly"
    verbose_name = "测试年度申报"

    def ready(self) -> None:
        # The business joins the wire registry and the family the lifecycle engine.
        from . import family  # noqa: F401
