"""The bureau's review doubts of the 单证申报 (证明类) applications: DZ_<业务简称>_<规则>.

One rule reads the same on every application it applies to, so the guides are built from a
rule table and, per business, the rules the simulated bureau runs on it (sim/taxbureau/
review_certificates; a test compares the two). The table a doubt concerns is the business's
own 申请表 (entry.TABLE_LABELS).
"""

from __future__ import annotations

from dataclasses import dataclass

from rebate.certificates.wire import BUSINESSES, CertificateBusiness

from .entry import DoubtGuide

KEY = "出口报关单号（21位）"


@dataclass(frozen=True, slots=True)
class Rule:
    title: str
    meaning: str
    fields: tuple[str, ...]
    fix: str


RULES: dict[str, Rule] = {
    "WDZXX": Rule(
        "无报关单电子信息", "税务机关没有该出口报关单号的海关电子信息。", (KEY,),
        "核对报关单号和项号；电子信息尚未传到税务机关的，等其到达后再申请。",
    ),
    "TYBGD": Rule(
        "退运报关单不存在", "该报关单没有海关的退运信息（货物未退运，或退运报关单尚未传到）。",
        (KEY, "退运数量"), "核对原出口报关单号；退运电子信息尚未到达的，等其到达后再申请。",
    ),
    "CXHG": Rule(
        "超过海关电子信息", "申请的数量或金额超过海关电子信息所列的数。",
        (KEY, "数量", "美元离岸价", "人民币离岸价"), "按报关单电子信息改正数量和金额。",
    ),
    "YKJ": Rule(
        "已开具过证明", "同一报关单（或发票、项目）已开具过本证明，不能重复申请。",
        (KEY,), "原证明遗失的，改为申请补办出口退（免）税证明；误录的，删除该条申请。",
    ),
    "WBA": Rule(
        "对方未办理退（免）税备案",
        "所填的对方企业（委托方、受托方或卷烟企业）未办理出口退（免）税备案。",
        ("纳税人识别号",), "核对对方的统一社会信用代码；对方尚未备案的，待其备案后再申请。",
    ),
    "WSC": Rule(
        "手（账）册无海关电子信息", "税务机关没有该来料加工手（账）册的海关电子信息。",
        ("手（账）册号",), "核对手（账）册号；电子信息尚未到达的，等其到达后再申请。",
    ),
    "ZMBCZ": Rule(
        "所引证明不存在", "所填的免税证明（或准予免税购进证明）编号在税务机关不存在。",
        ("证明编号",), "按税务机关开具的证明编号改正。",
    ),
    "BSSC": Rule(
        "报关单不属于该手（账）册", "该报关单电子信息所列的手（账）册号与申请所填的不一致。",
        (KEY, "手（账）册号"), "核对报关单和手（账）册号，按海关电子信息改正。",
    ),
    "CJH": Rule(
        "超过出口卷烟计划", "本计划已开具与本次申请的数量之和超过出口卷烟计划数量。",
        ("计划编号", "数量"), "核对计划数量和已开具数量，按计划余量申请。",
    ),
    "YZMBCZ": Rule(
        "补办的原证明不存在", "所填的原证明编号在税务机关不存在。",
        ("原证明编号",), "按原证明上的编号改正。",
    ),
    "YBB": Rule(
        "原证明已补办过", "该原证明已经补办过一次，不能再次补办。",
        ("原证明编号",), "查找已补办的证明；确需再次补办的，向主管税务机关说明情况。",
    ),
}  # fmt: skip

# Per 业务简称, the rules the bureau runs on its applications.
CHECKED: dict[str, tuple[str, ...]] = {
    "dlzm": ("WDZXX", "CXHG", "YKJ", "WBA"),
    "tgbs": ("TYBGD", "CXHG", "YKJ"),
    "wtck": ("WDZXX", "WBA", "YKJ"),
    "lljg": ("WSC", "YKJ"),
    "llhx": ("ZMBCZ", "WDZXX", "BSSC", "YKJ"),
    "jyzm": ("WBA", "YKJ"),
    "zyjy": ("WBA", "CJH"),
    "jyhx": ("ZMBCZ", "WDZXX", "YKJ"),
    "bbzm": ("YZMBCZ", "YBB"),
    "zbzm": ("YKJ",),
}


def _guide(business: CertificateBusiness, suffix: str) -> DoubtGuide:
    rule = RULES[suffix]
    return DoubtGuide(
        f"DZ_{business.short_name.upper()}_{suffix}", rule.title, rule.meaning, rule.fields,
        rule.fix, table=business.section, level="E", skippable=False,
    )  # fmt: skip


CERTIFICATE_GUIDES: tuple[DoubtGuide, ...] = tuple(
    _guide(b, suffix) for b in BUSINESSES for suffix in CHECKED[b.short_name]
)
