"""配置 services: checks with the clerk's messages; nothing changes on refusal."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rebate.accounts.tests.factories import make_uscc
from rebate.calc.exchange import RateMethod
from rebate.configuration import selectors, services
from rebate.configuration.models import EnterpriseCurrency, Principal, RateMethodChoice


@pytest.mark.django_db
def test_currency_takes_name_and_old_code_from_the_customs_table(tables, user) -> None:
    ent = user.enterprise
    row = services.enterprise_currency_create(
        enterprise=ent, actor=user, data={"currency_code": "USD", "note": ""}
    )
    assert (row.name, row.old_code) == ("美元", "502")
    with pytest.raises(ValidationError, match="该币别已存在"):
        services.enterprise_currency_create(
            enterprise=ent, actor=user, data={"currency_code": "USD"}
        )
    with pytest.raises(ValidationError, match="币别代码不存在"):
        services.enterprise_currency_create(
            enterprise=ent, actor=user, data={"currency_code": "ZZZ"}
        )
    assert list(selectors.enterprise_currencies(ent).values_list("currency_code", flat=True)) == [
        "USD"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taxpayer_id", "customs_code", "message"),
    [
        ("123", "", "纳税人识别号应为15至20位"),
        (make_uscc(1)[:-1] + ("0" if make_uscc(1)[-1] != "0" else "1"), "", "校验位错误"),
        (make_uscc(2), "44ABC", "海关企业代码应为10位"),
    ],
)
def test_principal_checks(user, taxpayer_id, customs_code, message) -> None:
    with pytest.raises(ValidationError, match=message):
        services.principal_create(
            enterprise=user.enterprise,
            actor=user,
            data={"name": "甲公司", "taxpayer_id": taxpayer_id, "customs_code": customs_code},
        )
    assert not Principal.objects.exists()


@pytest.mark.django_db
def test_principal_is_normalised_and_unique_per_enterprise(user) -> None:
    data = {"name": "甲公司", "taxpayer_id": make_uscc(3).lower(), "customs_code": "4403960a3u"}
    row = services.principal_create(enterprise=user.enterprise, actor=user, data=data)
    assert (row.taxpayer_id, row.customs_code) == (make_uscc(3), "4403960A3U")
    with pytest.raises(ValidationError, match="委托企业已存在"):
        services.principal_create(enterprise=user.enterprise, actor=user, data=data)


@pytest.mark.django_db
def test_delivery_place_district_must_exist(tables, user) -> None:
    with pytest.raises(ValidationError, match="境内货源地代码不存在"):
        services.delivery_place_create(
            enterprise=user.enterprise,
            actor=user,
            data={"code": "A1", "name": "仓", "district_code": "00000"},
        )
    row = services.delivery_place_create(
        enterprise=user.enterprise,
        actor=user,
        data={"code": "a1", "name": "仓", "district_code": "44031"},
    )
    assert row.code == "A1"


@pytest.mark.django_db
def test_paperless_periods_do_not_overlap(tables, user) -> None:
    ent = user.enterprise
    services.paperless_flag_create(
        enterprise=ent,
        actor=user,
        data={"value": "Y", "valid_from": date(2026, 1, 1), "valid_to": date(2026, 6, 30)},
    )
    with pytest.raises(ValidationError, match="重叠"):
        services.paperless_flag_create(
            enterprise=ent,
            actor=user,
            data={"value": "N", "valid_from": date(2026, 6, 1), "valid_to": None},
        )
    with pytest.raises(ValidationError, match="不能早于"):
        services.paperless_flag_create(
            enterprise=ent,
            actor=user,
            data={"value": "N", "valid_from": date(2026, 8, 1), "valid_to": date(2026, 7, 1)},
        )
    services.paperless_flag_create(
        enterprise=ent,
        actor=user,
        data={"value": "N", "valid_from": date(2026, 7, 1), "valid_to": None},
    )
    assert selectors.is_paperless(ent, date(2026, 3, 1))
    assert not selectors.is_paperless(ent, date(2026, 7, 2))


@pytest.mark.django_db
def test_region_and_viewer(user, viewer) -> None:
    services.enterprise_region_set(enterprise=user.enterprise, actor=user, region="宁波")
    user.enterprise.refresh_from_db()
    assert user.enterprise.region == "宁波"
    with pytest.raises(ValidationError, match="请选择所属地区"):
        services.enterprise_region_set(enterprise=user.enterprise, actor=user, region="火星")
    with pytest.raises(PermissionDenied):
        services.enterprise_region_set(enterprise=viewer.enterprise, actor=viewer, region="宁波")


@pytest.mark.django_db
def test_filing_update_from_feedback(user) -> None:
    filing = services.enterprise_filing_update(
        enterprise=user.enterprise,
        source_note="反馈文件 FK202603.zip",
        filing_no="BA4403001",
        filing_date=date(2020, 5, 6),
        category="二类",
    )
    again = services.enterprise_filing_update(enterprise=user.enterprise, category="一类")
    assert again.pk == filing.pk and (again.filing_no, again.category) == ("BA4403001", "一类")
    with pytest.raises(ValueError, match="unknown"):
        services.enterprise_filing_update(enterprise=user.enterprise, name="x")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("history", "method", "year", "error"),
    [
        ([], "FIRST_OF_MONTH", 2026, None),
        ([(2026, "SAME_DAY")], "SAME_DAY", 2026, None),
        ([(2026, "SAME_DAY")], "FIRST_OF_MONTH", 2026, "一个年度内不得变更"),
        ([(2026, "SAME_DAY")], "FIRST_OF_MONTH", 2027, None),
        ([], "WEEKLY", 2026, "请选择汇率折算方式"),
    ],
)
def test_rate_method_cannot_change_within_a_year(user, history, method, year, error) -> None:
    ent = user.enterprise
    for y, m in history:
        RateMethodChoice.objects.create(enterprise=ent, year=y, method=m)
    if error:
        with pytest.raises(ValidationError, match=error):
            services.rate_method_choose(enterprise=ent, actor=user, method=method, year=year)
        assert RateMethodChoice.objects.count() == len(history)
        return
    services.rate_method_choose(enterprise=ent, actor=user, method=method, year=year)
    assert selectors.enterprise_rate_method(ent, year) is RateMethod[method]


@pytest.mark.django_db
def test_export_rate_follows_the_enterprise_method(user) -> None:
    from decimal import Decimal

    from rebate.codes.models import ExchangeRate
    from rebate.codes.services.reference import CodeTable, load_customs_table

    load_customs_table(CodeTable.CURRENCY)
    ExchangeRate.objects.create(
        currency="USD", on_date=date(2026, 3, 1), rate=Decimal("7.1"), source="manual"
    )
    ExchangeRate.objects.create(
        currency="USD", on_date=date(2026, 3, 9), rate=Decimal("7.2"), source="manual"
    )
    ent = user.enterprise
    assert selectors.export_exchange_rate(ent, "USD", date(2026, 3, 9)) == Decimal("7.2")
    services.rate_method_choose(enterprise=ent, actor=user, method="FIRST_OF_MONTH", year=2026)
    assert selectors.export_exchange_rate(ent, "USD", date(2026, 3, 9)) == Decimal("7.1")
    assert not EnterpriseCurrency.objects.exists()


def test_principal_customs_code_uses_the_shared_rule(enterprise, clerk) -> None:
    """Full-width digits typed with a Chinese IME are not a customs code."""
    import pytest as _pytest
    from django.core.exceptions import ValidationError as _VE

    from rebate.configuration.services import principal_create

    data = {"name": "委托方", "taxpayer_id": "91440300MA5DEMQ01H"}
    with _pytest.raises(_VE, match="海关企业代码应为10位"):
        principal_create(
            enterprise=enterprise, actor=clerk, data={**data, "customs_code": "４４０３960D01"}
        )
