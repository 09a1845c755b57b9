"""The envelope every business shares: ``DeclarationPackage`` → ``Head``, ``Body``, ``Signature``.

The head names the taxpayer, the business and its period (所属期 ``sbny``, 申报年 ``sbnd`` or
申请序号 ``sqxh``, by the business's ``PeriodKind``); the body holds the business's sections in
its order; the signature is the card's ECDSA signature of the canonical form of everything else
(docs/wire/signature.md). Nothing here knows a particular business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from ..spec import Field, Kind, RecordSpec
from ..xsdgen import Attr, Child, Format, Node
from .registry import BusinessSpec, PeriodKind, Section

ROOT, HEAD_ELEMENT, BODY, SIGNATURE_ELEMENT = "DeclarationPackage", "Head", "Body", "Signature"
# Each body section's attribute naming its form as in force for the head's period
# (Section.label_for): optional, so a package written before it existed still reads.
FORM_NAME = "FormName"


@dataclass(frozen=True, slots=True)
class PackageHead:
    customs_code: str  # 海关企业代码
    uscc: str  # 统一社会信用代码 / 纳税人识别号
    taxpayer_name: str
    period: str  # 所属期 YYYYMM, 申报年 YYYY or 申请序号 (BusinessSpec.period_kind)
    business_code: str
    short_name: str
    batch_no: str = ""
    created_on: date | None = None
    software: str = ""


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    card_no: str
    algorithm: str
    canonicalization: str
    digest: str
    value: str


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What the writer produced: the file name, the signed digest and the record counts."""

    filename: str
    digest: str
    line_count: int  # records of the business's main section
    record_counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PackageContent:
    """Everything but the main section's records (those stream through a callback)."""

    head: PackageHead
    business: BusinessSpec
    sections: Mapping[str, tuple[Any, ...]]  # the other sections' records (typed or dicts)
    signature: SignatureBlock
    digest: str  # recomputed from the document (compare with signature.digest)
    line_count: int
    record_counts: Mapping[str, int] = field(default_factory=dict)
    version: str = "1.0"
    # section name → its FormName as written (absent: the package did not name the form)
    form_names: Mapping[str, str] = field(default_factory=dict)


_PERIOD_FIELDS = {
    PeriodKind.MONTH: Field("sbny", "period", Kind.PERIOD, "所属期", required=True),
    PeriodKind.YEAR: Field("sbnd", "period", label="申报年度", required=True, pattern="[0-9]{4}"),
    PeriodKind.NONE: Field("sqxh", "period", label="申请序号", required=True, pattern="[0-9]{1,8}"),
}

SIGNATURE: Final = RecordSpec(
    SIGNATURE_ELEMENT,
    "数字签名",
    (
        Field("CardNo", "card_no", label="IC卡/Ikey卡号", required=True, pattern="[0-9A-Z]{6,20}"),
        Field("Algorithm", "algorithm", label="签名算法", required=True,
              pattern="ECDSA-P256-SHA256"),
        Field("Canonicalization", "canonicalization", label="规范化方法", required=True,
              pattern="ckts-c14n-1"),
        Field("DigestValue", "digest", label="摘要（SHA-256，十六进制）", required=True,
              pattern="[0-9a-f]{64}"),
        Field("SignatureValue", "value", label="签名值（Base64，DER）", required=True,
              max_length=200),
    ),
)  # fmt: skip

# Kept for the life of the process: spec.py caches its tables by the RecordSpec's identity.
_HEADS: dict[tuple[str, str, PeriodKind], RecordSpec] = {}


def head_spec(spec: BusinessSpec) -> RecordSpec:
    """The ``Head`` record of a business: its code and short name are fixed by the XSD."""
    key = (spec.code, spec.short_name, spec.period_kind)
    found = _HEADS.get(key)
    if found is None:
        found = _HEADS[key] = RecordSpec(
            HEAD_ELEMENT,
            "申报包表头",
            (
                Field("hgqydm", "customs_code", label="海关企业代码", required=True,
                      pattern="[0-9]{4}[0-9A-Z]{6}"),
                Field("nsrsbh", "uscc", label="纳税人识别号（统一社会信用代码）", required=True,
                      pattern="[0-9A-Z]{15,20}"),
                Field("nsrmc", "taxpayer_name", label="纳税人名称", required=True,
                      max_length=200),
                _PERIOD_FIELDS[spec.period_kind],
                Field("sbywbm", "business_code", label="申报业务表代码", required=True,
                      pattern=spec.code),
                Field("ywjc", "short_name", label="业务简称", required=True,
                      pattern=spec.short_name),
                Field("pc", "batch_no", label="批次", max_length=2),
                Field("scrq", "created_on", Kind.DATE, "生成日期"),
                Field("rjbb", "software", label="生成软件及版本", max_length=60),
            ),
        )  # fmt: skip
    return found


def _section_node(section: Section) -> Child:
    record = section.record
    rows = Child(Node(record.element, section.label, record=record), min_occurs=0, unbounded=True)
    node = Node(
        section.name,
        f"{section.label}（{section.name}）",
        children=(rows,),
        attributes=(Attr(FORM_NAME, required=False),),
    )
    return Child(node, min_occurs=int(section.required))


def package_format(spec: BusinessSpec) -> Format:
    """The business's document structure, for its XSD and its docs page (``xsdgen``)."""
    head = head_spec(spec)
    return Format(
        schema_file=spec.schema_file,
        namespace=spec.namespace,
        version=spec.version,
        title=spec.title
        or f"{spec.label}申报数据包 (declaration package, {spec.code} {spec.short_name})",
        doc_file=spec.doc_file if spec.published else "",
        notes=spec.notes,
        roots=(
            Node(
                ROOT,
                "申报数据包",
                attributes=(Attr("Version", fixed=spec.version),),
                children=(
                    Child(Node(HEAD_ELEMENT, head.label, record=head)),
                    Child(Node(BODY, "申报表", children=tuple(map(_section_node, spec.sections)))),
                    Child(Node(SIGNATURE_ELEMENT, SIGNATURE.label, record=SIGNATURE)),
                ),
            ),
        ),
    )
