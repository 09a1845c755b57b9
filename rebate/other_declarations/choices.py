"""Code lists of the 其他申报 forms ([project decision] where FORMS.md found none)."""

from django.db import models


class DocumentKind(models.TextChoices):
    """查询信息类型 (FORMS §4.2, I)."""

    CUSTOMS = "01", "出口报关单"
    AGENCY = "02", "代理出口货物证明"
    VAT_INVOICE = "03", "增值税专用发票"


class InfoStatus(models.TextChoices):
    UNKNOWN = "", "未查询"
    PRESENT = "1", "有电子信息"
    ABSENT = "0", "无电子信息"


class NoInfoReason(models.TextChoices):
    """延期 / 无电子信息 reasons (FORMS §4.3, I)."""

    DISASTER = "01", "自然灾害"
    FROZEN = "02", "司法冻结"
    NOT_ISSUED = "03", "海关、外汇未出具电子信息"
    OTHER = "09", "其他"


class VoucherKind(models.TextChoices):
    VAT_INVOICE = "1", "增值税专用发票"
    IMPORT_VAT = "2", "海关进口增值税专用缴款书"


class PlantTenure(models.TextChoices):
    OWNED = "1", "自有"
    LEASED = "2", "租赁"
