"""The bureau's tables, split by concept (store, declarations, generator bookkeeping)."""

from .certificates import IssuedCertificate
from .declarations import DeclaredLine, Doubt, Submission
from .other import PurchaseInvoice
from .overseas import OverseasLine, OverseasOutcome, OverseasSettlement
from .rules import DoubtRule, Operator
from .seeding import PlantedAnomaly, SeedCard, SeedMonth
from .store import (
    Clock,
    CustomsInfo,
    Enterprise,
    Filing,
    FxReceipt,
    Invoice,
    RateRow,
    Status,
    WriteoffRecord,
    WriteoffResult,
)
from .vat import VatReturn

__all__ = [
    "Clock",
    "CustomsInfo",
    "DeclaredLine",
    "Doubt",
    "DoubtRule",
    "Enterprise",
    "Filing",
    "FxReceipt",
    "Invoice",
    "IssuedCertificate",
    "Operator",
    "OverseasLine",
    "OverseasOutcome",
    "OverseasSettlement",
    "PlantedAnomaly",
    "PurchaseInvoice",
    "RateRow",
    "SeedCard",
    "SeedMonth",
    "Status",
    "Submission",
    "VatReturn",
    "WriteoffRecord",
    "WriteoffResult",
]
