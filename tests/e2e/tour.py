"""The new clerk's tour (issue 14): the `make run` world in this process, and the steps' helpers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.core.management import call_command

from rebate.accounts.demo import DEMO_CARD_NO, demo_card_file, demo_card_issues
from rebate.accounts.models import Enterprise
from rebate.codes.models import ExchangeRate
from rebate.configuration.selectors import enterprise_rate_method
from rebate.integrations.testing import onboard, onboard_rates, onboard_sms
from rebate.web.management.commands.bootstrap_demo import DEMO_CODE, SIMULATED_WORLD, STEPS
from tests.e2e.snapshot import Snapshot

ONBOARDING = {
    "--customs-code": onboard,
    "--rates-account": lambda account: onboard_rates(),
    "--sms-account": lambda account: onboard_sms(),
}

CENT = Decimal("0.01")


@dataclass
class Demo:
    enterprise: Enterprise
    card_file: Path
    seed_output: str


def bootstrap_demo() -> Demo:
    """What `manage.py bootstrap_demo` creates, with the simulators in this process (their own
    server under `make run`): reference data, the seeded outside world, the e-port's card files,
    the enterprise's credentials, the demo enterprise, users and bound cards.

    Seeded once per test session: the first call keeps a copy of the seeded database and of the
    files it wrote (tests/e2e/snapshot.py), later calls restore it (the seed took 15–20 s of a
    chapter at load 4–6, a minute and more under the benches). Another database than SQLite
    seeds each time."""
    if not DEMO.restore():
        DEMO.keep(_seed())
    enterprise = Enterprise.objects.get(customs_code=DEMO_CODE)
    return Demo(enterprise, demo_card_file(DEMO_CARD_NO), DEMO.note)


def _seed() -> str:
    """The steps of bootstrap_demo; what the simulators' seed printed."""
    out = io.StringIO()
    for arguments in SIMULATED_WORLD:
        call_command(*arguments, stdout=out)
    for arguments in demo_card_issues():
        call_command(*arguments, stdout=io.StringIO())
    for name, arguments, _ in STEPS:  # make run's own list, in its order
        if name == "onboard_simulated":  # the simulators' half runs here, not in a subprocess
            ONBOARDING[arguments[0]](arguments[1])
        else:
            call_command(name, *arguments, stdout=io.StringIO())
    return out.getvalue()


DEMO = Snapshot()  # make run's world, seeded by the session's first bootstrap_demo


def rate_on(enterprise, currency: str, export_date: date) -> Decimal:
    """The table's central parity under the enterprise's 汇率折算方式 (当天 / 当月1日)."""
    if currency == "CNY":
        return Decimal(1)
    method = enterprise_rate_method(enterprise, export_date.year)
    on = export_date.replace(day=1) if method.name == "FIRST_OF_MONTH" else export_date
    return ExchangeRate.objects.get(currency=currency, on_date=on).rate


def expected_fob(enterprise, fob: Decimal, currency: str, export_date: date):
    """DOMAIN §1.4: (人民币离岸价, 美元离岸价) of a 原币FOB at the table's rates."""
    cny = fob * rate_on(enterprise, currency, export_date)
    usd = cny / rate_on(enterprise, "USD", export_date)
    return cny.quantize(CENT, ROUND_HALF_UP), usd.quantize(CENT, ROUND_HALF_UP)
