"""申报期限临近 for the webhooks tick (WEBHOOKS_SCHEDULED_EVENTS): downloaded 报关单 not yet
declared whose 申报期限 (DOMAIN §9) falls within the warning window. One event per enterprise and
deadline day, once (the delivery's dedupe key), with how many 报关单 it concerns."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from rebate.accounts.models import Enterprise
from rebate.calc.deadlines import (
    DEFAULT_RULES,
    FREE_AND_CREDIT_DECLARATION,
    DeadlineError,
    deadline_status,
    declaration_deadline,
)
from rebate.codes.selectors import deadline_rules
from rebate.webhooks.choices import Event
from rebate.webhooks.events import emit
from rebate.webhooks.selectors import subscribed_enterprise_ids

from .choices import GenerationStatus
from .models import Declaration

WARN_DAYS = 30
LISTED = 100  # 报关单号 named in one event at most (the count covers all)
# The longest 申报期限 of any rule is under five years after the export.
OLDEST_EXPORT_YEARS = 5


def _due(enterprise: Enterprise, today: date) -> dict[date, list[str]]:
    rules = deadline_rules(FREE_AND_CREDIT_DECLARATION) or DEFAULT_RULES
    undeclared = (
        Declaration.objects.for_enterprise(enterprise)
        .exclude(generation_status=GenerationStatus.DECLARED)
        .filter(ie_date__gte=today - timedelta(days=366 * OLDEST_EXPORT_YEARS))
        .order_by("ie_date", "entry_id")
        .values_list("entry_id", "ie_date")
    )
    due: dict[date, list[str]] = defaultdict(list)
    deadlines: dict[date, date | None] = {}
    for entry_id, ie_date in undeclared.iterator(chunk_size=2000):
        if ie_date not in deadlines:
            try:
                deadlines[ie_date] = declaration_deadline(ie_date, rules)
            except DeadlineError:
                deadlines[ie_date] = None  # no rule covers it: 数据一致性检查 reports that
        deadline = deadlines[ie_date]
        if deadline is not None and deadline_status(deadline, today, WARN_DAYS).warn:
            due[deadline].append(entry_id)
    return due


def deadline_events(today: date) -> int:
    """Emit 申报期限临近 where it is due today; returns how many deliveries were made."""
    made = 0
    for enterprise in Enterprise.objects.filter(
        pk__in=subscribed_enterprise_ids(Event.DEADLINE_APPROACHING)
    ):
        for deadline, entry_ids in sorted(_due(enterprise, today).items()):
            data = {
                "deadline": deadline.isoformat(),
                "days_left": (deadline - today).days,
                "count": len(entry_ids),
                "entry_ids": entry_ids[:LISTED],
            }
            key = f"deadline:{deadline.isoformat()}"
            made += len(emit(enterprise, Event.DEADLINE_APPROACHING, data, dedupe_key=key))
    return made
