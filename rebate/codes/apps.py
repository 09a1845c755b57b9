from django.apps import AppConfig


class CodesConfig(AppConfig):
    name = "rebate.codes"
    label = "codes"
