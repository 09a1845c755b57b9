from django.apps import AppConfig


class RefundsConfig(AppConfig):
    name = "rebate.refunds"
    label = "refunds"
    verbose_name = "退税到账跟踪"
