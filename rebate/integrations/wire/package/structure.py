"""Document structure of the 免抵退 declaration package (sections in a fixed order)."""

from __future__ import annotations

from typing import Final

from ..xsdgen import Attr, Child, Format, Node
from .specs import HEAD, NAMESPACE, OTHER_FORMS, SBHZ, SCHEMA, SIGNATURE, TSSB, VERSION

SECTION_ORDER: Final = ("TSSB", "SBHZ", *OTHER_FORMS)


def _section(name: str) -> Child:
    if name == "TSSB":
        record, label, required = TSSB, TSSB.label, True
    elif name == "SBHZ":
        record, label, required = SBHZ, SBHZ.label, True
    else:
        record, label, required = OTHER_FORMS[name], OTHER_FORMS[name].label, False
    rows = Child(Node(record.element, label, record=record), min_occurs=0, unbounded=True)
    return Child(Node(name, f"{label}（{name}）", children=(rows,)), min_occurs=int(required))


FORMAT: Final = Format(
    schema_file=SCHEMA,
    namespace=NAMESPACE,
    version=VERSION,
    title="生产企业免抵退税申报数据包 (declaration package, A0305001 scsb)",
    doc_file="package-scsb-1.0.md",
    notes=(
        "File name `{海关企业代码}_{所属期YYYYMM}_scsb.xml` (DOMAIN §6.3). The body carries every "
        "form of DOMAIN §6.2; `Signature` holds the card number and an ECDSA P-256 signature "
        "over the canonical form `ckts-c14n-1` of the whole document except the `Signature` "
        "element (docs/wire/signature.md). Build packages with "
        "`rebate.integrations.wire.package.write_package` (streaming).",
    ),
    roots=(
        Node(
            "DeclarationPackage",
            "申报数据包",
            attributes=(Attr("Version", fixed=VERSION),),
            children=(
                Child(Node("Head", HEAD.label, record=HEAD)),
                Child(Node("Body", "申报表", children=tuple(_section(s) for s in SECTION_ORDER))),
                Child(Node("Signature", SIGNATURE.label, record=SIGNATURE)),
            ),
        ),
    ),
)
