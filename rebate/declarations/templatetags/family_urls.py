"""Template side of views.common.family_url: a family page's forms and links name its own URLs."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from rebate.calc.periods import filing_period

from ..families import Family, Step
from ..views.common import family_url as _family_url
from ..views.common import record_url as _record_url

register = template.Library()


@register.simple_tag
def family_url(family: Family, page: str, **query: Any) -> str:
    """``{% family_url family "check" as check_url %}``: the family's page, never 免抵退's."""
    return _family_url(family, page, **query)


@register.simple_tag
def record_url(family: Family, table: str, record_id: int | None) -> str:
    """``{% record_url family d.table d.record_id as href %}``: "" when the row has no page."""
    return _record_url(family, table, record_id)


@register.filter
def business_label(family: Family, code: str) -> str:
    """``{{ family|business_label:r.business_code }}``: the business's name in the family (its
    code when the family does not know it)."""
    return next((b.label for b in family.businesses if b.code == code), code)


@register.filter
def page_title(family: Family, page: str) -> str:
    """``{{ family|page_title:"generate" }}``: the family's name of one of its pages."""
    return family.title(page)


@register.filter
def declared_by(family: Family) -> str:
    """The step that makes the family's data declared: 确认申报/正式申报, or 远程申报 where there is
    no self-check to confirm (进料, 备案: SPEC §11)."""
    return family.title("confirm") if family.has(Step.CONFIRM) else "远程申报"


@register.simple_tag
def form_names(family: Family | None, period: str = "") -> str:
    """``{% form_names family period %}``: 《…》 of each form the law renamed, by the name in
    force for ``period`` — the current filing period's when the page shows none."""
    if family is None:
        return ""
    shown = period or str(filing_period(timezone.localdate()))
    return "".join(f"《{name}》" for name in family.renamed_forms(shown))
