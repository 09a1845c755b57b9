from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "rebate.declarations"
    label = "declarations"
