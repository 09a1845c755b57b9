"""The demo enterprise of `make run`: fictitious identifiers with valid check characters."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from . import cardreader
from .choices import ManagementCategory, Role
from .models import Card, Enterprise, User
from .services import card_bind, enterprise_register, user_create

DEMO_ENTERPRISE = {
    "name": "深圳市示范电子科技有限公司",
    "uscc": "91440300MA5DEMQ01H",
    "customs_code": "4403960D01",
    "region": "深圳",
    "category": ManagementCategory.CLASS_2,
}
DEMO_CARD_NO = "CK4403000001"
DEMO_PHONE = "13800000001"
OTHER_USERS = (
    ("manager", Role.ADMIN, "13800000002"),
    ("auditor", Role.VIEWER, "13800000003"),
)


@transaction.atomic
def ensure_demo() -> Enterprise:
    """Create the demo enterprise, its users and the demo user's card; later runs keep them."""
    if not settings.DEMO_ALLOWED:
        raise ImproperlyConfigured("演示账号仅允许在开发/演示环境中使用")
    enterprise = Enterprise.objects.filter(customs_code=DEMO_ENTERPRISE["customs_code"]).first()
    if enterprise is None:
        demo = enterprise_register(
            **DEMO_ENTERPRISE,
            username=settings.DEMO_USERNAME,
            password=settings.DEMO_PASSWORD,
            phone=DEMO_PHONE,
        )
        demo.role = Role.CLERK
        demo.save(update_fields=["role"])
        enterprise = demo.enterprise
        assert enterprise is not None
        for username, role, phone in OTHER_USERS:
            user_create(
                enterprise=enterprise,
                username=username,
                password=settings.DEMO_PASSWORD,
                role=role,
                phone=phone,
            )
    demo_user = User.objects.get(username=settings.DEMO_USERNAME)
    card = Card.objects.filter(user=demo_user).first()
    if card is None:
        card_bind(
            user=demo_user, card_no=DEMO_CARD_NO, public_key_pem=cardreader.issue_card(DEMO_CARD_NO)
        )
    elif DEMO_CARD_NO not in cardreader.inserted_cards():
        # The reader directory is machine state (var/); a fresh var gets the card re-inserted.
        card.public_key_pem = cardreader.issue_card(DEMO_CARD_NO)
        card.save(update_fields=["public_key_pem"])
    return enterprise
