"""The demo enterprise of `make run`: fictitious identifiers with valid check characters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .choices import ManagementCategory, Role
from .models import Card, Enterprise, User
from .services import card_bind, card_refresh_key, enterprise_register, user_create

DEMO_ENTERPRISE = {
    "name": "深圳市示范电子科技有限公司",
    "uscc": "91440300MA5DEMQ01H",
    "customs_code": "4403960D01",
    "region": "深圳",
    "category": ManagementCategory.CLASS_2,
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    phone: str
    card_no: str
    # Reference data (rate library, exchange rates, deadline rules) is shared by every
    # enterprise: only staff may change it, and the demo needs one such user.
    staff: bool = False


DEMO_USERS = (
    DemoUser("demo", Role.CLERK, "13800000001", "CK4403000001"),
    DemoUser("manager", Role.ADMIN, "13800000002", "CK4403000002", staff=True),
    DemoUser("auditor", Role.VIEWER, "13800000003", "CK4403000003"),
)
DEMO_CARD_NO = DEMO_USERS[0].card_no
# The PIN of the demo cards' key files (README); a real card's PIN is the holder's alone.
DEMO_CARD_PIN = "88888888"


def demo_card_file(card_no: str) -> Path:
    return Path(settings.CARD_FILES_DIR) / f"{card_no}.json"


def demo_card_issues() -> list[tuple[str, ...]]:
    """The e-port's ``sim_issue_card`` for each demo user: a key file under var/cards/ (PIN above).

    ``bootstrap_demo`` runs them in the simulators' own process: the product never sees a
    private key, not even the demo's.
    """
    return [
        ("sim_issue_card", "--customs-code", str(DEMO_ENTERPRISE["customs_code"]),
         "--card-no", spec.card_no, "--pin", DEMO_CARD_PIN,
         "--out", str(demo_card_file(spec.card_no).resolve()))
        for spec in DEMO_USERS
    ]  # fmt: skip


@transaction.atomic
def ensure_demo() -> Enterprise:
    """Create the demo enterprise, its users and their cards; later runs keep them."""
    if not settings.DEMO_ALLOWED:
        raise ImproperlyConfigured("演示账号仅允许在开发/演示环境中使用")
    enterprise = Enterprise.objects.filter(customs_code=DEMO_ENTERPRISE["customs_code"]).first()
    if enterprise is None:
        enterprise = _create_enterprise()
    for spec in DEMO_USERS:
        _ensure_card(User.objects.get(username=spec.username), spec.card_no)
    return enterprise


def _create_enterprise() -> Enterprise:
    first, *others = DEMO_USERS
    admin = enterprise_register(
        **DEMO_ENTERPRISE,
        username=first.username,
        password=settings.DEMO_PASSWORD,
        phone=first.phone,
    )
    admin.role = first.role
    admin.save(update_fields=["role"])
    enterprise = admin.enterprise
    assert enterprise is not None
    for spec in others:
        user = user_create(
            enterprise=enterprise,
            username=spec.username,
            password=settings.DEMO_PASSWORD,
            role=spec.role,
            phone=spec.phone,
        )
        user.is_staff = spec.staff
        user.save(update_fields=["is_staff"])
    return enterprise


def _ensure_card(user: User, card_no: str) -> None:
    """Bind the card the e-port issued; a re-issued card (a fresh var/) gets its new key."""
    card = Card.objects.filter(user=user).first()
    if card is None:
        card_bind(user=user, card_no=card_no, signed=None)  # operator setup: no browser here
    else:
        card_refresh_key(card=card)
