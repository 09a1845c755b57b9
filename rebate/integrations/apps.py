from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "rebate.integrations"
    label = "integrations"
    verbose_name = "外部接口"
