"""A clerk of an enterprise registered (备案) at the simulated e-port and bureau, with a card,
and the steps that take a collected filing through the bureau."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from rebate.accounts.tests.cards import bind_issued_card
from rebate.accounts.tests.factories import make_enterprise, make_user, onboard_at_eport
from rebate.declarations import services
from rebate.declarations.models import DeclarationBatch
from rebate.declarations.tests.factories import generate_signed

CODE, CARD_NO = "4403960B01", "CK4403960B01"


@pytest.fixture
def clerk(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    enterprise = onboard_at_eport(make_enterprise(customs_code=CODE))
    user = make_user(enterprise, with_card=False)
    bind_issued_card(user, CARD_NO)
    return user


def declare(clerk: Any, business: str) -> DeclarationBatch:
    """生成申报数据 of the business (signed by the card) and 远程申报 (上传成功)."""
    batch = generate_signed(clerk, "", family="filings", business=business)
    return services.batch_upload(enterprise=clerk.enterprise, actor=clerk, batch_id=batch.pk)


def feedback(clerk: Any) -> DeclarationBatch | None:
    """审核结果下载 of the family; the latest batch afterwards."""
    e = clerk.enterprise
    services.feedback_download(enterprise=e, actor=clerk, family="filings", period="")
    return DeclarationBatch.objects.filter(family="filings").order_by("-id").first()


def later(monkeypatch: Any, **delta: int) -> None:
    now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: now() + timedelta(**delta))
