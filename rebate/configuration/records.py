"""The 自用业务配置 lists and the 无纸化标志 list, declared on the kernel's record framework."""

from __future__ import annotations

from rebate.core.records import RecordType, register

from . import services
from .choices import PAPERLESS_TYPE
from .forms import CurrencyForm, DeliveryPlaceForm, PaperlessForm, PrincipalForm
from .models import DeliveryPlace, EnterpriseCurrency, EnterpriseExtension, Principal
from .tables import CurrencyTable, DeliveryPlaceTable, PaperlessTable, PrincipalTable

NAMESPACE = "configuration"

CURRENCY = register(
    RecordType(
        model=EnterpriseCurrency, namespace=NAMESPACE, title="币别", name="currency",
        table=CurrencyTable, form=CurrencyForm, spec=("PZ-01",),
        create=services.enterprise_currency_create, update=services.enterprise_currency_update,
        import_exclude=("name", "old_code"), bulk_exclude=("currency_code", "name", "old_code"),
    )
)  # fmt: skip
PRINCIPAL = register(
    RecordType(
        model=Principal, namespace=NAMESPACE, title="委托企业", name="principal",
        table=PrincipalTable, form=PrincipalForm, spec=("PZ-02",),
        create=services.principal_create, update=services.principal_update,
        create_many=services.principal_create_many, bulk_exclude=("name", "taxpayer_id"),
    )
)  # fmt: skip
DELIVERY_PLACE = register(
    RecordType(
        model=DeliveryPlace, namespace=NAMESPACE, title="自用到货地点", name="deliveryplace",
        table=DeliveryPlaceTable, form=DeliveryPlaceForm, spec=("PZ-03",),
        create=services.delivery_place_create, update=services.delivery_place_update,
        bulk_exclude=("code",),
    )
)  # fmt: skip
PAPERLESS = register(
    RecordType(
        model=EnterpriseExtension, namespace=NAMESPACE, title="无纸化标志", name="paperless",
        table=PaperlessTable, form=PaperlessForm, spec=("PZ-06",),
        create=services.paperless_flag_create, update=services.paperless_flag_update,
        scope={"type_code": PAPERLESS_TYPE}, bulk_exclude=("valid_from", "valid_to"),
    )
)  # fmt: skip
RECORDS = (CURRENCY, PRINCIPAL, DELIVERY_PLACE, PAPERLESS)
