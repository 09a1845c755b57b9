"""Decimal field presets: one precision policy for the whole product (DOMAIN.md §1.4)."""

from __future__ import annotations

from typing import Any

from django.db import models


def AmountField(verbose_name: str, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """Yuan / foreign-currency amounts: 2 places, up to 10^16."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, **kwargs)


def RateField(verbose_name: str, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """Tax rates and allocation rates as fractions (0.13), 6 places."""
    return models.DecimalField(verbose_name, max_digits=10, decimal_places=6, **kwargs)


def ExchangeRateField(verbose_name: str, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """RMB per 1 foreign unit, 6 places."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=6, **kwargs)


def QuantityField(verbose_name: str, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """Quantities in the legal unit, 5 places."""
    return models.DecimalField(verbose_name, max_digits=17, decimal_places=5, **kwargs)
