"""零申报 (公告2025年第20号, DOMAIN §7.8, §16): a 免抵退 period without export lines is declared
with a package of no lines, signed, self-checked and confirmed like any batch; the engine offers
it as a family capability."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rebate.core.models import StatusChange
from rebate.declarations import services
from rebate.declarations.choices import BatchStatus
from rebate.declarations.families import families
from rebate.declarations.forms import package_form_class
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.storage import open_package
from rebate.declarations.tests.conftest import CLEAN_PERIOD, october
from rebate.declarations.tests.factories import held
from rebate.integrations.wire.package.reader import read_package
from rebate.mdt import services as mdt_services

pytestmark = pytest.mark.django_db
EMPTY = "202611"


def _summary(clerk, period: str) -> None:
    mdt_services.summary_generate(
        enterprise=clerk.enterprise, actor=clerk, period=period,
        vat_transfer_out=Decimal("0.00"), ending_credit=Decimal("35000.00"),
    )  # fmt: skip


def _generate(clerk, period: str, **kw):
    return services.batch_generate(
        enterprise=clerk.enterprise, actor=clerk, family="mdt", period=period,
        card_no=clerk.card.card_no, **kw,
    )  # fmt: skip


def test_a_period_without_exports_is_declared_as_zero(clerk, bureau, rates):
    bureau.vat_returns[EMPTY] = Decimal("35000.00")  # the VAT return is filed first (Art. 15)
    _summary(clerk, EMPTY)
    with pytest.raises(ValidationError, match="请勾选零申报"):
        _generate(clerk, EMPTY)
    assert not DeclarationBatch.objects.exists()
    batch = _generate(clerk, EMPTY, zero=True)
    assert (batch.line_count, batch.period) == (0, EMPTY)
    e = clerk.enterprise
    services.batch_sign(
        enterprise=e, actor=clerk, batch_id=batch.pk,
        signed=held(clerk.card.card_no).sign_package(batch.package_digest),
    )  # fmt: skip
    batch.refresh_from_db()  # signing keeps the signed package as a new stored file
    with open_package(batch.package_path) as package:
        content = read_package(package)  # the signed package, validated against the XSD
    assert content.line_count == 0 and content.head.period == EMPTY
    assert content.digest == content.signature.digest
    services.batch_self_check(enterprise=e, actor=clerk, batch_id=batch.pk)
    bureau.finish_self_check()
    services.batch_refresh(enterprise=e, actor=clerk, batch_id=batch.pk)
    services.batch_confirm(enterprise=e, actor=clerk, batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DECLARED
    assert batch.figures["exempt_credit_refund"] == "0.00"
    created = StatusChange.objects.filter(object_id=str(batch.pk), from_state="").get()
    assert "零申报" in created.note


def test_zero_is_refused_when_the_period_has_lines(clerk, lines, rates, bureau):
    bureau.vat_returns[CLEAN_PERIOD] = Decimal("35000.00")  # filed first (Art. 15)
    lines(october(1))
    _summary(clerk, CLEAN_PERIOD)
    with pytest.raises(ValidationError, match="有1条可申报的数据，不能零申报"):
        _generate(clerk, CLEAN_PERIOD, zero=True)
    assert not DeclarationBatch.objects.exists()


def test_zero_is_a_family_capability(clerk):
    others = [f for f in families() if not f.zero_declaration]
    assert others and all("zero" not in package_form_class(f).base_fields for f in others)
    assert "zero" in package_form_class(next(f for f in families() if f.key == "mdt"))().fields
    with pytest.raises(ValidationError, match="没有零申报"):
        services.batch_generate(
            enterprise=clerk.enterprise, actor=clerk, family=others[0].key,
            period=EMPTY, card_no=clerk.card.card_no, zero=True,
        )  # fmt: skip


def test_the_generate_dialog_offers_zero(clerk, clerk_client):
    html = clerk_client.get(reverse("mdt:generate") + f"?period={EMPTY}").content.decode()
    assert 'name="zero"' in html and "零申报" in html
