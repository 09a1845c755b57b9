"""The wire's fields of each business are the ones its model's field list gives (one
declaration per form: a field changed in the model and not on the wire fails here)."""

import pytest

from .. import wire


@pytest.mark.parametrize("kind", wire.BUSINESSES, ids=lambda k: k.short_name)
def test_the_wire_section_is_the_models_field_list(kind: wire.CertificateBusiness) -> None:
    spec = wire.SPECS[kind.code]
    assert (spec.short_name, spec.main.name) == (kind.short_name, kind.section)
    assert spec.main.record.fields == wire.wire_fields(kind.model)
