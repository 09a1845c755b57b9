"""No page leaves checking to the browser: its bubbles speak the browser's language (「Please fill
out this field.」, 「Value must be greater than or equal to 0.」) and its date inputs show the
browser's locale format (mm/dd/yyyy). Every page of the URLconf is read, signed in and out."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rebate.core.tests.test_headers import pk_urls, plain_urls

BROWSER_CHECKS = {
    "required": re.compile(r"<(input|select|textarea)\b[^>]*\srequired\b", re.I),
    "type=number": re.compile(r"<input\b[^>]*\stype=\"number\"", re.I),
    "type=date": re.compile(r"<input\b[^>]*\stype=\"(date|datetime-local|month)\"", re.I),
    "min/max/step/pattern": re.compile(r"<input\b[^>]*\s(min|max|step|pattern)=", re.I),
}


def browser_checks(html: str) -> list[str]:
    return [what for what, pattern in BROWSER_CHECKS.items() if pattern.search(html)]


@pytest.mark.django_db
def test_no_signed_in_page_asks_the_browser_to_validate(clerk_client, clerk) -> None:
    wrong = []
    for url in plain_urls() + pk_urls(clerk.enterprise):
        response = clerk_client.get(url)
        if response.headers.get("Content-Type", "").startswith("text/html"):
            wrong += [f"{url}: {what}" for what in browser_checks(response.content.decode())]
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["accounts:login", "accounts:register", "accounts:forgot_password", "accounts:card_login"],
)
def test_no_sign_in_page_asks_the_browser_to_validate(client, name) -> None:
    assert not browser_checks(client.get(reverse(name)).content.decode())
