import pytest

from rebate.calc import identifiers as ids

VALID_USCC = ["91440300MA5FHK4H1F", "91441900791176562Y", "9144190074625789XM"]


@pytest.mark.parametrize("code", VALID_USCC)
def test_real_uscc_codes_validate(code: str) -> None:
    assert ids.validate_uscc(code) == code
    assert ids.uscc_check_char(code[:17]) == code[17]
    assert ids.is_valid_uscc(code)


@pytest.mark.parametrize(
    "code",
    [
        "91440300MA5FHK4H1A",  # wrong check character
        "91440300MA5FHK4H1",  # 17 characters
        "91440300MA5FHK4HIF",  # I is not in the alphabet
        "91440300ma5fhk4h1f",  # lower case
        "",
    ],
)
def test_invalid_uscc(code: str) -> None:
    assert not ids.is_valid_uscc(code)
    with pytest.raises(ids.IdentifierError):
        ids.validate_uscc(code)


def test_uscc_org_code_check_can_be_switched_off() -> None:
    # Positions 9-17 altered but the final check character recomputed: only the
    # organisation-code check fails.
    body = "91440300MA5FHK4H2"
    code = body + ids.uscc_check_char(body)
    assert not ids.is_valid_uscc(code)
    assert ids.validate_uscc(code, check_org_code=False) == code


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("4403960A3U", True),
        ("4419946995", True),
        ("440396", False),
        ("A403960A3U", False),
        ("4403960a3u", False),
    ],
)
def test_customs_code(code: str, ok: bool) -> None:
    if ok:
        assert ids.validate_customs_code(code) == code
    else:
        with pytest.raises(ids.IdentifierError):
            ids.validate_customs_code(code)


def test_declaration_number_parts() -> None:
    number = ids.parse_declaration_number("530420250040970934")
    assert number.customs_district == "5304"
    assert number.year == 2025
    assert number.direction is ids.Direction.EXPORT
    assert number.sequence == "040970934"
    assert str(number) == "530420250040970934"
    for bad in ("53042025004097093", "530420252040970934", "5304202500409709X4"):
        with pytest.raises(ids.IdentifierError):
            ids.parse_declaration_number(bad)


def test_item_key_build_and_parse() -> None:
    key = ids.build_item_key("530420250040970934", 3)
    assert key == "530420250040970934003"
    assert len(key) == 21
    parsed = ids.parse_item_key(key)
    assert parsed == ids.ItemKey("530420250040970934", 3)
    assert str(parsed) == key
    assert ids.parse_item_key("530420250040970934050").item_no == 50


@pytest.mark.parametrize(
    "key",
    [
        "530420250040970934000",
        "530420250040970934051",
        "530420250040970934103",
        "53042025004097093401",
    ],
)
def test_bad_item_keys(key: str) -> None:
    assert not ids.is_valid_item_key(key)


def test_build_item_key_range() -> None:
    with pytest.raises(ids.IdentifierError):
        ids.build_item_key("530420250040970934", 51)


def test_invoices() -> None:
    digital = ids.parse_digital_invoice("25442000000012345678")
    assert (digital.kind, digital.year, digital.region, digital.detail) == (
        ids.InvoiceKind.DIGITAL,
        "25",
        "44",
        "2",
    )
    legacy = ids.parse_legacy_invoice("044031900111", "12345678")
    assert legacy.kind is ids.InvoiceKind.LEGACY_12 and legacy.year == "19"
    assert ids.parse_legacy_invoice("4403191130", "00000001").kind is ids.InvoiceKind.LEGACY_10
    assert ids.invoice_format_warning("25442000000012345678") is None
    assert ids.invoice_format_warning("044031900111 12345678") is None
    assert ids.invoice_format_warning("INV-2025-01") is not None
    with pytest.raises(ids.IdentifierError):
        ids.parse_legacy_invoice("12345", "12345678")
    assert ids.validate_tax_classification_code("1090516030000000000")


def test_full_width_digits_are_not_digits() -> None:
    """Identifiers are ASCII: '４４０３…' typed with a Chinese IME is refused, not accepted."""
    import pytest as _pytest

    from rebate.calc.identifiers import IdentifierError, validate_customs_code

    with _pytest.raises(IdentifierError):
        validate_customs_code("４４０３960D01")
