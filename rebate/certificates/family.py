"""单证申报's registration: seven businesses on the wire and one family with the engine.

SPEC §11's 单证申报 column: 采集 (新建) → 打印 (before generating) → 生成单证申报数据 (pick the
business: one package per business and 所属期) → 远程申报 (数据自检) → 自检结果查询 → 疑点处理 →
正式申报 → 反馈读入 / 单证审核结果下载 → 单证数据查询. 撤销 is offered although the manual names
none for 单证: without it a package with 不可跳过疑点 could never be corrected (SPEC §11 point 6).
"""

from __future__ import annotations

from rebate.declarations.families import (
    ALL_STEPS,
    Business,
    Family,
    PeriodKind,
    ReviewReading,
    Step,
    register,
)
from rebate.declarations.package import records_writer
from rebate.declarations.sources import RecordTypeSource

from . import KEY, applied, wire
from .prints import PRINT_FORMS

STEPS = ALL_STEPS - {Step.CONSISTENCY, Step.SUMMARY, Step.UPLOAD}
CERTIFICATES = register(
    Family(
        key=KEY,
        label="单证申报",
        period_kind=PeriodKind.MONTH,
        businesses=tuple(Business(k.code, k.short_name, k.label) for k in wire.BUSINESSES),
        steps=STEPS,
        sources=tuple(RecordTypeSource(KEY, k.code) for k in wire.BUSINESSES),
        write_package=records_writer(KEY),
        print_forms=PRINT_FORMS,
        print_before_generate=True,
        feedback_family=KEY,
        review=ReviewReading(line_key_label="证明编号"),
        on_approved=applied.certificates_issued,
        url_namespace=KEY,
        titles={
            "generate": "生成单证申报数据",
            "print": "打印单证申报报表",
            "feedback_download": "单证审核结果下载",
            "query": "单证数据查询",
            "confirm": "正式申报",  # DZ-13
            "self_check": "远程申报",  # DZ-10: sends the package for self-check
            "refresh": "自检结果查询",  # DZ-11
            "doubts": "疑点处理",  # DZ-12
        },
        record_detail={k.section: f"{KEY}:{k.name}_detail" for k in wire.BUSINESSES},
    )
)
