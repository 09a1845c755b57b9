from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rebate.core"
    label = "core"
    verbose_name = "内核"

    def ready(self) -> None:
        from . import import_views  # noqa: F401 — registers the 导入 job handler
