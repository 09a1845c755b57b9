from django.apps import AppConfig


class CustomsConfig(AppConfig):
    name = "rebate.customs"
    label = "customs"
    verbose_name = "报关单采集"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 — registers the 信息下载 job handler
