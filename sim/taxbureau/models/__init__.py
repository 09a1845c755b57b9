"""The bureau's tables, split by concept (store, declarations, generator bookkeeping)."""

from .declarations import DeclaredLine, Doubt, Submission
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
    WriteoffResult,
)

__all__ = [
    "Clock",
    "CustomsInfo",
    "DeclaredLine",
    "Doubt",
    "Enterprise",
    "Filing",
    "FxReceipt",
    "Invoice",
    "PlantedAnomaly",
    "RateRow",
    "SeedCard",
    "SeedMonth",
    "Status",
    "Submission",
    "WriteoffResult",
]
