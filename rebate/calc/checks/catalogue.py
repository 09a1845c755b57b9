"""The doubt (疑点) catalogue as data: code → level, skippable flag, Chinese message.

DOMAIN §8.1 [verified: TAX-SYS]: ERR_LEV ``E`` with PASS_FLAG ``N`` is 不可挑过 (blocking);
``I`` with ``Y`` is 可挑过. The MDT_* codes are one province's (Zhejiang) pre-review rules
(DOMAIN §8.2); **[project decision]** the project uses them as its catalogue and keeps it
as data, so a caller (the simulated bureau, a settings page) can re-level, re-word, disable
or add codes with ``Catalogue.with_overrides`` without touching the rule functions.
The LOCAL_* codes are the project's own client-side checks (DOMAIN §8.3, SPEC DC-04).

Messages may contain ``{placeholders}`` filled from the finding's parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal

Level = Literal["E", "I"]
BLOCKING: Final[Level] = "E"
WARNING: Final[Level] = "I"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    code: str
    level: Level
    skippable: bool
    message: str
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class RecordRef:
    """The record an issue concerns: a table (TSSB = 明细表, SBHZ = 汇总表) and its line."""

    table: str
    line_id: str | None = None
    item_key: str | None = None


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    level: Level
    skippable: bool
    message: str
    record: RecordRef


class _KeepMissing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalogue:
    """An immutable code → entry table."""

    __slots__ = ("_entries",)

    def __init__(self, entries: Iterable[CatalogueEntry]) -> None:
        self._entries: dict[str, CatalogueEntry] = {}
        for entry in entries:
            if entry.code in self._entries:
                raise ValueError(f"duplicate catalogue code {entry.code}")
            self._entries[entry.code] = entry

    def __getitem__(self, code: str) -> CatalogueEntry:
        return self._entries[code]

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def with_overrides(self, *entries: CatalogueEntry) -> Catalogue:
        """A new catalogue in which ``entries`` replace (same code) or extend this one."""
        merged = dict(self._entries)
        for entry in entries:
            merged[entry.code] = entry
        return Catalogue(merged.values())

    def without(self, *codes: str) -> Catalogue:
        """A new catalogue with ``codes`` disabled (their findings are dropped)."""
        return self.with_overrides(*(replace(self[code], enabled=False) for code in codes))

    def issue(self, code: str, record: RecordRef, params: Mapping[str, object]) -> Issue:
        entry = self[code]
        message = entry.message.format_map(_KeepMissing(params))
        return Issue(entry.code, entry.level, entry.skippable, message, record)


def _blocking(code: str, message: str) -> CatalogueEntry:
    return CatalogueEntry(code, BLOCKING, False, message)


def _warning(code: str, message: str) -> CatalogueEntry:
    return CatalogueEntry(code, WARNING, True, message)


_BGD = "MDT_CKHW_BGD_"

# MDT_* rows: DOMAIN §8.2 [verified: TAX-SYS PROC_XXBD_MDT_TSSB_BGD]; wording paraphrased.
CUSTOMS_ENTRIES: Final = (
    _blocking(_BGD + "WDZXX", "出口报关单{item_key}无海关电子信息"),
    _blocking(
        _BGD + "HZCJ_BYZ",
        "红字冲减的{field}与该报关单已申报数不一致（应为{expected}，申报{declared}）",
    ),
    # HZCJ_TY_CG is a [project decision, DOMAIN §8.2]: "never beyond what was declared" has no
    # published code; HZCJ_TY compares with the 退运已补税证明 (TAX-SYS).
    _blocking(
        _BGD + "HZCJ_TY_CG",
        "红字冲减-退运的{field}{declared}超过该报关单已申报的{available}",
    ),
    _warning(_BGD + "HZCJ_TY", "红字冲减-退运的报关单{item_key}{problem}"),
    _blocking(
        _BGD + "USDLAJ_CY",
        "申报美元离岸价{declared}与海关电子信息{customs}差额超过1美元且超过5%，且无离岸价差异原因说明",
    ),
    _warning(
        _BGD + "USDLAJ_GD", "申报美元离岸价{declared}与海关电子信息{customs}不符，但与改单数据一致"
    ),
    _warning(_BGD + "LSSBJL", "报关单{item_key}已在以前的申报中使用，可能重复申报"),
    _blocking(_BGD + "BYTS", "报关单{item_key}海关标记为不予退税"),
    _blocking(_BGD + "SPDM", "申报商品代码{declared}与海关电子信息商品代码{customs}不一致"),
    _blocking(_BGD + "MYXZ_BCZ", "海关电子信息中无监管方式"),
    _blocking(_BGD + "MYXZ_BTS", "监管方式{trade_mode}不属于可退税的贸易方式"),
    _blocking(
        "MTS_CKHW_BGD_LMYCL_ZZMDG", "业务类型为LMYCL，但最终目的国（地区）{country}不是中国（142）"
    ),
    _blocking(_BGD + "CKRQ", "申报出口日期{declared}与海关电子信息出口日期{customs}不一致"),
    _blocking(
        _BGD + "QYGTS_FLGLCD", "启运港退税须为一类或二类出口企业，企业分类为{enterprise_class}类"
    ),
    _blocking(
        _BGD + "DWCB_NOT", "业务类型为对外承包（DWCB），但监管方式{trade_mode}不是对外承包出口"
    ),
    _blocking(_BGD + "DWCB_NULL", "监管方式为对外承包出口（{trade_mode}），业务类型未填DWCB"),
    _blocking(_BGD + "JWTZ_NOT", "业务类型为境外投资（JWTZ），但监管方式{trade_mode}不是2210"),
    _blocking(_BGD + "JWTZ_NULL", "监管方式为对外投资（2210），业务类型未填JWTZ"),
    _blocking(_BGD + "DWYZ_NOT", "业务类型为对外援助（DWYZ），但监管方式{trade_mode}不是3511"),
    _blocking(_BGD + "DWYZ_NULL", "监管方式为援助物资（3511），业务类型未填DWYZ"),
    _warning(_BGD + "XLXP_NOT", "业务类型为修理修配（XLXP），但监管方式{trade_mode}不是1300"),
    _blocking(_BGD + "XLXP_NULL", "监管方式为修理物品（1300），业务类型未填XLXP"),
    _blocking(_BGD + "BSQ_NOT", "业务类型为经保税区出口（BSQ），但运输方式{transport_mode}不是0"),
    _blocking(_BGD + "BSQ_NULL", "运输方式为0（非保税区），业务类型未填BSQ"),
    _blocking(
        _BGD + "BSCKZNX", "运输方式为保税仓库（8）且最终目的国为中国（142），属保税仓库转内销"
    ),
    _blocking("MDT_CKHW_CKPZH_YSFS", "运输方式为综合试验区（T），不能申报免抵退税"),
    _blocking(
        "MDT_JLJG_BDG_NOSCH", "监管方式为进料加工（{trade_mode}），未填写进料加工手（账）册号"
    ),
    _blocking("MDT_JLJG_JGMYSCH", "申报手（账）册号{declared}与海关备案号{customs}不一致"),
    _blocking("MDT_JLJG_BDG_NOFPLV", "监管方式为进料加工（{trade_mode}），未填写计划分配率"),
    _blocking(
        "MDT_JLJG_SJFPLV_YHX",
        "手（账）册{manual_no}已核销，分配率应为实际分配率{expected}，申报{declared}",
    ),
    _blocking("MDT_JLJG_SJFPLV_WHX", "分配率{declared}与当前有效的计划分配率{expected}不一致"),
    _warning(
        "MDT_JLJG_SCH_NOJLJG", "填写了手（账）册号或分配率，但监管方式{trade_mode}不是进料加工"
    ),
    _warning(_BGD + "CKSL", "报关单{item_key}累计申报出口数量{declared}大于可申报数量{available}"),
    _warning(
        _BGD + "USDLAJ",
        "报关单{item_key}累计申报美元离岸价{declared}大于可申报美元离岸价{available}",
    ),
    _warning(
        _BGD + "RMBLAJ",
        "报关单{item_key}累计申报人民币离岸价{declared}大于可申报人民币离岸价{available}",
    ),
)

# Client-side checks before submission [project decision; DOMAIN §8.3, SPEC DC-04].
LOCAL_ENTRIES: Final = (
    _blocking(
        "LOCAL_BGDH_FORMAT", "出口报关单号“{item_key}”应为21位：18位海关编号+“0”+2位项号（01–50）"
    ),
    _blocking("LOCAL_CKRQ_AFTER_PERIOD", "出口日期{export_date}晚于所属期{period}的最后一天"),
    _blocking("LOCAL_EXCHANGE_RATE_MISSING", "缺少{currency}在{rate_date}的汇率"),
    _blocking(
        "LOCAL_SPDM_NOT_IN_LIBRARY",
        "商品代码{commodity_code}在出口日期{export_date}不在退税率文库有效期内",
    ),
    _blocking("LOCAL_SPDM_NOT_BASIC", "商品代码{commodity_code}不是基本商品代码"),
    _blocking("LOCAL_RATE_MISMATCH", "{rate_name}{declared}与退税率文库{expected}不一致"),
    _blocking(
        "LOCAL_UNIT_MISMATCH", "计量单位{declared}与退税率文库的法定计量单位{expected}不一致"
    ),
    _blocking("LOCAL_TRADE_MODE_NOT_REFUNDABLE", "监管方式{trade_mode}不属于可退税的贸易方式"),
    _blocking("LOCAL_DUPLICATE_ITEM", "出口报关单号{item_key}在本次申报中重复（红字冲减除外）"),
    _warning(
        "LOCAL_FOB_CNY_USD_MISMATCH",
        "人民币离岸价{fob_cny}与美元离岸价×美元汇率{expected}相差超过{tolerance}元",
    ),
    _blocking("LOCAL_SUMMARY_ARITHMETIC", "汇总表第{row}栏应为{expected}，实为{actual}"),
    _blocking(
        "LOCAL_DEADLINE",
        "出口日期{export_date}的申报期限{deadline}已过（{rule_id}）：{consequence}",
    ),
    _warning(
        "LOCAL_DEADLINE_LATE",
        "出口日期{export_date}已过正常申报期限{deadline}，逾期申报须提供收汇材料",
    ),
    _warning("LOCAL_DEADLINE_NEAR", "出口日期{export_date}的申报期限{deadline}仅剩{days_left}天"),
    _warning("LOCAL_INVOICE_FORMAT", "{warning}"),
)

DEFAULT_CATALOGUE: Final = Catalogue(CUSTOMS_ENTRIES + LOCAL_ENTRIES)
