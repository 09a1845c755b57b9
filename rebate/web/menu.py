"""The menu tree of the 出口退税主界面: one declarative definition, the manual's (SPEC §4–§10).

A leaf names the SPEC functions it serves and, once built, the URL name of its page. A leaf
without a URL opens a tab that says the function is not available yet — never a dead link.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    spec: tuple[str, ...] = ()
    url_name: str = ""
    icon: str = ""
    children: tuple[MenuItem, ...] = field(default_factory=tuple)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def url(self) -> str:
        return _built_url(self.url_name) or reverse("web:unavailable", args=[self.key])

    @property
    def available(self) -> bool:
        return bool(_built_url(self.url_name))


@functools.lru_cache(maxsize=512)
def _built_url(url_name: str) -> str:
    """The page of a built function, '' while it is not built. The menu is static, so the
    answer is kept for the life of the process (the main screen renders ~100 entries)."""
    if not url_name:
        return ""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return ""


def item(key: str, label: str, *spec: str, url: str = "") -> MenuItem:
    return MenuItem(key=key, label=label, spec=spec, url_name=url)


def group(key: str, label: str, *children: MenuItem, icon: str = "") -> MenuItem:
    return MenuItem(key=key, label=label, icon=icon, children=children)


MENU: tuple[MenuItem, ...] = (
    group(
        "dc",
        "数据采集",
        group(
            "dc-bgd",
            "报关单数据采集",
            item(
                "dc-bgd-cj",
                "报关单采集",
                *(f"DC-{i:02d}" for i in range(1, 13)),
                url="customs:declarations",
            ),
        ),
        icon="bi-cloud-download",
    ),
    group(
        "ts",
        "退税申报",
        group(
            "ts-hw",
            "货物采集",
            item(
                "ts-ckmx",
                "出口货物明细采集",
                "TS-01",
                "TS-02",
                "TS-03",
                "TS-04",
                url="goods:exportline_list",
            ),
            item("ts-hwcj", "货物冲减", "TS-05", "TS-06", url="goods:writeback_list"),
            group(
                "ts-hwzl",
                "货物资料采集",
                item("ts-spmsx", "商品码失效调整", "TS-07", url="goods:codeadjustment_list"),
                item("ts-lajcy", "美元离岸价差异", "TS-08", url="goods:fobdifference_list"),
                item("ts-xthh", "先退税后核销", "TS-09", url="goods:refundfirst_list"),
            ),
            group(
                "ts-shqk",
                "收汇情况采集",
                item("ts-shzm", "收汇证明", "TS-10", url="goods:receipt_list"),
                item("ts-bnsh", "不能收汇证明", "TS-11", url="goods:nonreceipt_list"),
            ),
            item("ts-stzc", "视同自产货物清单", "TS-12", url="goods:deemedownproduct_list"),
        ),
        group(
            "ts-fw",
            "服务采集",
            group(
                "ts-gjys",
                "国际运输",
                item(
                    "ts-gjys-mx",
                    "国际/港澳台运输",
                    "TS-13",
                    url="service_exports:transportline_list",
                ),
                item(
                    "ts-htys", "航天运输收入清算账单", "TS-14", url="service_exports:spacebill_list"
                ),
                item(
                    "ts-lkys",
                    "国际旅客/行李包裹运输清算函件",
                    "TS-15",
                    url="service_exports:passengerletter_list",
                ),
                item(
                    "ts-tlhy",
                    "中国铁路总公司国际货物明细",
                    "TS-16",
                    url="service_exports:railfreight_list",
                ),
            ),
            item("ts-ysfw", "应税服务", "TS-17", url="service_exports:taxableservice_list"),
        ),
        group(
            "ts-sb",
            "数据申报",
            item(
                "ts-scsb",
                "生成退税申报数据",
                *(f"TS-{i}" for i in range(18, 26)),
                url="mdt:generate",
            ),
            item("ts-dy", "打印退税申报报表", "TS-26", url="mdt:print"),
            item("ts-cx", "撤销申报数据", "TS-27", url="mdt:revoke"),
            # SPEC §12: 上传随附单据 and the 备案单证目录 of every family's declarations.
            item("ts-sfdj", "随附单据及备案单证", url="documents:batches"),
        ),
        group(
            "ts-fk",
            "反馈处理",
            item("ts-fkdr", "反馈读入", "TS-28", url="mdt:feedback_upload"),
            item("ts-shxz", "退税审核结果下载", "TS-29", url="mdt:feedback_download"),
        ),
        item("ts-cx-query", "数据查询", "TS-30", url="mdt:query"),
        # issue 23: expected (汇总) against approved (审核, with 审核调整) against received refund.
        item("ts-dzgz", "退税到账跟踪", url="refunds:tracking"),
        # issue 20 (公告2025年第3号): pre-refunded 海外仓 (HWC-YT) lines reconciled after sale.
        item("ts-hwchd", "海外仓出口货物核对", url="overseas:lines"),
        icon="bi-receipt",
    ),
    group(
        "jl",
        "进料加工核销",
        group(
            "jl-cj",
            "数据采集",
            item("jl-fpl", "计划分配率备案及变更", "JL-01", url="processing:plannedrate_list"),
            group(
                "jl-jmfk",
                "加贸反馈",
                item("jl-jmfk-dr", "反馈读入", "JL-02", url="processing:jmfeedback_upload"),
                item(
                    "jl-jmfk-xz", "进料审核结果下载", "JL-03", url="processing:jmfeedback_download"
                ),
            ),
            group(
                "jl-hxsb",
                "核销申报",
                item("jl-hx", "免抵退核销申报", "JL-04", url="processing:writeoff_list"),
                item(
                    "jl-tzb",
                    "已核销手（账）册海关数据调整表",
                    "JL-05",
                    url="processing:customsadjustment_list",
                ),
            ),
        ),
        group(
            "jl-sb",
            "数据申报",
            item("jl-sc", "生成进料申报数据", "JL-06", "JL-07", url="processing:generate"),
            item("jl-dy", "打印进料申报报表", "JL-08", url="processing:print"),
        ),
        group(
            "jl-fk",
            "反馈处理",
            item("jl-fkdr", "反馈读入", "JL-09", url="processing:feedback_upload"),
        ),
        item("jl-cx", "数据查询", "JL-10", url="processing:query"),
        icon="bi-arrow-repeat",
    ),
    group(
        "dz",
        "单证申报",
        group(
            "dz-cj",
            "数据采集",
            item("dz-lljg", "来料加工", "DZ-01", url="certificates:inwardprocessing_list"),
            item("dz-dlzm", "代理证明", "DZ-02", url="certificates:agency_list"),
            item("dz-tgbs", "退运已补税证明", "DZ-03", url="certificates:returnedgoods_list"),
            item("dz-wtck", "委托出口货物证明", "DZ-04", url="certificates:entrusted_list"),
            item("dz-jyzm", "卷烟证明", "DZ-05", url="certificates:cigarette_list"),
            item("dz-bbzm", "补办证明", "DZ-06", url="certificates:reissue_list"),
            item("dz-zbzm", "中标证明通知书", "DZ-07", url="certificates:winningbid_list"),
        ),
        group(
            "dz-sb",
            "数据申报",
            item("dz-dy", "打印单证申报报表", "DZ-08", url="certificates:print"),
            item(
                "dz-sc",
                "生成单证申报数据",
                "DZ-09",
                "DZ-10",
                "DZ-11",
                "DZ-12",
                "DZ-13",
                url="certificates:generate",
            ),
        ),
        group(
            "dz-fk",
            "单证反馈处理",
            item("dz-fkdr", "反馈读入", "DZ-14", url="certificates:feedback_upload"),
            item("dz-shxz", "单证审核结果下载", "DZ-15", url="certificates:feedback_download"),
        ),
        item("dz-cx", "单证数据查询", "DZ-16", url="certificates:query"),
        icon="bi-file-earmark-check",
    ),
    group(
        "ba",
        "备案申报",
        group(
            "ba-cj",
            "数据采集",
            item("ba-babg", "备案及变更", "BA-01", url="filings:registration_list"),
            item("ba-bach", "备案撤回", "BA-02", url="filings:withdrawal_list"),
            item("ba-xthh", "先退税后核销资格申请", "BA-03", url="filings:refundfirst_list"),
            item("ba-jtgs", "集团公司成员企业备案", "BA-04", url="filings:groupmember_list"),
            item("ba-fqyw", "放弃业务", "BA-05", url="filings:waiver_list"),
            item("ba-ywtx", "出口退税业务提醒申请", "BA-06", url="filings:reminder_list"),
            item("ba-hfsy", "恢复适用出口退免税", "BA-07", url="filings:resumption_list"),
            item("ba-wtdb", "委托代办退税备案", "BA-08", url="filings:agency_list"),
            item("ba-wtdbch", "委托代办退税备案撤回", "BA-09", url="filings:agencywithdrawal_list"),
        ),
        group(
            "ba-sb",
            "数据申报",
            item("ba-dy", "打印备案申报报表", "BA-10", url="filings:print"),
            item("ba-sc", "生成备案申报数据", "BA-11", "BA-12", url="filings:generate"),
        ),
        group(
            "ba-fk", "反馈处理", item("ba-fkdr", "反馈读入", "BA-13", url="filings:feedback_upload")
        ),
        item("ba-cx", "数据查询", "BA-14", url="filings:query"),
        icon="bi-journal-bookmark",
    ),
    group(
        "qt",
        "其他申报",
        group(
            "qt-cj",
            "数据采集",
            item("qt-shqk", "收汇情况", "QT-01", url="other_declarations:receipt_list"),
            group(
                "qt-xxqk",
                "信息情况",
                item("qt-xxcx", "出口信息查询", "QT-02", url="other_declarations:infoquery_list"),
                item("qt-wdzxx", "无电子信息申报", "QT-03", url="other_declarations:noinfo_list"),
            ),
            group(
                "qt-zbyw",
                "周边业务",
                item("qt-gjzy", "购进自用货物", "QT-04", url="other_declarations:selfuse_list"),
                item(
                    "qt-ysysb",
                    "出口已使用设备",
                    "QT-05",
                    url="other_declarations:usedequipment_list",
                ),
                item(
                    "qt-fzchw",
                    "出口非自产货物",
                    "QT-06",
                    url="other_declarations:nonownproduct_list",
                ),
            ),
            group(
                "qt-pdbg",
                "管理类别评定相关情况报告",
                item(
                    "qt-scnl",
                    "生产能力情况报告",
                    "QT-07",
                    url="other_declarations:capacityreport_list",
                ),
                item(
                    "qt-fktx",
                    "内部风控体系建设情况报告",
                    "QT-08",
                    url="other_declarations:riskcontrolreport_list",
                ),
            ),
        ),
        group(
            "qt-sb",
            "数据申报",
            item(
                "qt-sc",
                "生成其他申报数据",
                "QT-09",
                "QT-10",
                "QT-11",
                "QT-12",
                "QT-13",
                url="other_declarations:generate",
            ),
            item("qt-dy", "打印其他申报报表", "QT-14", url="other_declarations:print"),
            item("qt-cx", "撤销已申报数据", "QT-15", url="other_declarations:revoke"),
        ),
        group(
            "qt-fk",
            "反馈处理",
            item("qt-fkdr", "反馈读入", "QT-16", url="other_declarations:feedback_upload"),
            item(
                "qt-zbxz", "周边审核结果下载", "QT-17", url="other_declarations:feedback_download"
            ),
        ),
        item("qt-cxq", "数据查询", "QT-18", url="other_declarations:query"),
        icon="bi-three-dots",
    ),
    # Not in the manual (issue 23): what clerks keep beside the official tool.
    group(
        "gzt",
        "工作台",
        item("gzt-qx", "期限看板", url="obligations:board"),
        group(
            "gzt-pp",
            "单证匹配",
            item("gzt-ppzy", "单证匹配", url="matching:session"),
            item("gzt-fp", "出口发票", url="matching:exportinvoice_list"),
            item("gzt-sh", "收汇记录", url="matching:foreignreceipt_list"),
        ),
        icon="bi-calendar-check",
    ),
    group(
        "pz",
        "配置",
        group(
            "pz-yw",
            "业务配置",
            group(
                "pz-zy",
                "自用业务配置",
                item("pz-bb", "币别", "PZ-01", url="configuration:currency_list"),
                item("pz-wtqy", "委托企业", "PZ-02", url="configuration:principal_list"),
                item("pz-dhdd", "自用到货地点", "PZ-03", url="configuration:deliveryplace_list"),
            ),
            item("pz-qyxx", "企业信息查询", "PZ-04", url="configuration:enterprise_info"),
            group(
                "pz-kzxx",
                "企业扩展信息维护",
                item("pz-kzlx", "扩展类型代码", "PZ-05", url="configuration:extension_types"),
                item("pz-wzh", "无纸化标志", "PZ-06", url="configuration:paperless_list"),
            ),
            group(
                "pz-xtcs",
                "系统参数设置与修改",
                item("pz-ssdq", "所属地区", "PZ-07", url="configuration:region"),
                item("pz-qyxxwh", "企业信息", "PZ-08", url="configuration:enterprise_edit"),
            ),
        ),
        group(
            "pz-spdm",
            "商品代码",
            item("pz-tsspm", "退税商品码", "PZ-09", url="codes:rebate_codes"),
            item("pz-btsspm", "不退税或免税商品码", "PZ-10", url="codes:nonrefundable_codes"),
        ),
        # Not in the manual: the reference data every check depends on, kept by staff.
        group(
            "pz-ckdata",
            "参考数据",
            item("pz-hl", "人民币汇率中间价", url="codes:exchange_rates"),
            item("pz-wk", "退税率文库版本", url="codes:rate_libraries"),
            item("pz-qx", "申报期限规则", url="codes:deadline_rules"),
            item("pz-ydsm", "疑点说明", url="insight:doubt_index"),
        ),
        # Not in the manual: how an ERP reaches the product (issue 21, rebate.api) and how the
        # product tells the ERP what happened (rebate.webhooks, docs/webhooks.md).
        group(
            "pz-jk",
            "接口集成",
            item("pz-api", "API令牌", url="api:tokens"),
            item("pz-apidoc", "API文档", url="api:docs"),
            item("pz-tsdz", "消息推送地址", url="webhooks:endpoints"),
            item("pz-tsjl", "消息推送记录", url="webhooks:deliveries"),
        ),
        icon="bi-gear",
    ),
)


def walk(items: tuple[MenuItem, ...] = MENU) -> Iterator[MenuItem]:
    for entry in items:
        yield entry
        yield from walk(entry.children)


def leaves() -> list[MenuItem]:
    return [entry for entry in walk() if entry.is_leaf]


def find(key: str) -> MenuItem | None:
    return next((entry for entry in walk() if entry.key == key), None)


def path_to(key: str, items: tuple[MenuItem, ...] = MENU) -> list[MenuItem]:
    for entry in items:
        if entry.key == key:
            return [entry]
        below = path_to(key, entry.children)
        if below:
            return [entry, *below]
    return []


@functools.lru_cache(maxsize=1)
def menu_html() -> str:
    """The rendered 菜单栏, built once per process: the tree and its URLs never change while
    the process runs, and rendering ~150 entries through recursive includes costs ~0.5 s."""
    from django.template.loader import render_to_string

    return render_to_string("web/_menu.html", {"items": MENU, "level": 0})
