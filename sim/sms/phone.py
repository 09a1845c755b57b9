"""The simulated handsets: register one with its PIN, unlock it to read its messages."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from .models import Message, Phone

MAX_FAILURES = 5
SHOWN = 20


class Locked(Exception):
    pass


def register(number: str, pin: str) -> Phone:
    phone, _ = Phone.objects.update_or_create(
        number=number, defaults={"pin_hash": make_password(pin), "failures": 0}
    )
    return phone


@transaction.atomic
def unlock(number: str, pin: str) -> list[Message] | None:
    """The phone's latest messages, or None for a wrong number/PIN; five failures lock it."""
    phone = Phone.objects.select_for_update().filter(number=number).first()
    if phone is None:
        return None
    if phone.failures >= MAX_FAILURES:
        raise Locked
    if not check_password(pin, phone.pin_hash):
        phone.failures += 1
        phone.save(update_fields=["failures"])
        return None
    if phone.failures:
        phone.failures = 0
        phone.save(update_fields=["failures"])
    return list(Message.objects.filter(phone=number)[:SHOWN])
