"""Fingerprint and purge of a generated enterprise (determinism tests, re-seeding)."""

from __future__ import annotations

import hashlib

from django.db import transaction

from sim.customs import models as customs
from sim.taxbureau import models as bureau


def fingerprint(customs_code: str) -> str:
    """SHA-256 over the months' data hashes and the planted anomalies of an enterprise."""
    digest = hashlib.sha256()
    months = bureau.SeedMonth.objects.filter(customs_code=customs_code).order_by("period")
    for month in months:
        digest.update(
            f"{month.period}|{month.declarations}|{month.items}|{month.data_hash}\n".encode()
        )
    planted = bureau.PlantedAnomaly.objects.filter(customs_code=customs_code).order_by(
        "period", "item_key", "expected_code"
    )
    for row in planted.values_list("period", "kind", "item_key", "expected_code"):
        digest.update("|".join(row).encode() + b"\n")
    return digest.hexdigest()


@transaction.atomic
def purge(customs_code: str) -> None:
    """Remove everything generated for an enterprise from both simulators."""
    customs.Enterprise.objects.filter(customs_code=customs_code).delete()
    bureau.Enterprise.objects.filter(customs_code=customs_code).delete()
    for model in (bureau.SeedMonth, bureau.SeedCard, bureau.PlantedAnomaly):
        model.objects.filter(customs_code=customs_code).delete()
