from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "rebate.webhooks"
    label = "webhooks"
    verbose_name = "消息推送"
