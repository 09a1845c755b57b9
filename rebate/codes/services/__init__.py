"""Writes of the reference libraries. Each function is a service (DESIGN §4.2)."""

from rebate.codes.services.deadlines import deadline_rule_update, load_default_deadline_rules
from rebate.codes.services.exchange import (
    exchange_rate_set,
    exchange_rates_download,
    exchange_rates_import,
)
from rebate.codes.services.ratelib import (
    rate_library_activate,
    rate_library_import,
    version_from_filename,
)
from rebate.codes.services.ratelib_reader import RateLibraryError
from rebate.codes.services.reference import load_commodities, load_customs_tables
from rebate.codes.services.samplelib import SAMPLE_VERSION, load_sample_library

__all__ = [
    "SAMPLE_VERSION",
    "RateLibraryError",
    "deadline_rule_update",
    "exchange_rate_set",
    "exchange_rates_download",
    "exchange_rates_import",
    "load_commodities",
    "load_customs_tables",
    "load_default_deadline_rules",
    "load_sample_library",
    "rate_library_activate",
    "rate_library_import",
    "version_from_filename",
]
