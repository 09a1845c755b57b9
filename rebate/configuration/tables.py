"""List tables of the 配置 record pages."""

from __future__ import annotations

import django_tables2 as tables

from rebate.core.tables import RecordTable

from .models import DeliveryPlace, EnterpriseCurrency, EnterpriseExtension, Principal


class CurrencyTable(RecordTable):
    detail_url_name = "configuration:currency_detail"

    class Meta(RecordTable.Meta):
        model = EnterpriseCurrency
        fields = ("selection", "currency_code", "name", "old_code", "note")


class PrincipalTable(RecordTable):
    detail_url_name = "configuration:principal_detail"

    class Meta(RecordTable.Meta):
        model = Principal
        fields = ("selection", "name", "taxpayer_id", "customs_code", "contact", "phone", "note")


class DeliveryPlaceTable(RecordTable):
    detail_url_name = "configuration:deliveryplace_detail"

    class Meta(RecordTable.Meta):
        model = DeliveryPlace
        fields = ("selection", "code", "name", "district_code", "address", "note")


class PaperlessTable(RecordTable):
    detail_url_name = "configuration:paperless_detail"
    value = tables.Column(verbose_name="无纸化标志")

    class Meta(RecordTable.Meta):
        model = EnterpriseExtension
        fields = ("selection", "type_code", "value", "valid_from", "valid_to", "note")
