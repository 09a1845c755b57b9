"""Cursor pagination: stable under inserts and as fast on page 20,000 as on page 1 (no
OFFSET, no COUNT over a million 明细 lines)."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_description = "上一页/下一页的游标（响应中的 next / previous）"
    page_size_query_description = "每页条数（最多500）"
