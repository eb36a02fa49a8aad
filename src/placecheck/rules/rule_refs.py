"""What a rule refers to, checked when its pack loads (beyond the rule schema).

Every path compiles and names only variables in scope, every regular
expression compiles, and every `{name}` in a message or hint is a for_each
variable or a parameter that the part's check can set (see registry).
`fail(message, *where)` makes the pack error, located under the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from placecheck.loading import LoadError
from placecheck.rules.path_syntax import PathError, compile_path
from placecheck.rules.value_schema import pattern_problem
from placecheck.rules.vocabulary import VOCABULARY, message_params

TEMPLATE_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
Where = tuple[str | int, ...]
Fail = Callable[..., LoadError]

_PATH_KEYS = {"values", "items", "of", "path", "at", "to"}


def check_templates(check: dict[str, Any], message: str, hint: str, variables: set[str],
                    fail: Fail, message_at: Where, hint_at: Where) -> None:
    """Each `{name}` in a message or hint is a variable or a parameter the check may set."""
    params = message_params(check)
    word = next(iter(check), "")
    for key, template, place in (("message", message, message_at), ("hint", hint, hint_at)):
        for name in TEMPLATE_FIELD.findall(template):
            root = name.split(".")[0]
            if root in variables or (root == name and name in params):
                continue
            if root in params:
                raise fail(f"the {key} uses `{{{name}}}`: `{root}` is a value, not a variable "
                           "with fields", *place, key)
            raise fail(f"the {key} uses `{{{name}}}`, which is neither a for_each variable "
                       f"nor a parameter of the `{word}` check "
                       f"({', '.join(sorted(params))})", *place, key)


def check_paths(spec: Any, variables: set[str], fail: Fail, *where: str | int) -> None:
    """Every path in a check compiles and names only variables in scope."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "schema":
                problem = pattern_problem(value.get("schema") if isinstance(value, dict) else None)
                if problem:
                    raise fail(problem, *where)
                continue
            if key == "some" and isinstance(value, dict):
                _check_path(value["path"], variables, fail, *where)
                check_paths(value["check"], variables | {value["as"]}, fail, *where)
                continue
            if key == "pattern" and isinstance(value, str):
                try:
                    re.compile(value)
                except re.error as exc:
                    raise fail(f"the pattern {value!r} is not a valid regular expression "
                               f"({exc})", *where) from None
                continue
            if key in ("present", "absent"):
                for text in [value] if isinstance(value, str) else value:
                    _check_path(text, variables, fail, *where)
            elif key in _PATH_KEYS and isinstance(value, str):
                _check_path(value, variables, fail, *where)
            elif key in VOCABULARY or isinstance(value, dict | list):
                check_paths(value, variables, fail, *where)
    elif isinstance(spec, list):
        for item in spec:
            check_paths(item, variables, fail, *where)


def _check_path(text: str, variables: set[str], fail: Fail, *where: str | int) -> None:
    try:
        compiled = compile_path(text)
    except PathError as exc:
        raise fail(str(exc), *where) from None
    unknown = compiled.variables - variables
    if unknown:
        raise fail(f"the path {text!r} uses `{', '.join(sorted(unknown))}`, which no for_each "
                   "binds", *where)
