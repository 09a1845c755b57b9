from django.apps import AppConfig


class MdtConfig(AppConfig):
    name = "rebate.mdt"
    label = "mdt"
    verbose_name = "免抵退税申报"

    def ready(self) -> None:
        # The family registers itself with the lifecycle engine.
        from . import family  # noqa: F401
