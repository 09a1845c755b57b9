from django.apps import AppConfig


class GoodsConfig(AppConfig):
    name = "rebate.goods"
    label = "goods"
