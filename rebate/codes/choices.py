"""Enumerations the program's behaviour depends on (everything else is data)."""

from __future__ import annotations

from django.db import models


class CodeTable(models.TextChoices):
    """The customs parameter tables (海关参数代码表) kept in ``CustomsCode``."""

    CUSTOMS_DISTRICT = "customs_district", "关区代码"
    TRANSPORT_MODE = "transport_mode", "运输方式"
    TRADE_MODE = "trade_mode", "监管方式"
    LEVY_KIND = "levy_kind", "征免性质"
    COUNTRY = "country", "国别（地区）"
    PORT = "port", "港口"
    DOMESTIC_DISTRICT = "domestic_district", "国内地区"
    TRANSACTION_TERM = "transaction_term", "成交方式"
    CURRENCY = "currency", "币制"
    CONTAINER_SPEC = "container_spec", "集装箱规格"
    UNIT = "unit", "计量单位"
    DUTY_MODE = "duty_mode", "征免方式"
    PACKAGE_TYPE = "package_type", "包装种类"
    ENTRY_EXIT_PORT = "entry_exit_port", "国内口岸"
    LICENSE_DOC = "license_doc", "监管证件"
    PURPOSE = "purpose", "用途"
    GOODS_ATTRIBUTE = "goods_attribute", "货物属性"
    ADMIN_DIVISION = "admin_division", "国内行政区划"
    EDOC_TYPE = "edoc_type", "随附单证类别"
    EXTENSION_TYPE = "extension_type", "企业扩展类型"
    COMMODITY = "commodity", "商品编码"  # versions of the Commodity list


class RebateType(models.TextChoices):
    """How exports under a 监管方式 are treated for 免抵退 (DOMAIN §12.4)."""

    REFUNDABLE = "refundable", "退税"
    NON_REFUNDABLE = "non_refundable", "不退税"
    PROCESSING = "processing", "进料加工"


class SpecialFlag(models.TextChoices):
    """TSFLAG of the rate library."""

    NONE = "", "—"
    NO_REFUND = "1", "禁止出口或出口不退税"
    EXEMPT = "2", "免税"


class RateMethod(models.TextChoices):
    """汇率折算方式: values are the names of rebate.calc.exchange.RateMethod."""

    SAME_DAY = "SAME_DAY", "当天"
    FIRST_OF_MONTH = "FIRST_OF_MONTH", "当月1日"


class RateSource(models.TextChoices):
    OFFICIAL = "official", "官方中间价导入"
    DOWNLOAD = "download", "中间价下载"
    MANUAL = "manual", "手工录入"
    DEMO = "demo", "演示数据"


class DeadlineKind(models.TextChoices):
    """Values are the names of rebate.calc.deadlines.DeadlineKind."""

    APRIL_NEXT_YEAR = "APRIL_NEXT_YEAR", "次年4月申报期"
    APRIL_30_NEXT_YEAR = "APRIL_30_NEXT_YEAR", "次年4月30日"
    MONTHS_AFTER_EXPORT = "MONTHS_AFTER_EXPORT", "出口后N个月"
    DAYS_AFTER_EXPORT = "DAYS_AFTER_EXPORT", "出口后N天"
    AS_DECLARATION = "AS_DECLARATION", "同申报期限"


class DeadlinePurpose(models.TextChoices):
    """Values are the names of rebate.calc.deadlines.DeadlinePurpose."""

    LIMIT = "LIMIT", "申报期限"
    WINDOW = "WINDOW", "正常申报期"
    REMITTANCE = "REMITTANCE", "收汇期限"


class RuleStatus(models.TextChoices):
    VERIFIED = "verified", "已核实"
    RECALLED = "recalled", "待核实"
    UNVERIFIED = "unverified", "未证实"
    OBSOLETE = "obsolete", "已废止"
