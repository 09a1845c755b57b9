"""The 免抵退 declaration package ``urn:ckts:wire:package:scsb:1``."""

from .model import (
    BUSINESS_CODE,
    SHORT_NAME,
    GoodsLine,
    PackageContent,
    PackageHead,
    PackageInfo,
    SignatureBlock,
    SummaryRow,
    package_filename,
    parse_filename,
)
from .reader import read_package, verify_signature
from .writer import complete_package, write_package, write_unsigned_package

__all__ = [
    "BUSINESS_CODE",
    "SHORT_NAME",
    "GoodsLine",
    "PackageContent",
    "PackageHead",
    "PackageInfo",
    "SignatureBlock",
    "SummaryRow",
    "complete_package",
    "package_filename",
    "parse_filename",
    "read_package",
    "verify_signature",
    "write_package",
    "write_unsigned_package",
]
