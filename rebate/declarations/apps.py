from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "rebate.declarations"
    label = "declarations"
    verbose_name = "数据申报"

    def ready(self) -> None:
        # Families register themselves with the lifecycle engine; jobs with the worker.
        from . import jobs  # noqa: F401
        from .families import mdt  # noqa: F401
