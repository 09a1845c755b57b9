"""The engine's fixtures (a clerk with a bound card, 明细表 lines, a fake bureau)."""

from rebate.declarations.tests.conftest import (  # noqa: F401
    _isolated_files,
    bureau,
    clerk,
    lines,
    rates,
    units,
)
