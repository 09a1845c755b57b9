"""免抵退税申报 (A0305001, ``scsb``): the first family on the lifecycle engine."""

from __future__ import annotations

from ..sources import RecordTypeSource
from .base import ALL_STEPS, Family, Step, register
from .mdt_checks import mdt_local_checks
from .mdt_package import make_writer
from .mdt_print import print_forms
from .mdt_totals import mdt_lines_changed_at, mdt_open_period, mdt_summary_totals, mdt_writeoff

# Every goods and services form of the A0305001 bundle (their RecordTypes name it); the 明细表
# (TSSB) is streamed by the writer itself, the others are its sections.
BUNDLE = RecordTypeSource(family="mdt", business="A0305001")
SECTIONS = BUNDLE.sections()

MDT = register(
    Family(
        key="mdt",
        business_code="A0305001",
        short_name="scsb",
        label="免抵退税申报",
        steps=ALL_STEPS - {Step.UPLOAD},
        sources=(BUNDLE,),
        write_package=make_writer(SECTIONS),
        local_checks=mdt_local_checks,
        sections=SECTIONS,
        print_forms=print_forms(SECTIONS),
        feedback_family="mdt",
        summary_totals=mdt_summary_totals,
        writeoff=mdt_writeoff,
        lines_changed_at=mdt_lines_changed_at,
        open_period=mdt_open_period,
        url_namespace="declarations",
        record_detail={"TSSB": "goods:exportline_detail"},
    )
)
