"""Declaration packages: one envelope for every business, one registered spec per business.

``registry`` holds the businesses (``register_business``, ``business``,
``business_by_short_name``, ``businesses``); ``envelope`` the shared head/body/signature;
``writer``/``reader`` stream any registered business. 免抵退 (A0305001 ``scsb``) is registered
by ``scsb`` with its typed records ``GoodsLine`` and ``SummaryRow``; the seven 单证 businesses
by ``certificates``; 进料加工核销's jlba/jlbg/jlhx by ``processing``.
"""

from . import certificates as certificates  # registers the 单证 businesses
from . import filings as filings  # 备案申报's businesses register on import
from . import other as other_businesses  # noqa: F401  (registers the 其他申报 businesses)
from . import processing  # noqa: F401 — registers 进料加工核销's businesses
from .envelope import PackageContent, PackageHead, PackageInfo, SignatureBlock, package_format
from .reader import read_package, verify_signature
from .registry import (
    BusinessSpec,
    PeriodKind,
    Section,
    business,
    business_by_namespace,
    business_by_short_name,
    businesses,
    parse_filename,
    parse_package_filename,
    register_business,
    unregister_business,
)
from .scsb import BUSINESS_CODE, SHORT_NAME, GoodsLine, SummaryRow
from .writer import complete_package, write_package, write_unsigned_package

__all__ = [
    "BUSINESS_CODE",
    "SHORT_NAME",
    "BusinessSpec",
    "GoodsLine",
    "PackageContent",
    "PackageHead",
    "PackageInfo",
    "PeriodKind",
    "Section",
    "SignatureBlock",
    "SummaryRow",
    "business",
    "business_by_namespace",
    "business_by_short_name",
    "businesses",
    "complete_package",
    "package_format",
    "parse_filename",
    "parse_package_filename",
    "read_package",
    "register_business",
    "unregister_business",
    "verify_signature",
    "write_package",
    "write_unsigned_package",
]
