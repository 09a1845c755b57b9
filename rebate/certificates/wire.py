"""The seven businesses on the wire: their BusinessSpecs (rebate.integrations.wire.package.
certificates), the fields a model's field list (models.Certificate.FIELDS) gives them, and a
record as its section's values.

Codes and file short names: FORMS.md Part 1's code map (S1 + S2, verified); a package is named
``{海关企业代码}_{所属期}_{简称}.xml`` (S1 flags every 证明 as carrying the 所属期). Element
names are S3's column names; the 21-digit 出口报关单号 travels as ``ckbgdh`` (报关单号 + 项号).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models as dj

from rebate.integrations.wire.package import BusinessSpec
from rebate.integrations.wire.package import certificates as wire_specs
from rebate.integrations.wire.spec import Field, Kind

from . import models

ITEM_KEY = r"[0-9]{21}"


@dataclass(frozen=True, slots=True)
class CertificateBusiness:
    """One business of the family: its code, short name, label, model and URL name."""

    code: str
    short_name: str
    label: str
    model: type[models.Certificate]
    name: str  # the record pages' name (menu: certificates:<name>_list)
    section: str


_B = CertificateBusiness
BUSINESSES = (
    _B("A0203002", "lljg", "来料加工免税证明", models.InwardProcessing, "inwardprocessing", "LLJG"),
    _B("A0203001", "llhx", "来料加工出口货物免税证明核销", models.InwardWriteoff, "inwardwriteoff",
       "LLJGHX"),
    _B("A0201001", "dlzm", "代理出口货物证明", models.Agency, "agency", "DLCK"),
    _B("A0201005", "tgbs", "出口货物退运已补税（未退税）证明", models.ReturnedGoods,
       "returnedgoods", "TYYBS"),
    _B("A0201003", "wtck", "委托出口货物证明", models.Entrusted, "entrusted", "WTCK"),
    _B("A0205003", "jyzm", "出口卷烟已免税证明", models.Cigarette, "cigarette", "JYYMS"),
    _B("A0205002", "zyjy", "准予免税购进出口卷烟证明", models.CigarettePermit, "cigarettepermit",
       "ZYMSGJJY"),
    _B("A0205001", "jyhx", "出口卷烟免税核销", models.CigaretteWriteoff, "cigarettewriteoff",
       "JYMSHX"),
    _B("A0202001", "bbzm", "补办出口退（免）税证明", models.Reissue, "reissue", "BBZM"),
    _B("A0201007", "zbzm", "中标证明通知书", models.WinningBid, "winningbid", "ZBZM"),
)  # fmt: skip
BY_MODEL = {k.model: k for k in BUSINESSES}
BY_CODE = {k.code: k for k in BUSINESSES}


def _kind(field: dj.Field[Any, Any]) -> Kind:
    if isinstance(field, dj.DateField):
        return Kind.DATE
    if isinstance(field, dj.DecimalField):
        return {2: Kind.AMOUNT, 5: Kind.QUANTITY}.get(field.decimal_places or 0, Kind.NUMBER)
    if isinstance(field, dj.IntegerField):
        return Kind.INT
    return Kind.TEXT


def wire_fields(model: type[models.Certificate]) -> tuple[Field, ...]:
    """The section's fields: 申报序号, then the form's fields and its tail, in order."""
    fields = [Field("sbxh", "line_no", label="申报序号", required=True, max_length=10)]
    for name, tag in (*model.FIELDS, *model.TAIL):
        if name == "item_no":
            continue  # travels inside the 21-digit ckbgdh
        if name == "entry_id":
            fields.append(Field(tag, "item_key", label="出口报关单号（21位）", required=True,
                                pattern=ITEM_KEY))  # fmt: skip
            continue
        f = model._meta.get_field(name)
        assert isinstance(f, dj.Field)
        kind = _kind(f)
        fields.append(
            Field(tag, name, kind, str(f.verbose_name), required=not f.blank and not f.null,
                  max_length=f.max_length if kind is Kind.TEXT else None)
        )  # fmt: skip
    return tuple(fields)


# The businesses' specs are the wire's (registered there for the bureau too); the model's
# field list derives the same fields (wire_fields), which tests/test_wire.py holds equal.
SPECS: dict[str, BusinessSpec] = dict(wire_specs.SPECS)


def to_wire(row: models.Certificate) -> Mapping[str, object]:
    """A record as its section's values (keyed by the wire fields' attributes)."""
    spec_fields = SPECS[BY_MODEL[type(row)].code].main.record.fields
    values: dict[str, object] = {}
    for field in spec_fields:
        if field.attr == "line_no":
            values["line_no"] = row.sequence_no
        elif field.attr == "item_key":
            values["item_key"] = row.item_key
        else:
            values[field.attr] = getattr(row, field.attr)
    return values
