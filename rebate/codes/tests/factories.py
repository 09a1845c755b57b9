"""The codes app has no enterprise-owned models: its pk URLs address shared reference data."""

from rebate.core.testing import isolation

for name in ("codes:exchange_rate_edit", "codes:exchange_rate_history", "codes:deadline_rule_edit"):
    isolation.exempt_url(name, "shared reference data (not enterprise-owned), staff-only writes")
