from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "rebate.matching"
    label = "matching"
    verbose_name = "单证匹配"
