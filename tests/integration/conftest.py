"""A seeded simulator world for chain tests: the product enterprise, its card and the sim data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from rebate.accounts.services import card_bind
from rebate.accounts.tests.cards import bind_issued_card
from rebate.accounts.tests.factories import make_enterprise, make_user
from rebate.integrations.testing import onboard, onboard_rates
from sim.taxbureau.models import PlantedAnomaly

CODE = "4403960T01"


@dataclass
class World:
    enterprise: Any
    clerk: Any
    seed_output: str

    def planted(self, period: str) -> list[PlantedAnomaly]:
        return list(PlantedAnomaly.objects.filter(customs_code=CODE, period=period))


@pytest.fixture
def world(db: None, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return seed_world()


CARD_NO = "CK4403960001"
CARD_PIN = "20261201"


def seed_world(
    password: str = "pw-Test-2026", *, card_file: Path | None = None, anomalies: str = "0.05"
) -> World:
    """Reference data, the product enterprise with its clerk and card, the seeded simulators.

    With ``card_file`` the e-port issues the card as a key file there (for a browser to 插卡,
    PIN ``CARD_PIN``) and bound by the operator; otherwise the key stays in this process.
    ``anomalies``: the share of planted doubts ("0" for a chain that must self-check clean).
    """
    call_command("load_reference_data", stdout=io.StringIO())
    onboard_rates()
    call_command("download_exchange_rates", "--from", "2025-01-01", stdout=io.StringIO())
    enterprise = make_enterprise(customs_code=CODE, category="2")
    clerk = make_user(enterprise, with_card=False, password=password)
    out = io.StringIO()
    call_command(
        "sim_seed", "--enterprise", CODE, "--months", "4", "--scale", "small",
        "--anomalies", anomalies, "--seed", "7", "--uscc", enterprise.uscc,
        "--name", enterprise.name, "--category", "2", stdout=out,
    )  # fmt: skip
    onboard(CODE)
    # The e-port's card authority issued the card; binding reads its public key from there.
    if card_file is None:
        bind_issued_card(clerk, CARD_NO)
    else:
        issue_card_file(card_file)
        card_bind(user=clerk, card_no=CARD_NO, signed=None)
    return World(enterprise, clerk, out.getvalue())


def issue_card_file(card_file: Path, customs_code: str = CODE, card_no: str = CARD_NO) -> Path:
    """The e-port's counter hands the clerk the card as a PIN-protected key file."""
    call_command(
        "sim_issue_card", "--customs-code", customs_code, "--card-no", card_no, "--pin", CARD_PIN,
        "--out", str(card_file), stdout=io.StringIO(),
    )  # fmt: skip
    return card_file
