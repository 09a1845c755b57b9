"""One doubt code's explanation (the shape of the explainer's data)."""

from __future__ import annotations

from dataclasses import dataclass

TSSB = "TSSB"
SBHZ = "SBHZ"
TABLE_LABELS = {
    TSSB: "《生产企业出口货物劳务免抵退税申报明细表》",
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
