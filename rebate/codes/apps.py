from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CodesConfig(AppConfig):
    name = "rebate.codes"
    label = "codes"

    def ready(self) -> None:
        from rebate.core.hints import register_rule

        from .hints import vocabulary_hint
        from .models import RateLibraryVersion
        from .selectors import forget_active_library

        for signal in (post_save, post_delete):
            signal.connect(forget_active_library, sender=RateLibraryVersion, weak=False)
        register_rule(vocabulary_hint)  # the focus hints of the recurring fields
