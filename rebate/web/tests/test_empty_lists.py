"""Empty states (issue 23 "Finish"): every record list wired into the URLs, opened by an
enterprise with no rows, says what to do next, naming buttons and pages that exist."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rebate.core.records import RecordListView, RecordType
from rebate.declarations.families import Step, families
from rebate.declarations.views.common import family_url
from rebate.web.menu import leaves

pytestmark = pytest.mark.django_db
QUOTED = re.compile(r"「([^」]+)」")
LINK = re.compile(r'<a href="([^"]+)">(.*?)</a>')
EMPTY_ROW = re.compile(r'<tbody[^>]*>\s*<tr><td colspan="\d+">([^<]*)</td></tr>\s*</tbody>')


def _list_records(patterns: Any = None) -> list[RecordType]:
    found: list[RecordType] = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            found += _list_records(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "view_class", None)
            if view is RecordListView:
                found.append(entry.callback.view_initkwargs["record"])
    return found


RECORDS = _list_records()


def _empty_text(page: str) -> str:
    table = page[page.index('class="table table-sm table-bordered table-hover record-table"') :]
    match = EMPTY_ROW.search(table)
    assert match, "the list shows no empty row"
    return html.unescape(match.group(1))


def _named_everywhere(client: Any, text: str, page: str, raw: str = "") -> None:
    """Each 「name」 is a button or link of this page, a menu entry, a link of the text (to a
    page that opens), or a button of a page the text names or links."""
    menu = {leaf.label: leaf for leaf in leaves() if leaf.available}
    links = {html.unescape(re.sub("<[^>]+>", "", name)).strip("「」"): html.unescape(href)
             for href, name in LINK.findall(raw)}  # fmt: skip
    named = [menu[n].url() for n in QUOTED.findall(text) if n in menu] + list(links.values())
    pages = [page, *(client.get(url).content.decode() for url in named)]
    for name in QUOTED.findall(text):
        known = name in menu or name in links or any(f">{name}<" in p for p in pages)
        assert known, f"「{name}」 is nowhere"


def test_the_harness_finds_every_list() -> None:
    keys = {r.key for r in RECORDS}
    assert len(RECORDS) >= 50 and {"goods:exportline", "goods:writeback"} <= keys


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.key)
def test_an_empty_list_says_what_to_do_next(clerk_client, clerk, record) -> None:
    response = clerk_client.get(reverse(record.url_name("list")))
    assert response.status_code == 200
    page = response.content.decode()
    reason = record.unavailable_reason(clerk.enterprise)
    if reason:  # the form is closed to this enterprise: the page says why and where to go
        assert reason in html.unescape(page) and record.unavailable_links
        return
    text = _empty_text(page)
    assert text.startswith("暂无数据") and QUOTED.search(text), text
    _named_everywhere(clerk_client, text, page)


def test_an_empty_query_says_to_change_it(clerk_client) -> None:
    page = clerk_client.get(reverse("goods:exportline_list") + "?period=209912").content.decode()
    text = _empty_text(page)
    assert text == "没有符合查询条件的数据：请修改查询条件后点击「查询」。", text
    _named_everywhere(clerk_client, text, page)


# The lifecycle engine's list pages of each family, with the step that offers them.
FAMILY_PAGES = {
    "print": Step.PRINT,
    "revoke": Step.REVOKE,
    "feedback_upload": Step.FEEDBACK_READ,
    "feedback_download": Step.FEEDBACK_DOWNLOAD,
    "query": Step.QUERY,
}
EMPTY_STATE = re.compile(r'class="[^"]*empty-state[^"]*">(.*?)</(?:td|div)>')
PAGES = [(f, page) for f in families() if f.url_namespace for page, step in FAMILY_PAGES.items()
         if f.has(step)]  # fmt: skip


@pytest.mark.parametrize("family,page", PAGES, ids=lambda x: getattr(x, "key", x))
def test_an_empty_family_page_says_what_to_do_next(clerk_client, family, page) -> None:
    response = clerk_client.get(family_url(family, page))
    assert response.status_code == 200
    shown = response.content.decode()
    found = EMPTY_STATE.findall(shown)
    assert found, f"{family.key} {page}: no empty state"
    for raw in found:
        text = html.unescape(re.sub("<[^>]+>", "", raw))
        assert text.startswith(("暂无", "没有")) and QUOTED.search(text), text
        _named_everywhere(clerk_client, text, shown, raw)


# The product's other list pages that a clerk fills: where the rows come from.
OTHER_LISTS = (
    "documents:batches",
    "webhooks:endpoints",
    "webhooks:deliveries",
)


@pytest.mark.parametrize("url_name", OTHER_LISTS)
def test_other_empty_lists_say_what_to_do_next(clerk_client, url_name) -> None:
    shown = clerk_client.get(reverse(url_name)).content.decode()
    (raw,) = EMPTY_STATE.findall(shown)
    text = html.unescape(re.sub("<[^>]+>", "", raw))
    assert text.startswith(("暂无", "没有", "尚未", "还没有")) and QUOTED.search(text), text
    _named_everywhere(clerk_client, text, shown, raw)
