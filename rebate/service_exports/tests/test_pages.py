"""Every services form's pages, through the generic view-test mixin."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from rebate.core.testing.record_tests import RecordPageTests
from rebate.service_exports import records
from rebate.service_exports.tests import factories as f

SETTLEMENT = {
    "period": "202603",
    "counterparty": "某航空公司",
    "currency": "USD",
    "amount": "1000.00",
    "amount_usd": "1000.00",
    "amount_cny": "7100.00",
}
SETTLEMENT_ROW = {
    "所属期": "202603",
    "清算对方": "某航空公司",
    "币种": "USD",
    "清算金额（原币）": 1000,
    "清算金额（美元）": 1000,
    "清算金额（人民币）": 7100,
}


class TestTransportLinePages(RecordPageTests):
    record = records.transport_line
    make = staticmethod(f.make_transport_line)
    add_data = {
        "period": "202603",
        "transport_kind": "1",
        "conveyance": "中远1号",
        "departure": "深圳",
        "destination": "新加坡",
        "transport_date": "2026-03-03",
        "invoice_no": "YS1",
        "invoice_date": "2026-03-04",
        "currency": "USD",
        "amount": "5000.00",
        "usd_rate": "7.1",
        "turnover_usd": "5000.00",
        "turnover_cny": "35500.00",
        "taxable_cny": "35500.00",
        "levy_rate": "0.09",
        "rebate_rate": "0.06",
    }
    edit_data = {"rebate_rate": "0.09"}
    bulk_data = {"destination": "鹿特丹"}
    import_row = {
        "所属期": "202603",
        "运输类型": "国际运输",
        "运输工具名称及航次": "中远1号",
        "起运地": "深圳",
        "到达地": "新加坡",
        "运输日期": "2026-03-03",
        "出口发票号": "YS1",
        "开票日期": "2026-03-04",
        "收入原币代码": "USD",
        "营业额（原币）": 5000,
        "美元汇率": 7.1,
        "营业额（折美元）": 5000,
        "营业额（人民币）": 35500,
        "免抵退税计税金额": 35500,
        "征税率": 0.09,
        "退税率": 0.09,
    }
    bad_import_cell = ("运输类型", "空运")


class TestSpaceBillPages(RecordPageTests):
    record = records.space_bill
    make = staticmethod(f.make_space_bill)
    add_data = {**SETTLEMENT, "bill_no": "HT1", "bill_date": "2026-03-02", "mission": "卫星"}
    edit_data = {"amount_cny": "7200.00"}
    bulk_data = {"note": "已核对"}
    import_row = {
        **SETTLEMENT_ROW,
        "清算账单号": "HT1",
        "账单日期": "2026-03-02",
        "发射任务（卫星）名称": "卫星",
    }
    bad_import_cell = ("账单日期", "三月")


class TestPassengerLetterPages(RecordPageTests):
    record = records.passenger_letter
    make = staticmethod(f.make_passenger_letter)
    add_data = {
        **SETTLEMENT,
        "letter_no": "KY1",
        "letter_date": "2026-03-02",
        "business_kind": "2",
        "settlement_month": "202602",
    }
    edit_data = {"amount_usd": "1001.00"}
    bulk_data = {"counterparty": "某铁路局"}
    import_row = {
        **SETTLEMENT_ROW,
        "清算函件号": "KY1",
        "函件日期": "2026-03-02",
        "业务类别": "旅客",
        "清算所属期": "202602",
    }
    bad_import_cell = ("清算金额（美元）", 10.123)


class TestRailFreightPages(RecordPageTests):
    record = records.rail_freight
    make = staticmethod(f.make_rail_freight)
    add_data = {
        "period": "202603",
        "waybill_no": "TL1",
        "shipped_on": "2026-03-01",
        "from_station": "郑州圃田",
        "to_station": "汉堡",
        "goods_name": "电子产品",
        "weight": "20.5",
        "freight_usd": "3000.00",
        "freight_cny": "21300.00",
    }
    edit_data = {"weight": "21.25"}
    bulk_data = {"border_port": "阿拉山口"}
    import_row = {
        "所属期": "202603",
        "运单号": "TL1",
        "发运日期": "2026-03-01",
        "发站": "郑州圃田",
        "到站": "汉堡",
        "货物名称": "电子产品",
        "重量（吨）": 20.5,
        "运费（美元）": 3000,
        "运费（人民币）": 21300,
    }
    bad_import_cell = ("所属期", "2026-3")


class TestTaxableServicePages(RecordPageTests):
    record = records.taxable_service
    make = staticmethod(f.make_taxable_service)
    add_data = {
        "period": "202603",
        "contract_no": "HT1",
        "overseas_party": "ACME GmbH",
        "country_code": "304",
        "service_code": "304010101",
        "service_name": "软件开发服务",
        "invoice_no": "FW1",
        "invoice_date": "2026-03-04",
        "contract_total_usd": "10000.00",
        "contract_total_cny": "71000.00",
        "voucher_count": "1",
        "received_usd": "5000.00",
        "receipt_currency": "USD",
        "receipt_amount": "5000.00",
        "usd_rate": "7.1",
        "recognised_cny": "35500.00",
        "turnover_cny": "35500.00",
        "taxable_cny": "35500.00",
        "levy_rate": "0.06",
        "rebate_rate": "0.06",
    }
    edit_data = {"taxable_cny": "30000.00"}
    bulk_data = {"business_types": "JWTZ"}
    import_row = {
        "所属期": "202603",
        "合同号": "HT1",
        "境外单位名称": "ACME GmbH",
        "国家或地区数字代码": "304",
        "应税服务代码": "304010101",
        "应税服务名称": "软件开发服务",
        "出口发票号": "FW1",
        "开票日期": "2026-03-04",
        "合同总金额（美元）": 10000,
        "合同总金额（人民币）": 71000,
        "本期收款凭证份数": 1,
        "本期收款金额（美元）": 5000,
        "收款原币代码": "USD",
        "收款原币金额": 5000,
        "美元汇率": 7.1,
        "本期确认营业收入（人民币）": 35500,
        "营业额（人民币）": 35500,
        "营业额免抵退税计税金额": 35500,
        "征税税率": 0.06,
        "退税率": 0.06,
    }
    bad_import_cell = ("征税税率", 6)


class TestServiceReceiptPages(RecordPageTests):
    record = records.service_receipt
    make = staticmethod(f.make_service_receipt)
    edit_data = {"amount_usd": "4999.00"}
    bulk_data = {"payer": "ACME GmbH"}
    parent_pk: ClassVar[int] = 0

    @pytest.fixture(autouse=True)
    def _parent(self, owner: Any) -> None:
        parent = f.make_taxable_service(owner.enterprise)
        type(self).add_data = {
            "period": "202603",
            "taxable_service": str(parent.pk),
            "voucher_no": "SK1",
            "received_on": "2026-03-10",
            "currency": "USD",
            "amount": "5000.00",
            "amount_usd": "5000.00",
        }
