"""The bureau's checks of the package itself rather than of its lines: each form must be named
as in force for the period (``FormName``, DOMAIN §16: the 明细表 renamed from 所属期 202601)."""

from __future__ import annotations

from .entry import DoubtGuide as G

PACKAGE_GUIDES: tuple[G, ...] = (
    G(
        "BBMC_BYZ",
        "申报表名称与所属期不符",
        "申报数据包中该申报表的表名称不是所属期适用的名称：所属期2026年1月起明细表名为"
        "《生产企业出口货物及修理修配服务免抵退税申报明细表》，之前为"
        "《生产企业出口货物劳务免抵退税申报明细表》。",
        ("所属期",),
        "核对所属期后用本系统重新生成申报数据（系统按所属期写入适用的表名称），再数据自检。",
        level="E",
        skippable=False,
    ),
)
