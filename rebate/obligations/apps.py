from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "rebate.obligations"
    label = "obligations"
    verbose_name = "期限看板"
