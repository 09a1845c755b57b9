from django.apps import AppConfig


class ProcessingConfig(AppConfig):
    name = "rebate.processing"
    label = "processing"
    verbose_name = "进料加工核销"

    def ready(self) -> None:
        # The family registers with the engine and hands its selectors to the lower layers.
        from . import family  # noqa: F401
