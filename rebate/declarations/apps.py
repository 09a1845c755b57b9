from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "rebate.declarations"
    label = "declarations"
    verbose_name = "数据申报"

    def ready(self) -> None:
        # Jobs register with the worker; families register themselves from their own apps.
        from . import jobs  # noqa: F401
