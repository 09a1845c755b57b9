"""A family's package from its record forms: every form's rows in its wire section, streamed.

A form declares its wire section once, on its RecordType (``wire_section``, ``to_wire``); the
family's sections are derived from those (sources.RecordTypeSource.sections). ``records_writer``
is the package writer of a family whose package is exactly those sections — the common case; a
family with a part of its own (免抵退's 明细表 and 汇总表) uses ``section_rows`` beside it.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.apps import apps
from django.utils import timezone

from rebate.accounts.models import Enterprise
from rebate.integrations.wire.package import PackageHead, PeriodKind, write_unsigned_package
from rebate.integrations.wire.package import business as wire_business

from .families.base import PackageRequest, PackageResult, PackageWriter, Section
from .sources import RecordTypeSource

SOFTWARE = "ckts-rebate 0.1"
CHUNK = 2000


def section_rows(
    sections: Sequence[Section], enterprise: Enterprise, batch_id: int, counter: list[int]
) -> dict[str, Generator[Mapping[str, object]]]:
    """The batch's rows of each form as its section's records (forms without rows are left
    out); ``counter[0]`` counts the records as they stream past."""
    forms: dict[str, Generator[Mapping[str, object]]] = {}
    for section in sections:
        try:
            model: Any = apps.get_model(section.model)
        except LookupError:
            continue
        rows = model._default_manager.filter(enterprise=enterprise, declaration_batch_id=batch_id)
        if rows.exists():
            forms[section.name] = _counted(section, rows.order_by("sequence_no", "id"), counter)
    return forms


def _counted(section: Section, rows: Any, counter: list[int]) -> Generator[Mapping[str, object]]:
    for row in rows.iterator(chunk_size=CHUNK):
        counter[0] += 1
        yield section.to_wire(row)


def package_head(request: PackageRequest, business_code: str, short_name: str) -> PackageHead:
    enterprise = request.enterprise
    return PackageHead(
        customs_code=enterprise.customs_code,
        uscc=enterprise.uscc,
        taxpayer_name=enterprise.name,
        period=request.period,
        business_code=business_code,
        short_name=short_name,
        batch_no=request.batch_no,
        created_on=timezone.localdate() if timezone.is_aware(timezone.now()) else date.today(),
        software=SOFTWARE,
    )


class _Sums:
    """The batch's figures summed from its records as they stream past: figure key →
    (section, record field)."""

    def __init__(self, sums: Mapping[str, tuple[str, str]]) -> None:
        self.sums = sums
        self.totals = {key: Decimal("0.00") for key in sums}

    def add(
        self, name: str, records: Generator[Mapping[str, object]]
    ) -> Generator[Mapping[str, object]]:
        wanted = [(key, attr) for key, (section, attr) in self.sums.items() if section == name]
        try:
            for record in records:
                for key, attr in wanted:
                    value = record.get(attr)
                    if isinstance(value, Decimal):
                        self.totals[key] += value
                yield record
        finally:
            records.close()


def close_all(forms: Mapping[str, Generator[Any]]) -> None:
    """Close the server-side cursors inside the transaction: left to the garbage collector
    after a rollback, PostgreSQL's CLOSE would abort a later transaction."""
    for generator in forms.values():
        generator.close()


def records_writer(
    family: str, *, sums: Mapping[str, tuple[str, str]] | None = None
) -> PackageWriter:
    """The package writer of ``family``: the batch's business (its code and short name from the
    wire registry), the head, and the rows of the business's forms in their sections; ``sums``
    names the batch figures summed from a section's records (Family.figure_columns' keys)."""

    def write(out: IO[bytes], request: PackageRequest) -> PackageResult:
        spec = wire_business(request.business_code)
        sections = RecordTypeSource(family, spec.code).sections()
        head = package_head(request, spec.code, spec.short_name)
        if spec.period_kind is PeriodKind.NONE:
            # Without a period the file is named by the filing's 申请序号: its batch number.
            head = replace(head, period=request.batch_no)
        counter, totals = [0], _Sums(sums or {})
        forms = section_rows(sections, request.enterprise, request.batch_id, counter)
        summed = {name: totals.add(name, rows) for name, rows in forms.items()}
        # A required section is written even when the batch has no rows for it.
        required = {s.name: iter(()) for s in spec.sections if s.required and s.name not in forms}
        try:
            info = write_unsigned_package(out, head, sections={**required, **summed})
        finally:
            close_all(summed)
        return PackageResult(
            filename=info.filename,
            digest=info.digest,
            line_count=info.line_count,
            record_count=counter[0],
            figures=totals.totals,
        )

    return write
