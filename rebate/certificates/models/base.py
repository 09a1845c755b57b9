"""What every 申请表 carries (the abstract Certificate) and the fields several share."""

from __future__ import annotations

from django.db import models

from rebate.core.models import BatchRecord

TAXPAYER_HINT = "纳税人识别号（统一社会信用代码）18位"
PARTNER_HINT = "须为自用业务配置›委托企业中的企业"


def entry_field() -> models.CharField[str, str]:
    return models.CharField(
        "出口报关单号", max_length=18, help_text="18位海关编号，须为本企业已下载的出口报关单"
    )


def item_no_field() -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField("项号", help_text="报关单的商品项号（1起）")


class Certificate(BatchRecord):
    """What every 申请表 carries (S3's common columns): 所属期, 申报序号, 填表日期, 备注; and
    what the bureau's feedback brings back: the 证明编号 and its 开具日期."""

    fill_date = models.DateField("填表日期")
    handler = models.CharField("经办人", max_length=50, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    certificate_no = models.CharField(
        "证明编号", max_length=20, blank=True, editable=False, db_index=True
    )
    issued_on = models.DateField("开具日期", null=True, blank=True, editable=False)

    FIELDS: tuple[tuple[str, str], ...] = ()  # (model field, wire tag) in the form's order
    TAIL: tuple[tuple[str, str], ...] = (("fill_date", "tbrq"), ("handler", "jbrxm"),
                                         ("note", "bz"))  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["-period", "sequence_no"]

    def __str__(self) -> str:
        return f"{self.period}-{self.sequence_no}"

    @property
    def item_key(self) -> str:
        """The 21-digit 出口报关单号 of the certified item (报关单号 + 0 + 2-digit 项号)."""
        entry, item_no = getattr(self, "entry_id", ""), getattr(self, "item_no", None)
        return f"{entry}0{item_no:02d}" if entry and item_no else ""
