"""Document structure of the bureau feedback format (four roots)."""

from __future__ import annotations

from typing import Final

from ..spec import Kind
from ..xsdgen import Attr, Child, Format, Node
from .specs import (
    DOUBT,
    FILING,
    MANUAL_FEEDBACK,
    MANUAL_RECORD,
    NAMESPACE,
    REVIEW_RESULT,
    REVIEWED_LINE,
    SCHEMA,
    VERSION,
)

_VERSION = Attr("Version", fixed=VERSION)
_CODE = Attr("CustomsCode")
# 所属期 YYYYMM, 申报年 YYYY, or empty for a business without a period (wire.package.PeriodKind)
DECLARED_PERIOD = "([0-9]{4}((0[1-9]|1[0-2]))?)?"
_PERIOD = Attr("Period", pattern=DECLARED_PERIOD)


def _many(node: Node) -> Child:
    return Child(node, min_occurs=0, unbounded=True)


FORMAT: Final = Format(
    schema_file=SCHEMA,
    namespace=NAMESPACE,
    version=VERSION,
    title="税务局反馈格式 (doubts, review, 加贸 and filing feedback)",
    doc_file="bureau-feedback-1.0.md",
    notes=(
        "Doubt rows follow DOMAIN §8.1 (YDCODE, ERR_LEV, PASS_FLAG, ERR_MSG); codes are the "
        "catalogue of `rebate.calc.checks`. Review feedback carries the approved 免抵退税额, "
        "应退税额 and 免抵税额 and the declared lines; 加贸 feedback the 实际分配率 of the "
        "manuals customs wrote off in the year, with their customs records by 监管方式.",
    ),
    roots=(
        Node(
            "DoubtList",
            "疑点反馈",
            children=(_many(Node("Doubt", DOUBT.label, record=DOUBT)),),
            attributes=(_VERSION, Attr("ReceiptNo"), _CODE, _PERIOD,
                        Attr("BusinessCode"), Attr("Status")),
        ),
        Node(
            "ReviewFeedback",
            "审核结果反馈",
            children=(
                _many(
                    Node(
                        "Declaration",
                        REVIEW_RESULT.label,
                        record=REVIEW_RESULT,
                        children=(
                            Child(
                                Node("Lines", "已申报明细",
                                     children=(_many(Node("Line", "明细", record=REVIEWED_LINE)),)),
                                min_occurs=0,
                            ),
                        ),
                    )
                ),
            ),
            attributes=(_VERSION, _CODE, Attr("Family"), _PERIOD),
        ),
        Node(
            "ProcessingFeedback",
            "加贸反馈（实际分配率）",
            children=(
                _many(
                    Node(
                        "Manual",
                        MANUAL_FEEDBACK.label,
                        record=MANUAL_FEEDBACK,
                        children=(
                            Child(
                                Node("Records", "海关加贸数据",
                                     children=(_many(Node("Record", MANUAL_RECORD.label,
                                                          record=MANUAL_RECORD)),)),
                                min_occurs=0,
                            ),
                        ),
                    )
                ),
            ),
            attributes=(_VERSION, _CODE, Attr("Year", kind=Kind.INT)),
        ),
        Node(
            "FilingFeedback",
            "备案反馈",
            children=(_many(Node("Filing", FILING.label, record=FILING)),),
            attributes=(_VERSION, _CODE),
        ),
    ),
)  # fmt: skip
