from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "rebate.insight"
    label = "insight"
    verbose_name = "疑点说明与退税试算"
