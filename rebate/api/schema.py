"""OpenAPI post-processing: every operation documents the refusals any endpoint can give
(the one error body), so a checker can hold every response to the schema."""

from __future__ import annotations

from typing import Any

COMMON = {
    "400": "输入有误（fields 指出字段）",
    "401": "未提供或无效的API令牌",
    "403": "无权限（查看角色不能修改、未绑定IC卡、需IC卡签名等）",
    "404": "未找到（或属于其他企业）",
    "409": "状态不允许（如记录已生成申报数据）或相同Idempotency-Key的请求正在处理",
    "422": "Idempotency-Key 已用于另一请求",
    "413": "请求内容过大",
    "429": "请求过于频繁（见 Retry-After）",
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["code", "message", "fields"],
}
IDEMPOTENCY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "重复提交时返回第一次的结果（不会生成第二个批次）",
}


def add_common_responses(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status, text in COMMON.items():
                responses.setdefault(status, {"description": text, "content": ref})
            if method == "post":
                operation.setdefault("parameters", []).append(IDEMPOTENCY)
    return result
