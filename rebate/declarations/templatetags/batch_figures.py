"""A batch's family-defined figures in templates: ``{{ batch|figure:column.key }}``."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ..models import DeclarationBatch

register = template.Library()


@register.filter
def figure(batch: DeclarationBatch, key: str) -> Decimal | str:
    """The figure as a Decimal (shown with its 2 places), "—" when the batch has none."""
    value = batch.figure(key)
    return "—" if value is None else value
