from django.apps import AppConfig


class CustomsSimConfig(AppConfig):
    name = "sim.customs"
    label = "sim_customs"
