from django.apps import AppConfig


class OverseasConfig(AppConfig):
    name = "rebate.overseas"
    label = "overseas"
    verbose_name = "海外仓出口货物核对"
