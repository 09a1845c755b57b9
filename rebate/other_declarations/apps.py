from django.apps import AppConfig


class OtherDeclarationsConfig(AppConfig):
    name = "rebate.other_declarations"
    label = "other_declarations"
    verbose_name = "其他申报"

    def ready(self) -> None:
        # The businesses join the wire registry, the family the lifecycle engine.
        from . import family  # noqa: F401
