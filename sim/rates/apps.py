from django.apps import AppConfig


class RatesSimConfig(AppConfig):
    name = "sim.rates"
    label = "sim_rates"
    verbose_name = "外汇交易中心（人民币汇率中间价）模拟器"
