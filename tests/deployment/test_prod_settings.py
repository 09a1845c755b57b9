"""Production installs and mounts no simulator: the outside world is the real parties."""

from __future__ import annotations

from .helpers import run_under

PROD_ENV = {
    "DJANGO_SECRET_KEY": "k" * 60,
    "DJANGO_ALLOWED_HOSTS": "rebate.example.cn",
    "CUSTOMS_ENDPOINT": "https://eport.example.cn/ckts",
    "TAXBUREAU_ENDPOINT": "https://etax.example.cn/ckts",
    "SMS_ENDPOINT": "https://sms.example.cn",
    "RATES_ENDPOINT": "https://rates.example.cn",
}

INSPECT = """
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import Resolver404, URLResolver, get_resolver, resolve

call_command("migrate", "--noinput", "-v", "0")
views = []
def walk(patterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            walk(p.url_patterns)
        else:
            views.append(p.callback.__module__)
walk(get_resolver().url_patterns)
def resolves(path):
    try:
        resolve(path)
        return True
    except Resolver404:
        return False
print(json.dumps({
    "apps": [a.name for a in apps.get_app_configs()],
    "tables": connection.introspection.table_names(),
    "view_modules": sorted(set(views)),
    "sim_paths": [p for p in ("/sim/sms/api/v1/messages", "/sim/customs/api/v1/declarations",
                              "/sim/taxbureau/api/v1/packages", "/sms/phone/",
                              "/rates/api/v1/central-parity") if resolves(p)],
    "endpoints": [settings.CUSTOMS_ENDPOINT, settings.TAXBUREAU_ENDPOINT, settings.SMS_ENDPOINT,
                  settings.RATES_ENDPOINT],
    "simulator_port": settings.SIMULATOR_PORT,
}))
"""


def test_production_has_no_simulator_app_url_or_table(tmp_path):
    env = {**PROD_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    found = run_under("config.settings.prod", INSPECT, tmp_path, **env)
    assert "rebate.integrations" in found["apps"] and "rebate.accounts" in found["apps"]
    assert not [a for a in found["apps"] if a.startswith("sim.") or a == "sim"]
    assert "accounts_user" in found["tables"]
    assert not [t for t in found["tables"] if t.startswith("sim_")]
    assert not [m for m in found["view_modules"] if m.startswith("sim.")]
    assert found["sim_paths"] == []
    assert found["endpoints"] == [
        PROD_ENV["CUSTOMS_ENDPOINT"], PROD_ENV["TAXBUREAU_ENDPOINT"], PROD_ENV["SMS_ENDPOINT"],
        PROD_ENV["RATES_ENDPOINT"],
    ]  # fmt: skip
    assert found["simulator_port"] is None  # serve starts no simulator


def test_production_requires_the_parties_endpoints(tmp_path):
    import subprocess
    import sys

    from .helpers import ROOT, environment

    env = environment("config.settings.prod", tmp_path, **PROD_ENV)
    del env["TAXBUREAU_ENDPOINT"]
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT,
                          env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode != 0 and "TAXBUREAU_ENDPOINT" in done.stderr
