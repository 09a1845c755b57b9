"""A seeded simulator world for chain tests: the product enterprise, its card and the sim data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command

from rebate.accounts.services import card_issue_and_bind
from rebate.accounts.tests.factories import make_enterprise, make_user
from rebate.integrations.testing import onboard
from sim.customs.registry import register_card
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
    settings.CARD_READER_DIR = tmp_path / "cards"
    settings.MEDIA_ROOT = tmp_path / "media"
    return seed_world()


def seed_world(password: str = "pw-Test-2026") -> World:
    """Reference data, the product enterprise with its clerk and card, the seeded simulators."""
    call_command("load_reference_data", stdout=io.StringIO())
    enterprise = make_enterprise(customs_code=CODE, category="2")
    clerk = make_user(enterprise, with_card=False, password=password)
    out = io.StringIO()
    call_command(
        "sim_seed", "--enterprise", CODE, "--months", "4", "--scale", "small",
        "--anomalies", "0.05", "--seed", "7", "--uscc", enterprise.uscc,
        "--name", enterprise.name, "--category", "2", stdout=out,
    )  # fmt: skip
    onboard(CODE)
    # Binding registers the card with the e-port's card authority, which the bureau trusts.
    card = card_issue_and_bind(user=clerk, card_no="CK4403960001")
    register_card(customs_code=CODE, card_no=card.card_no, public_key_pem=card.public_key_pem)
    return World(enterprise, clerk, out.getvalue())
