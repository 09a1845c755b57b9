"""The one form of the test filing family: its pages, services and wire section, declared once."""

from rebate.core.batch import BatchServices, batch_record
from rebate.core.forms import ConventionModelForm
from rebate.core.tables import record_table

from .models import FilingRecord

FAMILY, BUSINESS = "testfiling", "T0101001"


class FilingRecordForm(ConventionModelForm):
    class Meta:
        model = FilingRecord
        fields = ("contract_no", "amount")


def to_wire(row: FilingRecord) -> dict[str, object]:
    return {"line_no": row.sequence_no, "contract_no": row.contract_no, "amount": row.amount}


service = BatchServices(FilingRecord)
filing = batch_record(
    FilingRecord, "测试备案", service, namespace="testfiling", family=FAMILY, business=BUSINESS,
    table=record_table(FilingRecord, ("sequence_no", "contract_no", "amount", "status")),
    form=FilingRecordForm, wire_section="BAMX", to_wire=to_wire,
)  # fmt: skip
RECORDS = (filing,)
