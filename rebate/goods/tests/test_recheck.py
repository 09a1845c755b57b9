"""A new rate-library version re-flags the undeclared lines whose rate it changes (DOMAIN §11.3):
declared lines are never altered, unchanged codes and dates stay as they were."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from rebate.codes.services import rate_library_activate
from rebate.codes.tests.test_samplelib import build_sample
from rebate.goods import services
from rebate.goods.models import ExportLine
from rebate.goods.tests.factories import make_export_line

pytestmark = pytest.mark.django_db
BATTERY, MOTOR = "8507600090", "8501109990"


def _old_library() -> None:
    """A previous version where the battery rate stayed 9% after 2024-12-01."""
    library = build_sample("SAMPLE2025")
    library.entries.filter(code=BATTERY, valid_from__gte=date(2026, 4, 1)).delete()
    library.entries.filter(code=BATTERY, valid_from=date(2024, 12, 1)).update(
        valid_to=date(2099, 12, 31)
    )


def test_activating_a_version_that_changes_a_rate_flags_only_undeclared_lines(clerk, clerk_client):
    _old_library()
    build_sample(active=False)
    before = {"period": "202603", "commodity_code": BATTERY, "export_date": date(2026, 3, 20)}
    after = {"period": "202605", "commodity_code": BATTERY, "export_date": date(2026, 5, 10)}
    rate = {"rebate_rate": Decimal("0.09")}
    unchanged = make_export_line(clerk.enterprise, **before, **rate)  # 9% in both versions
    open_line = make_export_line(clerk.enterprise, **after, **rate)
    declared = make_export_line(clerk.enterprise, status="declared", **after, **rate)
    motor = make_export_line(clerk.enterprise, period="202605", commodity_code=MOTOR)
    stamp = ExportLine.objects.get(pk=declared.pk).updated_at

    rate_library_activate(version="SAMPLE2026")

    flagged = ExportLine.objects.get(pk=open_line.pk)
    assert "SAMPLE2026" in flagged.recheck_reason and "退0.06" in flagged.recheck_reason
    assert "退0.09" in flagged.recheck_reason and "重新进行数据检查" in flagged.recheck_reason
    assert flagged.rebate_rate == Decimal("0.09")  # the line itself is not rewritten
    for line in (unchanged, declared, motor):
        assert ExportLine.objects.get(pk=line.pk).recheck_reason == ""
    assert ExportLine.objects.get(pk=declared.pk).updated_at == stamp
    url = reverse("goods:exportline_detail", args=[open_line.pk])
    assert "需重新检查" in clerk_client.get(url).content.decode()

    services.export_line_update(
        obj=flagged, enterprise=clerk.enterprise, actor=clerk, data={"rebate_rate": D06}
    )
    assert ExportLine.objects.get(pk=open_line.pk).recheck_reason == ""


D06 = Decimal("0.06")
