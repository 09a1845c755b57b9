"""The bureau's review doubts of the 其他申报 forms (QT_*): 收汇情况, 无相关电子信息, 购进自用货物,
出口已使用过的设备, 出口非自产货物 and 管理类别评定 reports.

The codes are the simulated bureau's own (its rules follow DOMAIN §13 and FORMS.md §4); the fixes
are what the forms' fields allow. Level and 可跳过 are given here because calc's catalogue holds
only the 免抵退 checks; a 疑点 row's own flag still wins on the page.
"""

from __future__ import annotations

from .entry import DoubtGuide as G

ENTRY = "出口报关单号"
EINFO = (
    "海关出口报关单电子信息尚未传到税务机关的，等电子信息到达后再申报；"
    "报关单号录错的，改正后重新生成申报数据"
)
INVOICE = "核对发票代码和号码；发票电子信息尚未到达税务机关的，等其到达后再申报"


def _no_einfo(code: str, table: str) -> G:
    return G(
        code, "无出口报关单电子信息", "税务机关没有该出口报关单号的海关出口报关单电子信息。",
        (ENTRY,), f"{EINFO}。", table=table, level="E", skippable=False,
    )  # fmt: skip


OTHER_GUIDES: tuple[G, ...] = (
    _no_einfo("QT_SH_WXX", "CKSH"),
    G(
        "QT_SH_BZ",
        "收汇货币与成交币制不符",
        "出口收汇货币字母代码与报关单电子信息的成交币制不一致。",
        ("出口收汇货币字母代码", ENTRY),
        "按银行收汇凭证上的币种改正；以其他币种收汇的，附收汇凭证说明原因。",
        table="CKSH",
        level="E",
        skippable=False,
    ),
    G(
        "QT_SH_JE",
        "收汇金额大于成交总价",
        "出口收汇金额大于该报关单电子信息的成交总价。",
        ("出口收汇金额", ENTRY),
        "核对收汇金额是否含其他报关单的货款；一笔收汇对应多张报关单的，按报关单分摊后填写。",
        table="CKSH",
        level="W",
        skippable=True,
    ),
    G(
        "QT_SH_PZ",
        "收汇凭证无外汇收汇信息",
        "税务机关没有外汇管理部门传递的该收汇凭证号码的收汇信息。",
        ("凭证号码",),
        "核对凭证号码；收汇信息尚未传到的可以跳过，但应留存银行收汇凭证备查。",
        table="CKSH",
        level="W",
        skippable=True,
    ),
    G(
        "QT_SH_YQ",
        "逾期未收汇",
        "报关单的收汇截止日期（出口次年4月30日，或合同约定的最终收汇日期）已过，"
        "既未填写出口收汇日期，也未填写视同收汇原因。",
        ("出口收汇日期", "视同收汇原因", "合同约定全部收汇最终日期"),
        "已收汇的，填写出口收汇日期和金额；属于视同收汇的，填写视同收汇原因并留存证明材料；"
        "确实不能收汇的，该出口货物不得申报退（免）税。",
        table="CKSH",
        level="W",
        skippable=True,
    ),
    G(
        "QT_WDZ_YXX",
        "报关单已有电子信息",
        "该报关单的海关电子信息税务机关已经收到，不能再申报无相关电子信息。",
        (ENTRY,),
        "删除该条无相关电子信息申报，在免抵退税申报中正常申报该报关单。",
        table="WDZXX",
        level="E",
        skippable=False,
    ),
    G(
        "QT_WDZ_CQ",
        "已过申报期限",
        "该报关单出口货物的退（免）税申报期限已过，不能再申报无相关电子信息。",
        ("出口日期", ENTRY),
        "核对出口日期；确已逾期的，该出口货物按规定视同内销处理。",
        table="WDZXX",
        level="E",
        skippable=False,
    ),
    G(
        "QT_ZY_WXX",
        "无增值税专用发票电子信息",
        "税务机关没有该增值税专用发票的电子信息。",
        ("发票代码", "增值税专用发票号码"),
        f"{INVOICE}。",
        table="GJZY",
        level="E",
        skippable=False,
    ),
    G(
        "QT_ZY_BF",
        "计税金额、税额与发票不符",
        "申报的计税金额或税额与增值税专用发票电子信息的金额、税额不一致。",
        ("计税金额", "税额", "增值税专用发票号码"),
        "按发票电子信息的金额和税额改正后重新生成申报数据。",
        table="GJZY",
        level="E",
        skippable=False,
    ),
    G(
        "QT_ZY_GHF",
        "供货方纳税人识别号不符",
        "申报的供货方纳税人识别号与增值税专用发票电子信息的销售方不一致。",
        ("供货方纳税人识别号",),
        "按发票上的销售方纳税人识别号改正；识别号确无误的可以跳过。",
        table="GJZY",
        level="W",
        skippable=True,
    ),
    _no_einfo("QT_YS_WXX", "YSSB"),
    G(
        "QT_YS_TSE",
        "退税额计算不符",
        "退税额不等于按 计税金额×（设备原值−已提累计折旧额）÷设备原值×退税率 计算的数额。",
        ("退税额", "计税金额", "设备原值", "已提累计折旧额", "退税率"),
        "核对设备原值、累计折旧额和退税率，按公式重新计算退税额（四舍五入到分）。",
        table="YSSB",
        level="E",
        skippable=False,
    ),
    G(
        "QT_YS_FP",
        "设备发票无电子信息",
        "凭证种类为增值税专用发票，但税务机关没有该发票号码的电子信息。",
        ("凭证种类", "已使用过的设备凭证号码"),
        f"{INVOICE}。",
        table="YSSB",
        level="E",
        skippable=False,
    ),
    G(
        "QT_YS_JE",
        "计税金额与发票不符",
        "计税金额与设备增值税专用发票电子信息的金额不一致。",
        ("计税金额", "已使用过的设备凭证号码"),
        "按发票电子信息的金额改正计税金额，退税额随之重算。",
        table="YSSB",
        level="E",
        skippable=False,
    ),
    _no_einfo("QT_FZ_WXX", "FZCHW"),
    G(
        "QT_FZ_TSE",
        "消费税退税额大于已纳税额",
        "消费税退税额大于消费税凭证所列的税额。",
        ("消费税退税额", "税额", "消费税凭证号"),
        "消费税退税额以凭证所列已纳税额为限：按 计税金额×征税税率 与已纳税额孰低改正。",
        table="FZCHW",
        level="E",
        skippable=False,
    ),
    G(
        "QT_PD_ND",
        "报告年度晚于当前年度",
        "生产能力情况报告或内部风控体系建设情况报告的报告年度晚于当前年度。",
        ("报告年度",),
        "报告年度填写所报告的（上一或本）年度。",
        table="SCNL",
        level="E",
        skippable=False,
    ),
)
