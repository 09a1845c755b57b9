from django.apps import AppConfig


class AccessSimConfig(AppConfig):
    name = "sim.access"
    label = "sim_access"
    verbose_name = "模拟外部机构的接入凭证"
