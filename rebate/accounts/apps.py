from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rebate.accounts"
    label = "accounts"
    verbose_name = "企业与用户"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
