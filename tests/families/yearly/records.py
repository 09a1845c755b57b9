"""The form's record pages and its place in the family's batches (family, business, section)."""

from __future__ import annotations

from rebate.core.batch import BatchServices, batch_record
from rebate.core.forms import ConventionModelForm
from rebate.core.tables import record_table

from . import BUSINESS, KEY, models, wire


class YearlyLineForm(ConventionModelForm):
    class Meta:
        model = models.YearlyLine
        fields = ("period", "contract_no", "counterparty", "amount")


yearly_line = batch_record(
    models.YearlyLine, "测试年度申报明细", BatchServices(models.YearlyLine),
    namespace=KEY, family=KEY, business=BUSINESS,
    table=record_table(models.YearlyLine, ("period", "sequence_no", "contract_no",
                                           "counterparty", "amount", "status")),
    form=YearlyLineForm, wire_section=wire.SECTION, to_wire=wire.line,
)  # fmt: skip
