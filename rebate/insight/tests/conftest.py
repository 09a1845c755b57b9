"""The engine's fixtures (a clerk with a bound card, 明细表 lines of DOMAIN §4's example)."""

from rebate.declarations.tests.conftest import (  # noqa: F401
    _isolated_files,
    clerk,
    lines,
    units,
)
