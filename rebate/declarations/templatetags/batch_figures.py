"""Family-defined figures in templates: ``{{ batch|figure:column.key }}`` — a batch's, a
review's or a reviewed line's (anything with ``figure(key)``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from django import template

register = template.Library()


class HasFigures(Protocol):
    def figure(self, key: str) -> Decimal | None: ...


@register.filter
def figure(owner: HasFigures, key: str) -> Decimal | str:
    """The figure as a Decimal (shown with its places), "—" when there is none."""
    value = owner.figure(key)
    return "—" if value is None else value
