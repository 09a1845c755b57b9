from __future__ import annotations

import pytest
from django.urls import reverse

from rebate.web import menu

pytestmark = pytest.mark.django_db

SPEC_FUNCTIONS = (
    [f"DC-{i:02d}" for i in range(1, 13)]
    + [f"TS-{i:02d}" for i in range(1, 31)]
    + [f"JL-{i:02d}" for i in range(1, 11)]
    + [f"DZ-{i:02d}" for i in range(1, 17)]
    + [f"BA-{i:02d}" for i in range(1, 15)]
    + [f"QT-{i:02d}" for i in range(1, 19)]
    + [f"PZ-{i:02d}" for i in range(1, 11)]
)


def test_every_spec_function_of_sections_4_to_10_has_a_menu_entry():
    covered = {s.replace("TS-", "TS-").zfill(5) for leaf in menu.leaves() for s in leaf.spec}
    normalised = {f"{s[:3]}{int(s[3:]):02d}" for s in covered}
    missing = [s for s in SPEC_FUNCTIONS if s not in normalised]
    assert not missing


def test_menu_keys_are_unique():
    keys = [entry.key for entry in menu.walk()]
    assert len(keys) == len(set(keys))


def test_main_screen_shows_the_whole_menu_with_the_manuals_labels(clerk_client):
    page = clerk_client.get(reverse("web:main")).content.decode()
    for entry in menu.walk():
        assert entry.label in page
    for label in ("关闭全部选项卡", "关闭其他选项卡", "退出"):
        assert label in page


def test_menu_tooltips_name_the_function_not_its_spec_id(clerk_client):
    import re

    page = clerk_client.get(reverse("web:main")).content.decode()
    titles = re.findall(r'class="menu-link"[^>]*title="([^"]*)"', page)
    assert titles and "报关单采集" in titles
    spec_ids = re.compile(r"\b(DC|TS|JL|DZ|BA|QT|PZ|PT|UI)-\d+")
    assert not [t for t in titles if spec_ids.search(t)]


def test_every_leaf_opens_a_page_never_a_dead_link(clerk_client):
    for leaf in menu.leaves():
        response = clerk_client.get(leaf.url())
        assert response.status_code == 200, f"{leaf.label} → {leaf.url()} {response.status_code}"


def test_every_menu_function_is_built():
    assert [leaf.label for leaf in menu.leaves() if not leaf.available] == []


def test_unbuilt_function_says_it_is_not_available(clerk_client):
    """Every entry is built now; an entry whose page does not resolve (here: a name no app
    mounts) still opens the 「功能暂未开放」 tab, never a dead link."""
    leaf = menu.leaves()[0]
    unbuilt = menu.MenuItem(leaf.key, leaf.label, leaf.spec, url_name="nowhere:page")
    assert not unbuilt.available
    assert unbuilt.url() == reverse("web:unavailable", args=[leaf.key])
    page = clerk_client.get(unbuilt.url()).content.decode()
    assert f"「{leaf.label}」功能暂未开放" in page


def test_portal_offers_login_and_the_standard_application(client):
    page = client.get("/").content.decode()
    assert "登录" in page and "标准应用" in page and "出口退税" in page and "我要办事" in page


def test_a_region_of_我要办事_opens_its_local_page_with_the_standard_login(client):
    portal = client.get("/").content.decode()
    assert reverse("web:region", args=["广东"]) in portal
    page = client.get(reverse("web:region", args=["广东"])).content.decode()
    assert "广东地方单一窗口" in page and "登录标准版" in page
    assert f"{reverse('accounts:login')}?next={reverse('web:main')}" in page
    assert client.get(reverse("web:region", args=["火星"])).status_code == 404


def test_main_screen_needs_sign_in(client):
    response = client.get(reverse("web:main"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
