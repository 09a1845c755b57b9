"""报关单导入: the Single Window's DecMessage XML (one file or a ZIP of them) or a broker's Excel,
stored by the same service as 信息下载 (intake.declarations_store): same checks, same 改单
detection, idempotent, all or nothing.

A file carries no customs-computed values (离岸价, 不予退税标志, 结关日期, 改单标志). For a
declaration already stored they are kept from the stored one where the item is the same goods
and amount, so importing what was downloaded changes nothing, while a changed item drops
figures that belonged to its old amount.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError

from rebate.accounts.models import Enterprise, User
from rebate.core.imports import ImportFailed, RowError
from rebate.core.uploads import MIB, UploadRefused, check_archive, check_size
from rebate.integrations.wire.customs import ExportDeclaration

from ..files.broker import read_broker_sheet
from ..files.decmessage import DecFileError, read_decmessage
from ..models import Declaration
from .intake import CHUNK, DownloadSummary, declarations_store

Progress = Callable[[int, int, str], None]
MAX_XML_BYTES = 5 * MIB  # a DecMessage of 50 items is some 60 KB
MAX_XML_FILES = 1000
NOT_A_FILE = "文件格式不正确：请选择单一窗口导出的报关单XML、其ZIP压缩包，或报关单Excel（.xlsx）"


def _kind(upload: Any, name: str) -> str:
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return "unknown"
        finally:
            upload.seek(0)
        return "xlsx" if "[Content_Types].xml" in names else "zip"
    if name.lower().endswith((".xlsx", ".xls")):
        return "unknown"
    return "xml"


def _read_xml(data: bytes, name: str, trade_code: str, errors: list[RowError]) -> Any:
    try:
        declaration = read_decmessage(data)
    except DecFileError as bad:
        errors += [RowError(0, name, problem) for problem in bad.problems]
        return None
    if declaration.ie_flag != "E":
        errors.append(RowError(0, name, f"报关单{declaration.entry_id}不是出口报关单"))
    elif declaration.trade_code != trade_code:
        message = f"报关单{declaration.entry_id}的境内发货人{declaration.trade_code}不是本企业"
        errors.append(RowError(0, name, message))
    return declaration


def _from_zip(
    upload: Any, trade_code: str, errors: list[RowError], progress: Progress | None
) -> list[ExportDeclaration]:
    check_archive(upload)
    found = []
    with zipfile.ZipFile(upload) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_XML_FILES:
            raise UploadRefused(f"压缩包内文件过多（{len(members)}个），一次最多{MAX_XML_FILES}个")
        for done, member in enumerate(members, start=1):
            name = PurePosixPath(member.filename).name
            if not name.lower().endswith(".xml"):
                errors.append(RowError(0, name, "压缩包中只能有报关单XML文件"))
                continue
            if member.file_size > MAX_XML_BYTES:
                errors.append(RowError(0, name, f"文件过大：超过{MAX_XML_BYTES // MIB}MB的上限"))
                continue
            with archive.open(member) as handle:
                data = handle.read(MAX_XML_BYTES + 1)
            declaration = _read_xml(data, name, trade_code, errors)
            if declaration is not None:
                found.append(declaration)
            if progress:
                progress(done, len(members) + 1, f"已读取{done}个文件")
    if not members:
        errors.append(RowError(0, "—", "压缩包中没有报关单XML文件"))
    return found


def read_files(
    upload: Any, name: str, *, trade_code: str, progress: Progress | None = None
) -> list[ExportDeclaration]:
    """The declarations of the upload, or ImportFailed with every problem (file or row)."""
    errors: list[RowError] = []
    try:
        check_size(upload)
        kind = _kind(upload, name)
        if kind == "xlsx":
            return read_broker_sheet(upload, trade_code=trade_code)
        if kind == "zip":
            declarations = _from_zip(upload, trade_code, errors, progress)
        elif kind == "xml":
            data = upload.read(MAX_XML_BYTES + 1)
            if len(data) > MAX_XML_BYTES:
                raise UploadRefused(f"文件过大：超过{MAX_XML_BYTES // MIB}MB的上限")
            declaration = _read_xml(data, name, trade_code, errors)
            declarations = [declaration] if declaration else []
        else:
            raise UploadRefused(NOT_A_FILE)
    except UploadRefused as refused:
        raise ImportFailed([RowError(0, "—", str(refused))]) from refused
    seen: dict[str, int] = {}
    for d in declarations:
        seen[d.entry_id] = seen.get(d.entry_id, 0) + 1
    errors += [RowError(0, "—", f"报关单{e}在压缩包中出现{n}次") for e, n in seen.items() if n > 1]
    if errors:
        raise ImportFailed(errors)
    return declarations


def _with_customs_values(
    enterprise: Enterprise, declarations: Sequence[ExportDeclaration]
) -> list[ExportDeclaration]:
    entry_ids = [d.entry_id for d in declarations]
    stored: dict[str, Declaration] = {}
    for start in range(0, len(entry_ids), CHUNK):
        rows = Declaration.objects.for_enterprise(enterprise).filter(
            entry_id__in=entry_ids[start : start + CHUNK]
        )
        stored.update((d.entry_id, d) for d in rows.prefetch_related("items"))
    completed = []
    for d in declarations:
        old = stored.get(d.entry_id)
        if old is None:
            completed.append(d)
            continue
        was = {item.g_no: item for item in old.items.all()}
        items = []
        for item in d.items:
            known = was.get(item.g_no)
            same = (
                known is not None
                and old.trans_mode == d.trans_mode
                and (
                    (known.code_ts, known.decl_total, known.trade_curr)
                    == (item.code_ts, item.decl_total, item.trade_curr)
                )
            )
            if same and known is not None:
                item = replace(
                    item,
                    fob_orig=known.fob_orig,
                    fob_usd=known.fob_usd,
                    fob_cny=known.fob_cny,
                    no_refund=known.no_refund,
                )
            items.append(item)
        completed.append(
            replace(d, items=tuple(items), clearance_date=old.clearance_date, amended=old.amended)
        )
    return completed


def declarations_import(
    *,
    enterprise: Enterprise,
    actor: User | None,
    upload: Any,
    name: str,
    progress: Progress | None = None,
) -> DownloadSummary:
    """Read the file(s), then store all or nothing; ImportFailed names each problem."""
    declarations = read_files(upload, name, trade_code=enterprise.customs_code, progress=progress)
    if progress:
        total = len(declarations)
        progress(total, total + 1, f"正在保存{total}张报关单")
    try:
        return declarations_store(
            enterprise=enterprise,
            actor=actor,
            declarations=_with_customs_values(enterprise, declarations),
            origin="导入",
        )
    except ValidationError as refused:
        raise ImportFailed([RowError(0, "—", m) for m in refused.messages]) from refused
