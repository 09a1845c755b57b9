"""The simulators' own server: own settings, URLconf, secret and database file — never the
product's (its DATABASE_URL is not even passed to their processes)."""

from __future__ import annotations

import stat

from .helpers import ROOT, run_under

INSPECT = """
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

call_command("migrate", "--noinput", "-v", "0")
print(json.dumps({
    "db": str(settings.DATABASES["default"]["NAME"]),
    "apps": [a.name for a in apps.get_app_configs()],
    "urlconf": settings.ROOT_URLCONF,
    "debug": settings.DEBUG,
    "secret": settings.SECRET_KEY,
    "tables": connection.introspection.table_names(),
}))
"""


def test_simulators_have_their_own_database_and_secret(tmp_path):
    product_db = tmp_path / "rebate.sqlite3"
    found = run_under(
        "config.settings.sim", INSPECT, tmp_path, DATABASE_URL=f"sqlite:///{product_db}"
    )
    assert found["db"] == str(tmp_path / "sim.sqlite3")
    assert not product_db.exists()  # the product's database file was never opened
    assert found["urlconf"] == "config.sim_urls" and found["debug"] is False
    assert not [a for a in found["apps"] if a.startswith("rebate.")]
    assert {"sim.customs", "sim.taxbureau", "sim.sms", "sim.access"} <= set(found["apps"])
    assert "sim_taxbureau_submission" in found["tables"]
    assert not [t for t in found["tables"] if t.startswith(("accounts_", "customs_"))]
    key_file = tmp_path / "sim-secret-key"
    assert key_file.read_text().strip() == found["secret"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_the_simulators_processes_never_get_the_products_database(settings, monkeypatch):
    from rebate.core import simulators

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rebate")
    env = simulators.environment()
    assert "DATABASE_URL" not in env
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.sim"


def test_every_simulator_app_is_listed_once_for_the_simulators_server():
    """A simulator added later (any sim/<name>/apps.py) is served by config.settings.sim, mounted
    by config.sim_urls and so covered by the refusal test — and by no product settings module."""
    from config.settings import base, simapps

    packages = {f"sim.{p.parent.name}" for p in (ROOT / "sim").glob("*/apps.py")}
    assert packages == set(simapps.SIM_APPS)
    assert not [a for a in base.INSTALLED_APPS if a.startswith("sim.")]
