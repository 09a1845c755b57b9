"""免抵退税申报 (A0305001, ``scsb``): the first family on the lifecycle engine."""

from __future__ import annotations

from .base import ALL_STEPS, Family, Step, register
from .goods_source import GoodsBundleSource
from .mdt_checks import mdt_local_checks
from .mdt_package import make_writer
from .mdt_print import print_forms
from .mdt_sections import SECTIONS
from .mdt_totals import mdt_lines_changed_at, mdt_open_period, mdt_summary_totals, mdt_writeoff

MDT = register(
    Family(
        key="mdt",
        business_code="A0305001",
        short_name="scsb",
        label="免抵退税申报",
        steps=ALL_STEPS - {Step.UPLOAD},
        sources=(GoodsBundleSource(),),
        write_package=make_writer(SECTIONS),
        local_checks=mdt_local_checks,
        sections=SECTIONS,
        print_forms=print_forms(),
        feedback_family="mdt",
        summary_totals=mdt_summary_totals,
        writeoff=mdt_writeoff,
        lines_changed_at=mdt_lines_changed_at,
        open_period=mdt_open_period,
        url_namespace="declarations",
        record_detail={"TSSB": "goods:exportline_detail"},
    )
)
