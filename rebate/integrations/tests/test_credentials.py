"""Issued credentials are kept sealed and sent only to their party, for their account."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from rebate.integrations.credentials import (
    CredentialDocumentError,
    authorization,
    store_issued,
)
from rebate.integrations.http import PartyError
from rebate.integrations.models import Party

pytestmark = pytest.mark.django_db
TOKEN = "4403960X01:s3cr3t-token-value"


def issued(**credentials: str) -> str:
    return json.dumps({"account": "4403960X01", "credentials": credentials})


def test_a_stored_token_is_sealed_at_rest_and_sent_as_bearer():
    assert store_issued(issued(customs=TOKEN)) == [("customs", "4403960X01")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_token FROM integrations_partycredential")
        (sealed,) = cursor.fetchone()
    assert "s3cr3t" not in sealed
    assert authorization(Party.CUSTOMS, "4403960X01") == {"Authorization": f"Bearer {TOKEN}"}
    with pytest.raises(PartyError, match="尚未取得税务局的接入凭证"):
        authorization(Party.TAXBUREAU, "4403960X01")  # another party's is not there


def test_another_secret_key_cannot_unseal(settings):
    store_issued(issued(taxbureau=TOKEN))
    settings.SECRET_KEY = "another-installation-key"
    with pytest.raises(PartyError, match="无法解密"):
        authorization(Party.TAXBUREAU, "4403960X01")


@pytest.mark.parametrize(
    "document", ["not json", json.dumps({"account": "x"}), issued(bank=TOKEN), issued(customs="")]
)
def test_bad_documents_store_nothing(document):
    with pytest.raises(CredentialDocumentError):
        store_issued(document)
    with pytest.raises(PartyError):
        authorization(Party.CUSTOMS, "4403960X01")
