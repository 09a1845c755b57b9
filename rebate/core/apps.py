from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rebate.core"
    label = "core"
    verbose_name = "内核"
