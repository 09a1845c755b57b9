from django.apps import AppConfig


class SmsSimConfig(AppConfig):
    name = "sim.sms"
    label = "sim_sms"
    verbose_name = "短信网关模拟器"
