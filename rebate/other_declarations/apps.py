from django.apps import AppConfig


class OtherDeclarationsConfig(AppConfig):
    name = "rebate.other_declarations"
    label = "other_declarations"
    verbose_name = "其他申报"

    def ready(self) -> None:
        # The businesses join the wire registry, the family the lifecycle engine.
        from rebate.codes.extensions import provide_deadline_extensions

        from . import effects, family, gates  # noqa: F401

        provide_deadline_extensions(effects.extensions)
