from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rebate.web"
    label = "web"
    verbose_name = "出口退税主界面"
