"""The generic record pages of 出口发票 and 收汇记录 (list, 新建, 修改, 导入, 导出, 批量修改, 暂存).

Neither joins a declaration batch (no ``lock``); a matched one is locked by matching.services
(test_matching). Their numbers are unique per enterprise, so the import test's two rows differ.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rebate.core.testing.record_tests import RecordPageTests, workbook_bytes
from rebate.matching import records
from rebate.matching.tests import factories as f


class UniqueNumberPages(RecordPageTests):
    number_column: ClassVar[str] = ""
    lock = None

    def test_import_template_then_valid_import(self, web: Any, owner: Any) -> None:
        rows = [list({**self.import_row, self.number_column: f"NO-{n}"}.values()) for n in (1, 2)]
        response = web.post(
            self.url("import"), {"file": workbook_bytes(list(self.import_row), rows)}
        )
        assert response.status_code == 302
        assert self.rows(owner.enterprise).count() == 2
        again = web.post(self.url("import"), {"file": workbook_bytes(list(self.import_row), rows)})
        assert again.status_code == 400 and "已经存在" in again.content.decode()
        assert self.rows(owner.enterprise).count() == 2


class TestExportInvoicePages(UniqueNumberPages):
    record = records.INVOICE
    make = staticmethod(f.make_invoice)
    number_column = "出口发票号"
    add_data = {"invoice_no": "FP-NEW-1", "issued_on": "2026-03-05", "buyer": "ACME",
                "currency": "USD", "amount": "1200.50"}  # fmt: skip
    edit_data = {"amount": "1300.00", "note": "已核对"}
    bulk_data = {"note": "批量核对"}
    import_row = {"出口发票号": "FP-IMP-1", "开票日期": date(2026, 3, 5),
                  "购买方（外商）名称": "ACME", "币种": "USD", "发票金额": 100}  # fmt: skip
    bad_import_cell = ("币种", "usd1")


class TestForeignReceiptPages(UniqueNumberPages):
    record = records.RECEIPT
    make = staticmethod(f.make_receipt)
    number_column = "银行业务编号"
    add_data = {"received_on": "2026-04-20", "payer": "ACME", "currency": "USD",
                "amount": "1200.50", "bank_reference": "BK-NEW-1"}  # fmt: skip
    edit_data = {"amount": "1190.00", "note": "扣费10"}
    bulk_data = {"note": "批量核对"}
    import_row = {"收汇日期": date(2026, 4, 20), "付汇人": "ACME", "收汇币种": "USD",
                  "收汇金额": 100, "银行业务编号": "BK-IMP-1"}  # fmt: skip
    bad_import_cell = ("收汇日期", "明天")
