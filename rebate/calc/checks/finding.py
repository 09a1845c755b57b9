"""What a rule returns: a code, the record concerned and the message parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rebate.calc.checks.catalogue import RecordRef
from rebate.calc.checks.model import DeclaredLine


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    record: RecordRef
    params: Mapping[str, object] = field(default_factory=dict)


def on_line(code: str, line: DeclaredLine, **params: object) -> Finding:
    """A finding about one declared line (the item key is always a message parameter)."""
    record = RecordRef(line.table, line.line_id, line.item_key)
    return Finding(code, record, {"item_key": line.item_key, **params})
