"""Port contract tests run against the in-process simulators.

The product never imports ``sim`` (import-linter), so these tests create the simulated world
the way an operator does — with the ``sim_seed`` command — and read the generator's record of
planted anomalies through the app registry.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from rebate.integrations.testing import onboard

CODE = "4403960P01"
OTHER = "4419960P02"


@pytest.fixture(scope="session")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        for code, months, anomalies, seed in ((CODE, "4", "0.05", "11"), (OTHER, "2", "0", "12")):
            call_command(
                "sim_seed", "--enterprise", code, "--months", months, "--scale", "small",
                "--anomalies", anomalies, "--seed", seed, "--until", "2026-11-01", "--once",
            )  # fmt: skip
            onboard(code)
    return CODE


@pytest.fixture
def seeded(world, db):
    return world


def sim_model(name: str):
    """A simulator table, for test oracles only (the product never reads them)."""
    label = (
        "sim_taxbureau"
        if name in {"PlantedAnomaly", "Submission", "Enterprise", "VatReturn", "RateRow"}
        else "sim_customs"
    )
    return apps.get_model(label, name)
