from django.apps import AppConfig


class CustomsConfig(AppConfig):
    name = "rebate.customs"
    label = "customs"
