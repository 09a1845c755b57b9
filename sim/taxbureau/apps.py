from django.apps import AppConfig


class TaxbureauSimConfig(AppConfig):
    name = "sim.taxbureau"
    label = "sim_taxbureau"
    verbose_name = "税务局模拟器"
