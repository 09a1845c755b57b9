"""The seven 申请表 of 单证申报, one model each: the model IS the form's one field list.

``FIELDS`` of a model names its entered fields in the form's order with their wire tags; the
record page's form, its table, the printed 申请表 and the package section are all derived from
it (records.py, prints.py, wire.py), so a field is corrected in one place.

Field source (FORMS.md Part 1): the official 申请表 annexes of 公告2021年第15号 / 2022年第9号 /
2026年第5号 were not found (FORMS.md "what I could and could not confirm"); the data items are
the e-tax interface's (S3, the ``CKTS_ZM_*_LSB`` application tables, verified), trimmed of
legacy columns (收汇核销单号, 核销单单证不齐标志) and of the audit columns. Tags are S3's column
names. Each model's docstring says what was taken and what was designed.
"""

from .base import Certificate
from .goods import Agency, Entrusted, InwardProcessing, InwardWriteoff, RefundStatus, ReturnedGoods
from .other import (
    CertificateKind,
    Cigarette,
    CigarettePermit,
    CigaretteWriteoff,
    Reissue,
    WinningBid,
)

FORMS: tuple[type[Certificate], ...] = (
    InwardProcessing, InwardWriteoff, Agency, ReturnedGoods, Entrusted, Cigarette,
    CigarettePermit, CigaretteWriteoff, Reissue, WinningBid,
)  # fmt: skip

__all__ = [
    "FORMS", "Agency", "Certificate", "CertificateKind", "Cigarette", "CigarettePermit",
    "CigaretteWriteoff", "Entrusted", "InwardProcessing", "InwardWriteoff", "RefundStatus",
    "Reissue", "ReturnedGoods", "WinningBid",
]  # fmt: skip
