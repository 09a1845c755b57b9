from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "rebate.configuration"
    label = "configuration"
