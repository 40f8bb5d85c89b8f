"""Translate jsonschema validation errors into Chinese sentences for editors."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jsonschema is imported only when a file is refused (macros/core/loader.py)
    from jsonschema.exceptions import ValidationError

TYPE_NAMES = {
    "string": "文本", "object": "键值对(映射)", "array": "列表", "integer": "整数",
    "number": "数字", "boolean": "true/false", "null": "空值",
}


def _actual_type(value) -> str:
    if value is None:
        return "空值"
    for name, kind in (("true/false", bool), ("整数", int), ("数字", float), ("文本", str),
                       ("列表", list), ("键值对(映射)", dict)):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def describe(error: ValidationError) -> str:
    """One Chinese sentence (with the English gist) for a schema error."""
    v, value, arg = error.validator, error.instance, error.validator_value
    if v == "required":
        missing = [k for k in arg if isinstance(value, dict) and k not in value]
        return f"缺少必填字段 “{'、'.join(missing)}” (missing required field)"
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        return (f"未知字段 “{'、'.join(extra)}”,可能拼写错误;允许的字段:{'、'.join(allowed)}"
                " (unknown key)")
    if v == "type":
        want = arg if isinstance(arg, str) else arg[0]
        return f"类型错误:应为{TYPE_NAMES.get(want, want)},实际是{_actual_type(value)} (wrong type)"
    if v in ("minLength", "pattern") and error.schema.get("pattern") == "\\S":
        return "文本不能为空 (empty text)"
    if v == "pattern" and error.schema.get("pattern", "").startswith("^[0-9]{4}"):
        return f"日期 “{value}” 格式不对:应写成 YYYY-MM-DD,如 2026-11-27 (invalid date)"
    if v == "pattern":
        return (f"id “{value}” 格式不对:只能用小写英文字母、数字和连字符,以字母开头,如 skills-basics"
                " (invalid id)")
    if v == "maxLength":
        return f"太长:最多 {arg} 个字符 (too long)"
    if v == "minItems":
        return "列表不能为空 (empty list)"
    if v == "enum":
        return f"取值 “{value}” 无效,只能是:{'、'.join(map(str, arg))} (invalid value)"
    if v == "minimum":
        return f"数值不能小于 {arg} (too small)"
    if v == "anyOf" and error.schema.get("anyOf") == [{"required": ["text"]}, {"required": ["title"]}]:
        return "措施至少要有 text 或 title 之一 (item needs text or title)"
    return f"不符合格式要求:{error.message}"
