"""Scales, enterprise identity and the time frame of a generated history."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import date

from rebate.calc.identifiers import org_code_check_char, uscc_check_char
from rebate.calc.periods import Period

DEFAULT_UNTIL = date(2026, 11, 1)  # months are generated before this date (fixed anchor)
OPEN_MONTHS = 2  # the newest months stay undeclared: the demo clerk declares them


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    declarations_per_month: tuple[int, int]
    item_mode: str  # "skewed": mostly 1–5, tail to 50; "wide": 15–50

    def item_count(self, rng: random.Random) -> int:
        if self.item_mode == "wide":
            return rng.randint(15, 50)
        if rng.random() < 0.8:
            return rng.randint(1, 5)
        return min(50, 6 + int(rng.paretovariate(1.2) * 3))


SCALES = {
    "small": Scale("small", (20, 40), "skewed"),
    "medium": Scale("medium", (60, 120), "skewed"),
    # ≈ 12 × 2,600 × 32.5 ≈ 1,000,000 items a year.
    "large": Scale("large", (2400, 2800), "wide"),
}


def months_before(until: date, count: int) -> list[Period]:
    last = Period.of(until).previous()
    return [last.plus_months(-offset) for offset in range(count - 1, -1, -1)]


def enterprise_hash(customs_code: str) -> int:
    return zlib.crc32(customs_code.encode()) % 10000


def derived_uscc(customs_code: str) -> str:
    """A valid-looking 统一社会信用代码 from the customs code (region from its first 4 digits)."""
    region = customs_code[:4] + "00"
    digits = f"{zlib.crc32(('org' + customs_code).encode()) % 10**8:08d}"
    org = digits + org_code_check_char(digits)
    first17 = "91" + region + org
    return first17 + uscc_check_char(first17)


def derived_name(customs_code: str) -> str:
    return f"模拟出口制造有限公司（{customs_code}）"
