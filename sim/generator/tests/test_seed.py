from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.management import call_command

from sim.customs import models as customs
from sim.generator import anomalies
from sim.generator.maintenance import fingerprint, purge
from sim.generator.seed import seed
from sim.generator.testing import SMALL
from sim.taxbureau import models as bureau


def _counts(code: str) -> tuple[int, int, int, int]:
    return (
        customs.Declaration.objects.filter(enterprise__customs_code=code).count(),
        customs.DeclarationItem.objects.filter(declaration__enterprise__customs_code=code).count(),
        bureau.CustomsInfo.objects.filter(enterprise__customs_code=code).count(),
        bureau.PlantedAnomaly.objects.filter(customs_code=code).count(),
    )


def test_same_seed_gives_the_same_data(seeded_db):
    before = fingerprint(SMALL.customs_code), _counts(SMALL.customs_code)
    purge(SMALL.customs_code)
    assert _counts(SMALL.customs_code) == (0, 0, 0, 0)
    seed(SMALL)
    assert (fingerprint(SMALL.customs_code), _counts(SMALL.customs_code)) == before


def test_another_seed_gives_other_data(seeded_db):
    other = replace(SMALL, customs_code="4403960T09", seed=99)
    seed(other)
    assert fingerprint(other.customs_code) != fingerprint(SMALL.customs_code)


def test_months_respect_the_scale(seeded_db):
    months = bureau.SeedMonth.objects.filter(customs_code=SMALL.customs_code)
    assert [m.period for m in months.order_by("period")] == ["202607", "202608", "202609", "202610"]
    assert all(20 <= m.declarations <= 40 for m in months)
    items = customs.DeclarationItem.objects.filter(
        declaration__enterprise__customs_code=SMALL.customs_code
    )
    assert set(items.values_list("g_no", flat=True)) <= set(range(1, 51))
    assert not items.filter(fob_usd__lte=0).exists()


def test_every_doubt_kind_is_planted_in_each_open_month(seeded_db):
    for period in ("202609", "202610"):
        kinds = set(
            bureau.PlantedAnomaly.objects.filter(
                customs_code=SMALL.customs_code, period=period
            ).values_list("kind", flat=True)
        )
        assert set(anomalies.KINDS) <= kinds


def test_history_months_are_declared_and_open_months_are_not(seeded_db):
    submissions = bureau.Submission.objects.filter(enterprise__customs_code=SMALL.customs_code)
    assert sorted(submissions.values_list("period", flat=True)) == ["202607", "202608"]
    assert all(s.status == bureau.Status.PASSED for s in submissions)


def test_once_does_nothing_when_data_exists(seeded_db, capsys):
    before = _counts(SMALL.customs_code)
    call_command("sim_seed", "--enterprise", SMALL.customs_code, "--months", "6", "--once")
    assert "跳过" in capsys.readouterr().out
    assert _counts(SMALL.customs_code) == before


def test_extending_adds_only_missing_months(seeded_db):
    seed(replace(SMALL, months=5))
    months = bureau.SeedMonth.objects.filter(customs_code=SMALL.customs_code)
    assert months.count() == 5
    assert months.order_by("period").first().period == "202606"


def test_bad_arguments_are_refused(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="海关企业代码"):
        call_command("sim_seed", "--enterprise", "bad")
