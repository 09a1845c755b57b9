"""What the generator did: its runs and the anomalies it planted (the tests' oracle)."""

from __future__ import annotations

from django.db import models


class SeedMonth(models.Model):
    """One generated month of one enterprise (generation is per month, so it can extend)."""

    customs_code = models.CharField(max_length=10)
    period = models.CharField(max_length=6)
    seed = models.BigIntegerField()
    scale = models.CharField(max_length=10)
    declarations = models.PositiveIntegerField()
    items = models.PositiveIntegerField()
    data_hash = models.CharField(max_length=64)
    declared = models.BooleanField("已由生成器正式申报（历史）", default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customs_code", "period"], name="sim_seed_month")
        ]


class SeedCard(models.Model):
    """The generator's own card for an enterprise: signs the reference packages.

    The private key is stored because this is a simulated enterprise's test card, never a real
    one; the product binds its own cards through the customs card authority.
    """

    customs_code = models.CharField(max_length=10, unique=True)
    card_no = models.CharField(max_length=20, unique=True)
    private_key_pem = models.TextField()


class PlantedAnomaly(models.Model):
    """A doubt the generator planted on purpose: expected code per item key and period.

    ``overrides`` says how the enterprise's reference declaration differs from customs data
    (e.g. {"fob_usd": "90.00"}); an empty dict means the anomaly lives in the data itself.
    """

    customs_code = models.CharField(max_length=10, db_index=True)
    period = models.CharField(max_length=6)
    kind = models.CharField(max_length=30)
    item_key = models.CharField(max_length=21)
    expected_code = models.CharField(max_length=60)
    overrides = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["customs_code", "period"])]
