"""测试备案申报: a family without a 所属期 or self-check that prints first (SPEC §11's 备案 path:
新建 → 打印 → 生成 → 远程申报 → 审核结果下载 → 数据查询), as configuration of the engine."""

from typing import Any

from rebate.declarations.families import Business, Family, PeriodKind, PrintForm, Step, register
from rebate.declarations.package import records_writer
from rebate.declarations.sources import RecordTypeSource
from rebate.integrations.wire.package import BusinessSpec, Section, register_business
from rebate.integrations.wire.spec import Field, Kind, RecordSpec

from .records import BUSINESS, FAMILY

register_business(
    BusinessSpec(
        code=BUSINESS, short_name="tbsq", label="测试备案申请", period_kind=PeriodKind.NONE,
        self_check=False, published=False,
        sections=(Section("BAMX", RecordSpec("Filing", "测试备案明细", (
            Field("sbxh", "line_no", label="申报序号", required=True, max_length=10),
            Field("hth", "contract_no", label="合同号", max_length=40),
            Field("je", "amount", Kind.AMOUNT, "金额", required=True),
        )), required=True),),
    )
)  # fmt: skip


def filing_sheet(enterprise: Any, record: Any) -> dict[str, Any]:
    return {
        "form_title": "测试备案申请表",
        "columns": ["申报序号", "合同号", "金额"],
        "rows": [[(record.sequence_no, False), (record.contract_no, False), (record.amount, True)]],
    }


register(
    Family(
        key=FAMILY, label="测试备案申报", period_kind=PeriodKind.NONE,
        businesses=(Business(BUSINESS, "tbsq", "测试备案申请"),),
        steps=frozenset({Step.COLLECT, Step.PRINT, Step.GENERATE, Step.UPLOAD, Step.REVOKE,
                         Step.FEEDBACK_DOWNLOAD, Step.QUERY}),
        sources=(RecordTypeSource(FAMILY, BUSINESS),), write_package=records_writer(FAMILY),
        print_before_generate=True, feedback_family=BUSINESS,
        print_forms=(PrintForm("filing", "测试备案申请表", "declarations/print/table.html",
                               filing_sheet, record="testfiling.FilingRecord"),),
    )
)  # fmt: skip
