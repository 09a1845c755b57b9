"""One doubt code's explanation (the shape of the explainer's data)."""

from __future__ import annotations

from dataclasses import dataclass

from rebate.calc.mdt.names import DETAIL_FORM_NAMES, detail_form_name

TSSB = "TSSB"
SBHZ = "SBHZ"
TABLE_LABELS = {
    # The 明细表's name is a dated rule (calc.mdt.names): without a period, every name it had.
    TSSB: "，".join(f"《{name}》" for _, name in DETAIL_FORM_NAMES),
    SBHZ: "《免抵退税申报汇总表》",
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

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table, self.table)

    def table_label_for(self, period: str) -> str:
        """The table's name in force for the 所属期 of the 疑点 the clerk came from."""
        if self.table == TSSB and period:
            return f"《{detail_form_name(period)}》"
        return self.table_label
