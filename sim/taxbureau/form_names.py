"""The bureau's check of the forms' names a package carries (``FormName`` of each section).

Each form is named as in force for the package's period (DOMAIN §16 [verified: ssfb86 19617]:
the 明细表 is 《生产企业出口货物及修理修配服务免抵退税申报明细表》 from 所属期 202601, the old name
before; the dated rule is ``rebate.calc.mdt.names`` behind the wire registry's
``Section.label_for``). A section naming another form than the period's is reported, blocking:
the package declares under a form that is not in force. A section without the attribute (a
package written before it existed) is not reported.
"""

from __future__ import annotations

from rebate.integrations.wire.package import PackageContent

from .doubt_rules import Found

CODE = "BBMC_BYZ"  # 表名称不一致


def wrong_form_names(content: PackageContent) -> list[Found]:
    period = content.head.period
    found = []
    for name, written in content.form_names.items():
        expected = content.business.section(name).label_for(period)
        if written != expected:
            message = f"申报表{name}的表名称《{written}》与所属期{period}适用的《{expected}》不一致"
            found.append(Found(CODE, "E", False, message, name))
    return found
