"""Declaration families registered with the lifecycle engine (see base.py; the hooks a family
fills are in hooks.py)."""

from rebate.integrations.wire.package.registry import PeriodKind

from .base import (
    ALL_STEPS,
    Business,
    CheckIssue,
    Family,
    PackageRequest,
    PackageResult,
    PrintForm,
    RecordLink,
    RecordSource,
    Section,
    Step,
    UnknownFamily,
    families,
    family_by_business_code,
    get_family,
    known_family,
    register,
)
from .hooks import (
    FigureColumn,
    OnApproved,
    OnFilings,
    QueryFigure,
    ReviewReading,
    SummaryForBatch,
    SummaryStep,
)

__all__ = [
    "ALL_STEPS",
    "Business",
    "CheckIssue",
    "Family",
    "FigureColumn",
    "OnApproved",
    "OnFilings",
    "PackageRequest",
    "PackageResult",
    "PeriodKind",
    "PrintForm",
    "QueryFigure",
    "RecordLink",
    "RecordSource",
    "ReviewReading",
    "Section",
    "Step",
    "SummaryForBatch",
    "SummaryStep",
    "UnknownFamily",
    "families",
    "family_by_business_code",
    "get_family",
    "known_family",
    "register",
]
