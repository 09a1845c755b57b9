"""Per-business bureau rules beyond the data-driven doubt rules: a business's own self-check
and review, registered by its module (e.g. ``review_other`` for 其他申报) so that the intake
and the review stay generic.

``self_check(submission, records)`` returns the doubts (``Found``) of a stored package (the
intake's one read of it gives the records);
``review(submission, records)`` decides a declared one: a ``Decision`` with the status, the
reasons, the confirmed total and the lines the bureau records (``DeclaredLine`` rows, returned
with the review as its reviewed lines). ``records`` maps each section to its records (dicts
keyed by the wire field attributes), read once from the stored package.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rebate.integrations.wire.package import business, read_package

from .doubt_rules import Found
from .models import Submission

Records = Mapping[str, list[Mapping[str, Any]]]


@dataclass(frozen=True, slots=True)
class Line:
    line_no: str
    item_key: str
    quantity: Decimal = Decimal("0")
    amount: Decimal | None = None  # the confirmed amount of the line (退税额)


@dataclass(frozen=True, slots=True)
class Decision:
    passed: bool
    reasons: str = ""
    amount: Decimal | None = None  # the confirmed total (应退税额)
    lines: tuple[Line, ...] = field(default_factory=tuple)


SelfCheck = Callable[[Submission, Records], list[Found]]
Review = Callable[[Submission, Records], Decision]
SELF_CHECKS: dict[str, SelfCheck] = {}
REVIEWS: dict[str, Review] = {}


def feedback_key(document_no: str) -> str:
    """A line's document number in the feedback format's 21-digit 出口报关单号 column: its
    digits, right-padded with 0 (a 报关单号 then reads as the whole declaration, 项号 000)
    [project decision: the published feedback format has no other key column]."""
    digits = "".join(ch for ch in document_no if ch.isdigit())[:21]
    return digits.ljust(21, "0")


def register(
    code: str, *, self_check: SelfCheck | None = None, review: Review | None = None
) -> None:
    if self_check is not None:
        SELF_CHECKS[code] = self_check
    if review is not None:
        REVIEWS[code] = review


def records(submission: Submission) -> dict[str, list[Mapping[str, Any]]]:
    """Every record of the stored package, by section."""
    spec = business(submission.business_code)
    found: dict[str, list[Mapping[str, Any]]] = {s.name: [] for s in spec.sections}
    assert submission.package_gz is not None
    with gzip.GzipFile(fileobj=io.BytesIO(bytes(submission.package_gz))) as source:
        read_package(
            source,  # type: ignore[arg-type]
            on_main=lambda record: found[spec.main.name].append(record),
            on_record=lambda section, record: found[section].append(record),
            verify=False,
        )
    return found


def run_review(submission: Submission) -> Decision | None:
    review = REVIEWS.get(submission.business_code)
    return review(submission, records(submission)) if review else None
