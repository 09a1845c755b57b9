"""反馈读入 (JL-09) of the bureau's review of a 核销, read from a file, and 打印进料申报报表 (JL-08)
of the declared batch."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from rebate.declarations import services as engine
from rebate.declarations.choices import BatchStatus
from rebate.declarations.tests.factories import generate_signed
from rebate.integrations.taxbureau import get_taxbureau_port
from rebate.integrations.wire.feedback import writer
from rebate.mdt.totals import mdt_writeoff

from .. import WRITEOFF, services
from ..models import Writeoff
from .conftest import CODE
from .factories import MANUAL, make_feedback

pytestmark = pytest.mark.django_db


def uploaded(clerk):
    """A 核销 of a manual the bureau holds as written off, generated, signed and uploaded."""
    e = clerk.enterprise
    make_feedback(e, records=(("I", "0615", "620000.00"), ("E", "0615", "1000000.00")))
    sim = apps.get_model("sim_taxbureau", "Enterprise").objects.get(customs_code=CODE)
    sim.writeoffs.create(
        manual_no=MANUAL, valid_from=date(2025, 1, 1), valid_to=date(2025, 6, 30),
        writeoff_date=date(2025, 7, 25), import_total=Decimal("620000.00"),
        export_total=Decimal("1000000.00"), actual_rate=Decimal("0.620000"),
    )  # fmt: skip
    services.writeoffs_prefill(enterprise=e, actor=clerk, period="202604", year="2025")
    batch = generate_signed(clerk, "202604", family="processing", business=WRITEOFF)
    engine.batch_upload(enterprise=e, actor=clerk, batch_id=batch.pk)
    return sim, batch


def test_the_review_read_from_a_file_confirms_the_write_off(clerk, client):
    _, batch = uploaded(clerk)
    # The file the bureau hands out: its review, as the port reads it, written back as XML.
    results = (
        get_taxbureau_port()
        .review_feedback(customs_code=CODE, business_code=WRITEOFF, period="202604")
        .declarations
    )
    out = io.BytesIO()
    writer.write_review(
        out, customs_code=CODE, family="processing", period="202604", results=results
    )
    record, new = engine.feedback_read(
        enterprise=clerk.enterprise, actor=clerk, data=out.getvalue(), filename="jlhx.xml"
    )
    assert new and record.record_count == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PASSED
    row = Writeoff.objects.get()
    assert row.confirmed_rate == Decimal("0.620000") and row.confirmed_on is not None
    # 1,000,000 × … nothing declared under the manual: no adjustment, but confirmed
    assert mdt_writeoff(clerk.enterprise, "202604").refund_adjustment == Decimal("0.00")

    client.force_login(clerk)
    url = reverse("declarations:print_form", args=[batch.pk]) + "?form=jlhx"
    html = client.get(url).content.decode()
    assert "生产企业进料加工业务免抵退税核销表" in html and MANUAL in html and "0.620000" in html
