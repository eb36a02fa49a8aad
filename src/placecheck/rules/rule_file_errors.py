"""A rule file's schema errors in placecheck's words, pointing at the key at fault.

jsonschema finds what is wrong with a rule file (against rule.schema.json);
this module says it for a person: which key, what was found, what is
expected, with a "did you mean" for a misspelt key, check word or value.
"""

from __future__ import annotations

from typing import Any

from placecheck.rules.vocabulary import VOCABULARY

Path = tuple[str | int, ...]
_TYPES = {"object": "a mapping", "array": "a list", "string": "text", "boolean": "true or false",
          "integer": "a whole number", "number": "a number", "null": "empty"}


def explain(error: Any) -> tuple[Path, str]:
    """(where in the file, what is wrong) for the most useful error jsonschema gives."""
    if _is_check(error.schema) and isinstance(error.instance, dict):
        if error.validator in ("minProperties", "maxProperties"):
            words = " and ".join(f"`{k}`" for k in error.instance) or "none"
            return tuple(error.absolute_path), f"a check has exactly one word; this one has {words}"
        if error.validator == "additionalProperties":
            word = next(str(k) for k in error.instance if k not in VOCABULARY)
            return tuple(error.absolute_path), _unknown_word(word)
    if error.validator == "oneOf" and not error.context and _required_forms(error):
        both = " and ".join(" + ".join(f"`{k}`" for k in form) for form in _required_forms(error))
        return tuple(error.absolute_path), f"{_where(tuple(error.absolute_path))} has {both}: " \
                                           "use only one"
    while error.context:
        if all(e.validator == "required" for e in error.context):
            return tuple(error.absolute_path), _needs_one_of(error)
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return _words(error)


def _required_forms(error: Any) -> list[list[str]]:
    """The `required` list of each form of a oneOf, if every form has one."""
    forms = error.schema.get("oneOf") if isinstance(error.schema, dict) else None
    if error.validator != "oneOf" or not isinstance(forms, list):
        return []
    found = [f.get("required") for f in forms if isinstance(f, dict)]
    return found if len(found) == len(forms) and all(found) else []  # type: ignore[return-value]


def _is_check(schema: Any) -> bool:
    """Whether this part of the schema is the definition of a check (one word of many)."""
    return (isinstance(schema, dict) and schema.get("maxProperties") == 1
            and set(schema.get("properties", ())) == set(VOCABULARY))


def _unknown_word(word: str) -> str:
    return (f"`{word}` is not a check word{_did_you_mean(word, list(VOCABULARY))}; "
            f"the words are {', '.join(VOCABULARY)}")


def _needs_one_of(error: Any) -> str:
    forms = [" and ".join(f"`{k}`" for k in e.validator_value) for e in error.context]
    return f"{_where(tuple(error.absolute_path))} needs {' or '.join(forms)}"


def _words(error: Any) -> tuple[Path, str]:
    path: Path = tuple(error.absolute_path)
    where = _where(path)
    keyword, limit, found = error.validator, error.validator_value, error.instance
    if keyword == "required":
        missing = [f"`{k}`" for k in limit if k not in found]
        return path, f"{where} needs {' and '.join(missing)}"
    if keyword == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = next(k for k in found if k not in known)
        return (*path, extra), (f"`{extra}` is not a key of {where}{_did_you_mean(extra, known)}; "
                                f"the keys are {', '.join(known)}")
    if keyword == "enum":
        return path, (f"{where} is {_show(found)}{_did_you_mean(str(found), limit)}; expected "
                      f"one of {', '.join(map(str, limit))}")
    if keyword == "type":
        names = limit if isinstance(limit, list) else [limit]
        return path, f"{where} is {_show(found)}; expected {' or '.join(_TYPES[n] for n in names)}"
    if keyword == "pattern":
        return path, f"{where} is {_show(found)}, which is not in the form expected here"
    if keyword == "minItems":
        return path, f"{where} lists {len(found)} where at least {limit} are needed"
    if keyword == "minLength":
        return path, f"{where} is shorter than {limit} characters"
    if keyword == "maxLength":
        return path, f"{where} is longer than {limit} characters"
    if keyword == "minimum":
        return path, f"{where} is {found}, below {limit}"
    if keyword == "oneOf":
        return path, f"{where} fits more than one of its forms: use only one"
    return path, f"{where} is not valid here"


def _where(path: Path) -> str:
    return "`" + ".".join(str(p) for p in path) + "`" if path else "the file"


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else str(value).lower()


def _did_you_mean(word: str, choices: list[Any]) -> str:
    import difflib

    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""
