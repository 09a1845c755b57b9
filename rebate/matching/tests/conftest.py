"""A clerk with a bound card (the engine's fixture) and the customs unit table."""

from rebate.declarations.tests.conftest import _isolated_files, clerk, units  # noqa: F401
