"""The bureau's side of the periodic customs exchange (with a lag, as in reality).

Everything customs cleared up to ``today − exchange_lag_days`` is received; declarations
cleared later (or never, 未结关) are not there yet, so lines declaring them get
MDT_CKHW_BGD_WDZXX. Each enterprise's exchange continues where its last one stopped
(``Enterprise.cleared_through``), so a run only reads what is new.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.db import transaction

from rebate.calc.allocation import AllocationError, Direction, ProcessingTradeRecord, actual_rate
from sim.customs import feed
from sim.customs.bulk import fast_insert

from .models import CustomsInfo, Enterprise, WriteoffRecord, WriteoffResult
from .registry import clock


def sync(enterprise: Enterprise | None = None) -> int:
    """Receive what customs cleared since the last run; returns the number of items read."""
    row = clock()
    through = row.today - timedelta(days=row.exchange_lag_days)
    targets = [enterprise] if enterprise is not None else list(Enterprise.objects.all())
    return sum(_sync_one(target, through) for target in targets)


@transaction.atomic
def _sync_one(enterprise: Enterprise, through: date) -> int:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    after = enterprise.cleared_through
    if after is not None and through <= after:
        return 0
    code = enterprise.customs_code
    received = _receive_items(feed.cleared_items(code, after, through), enterprise)
    _receive_writeoffs(feed.written_off_manuals(code, after, through), enterprise)
    enterprise.cleared_through = through
    enterprise.save(update_fields=["cleared_through"])
    return received


# Columns of CustomsInfo filled from a feed record (received_on ← cleared_on).
EINFO_COLUMNS = (
    "enterprise_id", "item_key", "export_date", "received_on", "commodity_code",
    "commodity_name", "trade_mode", "transport_mode", "destination_country", "manual_no", "unit",
    "quantity", "fob_usd", "fob_cny", "currency", "deal_total", "no_refund", "amended_fob_usd",
    "returned_quantity", "returned_fob_usd", "returned_fob_cny",
)  # fmt: skip
_RECORD_FIELDS = tuple("cleared_on" if c == "received_on" else c for c in EINFO_COLUMNS[1:])


def _receive_items(records: Iterator[feed.EInfoRecord], enterprise: Enterprise) -> int:
    """Store received items; an item already received (same 报关单号+项号) is kept as is."""
    rows = (
        (enterprise.pk, *(getattr(record, name) for name in _RECORD_FIELDS)) for record in records
    )
    return fast_insert(CustomsInfo, EINFO_COLUMNS, rows, ignore_conflicts=True)


def _receive_writeoffs(manuals: Iterator[feed.WrittenOffManual], enterprise: Enterprise) -> None:
    for manual in manuals:
        records = (
            ProcessingTradeRecord(Direction(flag), mode, amount)
            for flag, mode, amount, *_ in manual.records
        )
        try:
            rate = actual_rate(records)
        except AllocationError:
            continue  # no processing exports under the manual: nothing to allocate
        result, _ = WriteoffResult.objects.update_or_create(
            enterprise=enterprise,
            manual_no=manual.manual_no,
            defaults={
                "valid_from": manual.valid_from,
                "valid_to": manual.valid_to,
                "writeoff_date": manual.writeoff_date,
                "import_total": rate.import_total,
                "export_total": rate.export_total,
                "actual_rate": rate.rate,
            },
        )
        result.records.all().delete()
        WriteoffRecord.objects.bulk_create(
            (
                WriteoffRecord(
                    writeoff=result, ie_flag=flag, trade_mode=mode, amount_cny=amount,
                    entry_id=entry_id, g_no=g_no,
                )
                for flag, mode, amount, entry_id, g_no in manual.records
            ),
            batch_size=5000,
        )  # fmt: skip
