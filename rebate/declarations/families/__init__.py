"""Declaration families registered with the lifecycle engine (see base.py)."""

from .base import (
    ALL_STEPS,
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
    register,
)

__all__ = [
    "ALL_STEPS",
    "CheckIssue",
    "Family",
    "PackageRequest",
    "PackageResult",
    "PrintForm",
    "RecordLink",
    "RecordSource",
    "Section",
    "Step",
    "UnknownFamily",
    "families",
    "family_by_business_code",
    "get_family",
    "register",
]
