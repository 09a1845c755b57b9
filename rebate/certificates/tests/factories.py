"""Rows of the seven 申请表 (through their services, so every check runs) and their
registration with the tenant-isolation harness."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rebate.configuration.models import Principal
from rebate.core.testing import isolation
from rebate.customs.models import Declaration
from rebate.customs.tests.factories import make_declaration

from .. import models, records

PRINCIPAL_ID = "91440300MA5F000013"


def principal(
    enterprise: Any, taxpayer_id: str = PRINCIPAL_ID, name: str = "深圳委托制造有限公司"
) -> Principal:
    found, _ = Principal.objects.get_or_create(
        enterprise=enterprise, taxpayer_id=taxpayer_id, defaults={"name": name}
    )
    return found


def create(model: type[models.Certificate], enterprise: Any, **values: Any) -> Any:
    record = next(r for r in records.RECORDS if r.model is model)
    base = {"period": "202611", "fill_date": date(2026, 11, 20)}
    assert record.create is not None
    return record.create(enterprise=enterprise, actor=None, data={**base, **values})


def make_agency(enterprise: Any, **values: Any) -> models.Agency:
    declaration = make_declaration(enterprise)
    principal(enterprise)
    data = {
        "principal_taxpayer_id": PRINCIPAL_ID, "entry_id": declaration.entry_id, "item_no": 1,
        "quantity": Decimal("100"), "fob_usd": Decimal("1000.00"),
        "fob_cny": Decimal("7100.00"), "contract_no": "WT-2026-01",
    }  # fmt: skip
    return create(models.Agency, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_returned(enterprise: Any, **values: Any) -> models.ReturnedGoods:
    declaration = make_declaration(enterprise)
    data = {
        "entry_id": declaration.entry_id, "item_no": 1, "returned_quantity": Decimal("40"),
        "returned_fob_usd": Decimal("400.00"), "returned_fob_cny": Decimal("2840.00"),
    }  # fmt: skip
    return create(models.ReturnedGoods, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_inward(enterprise: Any, **values: Any) -> models.InwardProcessing:
    make_declaration(enterprise, manual_no="B53042600001", trade_mode="0214")
    data = {
        "trustee_taxpayer_id": "91440300MA5F000021", "trustee_name": "东莞来料加工厂",
        "manual_no": "B53042600001", "invoice_no": "44030001", "goods_name": "电机",
        "goods_unit": "台", "goods_quantity": Decimal("100"), "fee_amount": Decimal("5000.00"),
    }  # fmt: skip
    return create(models.InwardProcessing, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_entrusted(enterprise: Any, **values: Any) -> models.Entrusted:
    principal(enterprise, "91440300MA5F000030", "深圳外贸代理有限公司")
    data = {
        "trustee_taxpayer_id": "91440300MA5F000030", "agreement_no": "DL-2026-01",
        "entry_id": "530420260000009999", "item_no": 1, "commodity_code": "8501109990",
        "commodity_name": "微电机", "currency": "USD", "fob_cny": Decimal("7100.00"),
    }  # fmt: skip
    return create(models.Entrusted, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_cigarette(enterprise: Any, **values: Any) -> models.Cigarette:
    principal(enterprise, "91440300MA5F000048", "中国烟草进出口公司")
    data = {
        "exporter_taxpayer_id": "91440300MA5F000048", "commodity_code": "2402200000",
        "cigarette_name": "卷烟", "brand": "中华", "unit": "万支", "quantity": Decimal("10"),
        "unit_price": Decimal("1500.5"), "total_amount": Decimal("15005.00"),
        "vat_exempt": Decimal("1950.65"), "excise_exempt": Decimal("8000.00"),
        "permit_no": "ZM2026000001", "invoice_no": "44030099",
    }  # fmt: skip
    return create(models.Cigarette, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_reissue(enterprise: Any, **values: Any) -> models.Reissue:
    data = {
        "original_kind": models.CertificateKind.AGENCY, "original_no": "DLZM2026000001",
        "original_bureau": "国家税务总局深圳市税务局", "reason": "证明遗失",
    }  # fmt: skip
    return create(models.Reissue, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_winning_bid(enterprise: Any, **values: Any) -> models.WinningBid:
    data = {
        "winner_taxpayer_id": enterprise.uscc, "winner_name": enterprise.name,
        "tender_no": "ZB-2026-001", "project_name": "水电站机组", "lender": "世界银行",
        "product_name": "水轮发电机", "quantity": Decimal("2"), "unit_price": Decimal("350000"),
        "total_amount": Decimal("700000.00"), "fx_amount": Decimal("9.8600"),
        "commodity_code": "8502390000", "commodity_name": "发电机组",
        "agency_name": "中国国际招标公司", "agency_head": "王招标",
        "applied_on": date(2026, 11, 1),
    }  # fmt: skip
    return create(models.WinningBid, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_inward_writeoff(enterprise: Any, **values: Any) -> models.InwardWriteoff:
    exemption = make_inward(enterprise)
    models.InwardProcessing.objects.filter(pk=exemption.pk).update(
        certificate_no="LLJG44032026000001"
    )
    entry = Declaration.objects.filter(enterprise=enterprise, manual_no="B53042600001").first()
    assert entry is not None
    data = {
        "exemption_certificate_no": "LLJG44032026000001", "manual_no": "B53042600001",
        "processor_taxpayer_id": "91440300MA5F000021", "processor_name": "东莞来料加工厂",
        "invoice_no": "44030001", "fee_amount": Decimal("5000.00"),
        "entry_id": entry.entry_id, "item_no": 1, "export_quantity": Decimal("100"),
    }  # fmt: skip
    return create(models.InwardWriteoff, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_cigarette_permit(enterprise: Any, **values: Any) -> models.CigarettePermit:
    principal(enterprise, "91440300MA5F000056", "某卷烟厂")
    data = {
        "producer_taxpayer_id": "91440300MA5F000056", "plan_year": 2026, "plan_no": "JH-2026-01",
        "commodity_code": "2402200000", "cigarette_name": "卷烟", "brand": "中华", "unit": "万支",
        "quantity": Decimal("10"), "unit_price": Decimal("1500.5"),
        "total_amount": Decimal("15005.00"), "plan_quantity": Decimal("100"),
        "issued_quantity": Decimal("20"),
    }  # fmt: skip
    return create(models.CigarettePermit, enterprise, **{**data, **values})  # type: ignore[no-any-return]


def make_cigarette_writeoff(enterprise: Any, **values: Any) -> models.CigaretteWriteoff:
    permit = make_cigarette_permit(enterprise)
    models.CigarettePermit.objects.filter(pk=permit.pk).update(certificate_no="ZYJY44032026000001")
    declaration = make_declaration(enterprise)
    data = {
        "plan_year": 2026, "plan_no": "JH-2026-01", "entry_id": declaration.entry_id,
        "item_no": 1, "brand": "中华", "export_quantity": Decimal("100"),
        "sales_usd": Decimal("1000.00"), "sales_cny": Decimal("7100.00"),
        "permit_no": "ZYJY44032026000001",
    }  # fmt: skip
    return create(models.CigaretteWriteoff, enterprise, **{**data, **values})  # type: ignore[no-any-return]


MAKERS = {
    models.InwardProcessing: make_inward, models.Agency: make_agency,
    models.ReturnedGoods: make_returned, models.Entrusted: make_entrusted,
    models.Cigarette: make_cigarette, models.Reissue: make_reissue,
    models.WinningBid: make_winning_bid, models.InwardWriteoff: make_inward_writeoff,
    models.CigarettePermit: make_cigarette_permit,
    models.CigaretteWriteoff: make_cigarette_writeoff,
}  # fmt: skip

for _model, _make in MAKERS.items():
    _name = next(r.name for r in records.RECORDS if r.model is _model)
    isolation.register(
        _model,
        make=_make,
        urls=[f"declarations:print_record?family=certificates&form={_name}"],
    )
