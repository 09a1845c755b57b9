"""A record's fields as its wire section's record (rebate.integrations.wire.package.other)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rebate.integrations.wire.package.other import CKSH, FKTX, FZCHW, GJZY, SCNL, WDZXX, XXCX, YSSB
from rebate.integrations.wire.spec import RecordSpec


def mapper(spec: RecordSpec) -> Callable[[Any], Mapping[str, object]]:
    """The section's fields read from the model's attributes of the same name (申报序号 from
    ``sequence_no``)."""
    names = [field.attr for field in spec.fields if field.attr != "line_no"]

    def to_wire(row: Any) -> Mapping[str, object]:
        values: dict[str, object] = {"line_no": row.sequence_no}
        for name in names:
            value = getattr(row, name)
            values[name] = "" if value is None else value
        return values

    return to_wire


proceeds = mapper(CKSH)
info_query = mapper(XXCX)
no_info = mapper(WDZXX)
self_use = mapper(GJZY)
used_equipment = mapper(YSSB)
non_own = mapper(FZCHW)
capacity_report = mapper(SCNL)
risk_control_report = mapper(FKTX)
