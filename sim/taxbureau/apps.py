from django.apps import AppConfig


class TaxbureauSimConfig(AppConfig):
    name = "sim.taxbureau"
    label = "sim_taxbureau"
