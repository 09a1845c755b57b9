from django.apps import AppConfig


class ServiceExportsConfig(AppConfig):
    name = "rebate.service_exports"
    label = "service_exports"
