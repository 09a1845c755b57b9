"""Every goods form's pages, through the generic view-test mixin."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rebate.core.testing.record_tests import RecordPageTests
from rebate.goods import records
from rebate.goods.tests import factories as f

LINE = {
    "period": "202603", "item_key": "530420260000000123001", "export_date": "2026-03-05",
    "commodity_code": "8501109990", "commodity_name": "微电机", "unit": "台",
    "quantity": "100", "fob_usd": "1000.00", "fob_cny": "7100.00", "levy_rate": "0.13",
    "rebate_rate": "0.09",
}  # fmt: skip
LINE_ROW = {
    "所属期": "202603", "出口报关单号": "530420260000000123001", "出口日期": date(2026, 3, 5),
    "出口商品代码": "8501109990", "申报海关商品名称": "微电机", "计量单位": "台", "出口数量": 100,
    "出口销售额（美元）": 1000, "出口销售额（人民币）": 7100.5, "征税率": 0.13, "退税率": 0.09,
}  # fmt: skip


class TestExportLinePages(RecordPageTests):
    record = records.export_line
    make = staticmethod(f.make_export_line)
    add_data = LINE
    edit_data = {"rebate_rate": "0.10", "note": "已核对"}
    bulk_data = {"note": "批量核对"}  # 征税率/退税率 are 返填 from the library, not bulk-edited
    import_row = LINE_ROW
    bad_import_cell = ("出口销售额（人民币）", 1.005)


class TestWriteBackPages(RecordPageTests):
    record = records.write_back

    @staticmethod
    def make(enterprise: Any) -> Any:
        return f.make_export_line(enterprise, status="declared")


class TestCodeAdjustmentPages(RecordPageTests):
    record = records.code_adjustment
    make = staticmethod(f.make_code_adjustment)
    add_data = {
        "period": "202603", "item_key": "530420260000000123001", "export_date": "2026-03-05",
        "commodity_code": "8501109990", "commodity_name": "微电机", "rebate_rate": "0.13",
        "adjusted_commodity_code": "8501109100", "adjusted_commodity_name": "微电机",
        "adjusted_rebate_rate": "0.09",
    }  # fmt: skip
    edit_data = {"adjusted_rebate_rate": "0.13"}
    bulk_data = {"note": "文库更新"}
    import_row = {
        "所属期": "202603", "出口报关单号": "530420260000000123001", "出口日期": "2026-03-05",
        "出口商品代码": "8501109990", "出口商品名称": "微电机", "退税率": 0.13,
        "调整后出口商品代码": "8501109100", "调整后海关商品名称": "微电机", "调整后退税率": 0.09,
    }  # fmt: skip
    bad_import_cell = ("调整后出口商品代码", "85011")


class TestFobDifferencePages(RecordPageTests):
    record = records.fob_difference
    make = staticmethod(f.make_fob_difference)
    add_data = {
        "period": "202603", "invoice_no": "FP1", "invoice_fob_usd": "1100.00",
        "invoice_fob_cny": "7810.00", "item_key": "530420260000000123001", "fob_usd": "1000.00",
        "fob_cny": "7100.00", "reason": "佣金",
    }  # fmt: skip
    edit_data = {"invoice_fob_cny": "7455.00"}
    bulk_data = {"reason": "运费差异"}
    import_row = {
        "所属期": "202603", "出口发票号": "FP1", "出口发票美元离岸价": 1100,
        "出口发票人民币离岸价": 7810, "出口报关单号": "530420260000000123001",
        "美元离岸价": 1000, "人民币离岸价": 7100, "原因说明": "佣金",
    }  # fmt: skip
    bad_import_cell = ("美元离岸价", "一千")


class TestRefundFirstPages(RecordPageTests):
    record = records.refund_first
    make = staticmethod(f.make_refund_first)
    closed_enterprise_kwargs: dict[str, Any] = {}
    add_data = {
        "period": "202603", "item_key": "530420260000000123001", "export_date": "2026-03-05",
        "commodity_code": "8501109990", "commodity_name": "微电机", "fob_cny": "7100.00",
    }  # fmt: skip
    edit_data = {"input_tax": "650.00"}
    bulk_data = {"purchase_voucher_no": "JH001"}
    import_row = {
        "所属期": "202603", "出口报关单号": "530420260000000123001", "出口日期": "2026-03-05",
        "出口商品代码": "8501109990", "出口商品名称": "微电机", "出口销售额（人民币）": "7100.00",
    }  # fmt: skip
    bad_import_cell = ("出口日期", "2026-02-30")

    def prepare(self, enterprise: Any) -> None:
        f.make_qualification(enterprise)


RECEIPT = {"enterprise_kwargs": {"category": "4"}, "closed_enterprise_kwargs": {"category": "2"}}


class TestReceiptPages(RecordPageTests):
    record = records.receipt
    make = staticmethod(f.make_receipt)
    enterprise_kwargs = RECEIPT["enterprise_kwargs"]
    closed_enterprise_kwargs = RECEIPT["closed_enterprise_kwargs"]
    add_data = {
        "period": "202603", "item_key": "530420260000000123001", "invoice_no": "FP1",
        "sales_booked_on": "2026-03-06", "currency": "USD", "transaction_total": "1000.00",
        "transaction_rate": "7.1", "fob_cny": "7100.00", "receipt_amount": "1000.00",
        "receipt_rate": "7.12",
    }  # fmt: skip
    edit_data = {"receipt_rate": "7.2"}
    bulk_data = {"payer": "ACME LTD"}
    import_row = {
        "所属期": "202603", "出口报关单号": "530420260000000123001", "出口发票号": "FP1",
        "记出口销售账日期": "2026-03-06", "成交货币字母代码": "USD", "成交总价": 1000,
        "成交货币汇率": 7.1, "出口销售额（人民币）": 7100,
    }  # fmt: skip
    bad_import_cell = ("成交货币汇率", "abc")


class TestNonReceiptPages(RecordPageTests):
    record = records.non_receipt
    make = staticmethod(f.make_non_receipt)
    enterprise_kwargs = RECEIPT["enterprise_kwargs"]
    closed_enterprise_kwargs = RECEIPT["closed_enterprise_kwargs"]
    add_data = {
        "period": "202603", "item_key": "530420260000000123001", "invoice_no": "FP1",
        "sales_booked_on": "2026-03-06", "currency": "USD", "transaction_total": "1000.00",
        "transaction_rate": "7.1", "fob_cny": "7100.00", "received_amount": "250.00",
        "reason_code": "01", "evidence_kind": "破产证明",
    }  # fmt: skip
    edit_data = {"received_amount": "500.00"}
    bulk_data = {"reason_name": "进口商破产"}
    import_row = {
        "所属期": "202603", "报关单号": "530420260000000123001", "发票号": "FP1",
        "记销售账日期": "2026-03-06", "成交币种": "USD", "成交总价": 1000, "成交汇率": 7.1,
        "出口销售额（人民币）": 7100, "不能收汇原因代码": "01", "提供证明材料种类": "破产证明",
    }  # fmt: skip
    bad_import_cell = ("成交总价", "")


class TestDeemedOwnProductPages(RecordPageTests):
    @pytest.fixture(autouse=True)
    def _member_supplier(self) -> Any:  # the 供货方 is an approved 集团公司成员企业
        with f.approved_supplier("91440300MA5F000011"):
            yield

    record = records.deemed_own_product
    make = staticmethod(f.make_deemed_own_product)
    add_data = {
        "period": "202603", "business_types": "STZC-01", "supplier_tax_id": "91440300MA5F000011",
        "invoice_no": "00001234", "invoice_date": "2026-02-20", "commodity_code": "8501109990",
        "commodity_name": "微电机", "unit": "台", "quantity": "10", "taxable_amount": "500.00",
        "tax_amount": "65.00", "levy_rate": "0.13",
    }  # fmt: skip
    edit_data = {"quantity": "12"}
    bulk_data = {"supplier_name": "某某电机厂"}
    import_row = {
        "所属期": "202603", "业务类型": "STZC-01", "供货方纳税人识别号": "91440300MA5F000011",
        "进货发票号码": "00001234", "开票日期": "2026-02-20", "商品代码": "8501109990",
        "货物名称": "微电机", "计量单位": "台", "数量": 10, "计税金额": 500, "税额": 65,
        "征税税率": 0.13,
    }  # fmt: skip
    bad_import_cell = ("业务类型", "HZCJ")
