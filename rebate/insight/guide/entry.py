"""One doubt code's explanation (the shape of the explainer's data)."""

from __future__ import annotations

from dataclasses import dataclass

from rebate.calc.mdt.names import DETAIL_FORM_NAMES, detail_form_name
from rebate.certificates.wire import BUSINESSES as CERTIFICATES
from rebate.certificates.wire import CertificateBusiness
from rebate.other_declarations.records import RECORDS as OTHER_FORMS

TSSB = "TSSB"
SBHZ = "SBHZ"


def application_title(business: CertificateBusiness) -> str:
    """A 单证申报 business's 申请表 (a 通知书 is its own form)."""
    name = business.label if business.label.endswith("通知书") else f"{business.label}申请表"
    return f"《{name}》"


TABLE_LABELS = {
    # The 明细表's name is a dated rule (calc.mdt.names): without a period, every name it had.
    TSSB: "，".join(f"《{name}》" for _, name in DETAIL_FORM_NAMES),
    SBHZ: "《免抵退税申报汇总表》",
    **{form.wire_section: f"《{form.wire_title}》" for form in OTHER_FORMS},
    **{business.section: application_title(business) for business in CERTIFICATES},
}


@dataclass(frozen=True, slots=True)
class DoubtGuide:
    code: str
    title: str  # a short name of the doubt
    meaning: str  # what the check found, in the clerk's words
    fields: tuple[str, ...]  # the form fields (manual labels) the doubt concerns
    fix: str  # the usual way to clear it
    note: str = ""  # whether a 说明 (explanatory form) is accepted instead of a change
    table: str = TSSB
    # For codes outside calc's catalogue (other families' bureau rules) the guide states them.
    level: str = ""  # "E" 错误 / "W" 警告
    skippable: bool | None = None

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table, self.table)

    def table_label_for(self, period: str) -> str:
        """The table's name in force for the 所属期 of the 疑点 the clerk came from."""
        if self.table == TSSB and period:
            return f"《{detail_form_name(period)}》"
        return self.table_label
