from __future__ import annotations

from collections import Counter

from rebate.calc.periods import Period
from sim.access.testing import credential
from sim.generator.packages import clean_lines, reference_package
from sim.taxbureau.models import PlantedAnomaly

URL = "/taxbureau/api/v1"


def submit(client, code: str, filename: str, data: bytes, caller: str | None = None):
    return client.post(
        URL + "/packages",
        data=data,
        content_type="application/xml",
        HTTP_X_FILENAME=filename,
        **credential("taxbureau", caller or code),
    )


def get(client, code: str, path: str, **params):
    return client.get(URL + path, params, **credential("taxbureau", code))


def post(client, code: str, path: str, body: bytes = b"{}"):
    return client.post(URL + path, body, content_type="application/json",
                       **credential("taxbureau", code))  # fmt: skip


def planted(code: str, period: str) -> Counter[tuple[str, str]]:
    rows = PlantedAnomaly.objects.filter(customs_code=code, period=period)
    return Counter(rows.values_list("item_key", "expected_code"))


def package(code: str, period: str, *, clean: bool = False) -> tuple[str, bytes]:
    lines = clean_lines(code, Period.parse(period)) if clean else None
    return reference_package(code, Period.parse(period), lines)
