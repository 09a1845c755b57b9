from django.apps import AppConfig


class GoodsConfig(AppConfig):
    name = "rebate.goods"
    label = "goods"

    def ready(self) -> None:
        from rebate.codes.extensions import provide_library_listener

        from .recheck import flag_changed_rates

        # codes cannot import goods: a new active 退税率文库 reaches the lines through this hook.
        provide_library_listener(flag_changed_rates)
