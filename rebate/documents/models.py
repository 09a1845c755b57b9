"""随附单据 and the 备案单证目录 of a declaration (SPEC §12, CK-05, DOMAIN §16 备案单证).

A Document is one stored file, kept once per enterprise by its SHA-256 and never altered; a
CatalogueEntry is one line of a declaration's catalogue: which document (or which paper kept in
the cabinet), for the batch or one of its lines, and how it is kept. Entries and documents are
kept 10 years (services refuse deleting them before).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from rebate.core.models import EnterpriseOwned
from rebate.declarations.models import DeclarationBatch


class DocumentKind(models.TextChoices):
    CONTRACT = "contract", "合同"
    INVOICE = "invoice", "商业发票"
    TRANSPORT = "transport", "运输单据"
    RECEIPT = "receipt", "收汇凭证"
    OTHER = "other", "其他"


class Keeping(models.TextChoices):
    """How a 备案单证 is kept (Art. 45): on paper, as a scanned image, or digital original."""

    PAPER = "paper", "纸质"
    IMAGE = "image", "影像"
    DIGITAL = "digital", "数字化"


class Document(EnterpriseOwned):
    sha256 = models.CharField("SHA-256", max_length=64)
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField("文件大小")
    # The storage's own name of the file (storages["default"]), named by the digest.
    storage_name = models.CharField("存储位置", max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上传人",
    )
    card_no = models.CharField("上传卡号", max_length=20)

    class Meta:
        verbose_name = "随附单据文件"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "sha256"], name="documents_once_by_sha")
        ]

    def __str__(self) -> str:
        return self.original_name


class CatalogueEntry(EnterpriseOwned):
    batch = models.ForeignKey(
        DeclarationBatch,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="申报数据",
    )
    # The line it belongs to ("" = the whole declaration): its form (RecordType key), 申报序号
    # and row, as the engine's doubts name lines, so no family is named here.
    line_record = models.CharField("申报表", max_length=60, blank=True)
    line_no = models.CharField("申报序号", max_length=10, blank=True)
    line_id = models.BigIntegerField("明细记录", null=True, blank=True)
    kind = models.CharField("单证种类", max_length=12, choices=DocumentKind.choices)
    title = models.CharField("单证名称及编号", max_length=200)
    keeping = models.CharField("存放方式", max_length=8, choices=Keeping.choices)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name="文件",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )

    class Meta:
        verbose_name = "备案单证目录"
        verbose_name_plural = verbose_name
        ordering = ["batch", "line_no", "id"]
        indexes = [models.Index(fields=["enterprise", "batch"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"
