from django.apps import AppConfig


class CustomsSimConfig(AppConfig):
    name = "sim.customs"
    label = "sim_customs"
    verbose_name = "海关（电子口岸）模拟器"
