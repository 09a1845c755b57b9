"""The business registry: one ``BusinessSpec`` per 申报业务 that travels in a declaration package.

Every business shares one envelope (``DeclarationPackage`` → ``Head``, ``Body``, ``Signature``,
see ``envelope``); a spec says what is business-specific: its code and file short name, its
namespace, version and XSD, how its period appears (所属期, 申报年 or a filing sequence
number), and its ordered body sections, each with its record table and its own rules. The
writer, the reader, ``xsdgen`` and the bureau simulator's intake all look businesses up here,
so a new business (a test-only one included) is one ``register_business`` call.

File names **[project decision]**, ``{海关企业代码}_{期}_{业务简称}.xml`` (DOMAIN §6.3):
the 期 slot is the 所属期 ``YYYYMM`` (``PeriodKind.MONTH``), the 申报年 ``YYYY``
(``PeriodKind.YEAR``) or ``XH`` + the filing's 申请序号 (``PeriodKind.NONE``: one package per
filing, no period; e.g. ``4403960D01_XH0007_rdxx.xml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lxml import etree

from ..errors import WireError
from ..spec import RecordSpec

FILENAME = re.compile(
    r"(?P<code>[0-9]{4}[0-9A-Z]{6})_(?P<period>[0-9A-Z]{4,10})_(?P<short>[a-z][a-z0-9_]*)\.xml"
)
SEQUENCE_PREFIX = "XH"


class PeriodKind(StrEnum):
    """How a business's package names the time it declares for."""

    MONTH = "month"  # 所属期 YYYYMM
    YEAR = "year"  # 申报年 YYYY
    NONE = "none"  # no period: each filing has its own 申请序号


_PERIOD_SLOT = {
    PeriodKind.MONTH: re.compile(r"[0-9]{4}(0[1-9]|1[0-2])"),
    PeriodKind.YEAR: re.compile(r"[0-9]{4}"),
    PeriodKind.NONE: re.compile(r"[0-9]{1,8}"),
}


@dataclass(frozen=True, slots=True)
class Section:
    """One body section: ``<name>`` holding ``record.element`` records.

    ``record_type`` (a dataclass) makes the reader hand out typed records instead of dicts.
    ``key``/``exact_keys`` are a section rule as data: the section must hold exactly one record
    per key value (e.g. 汇总表 rows 1..19), and the writer puts them in key order.
    ``line_field`` names the attribute a doubt quotes as the record's 申报序号.
    ``dated_label``: the form's official name by period when the law renamed it (the 明细表,
    rebate.calc.mdt.names); the section element carries it as ``FormName``.
    """

    name: str
    record: RecordSpec
    required: bool = False
    record_type: type | None = None
    key: str = ""
    exact_keys: tuple[Any, ...] = ()
    rule_message: str = ""
    line_field: str = "line_no"
    dated_label: Callable[[str], str] | None = None

    @property
    def label(self) -> str:
        return self.record.label

    def label_for(self, period: str) -> str:
        """The form's name in force for ``period`` (the package head's 所属期/申报年/序号)."""
        return self.dated_label(period) if self.dated_label is not None else self.label

    def check_keys(self, keys: Iterable[Any]) -> None:
        """The section rule: ``exact_keys`` present once each (``WireError`` otherwise)."""
        if self.exact_keys and sorted(keys) != sorted(self.exact_keys):
            message = self.rule_message or f"{self.label}必须恰好包含{list(self.exact_keys)}"
            raise WireError(message, code="malformed")


