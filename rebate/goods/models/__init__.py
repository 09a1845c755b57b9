"""货物采集 models (SPEC TS-01…TS-12)."""

from .lines import ExportLine
from .materials import (
    CodeAdjustment,
    DeemedOwnProduct,
    FobDifference,
    RefundFirst,
    RefundFirstQualification,
)
from .receipts import NonReceipt, Receipt

__all__ = [
    "CodeAdjustment",
    "DeemedOwnProduct",
    "ExportLine",
    "FobDifference",
    "NonReceipt",
    "Receipt",
    "RefundFirst",
    "RefundFirstQualification",
]
