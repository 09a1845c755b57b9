"""The engine's fixtures (a clerk with a bound card, a fake bureau)."""

from rebate.declarations.tests.conftest import _isolated_files, bureau, clerk, units  # noqa: F401