@dataclass(frozen=True)
class BusinessSpec:
    """What one business puts in the shared envelope; the first section is its main section
    (streamed by reader and writer; its record count is the package's line count)."""

    code: str  # 申报业务表代码, e.g. A0305001
    short_name: str  # 业务简称 (file name), e.g. scsb
    label: str
    sections: tuple[Section, ...]
    period_kind: PeriodKind = PeriodKind.MONTH
    version: str = "1.0"
    self_check: bool = True  # False: 远程申报 → 上传成功 without a self-check
    published: bool = True  # has a committed XSD and docs page (test-only businesses do not)
    title: str = ""
    notes: tuple[str, ...] = ()

    @property
    def namespace(self) -> str:
        return f"urn:ckts:wire:package:{self.short_name}:{self.version.split('.')[0]}"

    @property
    def schema_file(self) -> str:
        return f"package-{self.short_name}-{self.version}.xsd"

    @property
    def doc_file(self) -> str:
        return f"package-{self.short_name}-{self.version}.md"

    @property
    def main(self) -> Section:
        return self.sections[0]

    def section(self, name: str) -> Section:
        for section in self.sections:
            if section.name == name:
                return section
        raise WireError(f"业务{self.code}（{self.short_name}）没有申报表{name}")

    def filename(self, customs_code: str, period: str) -> str:
        """The package's file name; ``period`` is the 所属期, 申报年 or 申请序号."""
        return f"{customs_code}_{self.period_slot(period)}_{self.short_name}.xml"

    def period_slot(self, period: str) -> str:
        if not _PERIOD_SLOT[self.period_kind].fullmatch(period):
            raise WireError(f"{self.label}的{period_label(self.period_kind)}“{period}”格式错误")
        return SEQUENCE_PREFIX + period if self.period_kind is PeriodKind.NONE else period

    def period_of_slot(self, slot: str) -> str:
        """The head's period from a file name's 期 slot (``WireError`` if it does not fit)."""
        value = slot
        if self.period_kind is PeriodKind.NONE:
            value = slot[len(SEQUENCE_PREFIX) :] if slot.startswith(SEQUENCE_PREFIX) else ""
        if not _PERIOD_SLOT[self.period_kind].fullmatch(value):
            expected = {
                PeriodKind.MONTH: "所属期YYYYMM",
                PeriodKind.YEAR: "申报年YYYY",
                PeriodKind.NONE: "XH加申请序号",
            }[self.period_kind]
            raise WireError(
                f"申报文件名的“{slot}”不符合{self.label}的格式（应为{expected}）", code="filename"
            )
        return value

    def xml_schema(self) -> etree.XMLSchema:
        """The XSD documents of this business are validated against."""
        return _schema(self)


def period_label(kind: PeriodKind) -> str:
    return {PeriodKind.MONTH: "所属期", PeriodKind.YEAR: "申报年", PeriodKind.NONE: "申请序号"}[
        kind
    ]


_SCHEMAS: dict[int, tuple[BusinessSpec, etree.XMLSchema]] = {}


def _schema(spec: BusinessSpec) -> etree.XMLSchema:
    from ..safexml import load_schema, schema_from_bytes
    from ..xsdgen import render_xsd
    from .envelope import package_format

    if spec.published:
        return load_schema(spec.schema_file)
    cached = _SCHEMAS.get(id(spec))
    if cached is None or cached[0] is not spec:  # keyed by identity: specs are immutable
        cached = (spec, schema_from_bytes(render_xsd(package_format(spec))))
        _SCHEMAS[id(spec)] = cached
    return cached[1]


_BY_CODE: dict[str, BusinessSpec] = {}


def register_business(spec: BusinessSpec) -> BusinessSpec:
    """Add (or replace, by code) a business; its short name and namespace must be its own."""
    names = [s.name for s in spec.sections]
    if not spec.sections or len(set(names)) != len(names):
        raise WireError(f"业务{spec.code}的申报表为空或重名：{names}")
    for other in _BY_CODE.values():
        if other.code != spec.code and other.short_name == spec.short_name:
            raise WireError(f"业务简称{spec.short_name}已属于业务{other.code}")
    _BY_CODE[spec.code] = spec
    return spec


def unregister_business(code: str) -> None:
    """Remove a business (tests that register their own clean up with this)."""
    _BY_CODE.pop(code, None)


def businesses() -> Sequence[BusinessSpec]:
    return tuple(_BY_CODE.values())


def _known() -> str:
    return "、".join(f"{s.code} {s.short_name}" for s in _BY_CODE.values())


def business(code: str) -> BusinessSpec:
    found = _BY_CODE.get(code)
    if found is None:
        raise WireError(f"不受理业务“{code}”的申报数据（受理的业务：{_known()}）", code="business")
    return found


def business_by_short_name(short_name: str) -> BusinessSpec:
    for spec in _BY_CODE.values():
        if spec.short_name == short_name:
            return spec
    raise WireError(
        f"不受理业务“{short_name}”的申报数据（受理的业务：{_known()}）", code="business"
    )


def business_by_namespace(namespace: str) -> BusinessSpec:
    for spec in _BY_CODE.values():
        if spec.namespace == namespace:
            return spec
    raise WireError(f"未知的申报数据格式“{namespace}”", code="malformed")


def parse_filename(filename: str) -> tuple[str, str, str]:
    """(customs_code, period, short_name) of a package file name, or ``WireError``."""
    code, period, spec = parse_package_filename(filename)
    return code, period, spec.short_name


def parse_package_filename(filename: str) -> tuple[str, str, BusinessSpec]:
    """(customs_code, period, business) of a package file name, or ``WireError``."""
    match = FILENAME.fullmatch(filename)
    if match is None:
        raise WireError(
            f"申报文件名“{filename}”不符合“海关企业代码_所属期_业务简称.xml”的格式",
            code="filename",
        )
    spec = business_by_short_name(match["short"])
    return match["code"], spec.period_of_slot(match["period"]), spec
