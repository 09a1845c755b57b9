from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rebate.accounts"
    label = "accounts"
    verbose_name = "企业与用户"
